// recover stage (internal to hunk_rebuild): where a damaged hunk sits in a file's text.
// (damaged hunk lines or token stream, file text, header numbers) -> which unit is which
// file line, found by a bounded depth-first search.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pt::hunk {

// Whitespace-free form of a line: what survives every kind of damage we repair.
std::string squeeze(std::string_view s);
// Whitespace-separated words.
std::vector<std::string_view> words(std::string_view s);
// `s` without what a browser took for HTML tags ("<linux/slab.h>", "</b>"), line by line:
// a '<' followed by a letter, '/' or '!' up to the next '>' on the same line.
std::string strip_tags(std::string_view s);
bool has_tag(std::string_view s);

// A candidate file split into lines, with the forms the matchers compare.
struct FileText {
  std::vector<std::string_view> lines;  // without '\n' (a '\r' stays: it is content)
  std::vector<std::string> norm;        // squeeze(line)
  std::vector<int> func_default;        // nearest funcname line above i (git's def_ff), -1
  std::vector<int> func_cpp;            // same with git's "cpp" diff driver, -1
};
FileText make_file_text(std::string_view text);

// The section git prints after "@@ ... @@" for a hunk whose first line is `index`
// (0-based): the nearest line above that is a function line, cut to 80 bytes, trailing
// blanks removed (xdiff's func_line buffer). `cpp` selects the kernel's diff=cpp rule.
std::string git_section(const FileText& file, int index, bool cpp);

enum class Kind : std::uint8_t { context, removed, added, marker };

// One line of a rebuilt hunk, in hunk order.
struct AlignedLine {
  Kind kind = Kind::context;
  int file_line = -1;  // file line it was taken from, -1 when absent from the file
  int begin = 0;       // damaged units (line mode) or tokens (token mode) it came from
  int end = 0;
  bool implied = false;  // a blank file line the damage had dropped
};

// One damaged body line (line mode).
struct Unit {
  std::string_view raw;  // as given, without '\n'
  char mark = 0;         // '+', '-', ' ', '\\' or 0 when the line has no marker
  std::string norm_body; // squeeze() of the text after the marker (whole line without one)
  std::string norm_raw;  // squeeze() of the whole line: its reading as unmarked context
};
std::vector<Unit> make_units(const std::vector<std::string_view>& lines);

// What the search is asked: the header numbers and the side to look for. When
// `postimage`, context and added lines are looked for (the patch is already applied) and
// removed lines are the free ones.
struct AlignRequest {
  long old_start = 0, old_count = 0, new_start = 0, new_count = 0;
  bool postimage = false;
  bool allow_leftover = false;  // a mail signature after the last hunk may stay outside it
  bool blank_first = true;      // put a dropped blank line before a free line when both fit
  int expected_offset = 0;
  bool c_like = true;           // C source: "a + b" is common, a marker mid-line is likely not a line start      // where the previous hunk of the file was found vs. written
  long budget = 5'000'000;      // search steps for the whole hunk
  size_t header_length = 0;     // of the "@@" line as written (line mode: did it wrap?)
};

struct AlignResult {
  bool ok = false;
  bool gave_up = false;  // the step budget ran out
  int start = 0;         // file index of the hunk's first consumed line
  int consumed_begin = 0;  // first unit/token of the body (after any section text)
  int leftover = -1;       // first unit/token left outside the hunk, -1 when none
  std::string section;     // token mode, and line mode with a file: the file's section bytes
  bool section_from_file = false;
  std::vector<AlignedLine> lines;
};

// Line mode: `units` are the body lines; `section` the header's text after "@@ ... @@" as
// written (its wrapped tail may be the first units).
AlignResult align_lines(const std::vector<Unit>& units, std::string_view section,
                        const FileText& file, const AlignRequest& req);

// Token mode: `tokens` is the header remainder and body as one word stream.
AlignResult align_tokens(const std::vector<std::string_view>& tokens, const FileText& file,
                         const AlignRequest& req);

// Without a file: how many leading tokens of a flattened hunk are its section, guessed
// from their shape (a function signature up to its closing parenthesis, a declaration up to
// its '{'); 0 when they do not look like one.
int guess_section_tokens(const std::vector<std::string_view>& tokens);

}  // namespace pt::hunk
