#include "facts/patch_facts.hpp"

namespace pt {

FactCollector::FactCollector(const Repository& repo, std::vector<std::string> branches,
                             const std::string& mainline, IndexCache cache)
    : m_repo(repo),
      m_branches(std::move(branches)),
      m_indexes(repo, find_mainline(repo, mainline), std::move(cache)) {}

PatchFacts FactCollector::collect(const Patch& patch) {
  PatchFacts f;
  std::vector<BranchTarget> targets = target_branches(patch, m_repo, m_branches, m_branch_pattern);
  f.apply = collect_apply_facts(patch, m_repo, targets);
  f.history = collect_history_facts(patch, m_repo, targets, m_indexes);
  add_patch_id_presence(f.history, patch, m_repo, f.apply, m_indexes);
  f.prerequisites = find_prerequisites(patch, m_repo, f.apply, f.history, m_indexes);
  // MAINTAINERS of the first target present, read from its tree (never from disk).
  for (const auto& t : targets) {
    if (!t.commit) continue;
    const std::string commit = *t.commit;
    MaintainersTree tree{
        [this, commit](const std::string& p) { return m_repo.is_directory(commit, p); },
        [this, commit](const std::string& p) { return m_repo.read_file(commit, p); }};
    auto it = m_maintainers.find(commit);
    if (it == m_maintainers.end()) {
      std::optional<std::string> text = m_repo.read_file(commit, "MAINTAINERS");
      if (!text) break;
      it = m_maintainers.emplace(commit, parse_maintainers(*text, tree)).first;
    }
    std::vector<std::string> files;
    for (const auto& fd : patch.diff.files) {
      if (!fd.old_path.empty()) files.push_back(fd.old_path);
      if (!fd.new_path.empty() && fd.new_path != fd.old_path) files.push_back(fd.new_path);
    }
    f.maintainers = find_maintainers(it->second, files, patch.message + patch.patch_text, tree);
    f.maintainers_branch = t.name;
    break;
  }
  return f;
}

}  // namespace pt
