// Diff parser that finds file diffs and counts lines the way `git apply --numstat` does.
// The rules come from git 2.39's apply.c (find_header, parse_git_diff_header,
// parse_fragment, parse_binary); this is an independent implementation of them.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "patch/binary_patch.hpp"
#include "patch/diff.hpp"
#include "patch/diff_paths.hpp"
#include "util/text.hpp"

namespace pt {
namespace {

namespace dp = diff_paths;
constexpr size_t npos = std::string_view::npos;
constexpr size_t max_hex_id = 40;  // git compares abbreviated ids against the SHA-1 hex size

std::string_view chomp(std::string_view line) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  return line;
}

// What git keeps in `struct patch` while it reads one file header. It survives a
// "diff --git" line that git ignores, exactly as git's stale fields do (verified: names
// from such a line leak into the next header).
struct Header {
  std::optional<std::string> old_name, new_name, def_name;
  int is_new = -1, is_delete = -1;  // -1 = not known yet (traditional diffs)
  bool is_rename = false, is_copy = false;
  unsigned long old_mode = 0, new_mode = 0;
  std::string old_mode_text, new_mode_text, old_blob, new_blob;
  int similarity = -1;
  int extension_line = 0;
};

// The numbers of "@@ -a,b +c,d @@": a missing count means 1, as in git's parse_range.
struct Range {
  uint64_t old_start = 0, old_count = 1, new_start = 0, new_count = 1;
  std::string_view section;
};

// Decimal number; returns the digits read, 0 for no number or one that overflows (git
// 2.39 let strtoul saturate; later git rejects such hunk headers as corrupt, and so do we).
size_t parse_num(std::string_view s, size_t at, uint64_t& value) {
  size_t i = at;
  value = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    uint64_t d = static_cast<uint64_t>(s[i] - '0');
    if (value > (UINT64_MAX - d) / 10) return 0;
    value = value * 10 + d;
    ++i;
  }
  return i - at;
}

size_t parse_range(std::string_view line, size_t at, std::string_view expect, uint64_t& start,
                   uint64_t& count) {
  if (at == npos || at >= line.size()) return npos;
  size_t digits = parse_num(line, at, start);
  if (!digits) return npos;
  at += digits;
  count = 1;
  if (at < line.size() && line[at] == ',') {
    digits = parse_num(line, at + 1, count);
    if (!digits) return npos;
    at += digits + 1;
  }
  if (line.substr(at, expect.size()) != expect) return npos;
  return at + expect.size();
}

// `line` includes its '\n'; git refuses a hunk header without one.
bool parse_hunk_header(std::string_view line, Range& r) {
  if (line.empty() || line.back() != '\n') return false;
  size_t at = parse_range(line, 4, " +", r.old_start, r.old_count);
  at = parse_range(line, at, " @@", r.new_start, r.new_count);
  if (at == npos) return false;
  std::string_view rest = chomp(line.substr(at));
  if (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
  r.section = rest;
  return true;
}

// Octal mode as strtoul(…, 8) reads it; git wants a blank (or the line end) right after it.
bool parse_mode(std::string_view s, unsigned long& mode, std::string& text) {
  size_t i = 0;
  while (i < s.size() && is_space(s[i])) ++i;
  size_t begin = i;
  mode = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '7')
    mode = mode * 8 + static_cast<unsigned>(s[i++] - '0');
  if (i == begin || (i < s.size() && !is_space(s[i]))) return false;
  text.assign(s.substr(begin, i - begin));
  return true;
}

long clamp_long(uint64_t v) {
  constexpr uint64_t max = static_cast<uint64_t>(std::numeric_limits<long>::max());
  return static_cast<long>(v > max ? max : v);
}

class DiffParser {
 public:
  DiffParser(std::string_view text, int strip) : m_text(text) {
    // An explicit strip level other than git's default is taken as known (git apply -pN).
    if (strip != 1) {
      m_p_value = strip;
      m_p_value_known = true;
    }
  }
  Diff run();

 private:
  enum class Found { header, none, fatal };

