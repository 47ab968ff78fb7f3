// facts stage: facts that need history: upstream commit, Fixes targets, already applied by
// an upstream reference. Patch + Repository + branches -> facts with the commit that proves each.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "facts/apply_facts.hpp"
#include "patch/patch.hpp"
#include "repo/repository.hpp"

namespace pt {

// What a branch carries beyond mainline: the upstream commits its backports name
// (`commit X upstream.`, `[ Upstream commit X ]`, `(cherry picked from commit X)`).
class BranchIndex {
 public:
  // Walks the branch's own commits (not in `mainline_commit`, when given), newest first.
  BranchIndex(const Repository& repo, const std::string& branch_commit,
              const std::string& mainline_commit, std::size_t limit = 2000000);
  // The branch commit that names upstream commit `sha` (full or abbreviated), if any.
  std::optional<std::string> backport_of(const std::string& sha) const;
  std::size_t commits() const { return m_commits; }

 private:
  std::map<std::string, std::string> m_by_upstream;  // upstream id -> branch commit
  std::size_t m_commits = 0;
};

struct UpstreamFact {
  std::string sha;                 // as the mail writes it
  std::optional<std::string> full; // resolved commit id
  bool in_mainline = false;        // an ancestor of the mainline ref
  std::string title;               // the commit's title, when it resolves
  std::optional<bool> patch_id_equal;  // the mail's diff has the commit's patch-id
  std::vector<std::string> only_upstream, only_in_mail;  // files the two diffs do not share
};

struct BranchPresence {
  bool present = false;
  bool known = true;   // false: the commit is not in the repository and no backport names it
  std::string how;     // "ancestor" or "backport"
  std::string commit;  // the branch commit that carries it
};

struct FixesFact {
  std::string value;                 // the trailer's value as written
  std::string sha, quoted_title;     // parsed from it
  bool valid = false;                // checkpatch's Fixes: style
  std::string problem;               // checkpatch's type name when not valid: BAD_FIXES_TAG
  std::optional<std::string> full;   // resolves to this commit
  std::string title;                 // that commit's title
  bool title_matches = false;
  std::map<std::string, BranchPresence> in_branch;
};

// A later mainline commit that fixes or reverts the upstream commit.
struct FollowUp {
  std::string commit, title;
  std::string kind;        // "fixes" or "revert"
  std::string of;          // the upstream commit it follows up
  std::map<std::string, BranchPresence> in_branch;
};

struct HistoryFacts {
  std::string mainline_ref;                 // "" when no mainline ref was found
  std::vector<UpstreamFact> upstream;
  std::vector<FixesFact> fixes;
  std::vector<FollowUp> follow_ups;
  std::map<std::string, BranchPresence> upstream_in_branch;  // already applied by upstream ref
};

// The mainline ref to use: `wanted` when given, else "master", else "origin/master"; ""
// when none exists.
std::string find_mainline(const Repository& repo, const std::string& wanted);

// Checks checkpatch's Fixes: style on one trailer value: 12+ lowercase hex digits, one
// space, ("title"). Returns "" when fine, else "BAD_FIXES_TAG".
std::string fixes_style_problem(const std::string& value);

// Computes the history facts of `patch` for the targets present in the repository.
HistoryFacts collect_history_facts(const Patch& patch, const Repository& repo,
                                   const std::vector<BranchTarget>& targets,
                                   const std::string& mainline_ref,
                                   std::map<std::string, BranchIndex>& index_cache);

}  // namespace pt
