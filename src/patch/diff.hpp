// patch stage: the value types of a parsed diff.
// Diff text (as git mailinfo writes the patch part) -> files, hunks, counts.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pt {

// The lines of a hunk body, stored in one buffer (a diff has millions of lines; one
// allocation per line dominated parsing). Each line is followed by a '\n' in the buffer, so
// that a hunk as written in the mail is taken with one copy (`assign_block`); indexing
// gives a view without it, valid while the hunk lives.
class HunkLines {
 public:
  std::size_t size() const { return m_ends.size(); }
  bool empty() const { return m_ends.empty(); }
  void reserve(std::size_t n) { m_ends.reserve(n); }
  // Room for `bytes` of line text (all lines together, without newlines).
  void reserve_bytes(std::size_t bytes) { m_text.reserve(bytes + size()); }
  void emplace_back(std::string_view line) {
    m_text.append(line);
    m_ends.push_back(static_cast<std::uint32_t>(m_text.size()));
    m_text.push_back('\n');
  }
  // The lines of `block`, each ending in '\n' (the last one too), where `ends` are the
  // offsets of those newlines: one copy for the whole hunk.
  void assign_block(std::string_view block, const std::vector<std::uint32_t>& ends) {
    m_text.assign(block);
    m_ends.assign(ends.begin(), ends.end());
  }
  std::string_view operator[](std::size_t i) const {
    std::size_t begin = i ? m_ends[i - 1] + 1 : 0;
    return std::string_view(m_text).substr(begin, m_ends[i] - begin);
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

 private:
  std::string m_text;
  std::vector<std::uint32_t> m_ends;
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
