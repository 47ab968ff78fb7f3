// recover stage: whitespace-damaged or flattened hunks + the target file -> exact hunks.
// (damaged diff text, file text handed in by the caller) -> rebuilt diff text + how sure
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pt {

// The text of one file as a candidate for alignment, handed in by the caller (the recover
// stage never opens a repository). `path` is the diff's old path (new path for a created
// file); `blob` the index line's abbreviated preimage id ("" when none). Returns every
// candidate text worth trying, best first: the preimage blob when the repository has it,
// then the file at each target branch's tip. Empty when nothing is known.
struct FileCandidate {
  std::string text;
  std::string origin;  // evidence for the card: "blob 4b3f4f11928d", "linux-6.12.y:drivers/..."
};
using FileLookup =
    std::function<std::vector<FileCandidate>(const std::string& path, const std::string& blob)>;

struct HunkRebuildStats {
  int hunks = 0;
  int hunks_anchored = 0;   // the preimage (or, for an applied patch, postimage) side was found
                            // in the file and restored byte for byte
  int lines_guessed = 0;    // lines absent from the file whose whitespace was inferred
};

struct RebuiltDiff {
  // The diff text, "diff --git"/"---"/"+++"/"@@" headers as written, hunk bodies rebuilt.
  // Always parseable; hunk counts match the header when `complete`.
  std::string text;
  // Every hunk's preimage lines are the file's own bytes (what `git apply` compares): the
  // diff can be checked against a tree. False: the diff is a best effort, never reported as
  // applying cleanly.
  bool preimage_exact = false;
  // Every line of the diff is known byte for byte (both sides anchored in file text, or the
  // unanchored lines are empty). False when some line's whitespace was inferred.
  bool exact = false;
  HunkRebuildStats stats;
  std::vector<std::string> repairs;   // phrases for the card, as in UnwrappedMail::repairs
  std::vector<std::string> evidence;  // FileCandidate::origin of each file used
};

// Rebuilds the diff part of a recovered mail. `diff_text` is the diff as it came out of
// the unwrapped mail: lines may have lost their leading space/indentation, had tabs turned
// into spaces, runs of blanks collapsed, trailing blanks stripped, blank lines dropped, been
// wrapped; when `flattened` the hunk bodies may be whole token streams (line breaks lost).
// Without candidates (lookup empty or returning nothing) the result repairs only what the
// hunk headers' counts decide (missing context markers, wrapped lines) and is not
// preimage_exact unless the text was already a well-formed diff.
RebuiltDiff rebuild_diff(std::string_view diff_text, bool flattened, const FileLookup& lookup);

// A diff that parses but whose C files show no tab at all and lines indented by eight or
// more spaces: a mail client turned the tabs into spaces (git would read it, and it would
// not apply). Such a diff is worth a rebuild against the files.
bool looks_space_damaged(std::string_view diff_text);

}  // namespace pt
