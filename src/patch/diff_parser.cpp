// Diff parser that finds file diffs and counts lines the way `git apply --numstat` does.
// The rules come from git 2.39's apply.c (find_header, parse_fragment, parse_binary; its
// header lines: diff_header_parser.cpp); this is an independent implementation of them.
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
#include "patch/diff_parser_impl.hpp"
#include "patch/diff_paths.hpp"
#include "util/text.hpp"

namespace pt {
namespace diff_parsing {

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

namespace {

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

long clamp_long(uint64_t v) {
  constexpr uint64_t max = static_cast<uint64_t>(std::numeric_limits<long>::max());
  return static_cast<long>(v > max ? max : v);
}

}  // namespace

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

}  // namespace diff_parsing

using diff_parsing::DiffParser;

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
