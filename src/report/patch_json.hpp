// report stage: the patch object as JSON (the `inspect` contract, see man/patchtriage.1).
// Patch -> one JSON Lines record.
#pragma once

#include <string>

#include "patch/patch.hpp"

namespace pt {

// One line of JSON (no trailing newline). Bytes that are not UTF-8 become U+FFFD.
std::string patch_to_json_line(const Patch& patch);

}  // namespace pt
