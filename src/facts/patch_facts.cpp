#include "facts/patch_facts.hpp"

namespace pt {

FactCollector::FactCollector(const Repository& repo, std::vector<std::string> branches,
                             const std::string& mainline)
    : m_repo(repo), m_branches(std::move(branches)), m_mainline(find_mainline(repo, mainline)) {}

PatchFacts FactCollector::collect(const Patch& patch) {
  PatchFacts f;
  std::vector<BranchTarget> targets = target_branches(patch, m_repo, m_branches);
  f.apply = collect_apply_facts(patch, m_repo, targets);
  f.history = collect_history_facts(patch, m_repo, targets, m_mainline, m_indexes);
  return f;
}

}  // namespace pt
