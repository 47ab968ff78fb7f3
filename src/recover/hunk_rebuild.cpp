// recover stage: damaged hunks aligned against the target file's lines.
//
// The diff is split into file headers (kept as written) and hunks. Each hunk is looked for
// in the candidate texts of its file (hunk_align): lines found there are written with the
// file's bytes, the others get their whitespace guessed (hunk_infer). A hunk found nowhere
// is repaired from its header counts alone (hunk_repair). Helpers: hunk_align.cpp (line
// mode), hunk_tokens.cpp (flattened mail), hunk_search.hpp, hunk_infer.cpp, hunk_repair.cpp.
#include "recover/hunk_rebuild.hpp"

#include <algorithm>
#include <map>

#include "patch/diff.hpp"
#include "patch/diff_paths.hpp"
#include "recover/hunk_align.hpp"
#include "recover/hunk_infer.hpp"
#include "recover/hunk_repair.hpp"
#include "util/text.hpp"

namespace pt {
namespace {

using namespace hunk;

// ---- reading the damaged diff --------------------------------------------------------

struct HunkIn {
  size_t header = 0;              // line index of the "@@" line
  std::string_view ranges;        // "-a,b +c,d" as written
  std::string_view section;       // after the second "@@" and one blank
  long old_start = 0, old_count = 1, new_start = 0, new_count = 1;
  size_t body_begin = 0, body_end = 0;  // line indices
};

struct FileIn {
  std::string path, blob;
  bool kernel_style = true;
  std::vector<HunkIn> hunks;
};

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    out.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return out;
}

bool parse_count(std::string_view s, size_t& i, long& v) {
  size_t b = i;
  v = 0;
  while (i < s.size() && is_digit(s[i]) && i - b < 12) v = v * 10 + (s[i++] - '0');
  return i > b && !(i < s.size() && is_digit(s[i]));
}

// "@@ -a[,b] +c[,d] @@[ section]"; the damage never touches these characters.
bool parse_header(std::string_view line, HunkIn& h) {
  if (!starts_with(line, "@@ -")) return false;
  size_t i = 4;
  if (!parse_count(line, i, h.old_start)) return false;
  h.old_count = 1;
  if (i < line.size() && line[i] == ',' && !parse_count(line, ++i, h.old_count)) return false;
  if (line.substr(i, 2) != " +") return false;
  i += 2;
  if (!parse_count(line, i, h.new_start)) return false;
  h.new_count = 1;
  if (i < line.size() && line[i] == ',' && !parse_count(line, ++i, h.new_count)) return false;
  if (line.substr(i, 3) != " @@") return false;
  h.ranges = line.substr(3, i - 3);
  std::string_view rest = line.substr(i + 3);
  if (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
  h.section = rest;
  return true;
}

bool is_c_path(std::string_view path) {
  size_t dot = path.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string_view ext = path.substr(dot + 1);
  return ext == "c" || ext == "h";
}

// Where file diffs start: "diff --git", or "--- " + "+++ " + "@@ -" without one.
bool file_starts(const std::vector<std::string_view>& lines, size_t i) {
  if (starts_with(lines[i], "diff --git ")) return true;
  return starts_with(lines[i], "--- ") && i + 2 < lines.size() && starts_with(lines[i + 1], "+++ ") &&
         starts_with(lines[i + 2], "@@ -") && (i == 0 || !starts_with(lines[i - 1], "index "));
}

void read_file_header(std::string_view line, FileIn& f) {
  if (starts_with(line, "index ")) {
    std::string_view rest = line.substr(6);
    size_t dots = rest.find("..");
    if (dots != std::string_view::npos) f.blob = std::string(rest.substr(0, dots));
  } else if (starts_with(line, "--- ") && !diff_paths::is_dev_null(line.substr(4))) {
    if (auto n = diff_paths::find_name(line.substr(4), nullptr, 1, diff_paths::term_tab)) f.path = *n;
  } else if (starts_with(line, "+++ ") && f.path.empty() && !diff_paths::is_dev_null(line.substr(4))) {
    if (auto n = diff_paths::find_name(line.substr(4), nullptr, 1, diff_paths::term_tab)) f.path = *n;
  } else if (starts_with(line, "diff --git ") && f.path.empty()) {
    if (auto n = diff_paths::git_header_name(1, line.substr(11))) f.path = *n;
  }
}

std::vector<FileIn> read_diff(const std::vector<std::string_view>& lines) {
  std::vector<FileIn> files;
  bool in_header = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    HunkIn h;
    if (file_starts(lines, i)) {
      files.emplace_back();
      in_header = true;
      read_file_header(lines[i], files.back());
      continue;
    }
    if (!files.empty() && parse_header(lines[i], h)) {
      in_header = false;
      h.header = i;
      h.body_begin = h.body_end = i + 1;
      files.back().hunks.push_back(h);
      continue;
    }
    if (in_header && !files.empty()) read_file_header(lines[i], files.back());
    else if (!files.empty() && !files.back().hunks.empty()) files.back().hunks.back().body_end = i + 1;
  }
  for (auto& f : files) f.kernel_style = is_c_path(f.path);
  return files;
}

// ---- one hunk rebuilt ----------------------------------------------------------------

struct Counters {
  int context_restored = 0, removed_restored = 0, added_from_file = 0, blanks_restored = 0;
  int added_guessed = 0, removed_guessed = 0, joined = 0, markers = 0, regenerated = 0;
  int trailing = 0;
  std::map<std::string, int> realigned;  // origin -> hunks
};

struct HunkOut {
  std::string header_ranges;  // written or regenerated
  std::string section;
  std::vector<std::string> body;
  std::vector<std::string> after;  // text after the hunk (a signature)
  bool anchored = false;
  bool preimage_exact = false;
  int guessed = 0;
};

std::string join_words(const std::vector<std::string_view>& t, size_t b, size_t e) {
  std::string out;
  for (size_t i = b; i < e; ++i) {
    if (i > b) out += ' ';
    out.append(t[i]);
  }
  return out;
}

// The damaged text of a line the file does not have, without its marker.
std::string free_damaged(const std::vector<Unit>* units, const std::vector<std::string_view>* toks,
                         const AlignedLine& l) {
  if (units) {
    std::string s((*units)[size_t(l.begin)].raw.substr(1));
    for (int j = l.begin + 1; j < l.end; ++j) s += std::string(" ") + std::string(trim((*units)[size_t(j)].raw));
    return s;
  }
  const auto& t = *toks;
  std::string_view first = t[size_t(l.begin)];
  if (first.size() == 1) {  // a standalone marker: the line was indented
    std::string rest = join_words(t, size_t(l.begin) + 1, size_t(l.end));
    return rest.empty() ? rest : std::string(" ") + rest;
  }
  std::string s(first.substr(1));
  if (l.end > l.begin + 1) s += std::string(" ") + join_words(t, size_t(l.begin) + 1, size_t(l.end));
  return s;
}

// Lines from an alignment: file bytes for what the file has, guesses for the rest.
HunkOut build_anchored(const AlignResult& a, bool postimage, const FileText& file,
                       const std::vector<Unit>* units, const std::vector<std::string_view>* toks,
                       const DamageModel& model, Counters& c) {
  HunkOut out;
  std::vector<InferLine> lines;
  std::vector<std::string> markers;  // "\ No newline" lines, by index into `lines`
  std::vector<int> marker_after;
  for (const AlignedLine& l : a.lines) {
    if (l.kind == Kind::marker) {
      markers.push_back(units ? std::string((*units)[size_t(l.begin)].raw)
                              : join_words(*toks, size_t(l.begin), size_t(l.end)));
      marker_after.push_back(int(lines.size()));
      continue;
    }
    InferLine il;
    il.kind = l.kind == Kind::context ? ' ' : l.kind == Kind::removed ? '-' : '+';
    if (units && l.end > l.begin + 1) c.joined += l.end - l.begin - 1;  // wrapped lines
    if (l.file_line >= 0) {
      il.known = true;
      il.text = std::string(file.lines[size_t(l.file_line)]);
      if (l.kind == Kind::context) (l.implied ? c.blanks_restored : c.context_restored)++;
      else if (l.kind == Kind::removed) c.removed_restored++;
      else c.added_from_file++;
    } else {
      il.damaged = free_damaged(units, toks, l);
    }
    lines.push_back(std::move(il));
  }
  int guessed = infer_whitespace(lines, model);
  // A browser took "<linux/x.h>" for a tag: a flattened "#include" line lost its file.
  for (const auto& l : lines)
    if (toks && !l.known && l.text.ends_with("#include") && damaged_is_exact(l.damaged)) ++guessed;
  out.guessed = guessed;
  (postimage ? c.removed_guessed : c.added_guessed) += guessed;
  size_t m = 0;
  for (size_t i = 0; i <= lines.size(); ++i) {
    while (m < markers.size() && size_t(marker_after[m]) == i) out.body.push_back(markers[m++]);
    if (i == lines.size()) break;
    out.body.push_back(std::string(1, lines[i].kind) + lines[i].text);
  }
  out.anchored = true;
  out.preimage_exact = !postimage || guessed == 0;
  return out;
}

std::string count_text(long start, long count) {
  return std::to_string(start) + (count == 1 ? "" : std::string(",") + std::to_string(count));
}

// ---- the whole diff ------------------------------------------------------------------

// Whitespace damage of the whole diff: collapsed (page, flattened) or tabs turned spaces.
DamageModel damage_model(const std::vector<std::string_view>& lines, const std::vector<FileIn>& files,
                         bool flattened) {
  DamageModel m;
  if (flattened) return m;
  bool tabs = false, runs = false;
  for (const auto& f : files)
    for (const auto& h : f.hunks)
      for (size_t i = h.body_begin; i < h.body_end; ++i) {
        std::string_view s = lines[i].substr(lines[i].empty() ? 0 : 1);
        if (s.find('\t') != std::string_view::npos) tabs = true;
        if (s.find("  ") != std::string_view::npos) runs = true;
      }
  m.collapsed = !tabs && !runs;
  m.tabs_kept = tabs;
  return m;
}

// Learns how many spaces a tab became from lines found in the file (removed lines, and
// context lines with or without the marker's blank); 0 when no line shows a tab turned into
// spaces (then nothing is converted back).
int learn_tab_width(const std::vector<Unit>& units, const AlignResult& a, const FileText& file) {
  std::map<int, int> votes;
  for (const auto& l : a.lines) {
    if (l.file_line < 0 || l.implied || l.end != l.begin + 1 || l.kind == Kind::added) continue;
    std::string_view raw = units[size_t(l.begin)].raw;
    std::string_view d = l.kind == Kind::removed ? raw.substr(1) : raw;
    std::string_view f = file.lines[size_t(l.file_line)];
    size_t nd = 0, tabs = 0, spaces = 0, k = 0;
    while (nd < d.size() && d[nd] == ' ') ++nd;
    while (k < f.size() && (f[k] == '\t' || f[k] == ' ')) (f[k++] == '\t' ? tabs : spaces)++;
    if (!tabs) continue;
    for (size_t n : {nd, nd ? nd - 1 : 0})  // a context line may have kept its ' '
      if (n > spaces && (n - spaces) % tabs == 0) {
        votes[int((n - spaces) / tabs)]++;
        break;
      }
  }
  int best = 0, n = 0;
  for (auto [w, v] : votes)
    if (v > n) best = w, n = v;
  return best;
}

struct FileResult {
  std::vector<HunkOut> hunks;
  std::string origin;
  int anchored = 0;
  Counters counts;
};

class Rebuilder {
 public:
  Rebuilder(std::string_view text, bool flattened, const FileLookup& lookup)
      : m_text(text), m_flattened(flattened), m_lookup(lookup) {}
  RebuiltDiff run();

