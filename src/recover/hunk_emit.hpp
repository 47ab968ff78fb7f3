// recover stage (internal to hunk_rebuild): one hunk's lines written out once it is placed.
// (the hunk aligned against a file text + other texts' fills) -> the hunk's body: file bytes
// for what a text has, guessed whitespace (hunk_infer) for the rest, and what was done
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "recover/hunk_align.hpp"
#include "recover/hunk_infer.hpp"

namespace pt::hunk {

// What a rebuild did, summed over hunks (the card's "recovered" repairs).
struct Counters {
  int context_restored = 0, removed_restored = 0, added_from_file = 0, blanks_restored = 0;
  int added_guessed = 0, removed_guessed = 0, joined = 0, markers = 0, regenerated = 0;
  int trailing = 0;
  std::map<std::string, int> realigned;  // origin -> hunks
};

struct HunkOut {
  std::string header_ranges;  // written or regenerated
  std::string section;
  std::vector<std::string> body;
  std::vector<std::string> after;  // text after the hunk (a signature)
  bool anchored = false;
  bool preimage_exact = false;
  int guessed = 0;
};

// What other candidate texts say about a line the anchoring file lacks (by index into
// AlignResult::lines): its bytes, where another text has the hunk's other side at this
// place, or the byte variants of its words found anywhere in them, nearest first.
struct LineFill {
  bool have = false;
  std::string bytes;
  std::string hint;  // another text's bytes where the two texts disagree on the layout
  std::vector<std::string> variants;
  size_t near_variants = 0;
};

// Lines from an alignment: file bytes for what the file has, guesses for the rest.
// `units` (line mode) or `toks` (flattened mail) hold the hunk's damaged text.
HunkOut build_anchored(const AlignResult& a, bool postimage, const FileText& file,
                       const std::vector<Unit>* units, const std::vector<std::string_view>* toks,
                       const std::vector<LineFill>& fills, const DamageModel& model, Counters& c);

// The words t[b, e) joined by single spaces.
std::string join_words(const std::vector<std::string_view>& t, size_t b, size_t e);

// The damaged text of a line the file does not have, without its marker.
std::string free_damaged(const std::vector<Unit>* units, const std::vector<std::string_view>* toks,
                         const AlignedLine& l);

// "start,count" of a hunk header ("start" alone for a count of 1, as git writes it).
std::string count_text(long start, long count);

}  // namespace pt::hunk