  // One line at `pos`, with its '\n' when it has one (git's linelen).
  std::string_view line_at(size_t pos) const {
    if (pos >= m_text.size()) return {};
    size_t nl = find_newline(m_text, pos);
    size_t end = nl == npos ? m_text.size() : nl + 1;
    return m_text.substr(pos, end - pos);
  }
  size_t remaining(size_t pos) const { return pos < m_text.size() ? m_text.size() - pos : 0; }
  void advance(size_t bytes, int lines) {
    m_pos += bytes;
    m_line += lines;
  }
  bool binary_corrupt(int line, bool& corrupt) {
    m_binary_error = "line " + std::to_string(line) + ": corrupt binary patch";
    return corrupt = true;
  }
  bool fail(int line, std::string what) {
    m_diff.error = "line " + std::to_string(line) + ": " + what;
    return false;
  }

  Found find_header(Header& h, size_t& header_begin);
  Found parse_git_header(Header& h, size_t& header_bytes, int& header_lines);
  bool apply_git_header_line(Header& h, std::string_view line, int line_no, bool& done);
  bool verify_name(std::optional<std::string>& name, bool is_null, std::string_view line,
                   int line_no, const char* side);
  bool parse_traditional(Header& h, std::string_view first, std::string_view second);
  bool parse_hunks(Header& h, FileDiff& file);
  bool parse_hunk(FileDiff& file);
  bool parse_binary(FileDiff& file);
  bool parse_binary_hunk(size_t& pos, int& lines, bool& corrupt);
  void finish_file(Header&& h, FileDiff& file);
  size_t include_scm_preamble(size_t begin) const;

  std::string_view m_text;
  size_t m_pos = 0;  // start of the line being looked at
  int m_line = 1;    // its 1-based number
  int m_p_value = 1;  // -p1 until a traditional header proves otherwise (git's guess_p_value)
  bool m_p_value_known = false;
  Diff m_diff;
  std::string m_binary_error;  // why a binary block ended the parse, if one did
  std::shared_ptr<DiffText> m_store;  // the diff's text and hunk lines (see DiffText)
  size_t m_store_from = 0;            // where in m_text the store's copy starts

  // At the first file header: the text from there on (with a CVS/SVN preamble before it)
  // is copied once; hunks as written and the diff's text are views of it.
  void start_store(size_t header_begin) {
    m_store_from = include_scm_preamble(header_begin);
    m_store = std::make_shared<DiffText>();
    m_store->bytes.assign(m_text.substr(m_store_from));
    m_store->ends.reserve((m_text.size() - m_store_from) / 32 + 8);
  }

  // The same bytes as `part` (a view of m_text past m_store_from) in the store's copy.
  std::string_view in_store(std::string_view part) const {
    return std::string_view(m_store->bytes).substr(
        static_cast<size_t>(part.data() - m_text.data()) - m_store_from, part.size());
  }
};

// Skips text until a file header: "diff --git" with at least one header line after it, or
// "--- " + "+++ " + "@@ -" lines. A hunk header seen first means the patch is broken.
DiffParser::Found DiffParser::find_header(Header& h, size_t& header_begin) {
  for (;;) {
    std::string_view line = line_at(m_pos);
    size_t size = remaining(m_pos), len = line.size();
    if (!len) return Found::none;
    if (len < 6) {
      advance(len, 1);
      continue;
    }
    if (starts_with(line, "@@ -")) {
      Range dummy;
      if (parse_hunk_header(line, dummy)) {
        fail(m_line, "patch fragment without header: " + std::string(chomp(line)));
        return Found::fatal;
      }
      advance(len, 1);
      continue;
    }
    if (size < len + 6) return Found::none;  // git: too short to hold a header and a hunk
    if (starts_with(line, "diff --git ")) {
      size_t bytes = 0;
      int lines = 0;
      if (parse_git_header(h, bytes, lines) == Found::fatal) return Found::fatal;
      if (bytes <= len) {  // nothing but the "diff --git" line: not a patch, keep looking
        advance(len, 1);
        continue;
      }
      header_begin = m_pos;
      advance(bytes, lines);
      return Found::header;
    }
    std::string_view next = starts_with(line, "--- ") ? line_at(m_pos + len) : std::string_view();
    if (!starts_with(next, "+++ ")) {
      advance(len, 1);
      continue;
    }
    // Only unified diffs count, so a hunk header must follow ("@@ -0,0 +1 @@\n" is 14 bytes).
    if (size < next.size() + 14 || !starts_with(line_at(m_pos + len + next.size()), "@@ -")) {
      advance(len, 1);
      continue;
    }
    if (!parse_traditional(h, chomp(line).substr(4), chomp(next).substr(4)))
      return Found::fatal;
    header_begin = m_pos;
    advance(len + next.size(), 2);
    return Found::header;
  }
}

