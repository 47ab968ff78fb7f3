// facts stage: a recovered patch's diff rebuilt from the repository's files.
// Patch (recovered, diff inexact) + Repository + target branches -> Patch with a rebuilt diff
#pragma once

#include <vector>

#include "facts/apply_facts.hpp"
#include "patch/patch.hpp"
#include "recover/hunk_rebuild.hpp"
#include "repo/repository.hpp"

namespace pt {

// The files a rebuild may align against, read in memory: the blob the diff's index line
// names when the repository has it, then the file at each target branch's tip.
FileLookup repository_file_lookup(const Repository& repo, const std::vector<BranchTarget>& targets);

// Rebuilds the diff of a patch recovered from a rendering or a damaged mail against the
// repository's files, when it is not yet exact. Returns true when the diff changed.
bool rebuild_recovered_diff(Patch& patch, const Repository& repo,
                            const std::vector<BranchTarget>& targets);

}  // namespace pt
