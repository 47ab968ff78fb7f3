// facts stage: the facts of one backport of a stable queue, judged on the tree it lands on.
// Patch + Repository + BackportTarget (a commit, maybe with the queue's earlier files over
// it) -> PatchFacts, as FactCollector makes them for mail, so every rule applies unchanged.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "facts/patch_facts.hpp"

namespace pt {

// Another patch of the same quilt queue, as far as presence checks need it.
struct QueuedPatch {
  std::string name;                   // "usb-fix-foo.patch"
  std::vector<std::string> upstream;  // the upstream commits it names, resolved to full ids
  bool before = false;                // applied before the judged patch (series order)
};

// Where a backport lands. Commit queues: the branch before the commit (its parent), with the
// pushed tip. Quilt queues: the stable branch with the queue's earlier patches applied over
// it in memory.
struct BackportTarget {
  std::string name;          // shown in every evidence: "queue/6.6", "linux-6.6.y+queue-6.6"
  std::string commit;        // the commit whose tree it lands on
  std::string derived_from;  // "the branch before 1a2b3c4d5e6f", "queue-6.6/series line 4"
  // Files the queue's earlier patches changed (nullopt: deleted); read before `commit`'s tree.
  const std::map<std::string, std::optional<std::string>>* overlay = nullptr;
  // Commit queues: the pushed tip; a follow-up fix later in the same push is not left behind.
  std::string tip;
  // Quilt queues: the other patches of the queue (an upstream commit queued earlier is
  // already applied; a Fixes target queued earlier is there; a follow-up anywhere in the
  // queue comes along).
  std::vector<QueuedPatch> queued;
};

// Collects the facts of backports, sharing history indexes and parsed MAINTAINERS files.
class BackportFactCollector {
 public:
  BackportFactCollector(const Repository& repo, HistoryIndexes& indexes)
      : m_repo(repo), m_indexes(indexes) {}
  // The facts of `patch` on `target` (one target branch, named target.name): apply forward
  // and in reverse (with -C1 and 3-way fallbacks), upstream, Fixes and follow-ups with their
  // presence, already applied by upstream reference or patch-id, possible prerequisites and
  // MAINTAINERS roles. Throws RepositoryError when the repository cannot be read.
  PatchFacts collect(const Patch& patch, const BackportTarget& target);

 private:
  const Repository& m_repo;
  HistoryIndexes& m_indexes;
  std::map<std::string, std::optional<MaintainersFile>> m_maintainers;  // by commit
};

}  // namespace pt
