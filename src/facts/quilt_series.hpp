// facts stage: a quilt queue's series file against the files beside it.
// series text + the directory's file names -> entries in order, and what does not match.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pt {

struct SeriesEntry {
  std::string name;  // the patch file, relative to the queue directory
  int line = 0;      // 1-based line of the series file
};

// A mismatch between the series file and the directory.
struct SeriesProblem {
  enum class Kind { missing_file, not_in_series, duplicate_entry };
  Kind kind;
  std::string name;
  int line = 0;  // the series line (0 for a file without an entry)
};

// The entries of a quilt series file, in order: one patch per line, quilt options after it
// ("-p1") and comments ('#' at the start or after a blank) ignored, blank lines skipped.
std::vector<SeriesEntry> parse_series(std::string_view text);

// Entries without a file, files without an entry (every file of the directory but the
// series file itself and hidden files), and names listed twice: in series order, then the
// unlisted files by name.
std::vector<SeriesProblem> check_series(const std::vector<SeriesEntry>& entries,
                                        const std::vector<std::string>& files);

// "series line 12: 'usb-fix.patch' has no file", "'stray.patch' is not in the series".
std::string describe(const SeriesProblem& problem);

}  // namespace pt
