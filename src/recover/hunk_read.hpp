// recover stage (internal to hunk_rebuild): the file diffs and hunks of a damaged diff, and
// what the damage did to its whitespace.
// (damaged diff text split into lines) -> file paths, index blobs, hunk headers and bodies
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "recover/hunk_align.hpp"
#include "recover/hunk_infer.hpp"

namespace pt::hunk {

struct HunkIn {
  size_t header = 0;              // line index of the "@@" line
  std::string_view ranges;        // "-a,b +c,d" as written
  std::string_view section;       // after the second "@@" and one blank
  long old_start = 0, old_count = 1, new_start = 0, new_count = 1;
  size_t body_begin = 0, body_end = 0;  // line indices
};

struct FileIn {
  std::string path, blob;
  bool kernel_style = true;
  std::vector<HunkIn> hunks;
};

std::vector<std::string_view> split_lines(std::string_view text);

// The damage never touches "diff --git", "---"/"+++", "index" and "@@" lines: they locate
// the file diffs and hunks; a hunk's body is every line up to the next of them.
std::vector<FileIn> read_diff(const std::vector<std::string_view>& lines);

// The whitespace the hunk bodies show after their markers.
struct BodyWhitespace {
  bool tab = false;        // a tab anywhere
  bool runs = false;       // two blanks in a row anywhere
  bool c_indented = false; // a line of a C file starting with six blanks (a tab after the
                           // marker became 7 spaces; a context line may have lost its ' ')
};
BodyWhitespace body_whitespace(const std::vector<std::string_view>& lines, const std::vector<FileIn>& files);

// Whitespace damage of the whole diff: collapsed (page, flattened) or tabs turned spaces.
DamageModel damage_model(const BodyWhitespace& ws, bool flattened);

// Mail-client damage, learned from the lines of a hunk found in the file: tabs expanded to
// stops from the marker (DamageModel::tab_stops), or how many blanks each tab became.
bool learn_tab_stops(const std::vector<Unit>& units, const AlignResult& a, const FileText& file);
int learn_tab_width(const std::vector<Unit>& units, const AlignResult& a, const FileText& file);

// A damaged line's content with its tabs put back: leading blanks in `tab_width` steps, or
// (DamageModel::tab_stops) runs of blanks that end on an 8-column stop.
std::string unexpand_lead(std::string_view damaged, int tab_width);
std::string unexpand_stops(std::string_view damaged);
// The damage DamageModel::tab_stops describes, of a line's content (after its marker).
std::string expand_stops(std::string_view content);

}  // namespace pt::hunk
