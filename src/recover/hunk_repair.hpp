// recover stage (internal to hunk_rebuild): a damaged hunk repaired without the file.
// (damaged body lines or token stream, header counts) -> body lines git can parse
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "recover/hunk_align.hpp"

namespace pt::hunk {

struct RepairedHunk {
  std::vector<std::string> lines;  // body lines with their markers
  long old_count = 0, new_count = 0;  // what the lines add up to
  bool counts_match = false;       // ... and that equals the header
  int joined = 0;                  // wrapped lines put back together
  int markers = 0;                 // context lines given back their ' '
  int leftover = -1;               // first unit/token after the hunk (a mail signature)
  std::string section_tail;        // line mode: a wrapped header's tail, joined back
  std::string section;             // token mode: the section guessed from the stream
};

// Line mode: unmarked lines are context, unless the counts say there are too many lines;
// then the likeliest wrap continuations (after a long line) are joined to the line before.
// `header_length` is the "@@" line's length (its section may have wrapped too).
// `allow_trailer`: a "--" signature at the end may stay outside the hunk.
RepairedHunk repair_lines(const std::vector<Unit>& units, long old_count, long new_count,
                          size_t header_length, bool allow_trailer);

// Token mode: lines start at standalone "-"/"+" markers, at glued ones after a line end,
// and after words ending in ';', '{', '}' or "*/"; a guessed section comes off the front.
RepairedHunk repair_tokens(const std::vector<std::string_view>& tokens, bool allow_trailer);

}  // namespace pt::hunk
