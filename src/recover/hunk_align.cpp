// recover stage: finding a damaged hunk in a file's text.
//
// A hunk is a sequence of context, removed and added lines. The damage we undo keeps the
// non-blank characters of every line but not the whitespace, so lines are compared
// without any ("squeezed"). Token mode (flattened mail) is in hunk_tokens.cpp; the search
// engine in hunk_search.hpp. The search walks the damaged units
// and the file together: context and removed units each consume one file line, added units
// consume none, a blank file line may be consumed by nothing (the page dropped it). The
// header counts bound the walk; dead states are remembered so the walk is polynomial, and a
// step budget makes it give up instead of hanging on hostile input.
#include "recover/hunk_align.hpp"

#include <algorithm>
#include <cstdlib>

#include "recover/hunk_search.hpp"
#include "util/text.hpp"

namespace pt::hunk {

std::string squeeze(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s)
    if (!is_space(c)) out.push_back(c);
  return out;
}

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    size_t b = i;
    while (i < s.size() && !is_space(s[i])) ++i;
    if (i > b) out.push_back(s.substr(b, i - b));
  }
  return out;
}

namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ident_start(char c) { return is_alpha(c) || c == '_'; }
bool is_ident(char c) { return is_ident_start(c) || is_digit(c); }

// Where a browser would start a tag: '<' then a letter, '/' or '!'.
// A line that starts a block of its own, which kernel style sets off with a blank line
// before it: a goto label, a conditional-compilation block, a file-scope definition, a
// kernel-doc comment.
bool opens_block(std::string_view body) {
  std::string_view t = trim(body);
  if (starts_with(t, "#if") || starts_with(t, "/**") || starts_with(t, "static ")) return true;
  if (t.size() < 2 || t.back() != ':' || !is_ident_start(t[0])) return false;
  t.remove_suffix(1);
  if (t == "default") return false;
  for (char c : t)
    if (!is_ident(c)) return false;
  return true;
}

// A C declaration statement, "int i;", "struct foo *p = bar(x);", "u8 buf[N];": type and
// name words before any '=', no call. Kernel style ends a block of them with a blank line.
bool is_declaration(std::string_view line) {
  std::string_view t = trim(line);
  if (t.empty() || t.back() != ';') return false;
  size_t eq = t.find('=');
  t = t.substr(0, eq == std::string_view::npos ? t.size() - 1 : eq);
  if (size_t br = t.find('['); br != std::string_view::npos) t = t.substr(0, br);  // array size
  int names = 0;
  for (auto w : words(t)) {
    while (!w.empty() && w[0] == '*') w.remove_prefix(1);
    if (w.empty()) continue;
    if (!is_ident_start(w[0])) return false;
    for (char c : w)
      if (!is_ident(c) && c != '*') return false;
    for (std::string_view kw : {"return", "goto", "break", "continue", "case", "else", "do"})
      if (names == 0 && w == kw) return false;
    ++names;
  }
  return names >= 2;
}

bool tag_opens(std::string_view s, size_t i) {
  return s[i] == '<' && i + 1 < s.size() && (is_alpha(s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!');
}

}  // namespace

bool has_tag(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i)
    if (tag_opens(s, i) && s.find('>', i) != std::string_view::npos) return true;
  return false;
}

