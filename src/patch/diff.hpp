// patch stage: the value types of a parsed diff.
// Diff text (as git mailinfo writes the patch part) -> files, hunks, counts.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pt {

// One hunk: the header numbers and the lines of its body as written.
struct Hunk {
  long old_start = 0, old_count = 0, new_start = 0, new_count = 0;
  std::string section;            // text after the second "@@" (function context)
  // Each line with its ' ', '+', '-' or '\\' marker, no '\n'; git reads a bare empty line
  // as empty context, stored here as " ".
  std::vector<std::string> lines;
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
