// report stage: the patch object as JSON (the `inspect` contract, see man/patchtriage.1).
// Patch -> one JSON Lines record.
#pragma once

#include <string>

#include "patch/patch.hpp"
#include "facts/patch_facts.hpp"
#include "rules/rule_result.hpp"
#include "thread/thread_types.hpp"

namespace pt {

// One line of JSON (no trailing newline) for patches[index], with its thread facts.
// Bytes that are not UTF-8 become U+FFFD.
// `facts` (may be null: no repository) adds the "facts" object; `decision` (may be null)
// adds "verdict", "rule_set" and "rules" [{id, severity, result, evidence, message}].
// `indent` >= 0 pretty-prints.
std::string patch_to_json_line(const std::vector<Patch>& patches, std::size_t index,
                               const ThreadSet& threads, const PatchFacts* facts = nullptr,
                               const Decision* decision = nullptr, int indent = -1);

// One line of JSON for a thread: its series (cover, patches by number, missing ones,
// versions) and its other messages, so a user can see how the mail was grouped.
std::string thread_to_json_line(const std::vector<Patch>& patches, const ThreadSet& threads,
                                const Thread& thread);

}  // namespace pt
