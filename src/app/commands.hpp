// app: the subcommands, each a straight pipeline over the stages.
// Options -> output on stdout/stderr and an exit code.
#pragma once

#include <optional>

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

// Entry point behind main(): parses the command line and runs a subcommand; the one
// place that catches exceptions (a broken environment), printed as "patchtriage: error:".
int run_app(int argc, char** argv);

}  // namespace pt
