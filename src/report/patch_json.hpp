// report stage: the patch object as JSON (the `inspect` contract, see man/patchtriage.1).
// Patch -> one JSON Lines record.
#pragma once

#include <string>

#include "patch/patch.hpp"
#include "facts/patch_facts.hpp"
#include "rules/rule_result.hpp"
#include "thread/thread_types.hpp"

namespace pt {

// What a record holds beyond the patch object; every member may be null.
struct JsonExtras {
  const PatchFacts* facts = nullptr;               // "facts" (with -C)
  const std::vector<CheckedClaim>* claims = nullptr;  // "note_claims"
  const Decision* decision = nullptr;              // "verdict", "rule_set", "rules"
  int indent = -1;                                 // >= 0 pretty-prints
  const Patch* whole = nullptr;  // the message itself when patches[index] was shed for threading
};

// One line of JSON (no trailing newline) for patches[index], with its thread facts and
// `extras`. Bytes that are not UTF-8 become U+FFFD.
std::string patch_to_json_line(const std::vector<Patch>& patches, std::size_t index,
                               const ThreadSet& threads, const JsonExtras& extras = {});

// One line of JSON for a thread: its series (cover, patches by number, missing ones,
// versions) and its other messages, so a user can see how the mail was grouped.
std::string thread_to_json_line(const std::vector<Patch>& patches, const ThreadSet& threads,
                                const Thread& thread);

}  // namespace pt
