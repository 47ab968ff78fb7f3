// `patchtriage hook ...` on the command line: the subcommands git runs, and install/uninstall.
#include <CLI/CLI.hpp>

#include "app/options.hpp"

namespace pt {

namespace {

// What every hook run takes (also given to `install`, which writes them into the script).
void add_run_options(CLI::App& cmd, Options& o) {
  cmd.add_option("--branches", o.hook.branches,
                 "Branches holding a commit queue (glob, repeatable); default: git config "
                 "patchtriage.hookBranches, else queue/*, stable-queue-*, linux-*.y")
      ->allow_extra_args(false);
  cmd.add_flag("--warn-only", o.hook.warn_only,
               "Print the cards but never reject (exit 0 on a NO; also git config "
               "patchtriage.hookWarnOnly)");
  cmd.add_option("--kernel", o.hook.kernel,
                 "Kernel repository the patches of a quilt queue (queue-X.Y/series) apply to "
                 "(default: git config patchtriage.repo)");
  cmd.add_option(
      "--rules", o.rules,
      "Rule set (name or YAML file); default: git config patchtriage.hookRules, else hook");
  cmd.add_option("--mainline", o.mainline,
                 "Mainline ref (default: git config patchtriage.mainline, else the rule set's, "
                 "then origin/master)");
  cmd.add_option("--branch-pattern", o.branch_pattern,
                 "Stable branch of a quilt queue's version in the kernel repository (default: the "
                 "rule set's, linux-{major}.{minor}.y)");
}

void add_output_options(CLI::App& cmd, Options& o) {
  cmd.add_option(
      "--max-commits", o.hook.max_commits,
      "More new commits than this on one branch is an error, not a verdict (default 2000)");
  cmd.add_flag("--ascii", o.ascii, "Plain ASCII card");
  cmd.add_option_function<std::string>(
         "--color",
         [&o](const std::string& v) {
           o.color = v == "always"  ? ColorMode::always
                     : v == "never" ? ColorMode::never
                                    : ColorMode::automatic;
         },
         "Colour the cards: auto (terminal, no NO_COLOR), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
}

}  // namespace

CLI::App* add_hook_command(CLI::App& app, Options& o) {
  CLI::App* hook = app.add_subcommand(
      "hook",
      "Git hooks for stable queues: judge each new commit of a queue branch (or each new or "
      "changed patch of a quilt queue) as a backport; a NO rejects the push. Exit: 0 all YES, "
      "1 a NO, 2 usage/configuration/rule set error, 4 repository error");
  hook->require_subcommand(1);
  struct Kind {
    const char* name;
    HookKind kind;
    const char* help;
  };
  for (const Kind& k : {
           Kind{"pre-receive", HookKind::pre_receive,
                "Run as git's pre-receive hook: 'old new ref' lines on stdin"},
           Kind{"pre-push", HookKind::pre_push,
                "Run as git's pre-push hook: REMOTE URL arguments, 'local_ref local_sha "
                "remote_ref remote_sha' lines on stdin"},
           Kind{"post-commit", HookKind::post_commit,
                "Run as git's post-commit hook: judge HEAD (git ignores the exit code: a warning)"},
       }) {
    CLI::App* cmd = hook->add_subcommand(k.name, k.help);
    HookKind kind = k.kind;
    cmd->parse_complete_callback([&o, kind] { o.hook.kind = kind; });
    add_run_options(*cmd, o);
    add_output_options(*cmd, o);
    if (kind == HookKind::pre_push)
      cmd->add_option("remote", o.hook.args, "Remote name and URL (from git)");
  }
  CLI::App* install = hook->add_subcommand(
      "install",
      "Write the hook script into the repository's hooks directory (core.hooksPath respected); "
      "the options given are written into it");
  install->parse_complete_callback([&o] { o.hook.kind = HookKind::install; });
  install
      ->add_option("--type", o.hook.type,
                   "pre-receive, pre-push or post-commit (default: pre-receive in a bare "
                   "repository, else pre-push)")
      ->check(CLI::IsMember({"pre-receive", "pre-push", "post-commit"}));
  install->add_flag("--force", o.hook.force,
                    "Replace a hook that patchtriage did not write (it is kept as "
                    "<hook>.before-patchtriage and restored by uninstall)");
  add_run_options(*install, o);
  CLI::App* uninstall = hook->add_subcommand(
      "uninstall", "Remove the hook scripts patchtriage wrote (recognised by their marker line)");
  uninstall->parse_complete_callback([&o] { o.hook.kind = HookKind::uninstall; });
  uninstall
      ->add_option("--type", o.hook.type, "Only this hook (default: every one patchtriage wrote)")
      ->check(CLI::IsMember({"pre-receive", "pre-push", "post-commit"}));
  return hook;
}

}  // namespace pt
