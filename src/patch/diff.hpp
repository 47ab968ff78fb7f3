// patch stage: the value types of a parsed diff.
// Diff text (as git mailinfo writes the patch part) -> files, hunks, counts.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pt {

// The lines of all hunks of one diff, in one buffer (a diff has thousands of lines, a
// mailbox millions; a buffer per hunk cost two allocations each). Each line is followed by
// a '\n', so that lines as written in the mail are taken with one copy per hunk.
struct HunkText {
  std::string bytes;
  std::vector<std::uint32_t> ends;  // offset of each line's '\n' in `bytes`
};

// The lines of one hunk body: a range of its diff's HunkText, shared (copies of a hunk or a
// diff share it; it is never changed once a hunk refers to it). Indexing gives a view
// without the '\n', valid while any hunk of the diff lives.
class HunkLines {
 public:
  std::size_t size() const { return m_count; }
  bool empty() const { return m_count == 0; }
  std::string_view operator[](std::size_t i) const {
    const std::size_t at = m_first + i;
    const std::size_t begin = at ? m_text->ends[at - 1] + 1 : 0;
    return std::string_view(m_text->bytes).substr(begin, m_text->ends[at] - begin);
  }
  std::string_view back() const { return (*this)[size() - 1]; }
  std::vector<std::string> to_vector() const {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < size(); ++i) out.emplace_back((*this)[i]);
    return out;
  }
  friend bool operator==(const HunkLines& a, const std::vector<std::string>& b) {
    return a.to_vector() == b;
  }

  // The parser's side: `text` gets the lines appended first (their offsets relative to
  // where they start in it), then the hunk takes the range they fill.
  HunkLines() = default;
  HunkLines(std::shared_ptr<const HunkText> text, std::size_t first, std::size_t count)
      : m_text(std::move(text)),
        m_first(static_cast<std::uint32_t>(first)),
        m_count(static_cast<std::uint32_t>(count)) {}

 private:
  std::shared_ptr<const HunkText> m_text;
  std::uint32_t m_first = 0, m_count = 0;
};

// One hunk: the header numbers and the lines of its body as written.
struct Hunk {
  long old_start = 0, old_count = 0, new_start = 0, new_count = 0;
  std::string section;            // text after the second "@@" (function context)
  // Each line with its ' ', '+', '-' or '\\' marker, no '\n'; git reads a bare empty line
  // as empty context, stored here as " ".
  HunkLines lines;
  int line_in_patch = 0;          // 1-based line of the "@@" header inside the patch text
};

enum class FileStatus { modified, added, deleted, renamed, copied, mode_changed };

// One file of a diff, with counts equal to `git apply --numstat`.
struct FileDiff {
  std::string old_path;  // without a/ prefix; empty for a created file
  std::string new_path;  // without b/ prefix; empty for a deleted file
  FileStatus status = FileStatus::modified;
  bool binary = false;
  std::string old_mode, new_mode;
  std::string old_blob, new_blob; // abbreviated ids from an "index" line
  int similarity = -1;            // rename/copy similarity in percent, -1 when absent
  int insertions = 0, deletions = 0;
  std::vector<Hunk> hunks;
};

// The whole diff of one patch mail.
struct Diff {
  std::vector<FileDiff> files;
  int insertions = 0, deletions = 0;
  int hunk_lines = 0;  // all hunk body lines, context included (the stable rule counts these)
  std::string text;    // the diff itself: from the first file header to the end of the last hunk
  std::string error;   // "" when git apply would accept it; else "line N: what is wrong"
};

// Parses every file diff in `patch_text` the way `git apply` finds them (git headers,
// traditional ---/+++ headers, binary patches), skipping text before and between them.
// Never throws; a corrupt hunk sets Diff::error and keeps what was parsed before it.
// `strip` is git apply's -p: the number of leading path components to remove.
Diff parse_diff(std::string_view patch_text, int strip = 1);

const char* to_string(FileStatus status);

}  // namespace pt
