// recover stage: one file's hunks found in its candidate texts, planned and written out.
#include "recover/hunk_rebuilder.hpp"

#include <algorithm>

#include "recover/hunk_merge.hpp"
#include "recover/hunk_repair.hpp"
#include "util/text.hpp"

namespace pt::hunk::rebuild {
namespace {

// Token stream of a flattened hunk: header remainder and body, line breaks ignored.
std::vector<std::string_view> hunk_tokens(const HunkIn& h, const std::vector<std::string_view>& lines) {
  std::vector<std::string_view> t = words(h.section);
  for (size_t i = h.body_begin; i < h.body_end; ++i) {
    auto w = words(lines[i]);
    t.insert(t.end(), w.begin(), w.end());
  }
  return t;
}

long side_offset(const HunkIn& h, const Found& fd) {
  long side_start = fd.post ? h.new_start : h.old_start;
  long side_count = fd.post ? h.new_count : h.old_count;
  return fd.a.start - (side_count == 0 ? side_start : side_start - 1);
}

bool same_words(std::string_view a, std::string_view b) {
  auto wa = words(a), wb = words(b);
  return wa == wb;
}

}  // namespace

// `mode`: -1 the preimage, else the postimage (a hunk that only adds matches any
// preimage; the postimage, if this text is one, also gives the added lines' bytes);
// 0 / 1 only the preimage / postimage.
Found Rebuilder::find_hunk(const FileIn& f, const HunkIn& h, const HunkBody& b, const FileText& file,
                           bool last, int& offset, int mode) const {
  AlignRequest req;
  req.old_start = h.old_start;
  req.old_count = h.old_count;
  req.new_start = h.new_start;
  req.new_count = h.new_count;
  req.allow_leftover = last;
  req.expected_offset = offset;
  req.c_like = f.kernel_style;
  req.header_length = m_lines[h.header].size();
  auto align = [&](bool post) {
    req.postimage = post;
    return m_flattened ? align_tokens(b.toks, file, req) : align_lines(b.units, h.section, file, req);
  };
  Found r;
  if (mode != 1) {
    r.a = align(false);
    r.ok = r.a.ok;
  }
  // Flattened, a lone "+" may be an empty added line before a context line or the marker of
  // the line after it: where the patch is applied, the preimage search finds the added
  // lines as context behind empty ones. The reading with fewer empty free lines wins.
  auto empty_free = [&](const AlignResult& a) {
    int n = 0;
    for (const auto& l : a.lines)
      n += l.kind != Kind::marker && l.file_line < 0 && l.end == l.begin + 1 && b.toks[size_t(l.begin)].size() == 1;
    return n;
  };
  const int empties = m_flattened && r.ok ? empty_free(r.a) : 0;
  // Line mode, the same with wrapped lines: a free line that swallowed the unmarked lines
  // after it as its wrapped tail may be a preimage reading that only fits a text where the
  // patch is applied (the tail was a context line of its own, the hunk found one line off
  // or in a sibling function). The reading that needs fewer wrapped lines wins (found ones
  // count too: a line the patch only re-spaced spells the file on either side, wrapped).
  auto joins = [&](const AlignResult& a, bool free_only) {
    int n = 0;
    for (const auto& l : a.lines)
      if (l.kind != Kind::marker && !l.implied && (l.file_line < 0 || !free_only)) n += l.end - l.begin - 1;
    return n;
  };
  const bool free_joined = !m_flattened && r.ok && joins(r.a, true) > 0;
  if (mode == 1 || (mode == -1 && (!r.ok || h.old_count == 0 || empties > 0 || free_joined))) {
    AlignResult post = align(true);
    if (post.ok && (!r.ok || h.old_count == 0 ||
                    (m_flattened ? empty_free(post) < empties : joins(post, false) < joins(r.a, false))))
      r.a = std::move(post), r.post = true, r.ok = true;
  }
  if (r.ok) offset = int(side_offset(h, r));
  return r;
}

void Rebuilder::search_all(const FileIn& f, const std::vector<HunkBody>& bodies, bool last_file,
                           Candidates& cs, size_t c) const {
  if (!cs.found[c].empty()) return;
  int offset = 0;
  for (size_t k = 0; k < f.hunks.size(); ++k)
    cs.found[c].push_back(find_hunk(f, f.hunks[k], bodies[k], cs.texts[c],
                                    last_file && k + 1 == f.hunks.size(), offset, -1));
}

// For the lines of hunk k that candidate `src` lacks: another candidate holding the hunk's
// other side (6.1 may still lack a patch that 6.12 has: its preimage gives the removed
// lines, 6.12's postimage the added ones) gives them, and with both texts the layout is
// known too; else the byte variants of their words anywhere in the candidates and the
// hunk's context, nearest first.
Plan Rebuilder::plan_hunk(const FileIn& f, size_t k, const std::vector<HunkBody>& bodies, bool last,
                          Candidates& cs, size_t src, std::vector<size_t>& used) const {
  const Found& F = cs.found[src][k];
  Plan plan;
  plan.a = F.a;
  const auto& L = F.a.lines;
  auto& fills = plan.fills;
  fills.resize(L.size());
  const std::vector<Unit>* units = m_flattened ? nullptr : &bodies[k].units;
  const std::vector<std::string_view>* toks = m_flattened ? &bodies[k].toks : nullptr;
  std::vector<size_t> need;
  for (size_t j = 0; j < L.size(); ++j)
    if (L[j].kind != Kind::marker && L[j].file_line < 0 && !damaged_is_exact(free_damaged(units, toks, L[j])))
      need.push_back(j);
  if (need.empty()) return plan;
  const HunkIn& h = f.hunks[k];
  for (size_t c = 0; c < cs.cands.size() && !need.empty(); ++c) {
    if (c == src || cs.cands[c].origin.empty()) continue;
    search_all(f, bodies, last, cs, c);
    Found other = cs.found[c][k];
    if (!other.ok || other.post == F.post) {
      int offset = int(other.ok ? side_offset(h, other) : side_offset(h, F));
      other = find_hunk(f, h, bodies[k], cs.texts[c], last && k + 1 == f.hunks.size(), offset, F.post ? 0 : 1);
      if (!other.ok) continue;
    }
    std::vector<MergedLine> merged;
    if (merge_sides(F.post ? other.a : F.a, F.post ? F.a : other.a, F.post, merged)) {
      plan.a.lines.clear();
      fills.assign(merged.size(), LineFill());
      for (size_t i = 0; i < merged.size(); ++i) {
        AlignedLine l = merged[i].line;
        if (merged[i].from_post != F.post) {
          fills[i].have = true;
          fills[i].bytes = std::string(cs.texts[c].lines[size_t(l.file_line)]);
          l.file_line = -1;
        }
        plan.a.lines.push_back(l);
      }
      used.push_back(c);
      return plan;
    }
    // The texts disagree on the context: the other text's bytes stay a guess.
    for (size_t j : need)
      for (const AlignedLine& o : other.a.lines)
        if (o.begin == L[j].begin && o.end == L[j].end && o.kind == L[j].kind && o.file_line >= 0) {
          fills[j].hint = std::string(cs.texts[c].lines[size_t(o.file_line)]);
          break;
        }
    need.erase(std::remove_if(need.begin(), need.end(), [&](size_t j) { return !fills[j].hint.empty(); }), need.end());
  }
  if (!m_model.collapsed && m_model.tabs_kept) return plan;  // nothing was lost
  // The words of the line before `j` on its side, and of the file line before `i`: a line
  // whose predecessor starts like the hunk line's predecessor is a sibling (the next entry
  // of a table, another call of the same shape), spelled the way a new one is.
  auto first_word_before = [&](size_t j) -> std::string {
    for (size_t q = j; q-- > 0;) {
      if (L[q].kind == Kind::marker || (L[q].kind != Kind::context && L[q].kind != L[j].kind)) continue;
      std::string t = L[q].file_line >= 0 ? std::string(cs.texts[src].lines[size_t(L[q].file_line)])
                                           : free_damaged(units, toks, L[q]);
      auto w = words(t);
      if (!w.empty()) return std::string(w[0]);
    }
    return "";
  };
  auto file_word_before = [&](const FileText& ft, int i) -> std::string_view {
    for (int q = i - 1; q >= 0 && q >= i - 3; --q) {
      auto w = words(ft.lines[size_t(q)]);
      if (!w.empty()) return w[0];
    }
    return {};
  };
  for (size_t j : need) {
    std::string damaged = free_damaged(units, toks, L[j]);
    std::string key = squeeze(damaged);
    std::string before = first_word_before(j);
    struct Seen {
      bool sibling;
      long distance;
      std::string_view bytes;
    };
    std::vector<Seen> seen;
    // The hunk's own changed lines are no witness: an edit often re-indents the line it
    // replaces (a longer call name moves the continuation lines). Its context lines are:
    // a new entry is spelled like the entries around it.
    for (size_t q = 0; q < L.size(); ++q)
      if (L[q].kind == Kind::context && L[q].file_line >= 0 && cs.texts[src].norm[size_t(L[q].file_line)] == key)
        seen.push_back({false, std::labs(long(q) - long(j)), cs.texts[src].lines[size_t(L[q].file_line)]});
    for (size_t c = 0; c < cs.cands.size(); ++c) {
      const auto& idx = cs.index_of(c);
      auto it = idx.find(key);
      if (it == idx.end()) continue;
      const Found* here = c == src ? &F : !cs.found[c].empty() && cs.found[c][k].ok ? &cs.found[c][k] : nullptr;
      int lo = 0, hi = -1;  // file lines the hunk covers in this text
      if (here)
        for (const auto& l : here->a.lines)
          if (l.file_line >= 0) lo = hi < 0 ? l.file_line : std::min(lo, l.file_line), hi = std::max(hi, l.file_line);
      long at = (here ? here->a.start : F.a.start) + long(j);
      for (int i : it->second)
        if (i < lo || i > hi)
          seen.push_back({!before.empty() && file_word_before(cs.texts[c], i) == before, std::labs(long(i) - at),
                          cs.texts[c].lines[size_t(i)]});
    }
    std::stable_sort(seen.begin(), seen.end(), [](const Seen& x, const Seen& y) {
      return x.sibling != y.sibling ? x.sibling : x.distance < y.distance;
    });
    auto& v = fills[j].variants;
    for (const Seen& e : seen) {
      if (std::find(v.begin(), v.end(), e.bytes) != v.end() || !same_words(e.bytes, damaged)) continue;
      v.emplace_back(e.bytes);
      if (e.sibling && e.distance <= 30) fills[j].near_variants = v.size();  // farther: worse on libbpf
    }
  }
  return plan;
}

HunkOut Rebuilder::emit_hunk(const FileIn& f, const HunkIn& h, const HunkBody& b, const Found& fd,
                             const FileText& file, const std::vector<LineFill>& fills, Counters& c) const {
  const AlignResult& a = fd.a;
  DamageModel model = m_model;
  model.kernel_style = f.kernel_style;
  if (model.collapsed) model.sentence_two_spaces = sentences_end_with_two_spaces(file.lines);
  if (!m_flattened && !model.collapsed && !model.tabs_kept) {
    model.tab_stops = learn_tab_stops(b.units, a, file);
    model.tab_width = learn_tab_width(b.units, a, file);
  }
  HunkOut out = build_anchored(a, fd.post, file, m_flattened ? nullptr : &b.units,
                               m_flattened ? &b.toks : nullptr, fills, model, c);
  out.header_ranges = std::string(h.ranges);
  out.section = a.section_from_file || m_flattened ? a.section : std::string(h.section);
  if (!m_flattened && a.consumed_begin > 0) {
    c.joined += a.consumed_begin;
    if (!a.section_from_file)  // the header's wrapped tail, put back as the wrap left it
      for (int i = 0; i < a.consumed_begin; ++i) {
        out.section += ' ';
        out.section += trim(b.units[size_t(i)].raw);
      }
  }
  if (a.leftover >= 0) {
    if (m_flattened) {
      size_t q = size_t(a.leftover);
      if (b.toks[q] == "--") {
        out.after.push_back("-- ");
        ++q;
      }
      if (q < b.toks.size()) out.after.push_back(join_words(b.toks, q, b.toks.size()));
    } else {
      for (size_t i = h.body_begin + size_t(a.leftover); i < h.body_end; ++i)
        out.after.emplace_back(m_lines[i]);
    }
    c.trailing += int(out.after.size());
  }
  return out;
}

HunkOut Rebuilder::repair_hunk(const HunkIn& h, bool last, Counters& c) {
  HunkOut out;
  RepairedHunk r;
  if (m_flattened) {
    r = repair_tokens(hunk_tokens(h, m_lines), last);
    out.section = r.section;
  } else {
    auto units = make_units({m_lines.begin() + long(h.body_begin), m_lines.begin() + long(h.body_end)});
    r = repair_lines(units, h.old_count, h.new_count, m_lines[h.header].size(), last);
    out.section = std::string(h.section);
    if (!r.section_tail.empty()) out.section += std::string(" ") + r.section_tail;
    if (r.leftover >= 0)
      for (size_t i = h.body_begin + size_t(r.leftover); i < h.body_end; ++i) out.after.emplace_back(m_lines[i]);
  }
  if (m_flattened && r.leftover >= 0) {
    auto toks = hunk_tokens(h, m_lines);
    size_t b = size_t(r.leftover);
    if (b < toks.size() && toks[b] == "--") out.after.push_back("-- "), ++b;
    if (b < toks.size()) out.after.push_back(join_words(toks, b, toks.size()));
  }
  c.trailing += int(out.after.size());
  c.joined += r.joined;
  c.markers += m_flattened ? 0 : r.markers;
  out.body = std::move(r.lines);
  bool keep = r.counts_match && !m_flattened;
  if (m_flattened && r.old_count == h.old_count && r.new_count == h.new_count) keep = true;
  if (keep) {
    out.header_ranges = std::string(h.ranges);
  } else {
    out.header_ranges = std::string("-") + count_text(h.old_start, r.old_count) + std::string(" +") + count_text(h.new_start, r.new_count);
    ++c.regenerated;
  }
  return out;
}

// Every candidate text is searched until one holds all hunks (the first such, in the
// caller's order, gives the hunks' structure); a hunk it lacks comes from another one.
FileResult Rebuilder::rebuild_file(const FileIn& f, bool last_file) {
  FileResult res;
  Candidates cs;
  if (m_lookup && !f.path.empty() && !f.hunks.empty()) cs.cands = m_lookup(f.path, f.blob);
  // A created file's preimage is empty: its hunks are found there (origin "": no evidence).
  if (!f.hunks.empty() && std::all_of(f.hunks.begin(), f.hunks.end(), [](const HunkIn& h) { return h.old_count == 0; }))
    cs.cands.push_back({"", ""});
  const size_t H = f.hunks.size(), N = cs.cands.size();
  // The bodies are only searched for: with no candidate text (the rebuilds while mail is
  // parsed) every hunk is repaired from its counts. Building them anyway cost 1% of the
  // benchmark file's parse (callgrind: 3,415 -> 3,383 million instructions).
  std::vector<HunkBody> bodies(N ? H : 0);
  for (size_t k = 0; k < bodies.size(); ++k) {
    const HunkIn& h = f.hunks[k];
    if (m_flattened) bodies[k].toks = hunk_tokens(h, m_lines);
    else bodies[k].units = make_units({m_lines.begin() + long(h.body_begin), m_lines.begin() + long(h.body_end)});
  }
  for (const auto& c : cs.cands) cs.texts.push_back(make_file_text(c.text));
  cs.found.resize(N);
  cs.index.resize(N);
  size_t primary = N;
  long best = 0;
  for (size_t c = 0; c < N; ++c) {
    search_all(f, bodies, last_file, cs, c);
    long n = std::count_if(cs.found[c].begin(), cs.found[c].end(), [](const Found& x) { return x.ok; });
    if (n > best) best = n, primary = c;
    if (n == long(H)) break;
  }
  for (size_t k = 0; k < H; ++k) {
    bool last = last_file && k + 1 == H;
    size_t src = primary;
    if (src < N && !cs.found[src][k].ok)
      for (size_t c = 0; c < N; ++c)
        if (!cs.found[c].empty() && cs.found[c][k].ok) {
          src = c;
          break;
        }
    if (src == N || !cs.found[src][k].ok) {
      res.hunks.push_back(repair_hunk(f.hunks[k], last, res.counts));
      continue;
    }
    std::vector<size_t> used = {src};
    Plan plan = plan_hunk(f, k, bodies, last_file, cs, src, used);
    Found fd = cs.found[src][k];
    fd.a = std::move(plan.a);
    res.hunks.push_back(emit_hunk(f, f.hunks[k], bodies[k], fd, cs.texts[src], plan.fills, res.counts));
    ++res.anchored;
    for (size_t c : used) {
      const std::string& o = cs.cands[c].origin;
      if (o.empty()) continue;
      if (c == src) res.counts.realigned[o]++;
      if (std::find(res.origins.begin(), res.origins.end(), o) == res.origins.end()) res.origins.push_back(o);
    }
  }
  return res;
}

}  // namespace pt::hunk::rebuild
