// facts stage: indexes over history, built once per branch tip and cached on disk, so a
// batch of thousands of mails does not walk history per mail.
// Repository + commit ids -> lookups: backports by upstream id, commits by patch-id,
// follow-ups by the commit they name, the first release tag holding a commit.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "facts/index_cache.hpp"
#include "repo/repository.hpp"

namespace pt {

// What a branch carries beyond mainline: its own commits (since the merge base with
// mainline), the upstream commits their messages name (`commit X upstream.`,
// `[ Upstream commit X ]`, `(cherry picked from commit X)`), and their patch-ids.
class BranchIndex {
 public:
  // Walks the branch's own commits (not in `mainline_commit`, when given), newest first,
  // or loads them from `cache`.
  BranchIndex(const Repository& repo, const std::string& branch_commit,
              const std::string& mainline_commit, const IndexCache& cache = IndexCache(),
              std::size_t limit = 2000000);
  // The branch commit that names upstream commit `sha` (full or abbreviated), if any.
  std::optional<std::string> backport_of(const std::string& sha) const;
  // The branch commit whose change has patch-id `id` (git patch-id --stable). The
  // patch-ids are computed on first use (one diff per branch commit) and cached.
  std::optional<std::string> commit_with_patch_id(const std::string& id);
  std::size_t commits() const { return m_commits.size(); }
  // The merge base with mainline the walk stopped at ("" = whole branch).
  const std::string& base() const { return m_base; }

 private:
  const Repository* m_repo;
  const IndexCache* m_cache;
  std::string m_key;                                 // cache key stem
  std::string m_previous_key;                        // the stem of the older tip reused
  std::string m_base;
  std::vector<std::string> m_commits;                // newest first
  std::map<std::string, std::string> m_by_upstream;  // upstream id -> branch commit
  std::optional<std::unordered_map<std::string, std::string>> m_by_patch_id;
};

// A later mainline commit that fixes or reverts another.
struct FollowUpRef {
  std::string commit, title;
  std::string kind;  // "fixes" or "revert"
};

// What mainline says about its own commits: which commits name another in `Fixes:` or
// revert it, and the release tags (vX.Y, vX.Y-rcN) in version order.
class MainlineIndex {
 public:
  MainlineIndex(const Repository& repo, const std::string& mainline_commit,
                const IndexCache& cache = IndexCache());
  // Mainline commits whose Fixes: names `full` (by any abbreviation of 7+ digits) or that
  // revert it, oldest first.
  std::vector<FollowUpRef> follow_ups_of(const std::string& full) const;
  // The first release tag whose commit contains `full` (git describe --contains, as
  // people quote it: "v6.1-rc3"), nullopt when no release tag does.
  std::optional<std::string> first_tag(const std::string& full) const;
  // The commit a release tag names, nullopt when there is no such tag.
  std::optional<std::string> tag_commit(const std::string& tag) const;
  std::size_t commits() const { return m_commits; }

 private:
  const Repository* m_repo;
  std::size_t m_commits = 0;
  std::unordered_map<std::string, std::vector<FollowUpRef>> m_by_target;  // written id -> refs
  std::vector<std::pair<std::string, std::string>> m_tags;  // (name, commit), version order
};

// Release tag order: "v6.1-rc1" < "v6.1-rc7" < "v6.1" < "v6.2-rc1"; nullopt for tags that
// are not mainline releases (stable "v6.1.5", "deb-v6.1.192", "v2.6.32.1").
std::optional<std::vector<int>> release_tag_version(const std::string& tag);

}  // namespace pt
