#include "facts/backport_facts.hpp"

#include <algorithm>

#include "facts/apply_facts.hpp"

namespace pt {

namespace {

// The queued patch (other than the judged one) naming upstream commit `full`, if any.
const QueuedPatch* queued_with(const std::vector<QueuedPatch>& queued, const std::string& full,
                               bool before_only) {
  for (const auto& q : queued)
    if ((q.before || !before_only) &&
        std::find(q.upstream.begin(), q.upstream.end(), full) != q.upstream.end())
      return &q;
  return nullptr;
}

}  // namespace

PatchFacts BackportFactCollector::collect(const Patch& patch, const BackportTarget& target) {
  PatchFacts f;
  const std::vector<BranchTarget> targets = {{target.name, target.commit, target.derived_from}};

  // Apply: on the commit's tree, or on the queue's files over it.
  const std::string commit = target.commit;
  const auto* overlay = target.overlay;
  TargetFiles files([this, commit, overlay](const std::string& path) -> std::optional<FileBytes> {
    if (overlay)
      if (auto it = overlay->find(path); it != overlay->end())
        return it->second ? std::optional<FileBytes>(FileBytes{*it->second, nullptr}) : std::nullopt;
    return m_repo.read_file_bytes(commit, path);
  });
  f.apply.targets = targets;
  f.apply.by_branch.emplace(target.name, apply_on(patch, m_repo, files));

  // History: upstream, Fixes, follow-ups, already applied, as for mail.
  f.history = collect_history_facts(patch, m_repo, targets, m_indexes);
  add_patch_id_presence(f.history, patch, m_repo, f.apply, m_indexes);

  // A quilt queue's earlier patches are part of the target: an upstream commit or a Fixes
  // target they carry is there.
  for (const auto& u : f.history.upstream) {
    if (!u.full || f.history.upstream_in_branch.count(target.name)) continue;
    if (const QueuedPatch* q = queued_with(target.queued, *u.full, true))
      f.history.upstream_in_branch[target.name] = {true, true, "queued as " + q->name, *u.full};
  }
  for (auto& fx : f.history.fixes) {
    BranchPresence& p = fx.in_branch[target.name];
    if (p.present || !fx.full) continue;
    if (const QueuedPatch* q = queued_with(target.queued, *fx.full, true))
      p = {true, true, "queued as " + q->name, *fx.full};
  }
  // A follow-up fix that comes later in the same push, or anywhere in the quilt queue, is
  // not left behind: the branch gets it together with this backport.
  for (auto& fu : f.history.follow_ups) {
    BranchPresence& p = fu.in_branch[target.name];
    if (p.present) continue;
    if (!target.tip.empty()) {
      if (m_repo.is_ancestor(fu.commit, target.tip))
        p = {true, true, "ancestor of the pushed tip", fu.commit};
      else if (auto b = m_indexes.branch(target.tip).backport_of(fu.commit))
        p = {true, true, "backport later in this push", *b};
    }
    if (!p.present)
      if (const QueuedPatch* q = queued_with(target.queued, fu.commit, false))
        p = {true, true, "queued as " + q->name, fu.commit};
  }

  f.prerequisites = find_prerequisites(patch, m_repo, f.apply, f.history, m_indexes);

  // MAINTAINERS of the target's tree (for rules on reviewers' roles).
  auto it = m_maintainers.find(commit);
  if (it == m_maintainers.end()) {
    std::optional<MaintainersFile> parsed;
    if (std::optional<std::string> text = m_repo.read_file(commit, "MAINTAINERS")) {
      MaintainersTree tree{
          [this, commit](const std::string& p) { return m_repo.is_directory(commit, p); },
          [this, commit](const std::string& p) { return m_repo.read_file(commit, p); }};
      parsed = parse_maintainers(*text, tree);
    }
    it = m_maintainers.emplace(commit, std::move(parsed)).first;
  }
  if (it->second) {
    MaintainersTree tree{
        [this, commit](const std::string& p) { return m_repo.is_directory(commit, p); },
        [this, commit](const std::string& p) { return m_repo.read_file(commit, p); }};
    std::vector<std::string> files;
    for (const auto& fd : patch.diff.files) {
      if (!fd.old_path.empty()) files.push_back(fd.old_path);
      if (!fd.new_path.empty() && fd.new_path != fd.old_path) files.push_back(fd.new_path);
    }
    f.maintainers = find_maintainers(*it->second, files, patch.message + patch.patch_text, tree);
    f.maintainers_branch = target.name;
  }
  return f;
}

}  // namespace pt
