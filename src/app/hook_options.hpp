// app: what `patchtriage hook ...` was asked to do.
// argv (CLI11, app/hook_cli.cpp) -> HookOptions inside Options; consumed by app/hook_*.cpp.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace pt {

struct Options;

// The hook git runs (pre-receive, pre-push, post-commit), or the management commands.
enum class HookKind { pre_receive, pre_push, post_commit, install, uninstall };

struct HookOptions {
  HookKind kind = HookKind::pre_receive;
  std::vector<std::string> branches;  // --branches GLOB (repeatable); empty: git config
                                      // patchtriage.hookBranches, else the defaults
  bool warn_only = false;             // --warn-only: print the cards, never reject
  std::string kernel;                 // --kernel PATH: the kernel repository of quilt queues
  std::size_t max_commits = 2000;     // --max-commits: more new commits on a ref is an error
  std::vector<std::string> args;  // pre-push: remote name and URL (unused: git's stdin says it all)
  std::string type;               // install/uninstall --type; "" = by repository kind
  bool force = false;             // install --force: replace a hook that is not ours
};

// The branch patterns used when neither --branches nor git config patchtriage.hookBranches
// names any.
inline const std::vector<std::string> k_default_hook_branches = {"queue/*", "stable-queue-*",
                                                                 "linux-*.y"};

// Adds `hook` with its subcommands (pre-receive, pre-push, post-commit, install, uninstall)
// to `app`, storing into `options`; returns the `hook` subcommand.
CLI::App* add_hook_command(CLI::App& app, Options& options);

}  // namespace pt
