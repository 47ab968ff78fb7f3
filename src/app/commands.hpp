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