 private:
  FileResult rebuild_file(const FileIn& f, bool last_file);
  bool align_hunk(const FileIn& f, const HunkIn& h, const FileText& file, bool last, int& offset,
                  HunkOut& out, Counters& c);
  HunkOut repair_hunk(const HunkIn& h, bool last, Counters& c);

  std::string_view m_text;
  bool m_flattened;
  const FileLookup& m_lookup;
  std::vector<std::string_view> m_lines;
  std::vector<FileIn> m_files;
  DamageModel m_model;
};

// Token stream of a flattened hunk: header remainder and body, line breaks ignored.
std::vector<std::string_view> hunk_tokens(const HunkIn& h, const std::vector<std::string_view>& lines) {
  std::vector<std::string_view> t = words(h.section);
  for (size_t i = h.body_begin; i < h.body_end; ++i) {
    auto w = words(lines[i]);
    t.insert(t.end(), w.begin(), w.end());
  }
  return t;
}

bool Rebuilder::align_hunk(const FileIn& f, const HunkIn& h, const FileText& file, bool last,
                           int& offset, HunkOut& out, Counters& c) {
  AlignRequest req;
  req.old_start = h.old_start;
  req.old_count = h.old_count;
  req.new_start = h.new_start;
  req.new_count = h.new_count;
  req.allow_leftover = last;
  req.expected_offset = offset;
  req.c_like = f.kernel_style;
  std::vector<Unit> units;
  std::vector<std::string_view> toks;
  if (m_flattened) {
    toks = hunk_tokens(h, m_lines);
  } else {
    units = make_units({m_lines.begin() + long(h.body_begin), m_lines.begin() + long(h.body_end)});
  }
  auto align = [&](bool post) {
    req.postimage = post;
    return m_flattened ? align_tokens(toks, file, req) : align_lines(units, h.section, file, req);
  };
  AlignResult a = align(false);
  bool post = false;
  // A hunk that only adds matches any preimage; the postimage, if this text is one, also
  // gives the added lines' bytes.
  if (!a.ok || h.old_count == 0) {
    AlignResult b = align(true);
    if (b.ok) a = std::move(b), post = true;
  }
  if (!a.ok) return false;
  DamageModel model = m_model;
  model.kernel_style = f.kernel_style;
  if (!m_flattened && !model.collapsed && !model.tabs_kept) model.tab_width = learn_tab_width(units, a, file);
  out = build_anchored(a, post, file, m_flattened ? nullptr : &units, m_flattened ? &toks : nullptr,
                       model, c);
  out.header_ranges = std::string(h.ranges);
  out.section = a.section_from_file || m_flattened ? a.section : std::string(h.section);
  if (!m_flattened && a.consumed_begin > 0) c.joined += a.consumed_begin;
  if (a.leftover >= 0) {
    if (m_flattened) {
      size_t b = size_t(a.leftover);
      if (toks[b] == "--") {
        out.after.push_back("-- ");
        ++b;
      }
      if (b < toks.size()) out.after.push_back(join_words(toks, b, toks.size()));
    } else {
      for (size_t i = h.body_begin + size_t(a.leftover); i < h.body_end; ++i)
        out.after.emplace_back(m_lines[i]);
    }
    c.trailing += int(out.after.size());
  }
  long side_start = post ? h.new_start : h.old_start;
  long side_count = post ? h.new_count : h.old_count;
  offset = int(a.start - (side_count == 0 ? side_start : side_start - 1));
  return true;
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

FileResult Rebuilder::rebuild_file(const FileIn& f, bool last_file) {
  FileResult best;
  best.anchored = -1;
  std::vector<FileCandidate> cands;
  if (m_lookup && !f.path.empty() && !f.hunks.empty()) cands = m_lookup(f.path, f.blob);
  // A created file's preimage is empty: its hunks are found there (origin "": no evidence).
  if (!f.hunks.empty() && std::all_of(f.hunks.begin(), f.hunks.end(), [](const HunkIn& h) { return h.old_count == 0; }))
    cands.push_back({"", ""});
  for (const auto& cand : cands) {
    FileText file = make_file_text(cand.text);
    FileResult r;
    r.origin = cand.origin;
    r.anchored = 0;
    Counters c;
    int offset = 0;
    for (size_t k = 0; k < f.hunks.size(); ++k) {
      HunkOut out;
      bool last = last_file && k + 1 == f.hunks.size();
      if (align_hunk(f, f.hunks[k], file, last, offset, out, c)) ++r.anchored;
      else out = repair_hunk(f.hunks[k], last, c);
      r.hunks.push_back(std::move(out));
    }
    if (r.anchored > best.anchored) {
      r.counts = std::move(c);
      best = std::move(r);
    }
    if (best.anchored == int(f.hunks.size())) break;
  }
  if (best.anchored <= 0) {
    best = FileResult();
    for (size_t k = 0; k < f.hunks.size(); ++k)
      best.hunks.push_back(repair_hunk(f.hunks[k], last_file && k + 1 == f.hunks.size(), best.counts));
  }
  if (best.anchored > 0 && !best.origin.empty()) best.counts.realigned[best.origin] += best.anchored;
  return best;
}

// Signs of damage that parse_diff cannot see: C code indented with spaces and no tab at all.
bool looks_damaged(const std::vector<std::string_view>& lines, const std::vector<FileIn>& files) {
  bool tab = false, spaced = false;
  for (const auto& f : files)
    for (const auto& h : f.hunks)
      for (size_t i = h.body_begin; i < h.body_end; ++i) {
        std::string_view s = lines[i].substr(lines[i].empty() ? 0 : 1);
        if (s.find('\t') != std::string_view::npos) tab = true;
        if (f.kernel_style && starts_with(s, "        ")) spaced = true;
      }
  return spaced && !tab;
}

std::string plural(int n, const char* one, const char* many) {
  return std::to_string(n) + std::string(" ") + (n == 1 ? one : many);
}

void describe(const Counters& c, bool intact, RebuiltDiff& out) {
  auto& r = out.repairs;
  for (const auto& [origin, n] : c.realigned)
    r.push_back(plural(n, "hunk", "hunks") + std::string(" realigned against ") + origin);
  if (intact) return;
  if (c.context_restored) r.push_back(plural(c.context_restored, "context line", "context lines") + " restored from the file");
  if (c.blanks_restored) r.push_back(plural(c.blanks_restored, "blank context line", "blank context lines") + " put back");
  if (c.removed_restored) r.push_back(plural(c.removed_restored, "removed line", "removed lines") + " restored from the file");
  if (c.added_from_file)
    r.push_back(plural(c.added_from_file, "added line", "added lines") + " taken from the file (patch already applied)");
  if (c.added_guessed) r.push_back(plural(c.added_guessed, "added line's", "added lines'") + " whitespace inferred");
  if (c.removed_guessed) r.push_back(plural(c.removed_guessed, "removed line's", "removed lines'") + " whitespace inferred");
  if (c.joined) r.push_back(plural(c.joined, "wrapped line", "wrapped lines") + " rejoined");
  if (c.markers) r.push_back(plural(c.markers, "context marker", "context markers") + " restored");
  if (c.regenerated)
    r.push_back(std::string("hunk header counts regenerated for ") + plural(c.regenerated, "hunk", "hunks") +
                " (the body does not add up to them)");
  if (c.trailing) r.push_back(plural(c.trailing, "line", "lines") + " after the last hunk kept as text");
}

void add_counts(Counters& to, const Counters& c) {
  to.context_restored += c.context_restored;
  to.removed_restored += c.removed_restored;
  to.added_from_file += c.added_from_file;
  to.blanks_restored += c.blanks_restored;
  to.added_guessed += c.added_guessed;
  to.removed_guessed += c.removed_guessed;
  to.joined += c.joined;
  to.markers += c.markers;
  to.regenerated += c.regenerated;
  to.trailing += c.trailing;
  for (const auto& [o, n] : c.realigned) to.realigned[o] += n;
}

RebuiltDiff Rebuilder::run() {
  RebuiltDiff out;
  m_lines = split_lines(m_text);
  m_files = read_diff(m_lines);
  m_model = damage_model(m_lines, m_files, m_flattened);
  Diff parsed = parse_diff(m_text);
  const bool intact = parsed.error.empty() && !m_flattened && !looks_damaged(m_lines, m_files);

  std::vector<FileResult> results;
  Counters total;
  std::map<size_t, const HunkOut*> at_line;  // "@@" line index -> its rebuilt hunk
  bool all_exact = true;
  for (size_t i = 0; i < m_files.size(); ++i) {
    results.push_back(rebuild_file(m_files[i], i + 1 == m_files.size()));
  }
  for (size_t i = 0; i < m_files.size(); ++i) {
    const FileResult& r = results[i];
    add_counts(total, r.counts);
    if (r.anchored > 0 && !r.origin.empty() &&
        std::find(out.evidence.begin(), out.evidence.end(), r.origin) == out.evidence.end())
      out.evidence.push_back(r.origin);
    for (size_t k = 0; k < r.hunks.size(); ++k) {
      const HunkOut& h = r.hunks[k];
      at_line[m_files[i].hunks[k].header] = &h;
      out.stats.hunks++;
      out.stats.hunks_anchored += h.anchored;
      out.stats.lines_guessed += h.guessed;
      all_exact = all_exact && h.anchored && h.preimage_exact;
    }
  }
  out.preimage_exact = all_exact && out.stats.hunks > 0;
  out.exact = out.preimage_exact && out.stats.lines_guessed == 0;

  // The text: everything outside hunks as written, hunks rebuilt.
  std::string text;
  int dropped = 0;
  text.reserve(m_text.size() + m_text.size() / 8);
  for (size_t i = 0; i < m_lines.size(); ++i) {
    auto it = at_line.find(i);
    if (it == at_line.end()) {
      text.append(m_lines[i]);
      if (i + 1 < m_lines.size() || m_text.ends_with('\n')) text += '\n';
      continue;
    }
    const HunkOut& h = *it->second;
    size_t end = i + 1;
    for (const auto& f : m_files)
      for (const auto& hh : f.hunks)
        if (hh.header == i) end = hh.body_end;
    // git rejects a hunk that changes nothing; such a hunk cannot be written.
    if (std::none_of(h.body.begin(), h.body.end(), [](auto& l) { return l[0] == '+' || l[0] == '-'; })) {
      ++dropped;
      out.preimage_exact = out.exact = false;
      for (const auto& l : h.after) text += l + '\n';
      i = end - 1;
      continue;
    }
    text += std::string("@@ ") + h.header_ranges + " @@";
    if (!h.section.empty()) text += std::string(" ") + h.section;
    text += '\n';
    for (const auto& l : h.body) text += l + '\n';
    for (const auto& l : h.after) text += l + '\n';
    i = end - 1;  // past the hunk's input lines
  }

  if (intact && (text == m_text || out.stats.hunks_anchored < out.stats.hunks)) {
    // A well-formed diff the files do not contradict: nothing to rebuild.
    out.text = std::string(m_text);
    out.preimage_exact = out.exact = true;
    out.stats.lines_guessed = 0;
    describe(total, true, out);
    return out;
  }
  out.text = std::move(text);
  describe(total, false, out);
  if (dropped) out.repairs.push_back(plural(dropped, "hunk", "hunks") + " without a changed line dropped");
  return out;
}

}  // namespace

RebuiltDiff rebuild_diff(std::string_view diff_text, bool flattened, const FileLookup& lookup) {
  return Rebuilder(diff_text, flattened, lookup).run();
}

}  // namespace pt
