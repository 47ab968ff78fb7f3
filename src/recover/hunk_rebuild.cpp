// recover stage: damaged hunks aligned against the target file's lines.
//
// The diff is split into file headers (kept as written) and hunks (hunk_read). Each hunk is
// looked for in the candidate texts of its file (hunk_align): lines found there are written
// with the file's bytes. Lines that text lacks come from another candidate holding the
// hunk's other side (hunk_merge: a preimage in one branch, the postimage in another), else
// get their whitespace guessed (hunk_infer), helped by the spellings of the same words
// elsewhere in the candidates. A hunk found nowhere is repaired from its header counts alone
// (hunk_repair). Helpers: hunk_read.cpp, hunk_align.cpp (line mode), hunk_tokens.cpp
// (flattened mail), hunk_search.hpp, hunk_merge.cpp, hunk_emit.cpp (a placed hunk's lines),
// hunk_infer.cpp with hunk_indent.cpp, hunk_repair.cpp. The rebuilder (hunk_rebuilder.hpp)
// runs over the whole diff here and over each file's hunks in hunk_rebuild_file.cpp.
#include "recover/hunk_rebuild.hpp"

#include <algorithm>
#include <map>

#include "patch/diff.hpp"
#include "recover/hunk_read.hpp"
#include "recover/hunk_rebuilder.hpp"
#include "util/text.hpp"

namespace pt {
namespace {

using namespace hunk;


// ---- the whole diff ------------------------------------------------------------------

// Signs of damage that parse_diff cannot see: C code indented with spaces and no tab at all.
// A mail client that wraps at 78 columns breaks a long "diff --git a/X b/X" line before
// " b/": git then cannot read the header. Joins such lines back; `joined` counts them.
std::string join_wrapped_git_headers(std::string_view text, int& joined) {
  joined = 0;
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) break;
    std::string_view line = text.substr(pos, nl - pos), next = text.substr(nl + 1);
    if (starts_with(line, "diff --git a/") && line.find(" b/") == std::string_view::npos &&
        starts_with(next, "b/")) {
      if (!joined) out.assign(text.substr(0, pos));
      out.append(line);
      out += ' ';
      ++joined;
    } else if (joined) {
      out.append(text.substr(pos, nl + 1 - pos));
    }
    pos = nl + 1;
  }
  if (joined) out.append(text.substr(pos));
  return out;
}

// A C diff indented by spaces without a single tab: a mail client expanded the tabs.
bool looks_damaged(const BodyWhitespace& ws) { return ws.c_indented && !ws.tab; }

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

}  // namespace

namespace hunk::rebuild {

RebuiltDiff Rebuilder::run() {
  RebuiltDiff out;
  int joined = 0;
  m_joined = join_wrapped_git_headers(m_text, joined);
  if (joined) m_text = m_joined;
  m_lines = split_lines(m_text);
  m_files = read_diff(m_lines);
  const BodyWhitespace ws = body_whitespace(m_lines, m_files);
  m_model = damage_model(ws, m_flattened);
  Diff parsed = parse_diff(m_text);
  const bool intact = parsed.error.empty() && !m_flattened && !looks_damaged(ws);

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
    for (const auto& o : r.origins)
      if (std::find(out.evidence.begin(), out.evidence.end(), o) == out.evidence.end()) out.evidence.push_back(o);
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

  // A well-formed diff the files do not contradict: nothing to rebuild.
  const bool kept = intact && (text == m_text || out.stats.hunks_anchored < out.stats.hunks);
  if (kept) {
    out.text = std::string(m_text);
    out.preimage_exact = out.exact = true;
    out.stats.lines_guessed = 0;
  } else {
    out.text = std::move(text);
  }
  describe(total, kept, out);
  if (joined) out.repairs.push_back(plural(joined, "wrapped diff --git line", "wrapped diff --git lines") + " joined");
  if (dropped && !kept) out.repairs.push_back(plural(dropped, "hunk", "hunks") + " without a changed line dropped");
  return out;
}

}  // namespace hunk::rebuild

bool looks_space_damaged(std::string_view diff_text) {
  // Cheap refusals first: this runs on every parsed patch.
  if (diff_text.find('\t') != std::string_view::npos) return false;
  if (find_bytes(diff_text, "\n       ") == std::string_view::npos &&
      find_bytes(diff_text, "\n+       ") == std::string_view::npos &&
      find_bytes(diff_text, "\n-       ") == std::string_view::npos)
    return false;
  auto lines = split_lines(diff_text);
  return looks_damaged(body_whitespace(lines, read_diff(lines)));
}

RebuiltDiff rebuild_diff(std::string_view diff_text, bool flattened, const FileLookup& lookup) {
  return hunk::rebuild::Rebuilder(diff_text, flattened, lookup).run();
}

}  // namespace pt
