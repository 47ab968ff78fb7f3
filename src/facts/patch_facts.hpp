// facts stage: every repository fact of one patch, for its target branches.
// Patch + Repository (+ cached branch indexes) -> PatchFacts.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "facts/apply_facts.hpp"
#include "facts/history_facts.hpp"
#include "facts/maintainers.hpp"

namespace pt {

struct PatchFacts {
  ApplyFacts apply;
  HistoryFacts history;
  std::string maintainers_branch;            // whose MAINTAINERS was read ("" = none)
  std::vector<MaintainerEntry> maintainers;  // for the touched files, get_maintainer's rules
};

// Reuses branch indexes between patches of one run (a batch walks history once per branch).
class FactCollector {
 public:
  FactCollector(const Repository& repo, std::vector<std::string> branches,
                const std::string& mainline);
  PatchFacts collect(const Patch& patch);
  const std::string& mainline() const { return m_mainline; }

 private:
  const Repository& m_repo;
  std::vector<std::string> m_branches;
  std::string m_mainline;
  std::map<std::string, BranchIndex> m_indexes;
  std::map<std::string, MaintainersFile> m_maintainers;  // by commit: parsed once per run
};

}  // namespace pt
