// facts stage: facts that need history: upstream commit, Fixes targets, already applied by
// an upstream reference. Patch + Repository + branches -> facts with the commit that proves each.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "facts/apply_facts.hpp"
#include "facts/history_index.hpp"
#include "patch/patch.hpp"
#include "repo/repository.hpp"

namespace pt {

struct UpstreamFact {
  std::string sha;                 // as the mail writes it
  std::optional<std::string> full; // resolved commit id
  bool in_mainline = false;        // an ancestor of the mainline ref
  std::string title;               // the commit's title, when it resolves
  std::optional<bool> patch_id_equal;  // the mail's diff has the commit's patch-id
  std::vector<std::string> only_upstream, only_in_mail;  // files the two diffs do not share
  std::optional<std::string> first_tag;  // the first release tag that contains it
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
  std::map<std::string, std::string> patch_id_in_branch;     // branch -> commit with the same patch-id
  std::optional<std::string> mail_patch_id;                  // git patch-id --stable of the mail's diff
};

// The indexes of one run, built on first use and shared by every patch of it.
class HistoryIndexes {
 public:
  HistoryIndexes(const Repository& repo, std::string mainline_ref,
                 IndexCache cache = IndexCache::from_environment());
  const std::string& mainline_ref() const { return m_mainline_ref; }
  const std::optional<std::string>& mainline_commit() const { return m_mainline_commit; }
  // The index of the branch whose tip is `commit`.
  BranchIndex& branch(const std::string& commit);
  // The mainline index; nullptr without a mainline ref.
  const MainlineIndex* mainline();

 private:
  const Repository& m_repo;
  std::string m_mainline_ref;
  std::optional<std::string> m_mainline_commit;
  IndexCache m_cache;
  std::map<std::string, BranchIndex> m_branches;
  std::optional<MainlineIndex> m_mainline;
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
                                   HistoryIndexes& indexes);

// Already applied by patch-id: for each target where neither the reverse apply nor an
// upstream reference proves it, a branch commit whose change has the mail's patch-id.
void add_patch_id_presence(HistoryFacts& facts, const Patch& patch, const Repository& repo,
                           const ApplyFacts& apply, HistoryIndexes& indexes);

}  // namespace pt
