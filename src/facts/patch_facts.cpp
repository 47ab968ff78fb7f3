#include "facts/patch_facts.hpp"

#include <algorithm>
#include <memory>

#include "facts/recovered_diff.hpp"

namespace pt {

FactCollector::FactCollector(const Repository& repo, std::vector<std::string> branches,
                             const std::string& mainline, IndexCache cache)
    : m_repo(repo),
      m_branches(std::move(branches)),
      m_indexes(repo, find_mainline(repo, mainline), std::move(cache)) {}

bool FactCollector::rebuild_recovered(Patch& patch) {
  if (!patch.recovered || patch.recovered->diff_exact) return false;
  return rebuild_recovered_diff(patch, m_repo, target_branches(patch, m_repo, m_branches, m_branch_pattern));
}

PatchFacts FactCollector::collect(const Patch& patch) {
  PatchFacts f;
  std::vector<BranchTarget> targets = target_branches(patch, m_repo, m_branches, m_branch_pattern);
  const bool any_present = std::any_of(targets.begin(), targets.end(),
                                       [](const BranchTarget& t) { return t.commit.has_value(); });
  if (patch.recovered && patch.is_patch && !patch.recovered->preimage_exact && any_present) {
    // A guessed diff would apply or fail for reasons of our making: check nothing.
    f.apply.targets = targets;
    f.apply.unchecked = "the diff was recovered from a " + patch.recovered->form +
                        " and its context lines could not be restored from the target files";
  } else {
    f.apply = collect_apply_facts(patch, m_repo, targets, m_files.get());
  }
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
    const MaintainersFile* maintainers =
        m_maintainers->get(commit, [&]() -> std::optional<MaintainersFile> {
          std::optional<std::string> text = m_repo.read_file(commit, "MAINTAINERS");
          if (!text) return std::nullopt;
          return parse_maintainers(*text, tree);
        });
    if (!maintainers) break;
    std::vector<std::string> files;
    for (const auto& fd : patch.diff.files) {
      if (!fd.old_path.empty()) files.push_back(fd.old_path);
      if (!fd.new_path.empty() && fd.new_path != fd.old_path) files.push_back(fd.new_path);
    }
    f.maintainers = find_maintainers(*maintainers, files, patch.message + patch.patch_text, tree);
    f.maintainers_branch = t.name;
    break;
  }
  if (!patch.notes.empty()) f.claims = check_notes(patch, claim_oracle(f));
  return f;
}

ClaimOracle FactCollector::claim_oracle(const PatchFacts& f) {
  ClaimOracle oracle;
  // file:line claims: the target branches first, then mainline (notes often quote it).
  for (const auto& t : f.apply.targets)
    if (t.commit) oracle.trees.push_back(t.name);
  if (!m_indexes.mainline_ref().empty()) oracle.trees.push_back(m_indexes.mainline_ref());
  // Each file is read once per tree however many claims quote it.
  auto files = std::make_shared<std::map<std::pair<std::string, std::string>, std::optional<std::string>>>();
  oracle.read_file = [this, files](const std::string& ref, const std::string& path) {
    auto key = std::make_pair(ref, path);
    auto it = files->find(key);
    if (it == files->end()) {
      std::optional<std::string> commit = m_repo.resolve(ref);
      it = files->emplace(key, commit ? m_repo.read_file(*commit, path) : std::nullopt).first;
    }
    return it->second;
  };
  oracle.commit_in_tag = [this](const std::string& sha, const std::string& tag) -> std::optional<bool> {
    std::optional<std::string> full = m_repo.expand(sha), tagged = m_repo.resolve(tag);
    if (!full || !tagged) return std::nullopt;
    return m_repo.is_ancestor(*full, *tagged);
  };
  oracle.first_tag = [this](const std::string& sha) -> std::optional<std::string> {
    std::optional<std::string> full = m_repo.expand(sha);
    const MainlineIndex* m = full ? m_indexes.mainline() : nullptr;
    if (!m) return std::nullopt;
    return m->first_tag(*full);
  };
  const std::vector<MaintainerEntry>* maintainers = f.maintainers_branch.empty() ? nullptr : &f.maintainers;
  oracle.maintainers = [maintainers] { return maintainers; };
  return oracle;
}

}  // namespace pt
