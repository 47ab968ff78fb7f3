// patch stage: the value types of a parsed diff.
// Diff text (as git mailinfo writes the patch part) -> files, hunks, counts.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pt {

// What a parsed diff's text, hunk lines and hunk sections are views of, one per diff (a
// diff has thousands of lines, a mailbox millions; a buffer per hunk cost two allocations
// each, and a copy of every line): the patch text copied once from its first file on,
// never changed after; the lines of a hunk that cannot be shown as written (a bare empty
// line is kept as " ") are written out apart. Copies of a diff or hunk share it.
struct DiffText {
  std::string bytes;
  std::deque<std::string> rewritten;  // one per such hunk (a deque: they never move)
  std::vector<std::uint32_t> ends;    // each hunk line's '\n', counted from its hunk's start
};

// The lines of one hunk body: a range of its diff's DiffText. Indexing gives a view
// without the '\n', valid while any copy of the diff or hunk lives.
class HunkLines {
 public:
  std::size_t size() const { return m_count; }
  bool empty() const { return m_count == 0; }
  std::string_view operator[](std::size_t i) const {
    const std::uint32_t* ends = m_text->ends.data() + m_first;
    const std::size_t begin = i ? ends[i - 1] + std::size_t{1} : 0;
    return std::string_view(m_base + begin, ends[i] - begin);
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

  // The parser's side: the lines start at `base`, inside `text`; their ends are entries
  // [first, first + count) of text->ends.
  HunkLines() = default;
  HunkLines(std::shared_ptr<const DiffText> text, const char* base, std::size_t first,
            std::size_t count)
      : m_text(std::move(text)),
        m_base(base),
        m_first(static_cast<std::uint32_t>(first)),
        m_count(static_cast<std::uint32_t>(count)) {}

 private:
  std::shared_ptr<const DiffText> m_text;
  const char* m_base = nullptr;
  std::uint32_t m_first = 0, m_count = 0;
};

// One hunk: the header numbers and the lines of its body as written.
struct Hunk {
  long old_start = 0, old_count = 0, new_start = 0, new_count = 0;
  std::string_view section;       // text after the second "@@" (function context): a view
                                  // of the diff's DiffText, like `lines`
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
  std::string error;   // "" when git apply would accept it; else "line N: what is wrong"

  // The diff itself: from the first file header to the end of the last hunk, as written.
  std::string_view text() const {
    return store ? std::string_view(store->bytes).substr(0, text_size) : std::string_view();
  }
  // Replaces the text only (the hunks keep theirs): for tests that alter a diff's text.
  void set_text(std::string_view text);

  std::shared_ptr<const DiffText> store;  // what text() and the hunks' lines are views of
  std::size_t text_size = 0;  // the store's copy starts with the diff; it may run on after
};

// Parses every file diff in `patch_text` the way `git apply` finds them (git headers,
// traditional ---/+++ headers, binary patches), skipping text before and between them.
// Never throws; a corrupt hunk sets Diff::error and keeps what was parsed before it.
// `strip` is git apply's -p: the number of leading path components to remove.
Diff parse_diff(std::string_view patch_text, int strip = 1);

const char* to_string(FileStatus status);

}  // namespace pt