DiffParser::Found DiffParser::parse_git_header(Header& h, size_t& header_bytes,
                                               int& header_lines) {
  // A git diff states creation and deletion explicitly, so nothing is guessed later.
  h.is_new = 0;
  h.is_delete = 0;
  std::string_view first = line_at(m_pos);
  // The name on the "diff --git" line is only needed when no other line names the file
  // (mode change, empty file created or deleted); then both sides must be identical.
  h.def_name = dp::git_header_name(m_p_value, chomp(first).substr(11));
  size_t pos = m_pos + first.size();
  int line_no = m_line + 1;
  for (;;) {
    std::string_view line = line_at(pos);
    if (line.empty() || line.back() != '\n') break;
    bool done = false;
    if (!apply_git_header_line(h, chomp(line), line_no, done)) return Found::fatal;
    int extensions = (h.is_delete == 1) + (h.is_new == 1) + h.is_rename + h.is_copy;
    if (extensions > 1) {
      fail(line_no, "inconsistent header lines " + std::to_string(h.extension_line) + " and " +
                        std::to_string(line_no));
      return Found::fatal;
    }
    if (extensions && !h.extension_line) h.extension_line = line_no;
    if (done) break;
    pos += line.size();
    ++line_no;
  }
  if (!h.old_name && !h.new_name) {
    if (!h.def_name) {
      fail(line_no, "git diff header lacks filename information when removing " +
                        std::to_string(m_p_value) + " leading pathname component" +
                        (m_p_value == 1 ? "" : "s"));
      return Found::fatal;
    }
    h.old_name = h.def_name;
    h.new_name = h.def_name;
  }
  if ((!h.new_name && !h.is_delete) || (!h.old_name && !h.is_new)) {
    fail(line_no, "git diff header lacks filename information");
    return Found::fatal;
  }
  header_bytes = pos - m_pos;
  header_lines = line_no - m_line;
  return Found::header;
}

