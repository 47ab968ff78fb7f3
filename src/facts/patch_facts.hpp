// facts stage: every repository fact of one patch, for its target branches.
// Patch + Repository (+ cached branch indexes) -> PatchFacts.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "facts/apply_facts.hpp"
#include "facts/claim_check.hpp"
#include "facts/history_facts.hpp"
#include "facts/maintainers.hpp"
#include "facts/maintainers_cache.hpp"
#include "facts/prerequisites.hpp"

namespace pt {

struct PatchFacts {
  ApplyFacts apply;
  HistoryFacts history;
  std::map<std::string, BranchPrerequisites> prerequisites;  // branches whose apply fails
  std::string maintainers_branch;            // whose MAINTAINERS was read ("" = none)
  std::vector<MaintainerEntry> maintainers;  // for the touched files, get_maintainer's rules
  std::vector<CheckedClaim> claims;          // the LLM notes' claims, checked (empty without notes)
};

// Reuses branch indexes between patches of one run (a batch walks history once per branch).
class FactCollector {
 public:
  // `cache`: where history indexes are kept between runs (default: from the environment).
  FactCollector(const Repository& repo, std::vector<std::string> branches,
                const std::string& mainline, IndexCache cache = IndexCache::from_environment());
  PatchFacts collect(const Patch& patch);
  // A patch recovered from a rendering or a damaged mail: its diff rebuilt from the
  // target branches' files (and the preimage blob). True when the diff changed.
  bool rebuild_recovered(Patch& patch);
  const std::string& mainline() const { return m_indexes.mainline_ref(); }
  // How stable branches are named ({major}, {minor}); default linux-{major}.{minor}.y.
  void set_branch_pattern(std::string pattern) {
    if (!pattern.empty()) m_branch_pattern = std::move(pattern);
  }
  HistoryIndexes& indexes() { return m_indexes; }
  // Reads MAINTAINERS through `cache`, which other collectors (a batch's workers) share.
  void share_maintainers(std::shared_ptr<MaintainersCache> cache) { m_maintainers = std::move(cache); }
  // Reads the target files of the apply checks through `cache`, shared likewise.
  void share_files(std::shared_ptr<FileCache> cache) { m_files = std::move(cache); }

 private:
  // What check_notes may ask the repository, for one patch's facts (which must outlive it).
  ClaimOracle claim_oracle(const PatchFacts& facts);

  const Repository& m_repo;
  std::vector<std::string> m_branches;
  std::string m_branch_pattern = k_default_branch_pattern;
  HistoryIndexes m_indexes;
  std::shared_ptr<MaintainersCache> m_maintainers = std::make_shared<MaintainersCache>();
  std::shared_ptr<FileCache> m_files = std::make_shared<FileCache>();
};

}  // namespace pt
