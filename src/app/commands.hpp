// app: the subcommands, each a straight pipeline over the stages.
// Options -> output on stdout/stderr and an exit code.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "app/options.hpp"
#include "repo/repository.hpp"

namespace pt {

// Opens options.repo and checks the -b branches; returns 0, or the exit code after
// printing why (missing repository or ref: k_exit_repository).
int open_repository(const Options& options, std::optional<Repository>& repo);

// `inspect`: input -> patch objects -> JSON Lines.
int run_inspect(const Options& options);

// default: input -> patch objects -> one summary per patch.
int run_triage(const Options& options);

// `batch`: every mail below the inputs -> one JSON line per patch (-o), judged on N
// workers, resumable and shardable -> a summary on stderr. Exit codes as run_triage, or
// 128+signal when SIGINT/SIGTERM stopped it (what was judged is written).
int run_batch(const Options& options);

// `summary RESULTS.jsonl...`: batch results files (shards) -> one summary on stdout.
// Exit codes as run_triage.
int run_summary(const Options& options);

// `hook pre-receive|pre-push|post-commit`: git's hook input -> the new commits of queue
// branches (or the changed patches of quilt queues) judged as backports -> cards. Exit 0
// all YES (or --warn-only), 1 a NO, k_exit_usage for a usage, configuration or rule set
// error, k_exit_repository for a repository error: never 1 for a hook that could not judge.
// `hook install|uninstall`: writes or removes the hook script in the hooks directory.
int run_hook(const Options& options);

// `rules check FILE|NAME...`: loads each rule set; prints "PATH: ok: ..." per set to `out`,
// or every error as file:line:col to `err`. Returns 0, or k_exit_usage when one is broken.
int run_rules_check(const std::vector<std::string>& specs, std::ostream& out, std::ostream& err);

// `rules list`: the shipped rule sets (name, what they extend, rule count, path, description).
// Returns 0, or k_exit_usage when none is found or one is broken.
int run_rules_list(std::ostream& out, std::ostream& err);

// Entry point behind main(): parses the command line and runs a subcommand; the one
// place that catches exceptions (a broken environment), printed as "patchtriage: error:".
int run_app(int argc, char** argv);

}  // namespace pt