// One extended header line (git's optable, same order); `done` marks the header's end.
bool DiffParser::apply_git_header_line(Header& h, std::string_view line, int line_no,
                                       bool& done) {
  auto mode = [&](std::string_view rest, unsigned long& value, std::string& text) {
    return parse_mode(rest, value, text) || fail(line_no, "invalid mode: " + std::string(rest));
  };
  // rename/copy lines carry names without the a/ b/ prefix: one component less is removed.
  int inner_p = m_p_value ? m_p_value - 1 : 0;
  if (starts_with(line, "@@ -")) {
    done = true;
  } else if (starts_with(line, "--- ")) {
    return verify_name(h.old_name, h.is_new == 1, line.substr(4), line_no, "old");
  } else if (starts_with(line, "+++ ")) {
    return verify_name(h.new_name, h.is_delete == 1, line.substr(4), line_no, "new");
  } else if (starts_with(line, "old mode ")) {
    return mode(line.substr(9), h.old_mode, h.old_mode_text);
  } else if (starts_with(line, "new mode ")) {
    return mode(line.substr(9), h.new_mode, h.new_mode_text);
  } else if (starts_with(line, "deleted file mode ")) {
    h.is_delete = 1;
    h.old_name = h.def_name;
    return mode(line.substr(18), h.old_mode, h.old_mode_text);
  } else if (starts_with(line, "new file mode ")) {
    h.is_new = 1;
    h.new_name = h.def_name;
    return mode(line.substr(14), h.new_mode, h.new_mode_text);
  } else if (starts_with(line, "copy from ") || starts_with(line, "copy to ")) {
    bool from = line[5] == 'f';
    h.is_copy = true;
    auto& name = from ? h.old_name : h.new_name;
    name = dp::find_name(line.substr(from ? 10 : 8), nullptr, inner_p, 0);
  } else if (starts_with(line, "rename old ") || starts_with(line, "rename from ")) {
    h.is_rename = true;
    h.old_name = dp::find_name(line.substr(line[7] == 'o' ? 11 : 12), nullptr, inner_p, 0);
  } else if (starts_with(line, "rename new ") || starts_with(line, "rename to ")) {
    h.is_rename = true;
    h.new_name = dp::find_name(line.substr(line[7] == 'n' ? 11 : 10), nullptr, inner_p, 0);
  } else if (starts_with(line, "similarity index ")) {
    uint64_t v = 0;
    if (parse_num(line, 17, v) && v <= 100) h.similarity = static_cast<int>(v);
  } else if (starts_with(line, "dissimilarity index ")) {
    // A rewrite score; FileDiff::similarity only describes renames and copies.
  } else if (starts_with(line, "index ")) {
    // "index <old>..<new>[ <mode>]"; ids longer than a SHA-1 make git ignore the line.
    std::string_view rest = line.substr(6);
    size_t dots = rest.find('.');
    if (dots == npos || dots + 1 >= rest.size() || rest[dots + 1] != '.' || dots > max_hex_id)
      return true;
    h.old_blob.assign(rest.substr(0, dots));
    rest.remove_prefix(dots + 2);
    size_t space = rest.find(' ');
    if (std::min(space, rest.size()) > max_hex_id) return true;
    h.new_blob.assign(rest.substr(0, space));
    if (space != npos) return mode(rest.substr(space + 1), h.old_mode, h.old_mode_text);
  } else {
    done = true;  // any other line ends the header (and may be "GIT binary patch")
  }
  return true;
}

// git insists that ---/+++ names agree with what the header already said.
bool DiffParser::verify_name(std::optional<std::string>& name, bool is_null,
                             std::string_view line, int line_no, const char* side) {
  if (!name && !is_null) {
    name = dp::find_name(line, nullptr, m_p_value, dp::term_tab);
    return true;
  }
  if (name) {
    if (is_null) return fail(line_no, "bad git-diff - expected /dev/null, got " + *name);
    auto another = dp::find_name(line, nullptr, m_p_value, dp::term_tab);
    if (!another || *another != *name)
      return fail(line_no, std::string("bad git-diff - inconsistent ") + side + " filename");
    return true;
  }
  if (!dp::is_dev_null(line)) return fail(line_no, "bad git-diff - expected /dev/null");
  return true;
}

// "--- old" / "+++ new" without a git header: /dev/null or an epoch timestamp mark
// creation and deletion; otherwise git cannot tell yet (is_new/is_delete stay -1).
bool DiffParser::parse_traditional(Header& h, std::string_view first, std::string_view second) {
  if (!m_p_value_known) {
    int p = dp::guess_p_value(first), q = dp::guess_p_value(second);
    if (p < 0) p = q;
    if (p >= 0 && p == q) {
      m_p_value = p;
      m_p_value_known = true;
    }
  }
  std::optional<std::string> name;
  if (dp::is_dev_null(first)) {
    h.is_new = 1;
    h.is_delete = 0;
    name = dp::find_name_traditional(second, nullptr, m_p_value);
    h.new_name = name;
  } else if (dp::is_dev_null(second)) {
    h.is_new = 0;
    h.is_delete = 1;
    name = dp::find_name_traditional(first, nullptr, m_p_value);
    h.old_name = name;
  } else {
    auto first_name = dp::find_name_traditional(first, nullptr, m_p_value);
    name = dp::find_name_traditional(second, first_name ? &*first_name : nullptr, m_p_value);
    if (dp::has_epoch_timestamp(first)) {
      h.is_new = 1;
      h.is_delete = 0;
      h.new_name = name;
    } else if (dp::has_epoch_timestamp(second)) {
      h.is_new = 0;
      h.is_delete = 1;
      h.old_name = name;
    } else {
      h.old_name = name;
      h.new_name = name;
    }
  }
  return name || fail(m_line, "unable to find filename in patch");
}

