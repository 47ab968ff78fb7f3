// facts stage: apply and already-applied facts of a patch for its target branches.
// Patch + Repository + branches -> per-branch forward/reverse apply results.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "patch/patch.hpp"
#include "repo/apply_check.hpp"
#include "repo/file_cache.hpp"
#include "repo/repository.hpp"

namespace pt {

inline constexpr const char* k_default_branch_pattern = "linux-{major}.{minor}.y";

struct BranchTarget {
  std::string name;                  // "linux-6.1.y"
  std::optional<std::string> commit; // nullopt: the branch is not in the repository
  std::string derived_from;          // "-b", "subject range 7.0-6.6", "HEAD"
};

struct BranchApplyFacts {
  ApplyResult forward;               // as git apply --check; reduced_context: only as -C1
  ApplyResult reverse;               // as git apply -R --check
  bool already_applied = false;      // the reverse applies cleanly
};

struct ApplyFacts {
  std::vector<BranchTarget> targets;
  std::map<std::string, BranchApplyFacts> by_branch;  // only branches present in the repo
  // Why no branch was checked although the repository has them: the diff was recovered
  // from a damaged rendering and not rebuilt exactly, so no check of it would be true.
  std::string unchecked;
};

// The branches a patch is for: the `-b` names when given; else its stable range mapped to
// the repository's linux-X.Y.y branches (AUTOSEL 7.0-6.6: every such branch with
// 6.6 <= X.Y <= 7.0; [PATCH 6.1 ...]: linux-6.1.y); else the tag its X-stable-base header
// names ("Linux 6.6.101": v6.6.101) when the repository has it; else HEAD.
// `pattern` names the stable branches: {major} and {minor} stand for the version numbers.
std::vector<BranchTarget> target_branches(const Patch& patch, const Repository& repo,
                                          const std::vector<std::string>& explicit_branches,
                                          const std::string& pattern = k_default_branch_pattern);

// The stable branch for version major.minor by `pattern`, or the version a branch name
// stands for (nullopt when it does not match).
std::string branch_for(const std::string& pattern, int major, int minor);
std::optional<std::pair<int, int>> version_of_branch(const std::string& pattern,
                                                     const std::string& branch);

// The apply facts of `patch` on `files` (a commit's tree, or a queue's files over it):
// git apply --check, then -C1 and --3way when it fails, and -R --check.
BranchApplyFacts apply_on(const Patch& patch, const Repository& repo, TargetFiles& files);

// Runs the forward and reverse apply checks of `patch` on every target present, reading the
// targets' files through `files` when given (a cache the judging workers share).
ApplyFacts collect_apply_facts(const Patch& patch, const Repository& repo,
                               const std::vector<BranchTarget>& targets,
                               FileCache* files = nullptr);

// true when a status means git apply --check would succeed.
inline bool applies(ApplyStatus s) { return s == ApplyStatus::clean || s == ApplyStatus::offset; }

}  // namespace pt
