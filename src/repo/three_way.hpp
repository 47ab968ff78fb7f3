// repo stage: git apply --3way's fallback for hunks that do not apply.
// forward ApplyResult + the diff's preimage blobs + a file merger -> files marked three_way.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "repo/apply_check.hpp"

namespace pt {

// Reads a blob by the abbreviated id of a diff's `index` line; nullopt when it is absent.
using BlobReader = std::function<std::optional<std::string>(const std::string& id)>;
// Merges ours and theirs from their common base; nullopt when they conflict.
using FileMerger = std::function<std::optional<std::string>(
    const std::string& base, const std::string& ours, const std::string& theirs)>;

// For every file of `forward` (the result of check_apply(diff, read, false)) whose hunks
// conflict: when the object store holds the preimage blob the `index` line names, applies
// the file's hunks to that blob and merges the result into the target's file, as
// git apply --3way does. Files that merge cleanly become `three_way` (their hunks keep
// their conflict detail); the overall status is recomputed. Files without an index line,
// with an unknown blob, or whose merge conflicts stay as they were.
ApplyResult check_three_way(const Diff& diff, const FileReader& read, const BlobReader& blob,
                            const FileMerger& merge, ApplyResult forward);

}  // namespace pt