// Reads the hunks after a header; their header counts decide where each one ends.
bool DiffParser::parse_hunks(Header& h, FileDiff& file) {
  uint64_t old_total = 0, new_total = 0;
  while (remaining(m_pos) > 4 && starts_with(m_text.substr(m_pos, 4), "@@ -")) {
    if (!parse_hunk(file)) return false;
    old_total += static_cast<uint64_t>(file.hunks.back().old_count);
    new_total += static_cast<uint64_t>(file.hunks.back().new_count);
  }
  // Removed lines rule out a creation and added lines a deletion; so does a second hunk.
  // The converse does not hold (a -U0 patch that only adds need not create the file).
  if (h.is_new < 0 && (old_total || file.hunks.size() > 1)) h.is_new = 0;
  if (h.is_delete < 0 && (new_total || file.hunks.size() > 1)) h.is_delete = 0;
  if (h.is_new > 0 && old_total)
    return fail(m_line, "new file " + h.new_name.value_or("") + " depends on old contents");
  if (h.is_delete > 0 && new_total)
    return fail(m_line, "deleted file " + h.old_name.value_or("") + " still has contents");
  return true;
}

// One "@@" hunk. git counts down the header's old/new numbers and stops when both are
// zero; anything else before that (or running out of text) makes the patch corrupt.
bool DiffParser::parse_hunk(FileDiff& file) {
  std::string_view header = line_at(m_pos);
  Range r;
  if (!parse_hunk_header(header, r)) return fail(m_line, "corrupt patch");
  Hunk hunk;
  hunk.old_start = clamp_long(r.old_start);
  hunk.old_count = clamp_long(r.old_count);
  hunk.new_start = clamp_long(r.new_start);
  hunk.new_count = clamp_long(r.new_count);
  hunk.line_in_patch = m_line;
  // Unsigned like git's: an extra line wraps a counter, which then never reaches zero.
  uint64_t old_left = r.old_count, new_left = r.new_count;
  size_t pos = m_pos + header.size();
  int line_no = m_line + 1, added = 0, deleted = 0, body = 0;
  // A hunk whose lines stand in the text as they are kept (the common case) is a view of
  // the diff's copy of the text: only the offsets of their newlines are collected, straight
  // into its DiffText (dropped again if the hunk is corrupt). A bare empty line is kept as
  // " ", so a hunk holding one is written out line by line after the copy.
  const size_t block_start = pos;
  DiffText& text = *m_store;
  const size_t first = text.ends.size();
  auto corrupt = [&](int at) {
    text.ends.resize(first);
    return fail(at, "corrupt patch");
  };
  bool as_written = true;
  auto take = [&](size_t line_end) {
    text.ends.push_back(static_cast<uint32_t>(line_end - block_start));
  };
  while (pos < m_text.size() && (old_left || new_left)) {
    std::string_view line = line_at(pos);
    if (line.back() != '\n') return corrupt(line_no);
    switch (line[0]) {
      case '\n':  // newer GNU diff writes an empty context line as a bare newline
        as_written = false;
        --old_left, --new_left, ++body;
        break;
      case ' ':
        --old_left, --new_left, ++body;
        break;
      case '-':
        --old_left, ++deleted, ++body;
        break;
      case '+':
        --new_left, ++added, ++body;
        break;
      case '\\':
        // "\ No newline at end of file" is localised; git only wants "\ " and 12 bytes.
        if (line.size() < 12 || line[1] != ' ') return corrupt(line_no);
        break;
      default:
        return corrupt(line_no);
    }
    pos += line.size();
    take(pos - 1);
    ++line_no;
  }
  // A hunk of context only changes nothing; git calls that corrupt too.
  if (old_left || new_left || (!added && !deleted)) return corrupt(line_no);
  // The marker after the last line is outside the counted lines but belongs to the hunk.
  if (remaining(pos) > 12 && starts_with(m_text.substr(pos, 2), "\\ ")) {
    std::string_view marker = line_at(pos);
    pos += marker.size();
    // The text's last line may lack its newline: the block then ends one byte short.
    take(marker.back() == '\n' ? pos - 1 : pos);
    ++line_no;
  }
  std::string_view block = m_text.substr(block_start, pos - block_start);
  // Line ends are kept as 32-bit offsets from the hunk's start.
  if (block.size() >= std::numeric_limits<uint32_t>::max()) return corrupt(m_line);
  const char* base = in_store(block).data();  // as written: in the copied text
  if (!(as_written && !block.empty() && block.back() == '\n')) {
    // Line by line, apart, each end rewritten as the line lands (read before it is
    // overwritten).
    std::string& out = text.rewritten.emplace_back();
    out.reserve(block.size() + (text.ends.size() - first) + 1);
    size_t begin = 0;
    for (size_t k = first; k < text.ends.size(); ++k) {
      const size_t end = text.ends[k];
      std::string_view line = block.substr(begin, end - begin);
      out.append(line.empty() ? std::string_view(" ") : line);
      text.ends[k] = static_cast<uint32_t>(out.size());
      out.push_back('\n');
      begin = end + 1;
    }
    base = out.data();
  }
  hunk.section = in_store(r.section);
  hunk.lines = HunkLines(m_store, base, first, text.ends.size() - first);
  file.insertions += added;
  file.deletions += deleted;
  m_diff.hunk_lines += body;
  file.hunks.push_back(std::move(hunk));
  m_pos = pos;
  m_line = line_no;
  return true;
}

