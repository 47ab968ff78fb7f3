// app: the two shapes of stable queue a hook judges, one card per backport.
// new commits of a queue branch | changed patch files of quilt queues -> cards -> tally.
#pragma once

#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/hook_judge.hpp"
#include "facts/backport_facts.hpp"
#include "repo/repository.hpp"

namespace pt {

// The hook cannot judge: a bad option, git config value or hook input (exit k_exit_usage).
// Repository problems are RepositoryError (exit k_exit_repository).
struct HookConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// What was judged, for the summary line and the exit code.
struct HookTally {
  std::size_t judged = 0, no = 0, skipped = 0;
};

// The stable version a branch or queue directory stands for: the first "X.Y" in its name
// ("queue/6.6", "stable-queue-6.6", "linux-6.6.y", "queue-6.6" -> "6.6"); "" when none.
std::string stable_version_of(const std::string& name);

// Commit queue: judges each of `commits` (parents first) as a backport onto its parent,
// as branch `branch` before it; a follow-up fix anywhere up to `tip` comes along. Merge and
// root commits are listed as not judged.
void judge_commit_queue(const Repository& repo, BackportFactCollector& collector,
                        const HookJudge& judge, const std::string& branch,
                        const std::vector<std::string>& commits, const std::string& tip,
                        const TextStyle& style, std::ostream& out, HookTally& tally);

// The quilt queue directories ("queue-6.6") that `changed` paths fall in, sorted.
std::vector<std::string> changed_queue_dirs(const std::vector<std::string>& changed);

// The kernel side of quilt queues.
struct QuiltKernel {
  const Repository& repo;
  BackportFactCollector& collector;
  std::string branch_pattern;  // "linux-{major}.{minor}.y"
};

// Quilt queue `dir` as of `tip` of the queue repository: the series file against the
// directory (entries without a file, files without an entry: a NO each), then every entry
// applied in series order on the kernel's stable branch in memory, each one of `changed`
// judged on the branch with the earlier ones applied. Throws RepositoryError when the
// kernel repository lacks the branch.
void judge_quilt_queue(const Repository& queue_repo, const std::string& tip, const std::string& dir,
                       const std::vector<std::string>& changed, QuiltKernel& kernel,
                       const HookJudge& judge, const TextStyle& style, std::ostream& out,
                       HookTally& tally);

}  // namespace pt
