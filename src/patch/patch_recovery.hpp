// patch stage: patch objects from renderings (web pages, flattened text) and damaged diffs.
// RawMessage -> recover/ unwrap -> mail -> Patch with `recovered`; rebuilt diffs swapped in.
#pragma once

#include <optional>

#include "input/raw_message.hpp"
#include "patch/patch.hpp"
#include "recover/hunk_rebuild.hpp"
#include "recover/rendered_mail.hpp"

namespace pt {

// The rendering a raw message is, unwrapped back into mail text; nullopt for ordinary
// mail. (A flattened mbox reaches us as one long "From " line: the envelope is the text.)
std::optional<UnwrappedMail> unwrap_raw(const RawMessage& raw);

// Records on `p` (built from the unwrapped mail) how it was recovered, and rebuilds its
// diff as far as the text alone allows.
void note_rendering(Patch& p, const UnwrappedMail& unwrapped);

// A mail whose diff does not parse because a mail client damaged it (lost context markers,
// wrapped lines): repaired from the hunk counts when that gives a well-formed diff.
void repair_damaged_diff(Patch& p);

// Swaps in a diff rebuilt against file text when it knows more than the patch's own.
void adopt_rebuilt_diff(Patch& p, const RebuiltDiff& rebuilt);

}  // namespace pt