// "literal N" or "delta N", then base85 lines (length letter + 5k chars), then a blank
// line. Returns false when no such block starts at `pos`; `corrupt` when one is broken.
bool DiffParser::parse_binary_hunk(size_t& pos, int& lines, bool& corrupt) {
  std::string_view first = line_at(pos);
  std::string_view size_text;
  if (starts_with(first, "delta "))
    size_text = first.substr(6);
  else if (starts_with(first, "literal "))
    size_text = first.substr(8);
  else
    return false;
  uint64_t inflated = 0;
  parse_num(size_text, 0, inflated);
  const Base85Block block = read_base85_block(m_text, pos + first.size(), inflated);
  if (!block.ok) return binary_corrupt(m_line + lines + block.lines, corrupt);
  pos = block.end;
  lines += 1 + block.lines;
  return true;
}

// "GIT binary patch" with a forward and an optional reverse block, or git's one-line
// "Binary files a/x and b/y differ". Returns false when a broken block ends the parse:
// git then drops this file silently and keeps the ones before it (verified with git 2.39
// --numstat, exit code 0).
bool DiffParser::parse_binary(FileDiff& file) {
  std::string_view line = line_at(m_pos);
  if (line == "GIT binary patch\n") {
    size_t pos = m_pos + line.size();
    int lines = 1;
    bool corrupt = false;
    if (!parse_binary_hunk(pos, lines, corrupt)) {
      if (!corrupt)
        m_binary_error = "line " + std::to_string(m_line + 1) + ": unrecognized binary patch";
      return false;
    }
    parse_binary_hunk(pos, lines, corrupt);  // the reverse block, needed only for -R
    if (corrupt) return false;
    file.binary = true;
    advance(pos - m_pos, lines);
  } else if (line.size() >= 8 && line.substr(line.size() - 8) == " differ\n" &&
             (starts_with(line, "Binary files ") || starts_with(line, "Files "))) {
    file.binary = true;
    advance(line.size(), 1);
  }
  return true;
}