std::string strip_tags(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (tag_opens(s, i)) {
      size_t close = s.find('>', i);
      size_t nl = s.find('\n', i);
      if (close != std::string_view::npos && close < nl) {
        i = close;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

namespace {

// git's def_ff: a line starting with a letter, '_' or '$' names the function.
bool default_funcname(std::string_view line) {
  return !line.empty() && (is_alpha(line[0]) || line[0] == '_' || line[0] == '$');
}

// git's "cpp" driver (the kernel's .gitattributes says *.[ch] diff=cpp): a line starting with
// an identifier (optionally after "::"), except a label such as "out:" or "err_free: /* */".
bool cpp_funcname(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  if (i < line.size() && is_ident_start(line[i])) {  // the label test
    size_t j = i;
    while (j < line.size() && is_ident(line[j])) ++j;
    if (j < line.size() && line[j] == ':') {
      ++j;
      while (j < line.size() && is_space(line[j])) ++j;
      if (j == line.size() || (line[j] == '/' && j + 1 < line.size() &&
                               (line[j + 1] == '/' || line[j + 1] == '*')))
        return false;
    }
  }
  size_t k = 0;
  if (starts_with(line, "::")) {
    k = 2;
    while (k < line.size() && is_space(line[k])) ++k;
  }
  return k < line.size() && is_ident_start(line[k]);
}

}  // namespace

FileText make_file_text(std::string_view text) {
  FileText f;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    f.lines.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  f.norm.reserve(f.lines.size());
  for (auto line : f.lines) f.norm.push_back(squeeze(line));
  size_t n = f.lines.size();
  f.func_default.assign(n + 1, -1);
  f.func_cpp.assign(n + 1, -1);
  for (size_t i = 1; i <= n; ++i) {
    f.func_default[i] = default_funcname(f.lines[i - 1]) ? int(i - 1) : f.func_default[i - 1];
    f.func_cpp[i] = cpp_funcname(f.lines[i - 1]) ? int(i - 1) : f.func_cpp[i - 1];
  }
  return f;
}

std::string git_section(const FileText& file, int index, bool cpp) {
  if (index < 0 || index > int(file.lines.size())) return "";
  int j = (cpp ? file.func_cpp : file.func_default)[size_t(index)];
  if (j < 0) return "";
  std::string_view line = file.lines[size_t(j)];
  line = line.substr(0, 80);  // xdiff's func_line buffer
  while (!line.empty() && is_space(line.back())) line.remove_suffix(1);
  return std::string(line);
}

std::vector<Unit> make_units(const std::vector<std::string_view>& lines) {
  std::vector<Unit> units;
  units.reserve(lines.size());
  for (auto raw : lines) {
    Unit u;
    u.raw = raw;
    char c = raw.empty() ? 0 : raw[0];
    // "\ No newline at end of file" (git wants "\ " and 12 bytes); a lone "\" is a
    // macro's continuation line that lost its indentation.
    if (c == '+' || c == '-' || c == ' ' || (c == '\\' && raw.size() >= 12 && raw[1] == ' ')) u.mark = c;
    u.norm_raw = squeeze(raw);
    u.norm_body = u.mark ? squeeze(raw.substr(1)) : u.norm_raw;
    units.push_back(std::move(u));
  }
  return units;
}

namespace {

using namespace search;

// ---- line mode -----------------------------------------------------------------------

class LineAligner {
 public:
  LineAligner(const std::vector<Unit>& units, const FileText& file, const Sides& sides,
              const AlignRequest& req)
      : m_units(units), m_file(file), m_s(sides), m_req(req) {
    m_free_left.assign(units.size() + 1, 0);
    for (size_t i = units.size(); i-- > 0;)
      m_free_left[i] = m_free_left[i + 1] + (units[i].mark == sides.fm);
  }

  void expand(const State& st, Kind prev, std::vector<Move>& out) const {
    const int U = int(m_units.size());
    const int f = m_start + st.off;
    const int other = st.off - st.d;
    // Even if every remaining file line were context and every free unit used, the other
    // side would fall short: nothing below this state can end well.
    if (other + (m_s.consumed - st.off) + m_free_left[size_t(st.p)] < m_s.other) return;
    const bool can_consume = st.off < m_s.consumed && f < int(m_file.lines.size());
    const bool can_other = other < m_s.other;
    const bool blank_here = can_consume && m_file.norm[size_t(f)].empty();
    if (st.p < U) {
      const Unit& u = m_units[size_t(st.p)];
      if (u.mark == '\\') {
        out.push_back(line_move(Kind::marker, st.p, st.p + 1, {st.p + 1, st.off, st.d}, -1));
        return;
      }
      if (u.mark == m_s.cm && can_consume) {
        if (int k = match(st.p, u.norm_body, f))
          out.push_back(line_move(m_s.ck, st.p, st.p + k, {st.p + k, st.off + 1, st.d + 1}, f));
      }
      if (can_consume && can_other) {
        const std::string& text = u.mark == ' ' ? u.norm_body : u.norm_raw;
        if (int k = match(st.p, text, f))
          out.push_back(line_move(Kind::context, st.p, st.p + k, {st.p + k, st.off + 1, st.d}, f));
      }
      if (blank_here && can_other && blank_first(prev, st.p, f)) out.push_back(implied(st, f));
      if (u.mark == m_s.fm && can_other) {
        // A wrapped free line continues on following unmarked lines; the file cannot say
        // where it ends, so try the shortest first.
        for (int j = 0; j <= 3 && st.p + 1 + j <= U; ++j) {
          if (j > 0) {
            // Mail clients wrap long lines only: the line before a tail is long. A tail may
            // start with blanks the wrap left over (' ' is no marker then), or even with a
            // '-'/'+' of the text ("-e 's/x/y/'"), which takes a longer line before it.
            const Unit& c = m_units[size_t(st.p + j)];
            const Unit& b = m_units[size_t(st.p + j - 1)];
            bool unmarked = c.mark == 0 || c.mark == ' ';
            bool long_before = b.raw.size() >= (unmarked ? 40u : 60u) || (j == 1 && b.norm_body.empty());
            if (c.mark == '\\' || c.norm_raw.empty() || !long_before) break;
          }
          int e = st.p + 1 + j;
          out.push_back(line_move(m_s.fk, st.p, e, {e, st.off, st.d - 1}, -1));
        }
      }
    }
    if (blank_here && can_other && (st.p == U || !blank_first(prev, st.p, f))) out.push_back(implied(st, f));
    if (st.off == m_s.consumed && other == m_s.other && (st.p == U || trailer_at(st.p))) {
      Move m;
      m.stop = true;
      m.next = st;
      out.push_back(m);
    }
  }

  void set_start(int start) { m_start = start; }

 private:
  // What may follow the last hunk outside it: a mail signature ("-- ", stripped to "--")
  // with at most a few lines after it, or blank lines.
  bool trailer_at(int p) const {
    if (!m_req.allow_leftover) return false;
    const int U = int(m_units.size());
    std::string_view r = m_units[size_t(p)].raw;
    if (r == "--" || r == "-- ") {  // (blank lines after the signature do not count)
      int text = 0;
      for (int i = p + 1; i < U; ++i) text += !m_units[size_t(i)].norm_raw.empty();
      return text <= 3;
    }
    for (int i = p; i < U; ++i)
      if (!m_units[size_t(i)].norm_raw.empty()) return false;
    return true;
  }

  // Where a dropped blank line goes when a free line could come first. git writes a
  // change as its removed lines, then its added lines: right after a removed line the added
  // ones come first, and (postimage search) removed lines go right before the added ones,
  // after the blank. After context, a run of added lines that ends in a blank line of its
  // own was most likely written after the file's blank line (kernel style puts a blank line
  // between blocks); one that does not end so continues the code above it. (Measured on
  // the libbpf patches: 64% of page-damaged diffs exact, against 51% for "blank first".)
  bool blank_first(Kind prev, int p, int f) const {
    if (!m_req.blank_first) return false;
    // git never writes a removed line right after an added one: context came between.
    if (prev == Kind::added && p < int(m_units.size()) && m_units[size_t(p)].mark == '-') return true;
    if (prev == m_s.ck) return false;
    if (m_req.postimage) return !removal_continues_above(p, f);
    int e = p;
    while (e < int(m_units.size()) && m_units[size_t(e)].mark == m_s.fm) ++e;
    if (e > p && opens_block(std::string_view(m_units[size_t(p)].raw).substr(1))) return true;
    return e == p || m_units[size_t(e - 1)].norm_body.empty();
  }

  // Postimage search, a run of removed lines where the file has a blank line (f): without
  // added lines after it, it usually went after the blank (3:1 on the stable patches),
  // unless it continues the block above, starting like the line before the blank and unlike
  // the one after it ("#define X_LOW" after "#define X_HIGH"). Before added lines it goes
  // after the blank too, unless it ends the declarations above or moved across the blank.
  bool removal_continues_above(int p, int f) const {
    const int U = int(m_units.size());
    int e = p;
    while (e < U && m_units[size_t(e)].mark == '-') ++e;
    if (e == p || f < 1) return false;
    int g = f;
    while (g < int(m_file.lines.size()) && m_file.norm[size_t(g)].empty()) ++g;
    if (g >= int(m_file.lines.size())) return false;
    // Declarations where the blank line ends a function's declarations (statements follow
    // it; between groups of a struct's members declarations do): they were the last ones.
    if (is_declaration(m_units[size_t(p)].raw.substr(1)) && is_declaration(m_file.lines[size_t(f - 1)]) &&
        !is_declaration(m_file.lines[size_t(g)]))
      return true;
    // "-X" right before the blank and "+X" right after it: a line moved across the blank
    // (git's diff is minimal, it never removes and adds the same line in one change). A
    // line re-aligned by its blanks reads the same after page damage, and git writes it
    // next to its old self, but here only where the blank came before both: rarer on the
    // stable patches. (The preimage search leaves "-X +X" together: a re-aligned table row
    // before a blank line is common in the libbpf patches.)
    if (repeats_across(e)) return true;
    if (e < U && m_units[size_t(e)].mark == '+') return false;
    auto first = [](std::string_view s) {
      auto w = words(s);
      return w.empty() ? std::string_view() : w[0];
    };
    std::string_view run = first(m_units[size_t(p)].raw.substr(1)), last = first(m_units[size_t(e - 1)].raw.substr(1));
    std::string_view above = first(m_file.lines[size_t(f - 1)]), below = first(m_file.lines[size_t(g)]);
    return !run.empty() && run == above && last != below;
  }

  // A removed line right before unit `a`, an added one at `a` with the same damaged text (a
  // mail client keeps the blanks that tell a re-aligned line apart).
  bool repeats_across(int a) const {
    if (a < 1 || a >= int(m_units.size())) return false;
    const Unit &r = m_units[size_t(a - 1)], &n = m_units[size_t(a)];
    return r.mark == '-' && n.mark == '+' && !r.norm_body.empty() && rtrim(r.raw.substr(1)) == rtrim(n.raw.substr(1));
  }

  Move line_move(Kind kind, int b, int e, State next, int file_line) const {
    Move m;
    m.kind = kind;
    m.next = next;
    m.begin = b;
    m.end = e;
    m.file_line = file_line;
    return m;
  }
  Move implied(const State& st, int f) const {
    Move m = line_move(Kind::context, st.p, st.p, {st.p, st.off + 1, st.d}, f);
    m.implied = true;
    return m;
  }

  // How many units (1 + wrapped continuations) spell file line f; 0 when they do not.
  int match(int p, const std::string& text, int f) const {
    const std::string& target = m_file.norm[size_t(f)];
    if (text == target) return 1;
    // (an empty text may go on: a line of blanks before its wrap point lost them all)
    if (text.size() >= target.size() || target.compare(0, text.size(), text)) return 0;
    std::string acc = text;
    for (int j = p + 1; j < int(m_units.size()) && j <= p + 4; ++j) {
      const Unit& c = m_units[size_t(j)];
      if (c.mark == '\\' || c.norm_raw.empty()) return 0;
      acc += c.norm_raw;
      if (acc == target) return j - p + 1;
      if (acc.size() >= target.size() || target.compare(0, acc.size(), acc)) return 0;
    }
    return 0;
  }

  const std::vector<Unit>& m_units;
  const FileText& m_file;
  const Sides& m_s;
  const AlignRequest& m_req;
  std::vector<int> m_free_left;
  int m_start = 0;
};

// A cheap start filter: the first unit the file must spell (skipping free ones, which may
// also be context that begins with a marker character) must begin the first non-blank
// file line from `start`.
bool line_start_plausible(const std::vector<Unit>& units, int begin, const FileText& file,
                          const Sides& s, int start) {
  size_t g = size_t(start);
  while (g < file.lines.size() && file.norm[g].empty()) ++g;
  for (size_t i = size_t(begin); i < units.size(); ++i) {
    const Unit& u = units[i];
    if (u.mark == '\\') continue;
    if (u.norm_body.empty() || u.norm_raw.empty()) return true;
    if (g >= file.lines.size()) return u.mark == s.fm;
    const std::string& t = file.norm[g];
    auto prefix = [&](const std::string& x) { return t.compare(0, x.size(), x) == 0; };
    if (prefix(u.norm_body) || prefix(u.norm_raw)) return true;
    if (u.mark != s.fm) return false;
  }
  return true;
}

}  // namespace

AlignResult align_lines(const std::vector<Unit>& units, std::string_view section,
                        const FileText& file, const AlignRequest& req) {
  AlignResult fail;
  Sides s;
  const int n = int(file.lines.size());
  if (!make_sides(req, n, s)) return fail;
  LineAligner al(units, file, s, req);
  Search search;
  long budget = req.budget;
  std::vector<Move> path;
  const std::string written = squeeze(section);
  const int U = int(units.size());
  // One start: 1 fits, 0 does not, -1 the budget ran out.
  AlignRequest flipped = req;  // the other choice of where dropped blank lines go
  flipped.blank_first = !req.blank_first;
  LineAligner al_flipped(units, file, s, flipped);
  auto try_start = [&](int start, AlignResult& out, LineAligner& aligner) -> int {
    // The header's section may have been wrapped onto the first body lines: the file's
    // section for this start says how many units belong to it.
    std::vector<std::pair<int, std::string>> begins;
    for (bool cpp : {true, false}) {
      std::string sec = git_section(file, start, cpp);
      std::string want = squeeze(sec);
      if (want.empty() || want.compare(0, written.size(), written)) continue;
      std::string acc = written;
      for (int j = 0; j <= 2 && j <= U; ++j) {
        if (j > 0) acc += units[size_t(j - 1)].norm_raw;
        if (acc == want) {
          begins.emplace_back(j, sec);
          break;
        }
        if (acc.size() >= want.size() || want.compare(0, acc.size(), acc)) break;
      }
      if (!begins.empty()) break;
    }
    if (begins.empty() || begins.front().first != 0) begins.emplace_back(0, std::string());
    // A wrapped header whose section the file spells otherwise (the signature changed
    // since): an unmarked first line may still be the section's tail.
    if (U > 0 && units[0].mark == 0 && !units[0].norm_raw.empty() && begins.front().first != 1 &&
        req.header_length >= 50 && req.header_length + 1 + words(units[0].raw)[0].size() > 72)
      begins.emplace_back(1, std::string());
    for (auto& [begin, sec] : begins) {
      if (!line_start_plausible(units, begin, file, s, start)) continue;
      aligner.set_start(start);
      bool gave_up = false;
      if (search.run({begin, 0, 0}, [&](const State& st, Kind prev, std::vector<Move>& out) { aligner.expand(st, prev, out); },
                     budget, path, gave_up)) {
        int end = path.empty() ? begin : path.back().next.p;
        out = finish(path, start, begin, U, end);
        out.section = sec;
        out.section_from_file = !sec.empty();
        return 1;
      }
      if (gave_up) return -1;
    }
    return 0;
  };
  // The first start that fits, unless a start near it gives git's context (git_context).
  for (int start : start_order(expected_start(s, req), n - s.consumed)) {
    AlignResult first;
    int got = try_start(start, first, al);
    if (got < 0) {
      fail.gave_up = true;
      return fail;
    }
    if (got == 0) continue;
    return prefer_git_context(std::move(first), start, path, s.consumed, n,
                              [&](int other, bool flipped, AlignResult& r) {
                                return try_start(other, r, flipped ? al_flipped : al);
                              });
  }
  return fail;
}

}  // namespace pt::hunk
