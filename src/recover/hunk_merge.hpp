// recover stage (internal to hunk_rebuild): one hunk from two texts, one holding its
// preimage, the other its postimage (6.1 may still lack a patch that 6.12 has).
// (the two alignments of the same damaged hunk) -> its lines, each from a file, or nothing
#pragma once

#include <vector>

#include "recover/hunk_align.hpp"

namespace pt::hunk {

struct MergedLine {
  AlignedLine line;
  bool from_post = false;  // file_line indexes the postimage text (else the preimage one)
};

// Both alignments put the same context lines (dropped blank ones included) in the same
// order; between two context lines git writes the removed lines, then the added ones. So
// the removed lines come from `pre` (where that text says they sit among the blank lines),
// the added ones from `post`, the context from `post` when `context_from_post`. False when
// the two disagree (other context, other section or trailer, a "\ No newline" line) or the
// merged order contradicts the damaged text's order.
bool merge_sides(const AlignResult& pre, const AlignResult& post, bool context_from_post,
                 std::vector<MergedLine>& out);

}  // namespace pt::hunk