// The header's names and modes move into the file: it is not read again.
void DiffParser::finish_file(Header&& h, FileDiff& file) {
  // git's numstat names a file by its new name, else its old one; FileDiff leaves the
  // missing side empty for creations and deletions.
  if (h.is_new <= 0 && h.old_name) file.old_path = std::move(*h.old_name);
  if (h.is_delete <= 0 && h.new_name) file.new_path = std::move(*h.new_name);
  if (h.is_rename)
    file.status = FileStatus::renamed;
  else if (h.is_copy)
    file.status = FileStatus::copied;
  else if (h.is_new > 0)
    file.status = FileStatus::added;
  else if (h.is_delete > 0)
    file.status = FileStatus::deleted;
  else if (h.old_mode && h.new_mode && h.old_mode != h.new_mode)
    file.status = FileStatus::mode_changed;
  file.old_mode = std::move(h.old_mode_text);
  file.new_mode = std::move(h.new_mode_text);
  // An "index" line's mode holds for both sides when nothing else changes it.
  if (file.new_mode.empty() && h.is_delete <= 0 && !h.new_mode) file.new_mode = file.old_mode;
  file.old_blob = std::move(h.old_blob);
  file.new_blob = std::move(h.new_blob);
  file.similarity = h.similarity;
  m_diff.insertions += file.insertions;
  m_diff.deletions += file.deletions;
}

// CVS and Subversion diffs open each file with "Index:", "=====", "RCS file:" and
// "retrieving revision" lines before "---"; they belong to the diff (Patchwork shows them).
size_t DiffParser::include_scm_preamble(size_t begin) const {
  while (begin > 0) {
    // (begin 1: the line before is the text's first, an empty one; rfind from begin - 2
    // would search from the end)
    size_t prev = begin >= 2 ? m_text.rfind('\n', begin - 2) : npos;
    prev = prev == npos ? 0 : prev + 1;
    std::string_view line = m_text.substr(prev, begin - prev);
    if (!starts_with(line, "Index: ") && !starts_with(line, "====") &&
        !starts_with(line, "RCS file: ") && !starts_with(line, "retrieving revision ") &&
        !starts_with(line, "diff -"))
      break;
    begin = prev;
  }
  return begin;
}

Diff DiffParser::run() {
  size_t text_end = 0;
  for (;;) {
    Header h;
    size_t begin = 0;
    Found found = find_header(h, begin);
    if (found != Found::header) break;
    if (!m_store) start_store(begin);
    FileDiff file;
    bool ok = parse_hunks(h, file);
    // A header without hunks may be followed by a binary patch.
    if (ok && file.hunks.empty() && !parse_binary(file)) break;
    finish_file(std::move(h), file);
    m_diff.files.push_back(std::move(file));
    text_end = m_pos;  // a corrupt hunk is not consumed: the text ends before it
    if (!ok) break;
  }
  // git reports a broken binary block only when nothing else was found.
  if (m_diff.files.empty() && m_diff.error.empty())
    m_diff.error = !m_binary_error.empty()
                       ? m_binary_error
                       : "line " + std::to_string(m_line) + ": no valid patches in input";
  if (!m_diff.files.empty()) {  // the first file's header started the store
    m_diff.text_size = text_end - m_store_from;
    m_diff.store = std::move(m_store);
  }
  return std::move(m_diff);
}

}  // namespace

Diff parse_diff(std::string_view patch_text, int strip) {
  return DiffParser(patch_text, strip).run();
}

void Diff::set_text(std::string_view text) {
  auto replaced = std::make_shared<DiffText>();
  replaced->bytes.assign(text);
  store = std::move(replaced);
  text_size = text.size();
}

const char* to_string(FileStatus status) {
  static constexpr const char* names[] = {"modified", "added",  "deleted",
                                          "renamed",  "copied", "mode_changed"};
  auto i = static_cast<size_t>(status);
  return i < std::size(names) ? names[i] : "modified";
}

}  // namespace pt
