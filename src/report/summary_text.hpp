// report stage: the human-readable card of a patch: what the mail and repository say, then
// the verdict when rules were evaluated.
// Patch -> lines of text on a stream, coloured with rang when asked.
#pragma once

#include <ostream>

#include "facts/patch_facts.hpp"
#include "patch/patch.hpp"
#include "rules/rule_result.hpp"
#include "thread/thread_types.hpp"

namespace pt {

struct TextStyle {
  bool color = false;  // emit rang colour codes
  bool ascii = false;  // no box drawing or non-ASCII symbols
};

// Writes one summary block for `patch`: what the mail says, each line naming where it
// was read (header, trailer, subject prefix). Decides nothing.
// `facts` may be null (no repository given). With a `decision` the block ends with the
// verdict and the verification list: the card. `claims`: the LLM notes' claims, checked;
// the card counts them and quotes every contradicted one.
void render_summary(std::ostream& out, const std::vector<Patch>& patches, std::size_t index,
                    const ThreadSet& threads, const PatchFacts* facts, const TextStyle& style,
                    const Decision* decision = nullptr,
                    const std::vector<CheckedClaim>* claims = nullptr);

}  // namespace pt
