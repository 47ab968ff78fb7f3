// facts stage: possible dependencies of a patch that does not apply to a branch.
// failing hunks + mainline blame + branch index -> mainline commits the branch lacks.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "facts/apply_facts.hpp"
#include "facts/history_facts.hpp"

namespace pt {

// A mainline commit that last changed preimage lines of a failing hunk and that the
// branch neither contains nor carries as a backport.
struct Prerequisite {
  std::string commit, title;
  std::vector<std::string> files;  // the touched files whose failing hunks it changed
  int lines = 0;                   // how many of those hunks' preimage lines it changed
};

struct BranchPrerequisites {
  std::string blamed_at;           // the mainline commit blamed (the upstream commit's parent)
  std::vector<Prerequisite> commits;  // oldest first: the order to cherry-pick them in
};

// For each target whose forward apply fails (conflict or missing file): blames the failing
// hunks' preimage lines in mainline at the upstream commit's parent (or at the mainline tip
// when the mail names no mainline commit), back to the branch's merge base with mainline,
// and keeps the commits the branch lacks. Empty without a mainline ref.
std::map<std::string, BranchPrerequisites> find_prerequisites(const Patch& patch,
                                                              const Repository& repo,
                                                              const ApplyFacts& apply,
                                                              const HistoryFacts& history,
                                                              HistoryIndexes& indexes);

}  // namespace pt
