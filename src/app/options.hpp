// app: what the command line asked for.
// argv (CLI11) -> Options; consumed by the subcommands.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/hook_options.hpp"
#include "input/input_reader.hpp"
#include "mail/mailinfo.hpp"

namespace pt {

enum class ColorMode { automatic, always, never };
enum class Command { triage, inspect, batch, summary, hook };
// --format: the card (default), one line per patch, JSON (a list or JSON Lines), b4's
// review-check list.
enum class OutputFormat { card, summary, json, jsonl, b4 };

struct Options {
  Command command = Command::triage;
  std::vector<std::string> inputs;   // files, directories, "-"
  InputOptions input;
  MailInfoOptions mailinfo;
  ColorMode color = ColorMode::automatic;
  bool ascii = false;
  unsigned jobs = 0;                 // worker threads; 0 = one per core
  bool inspect_threads = false;      // inspect --threads: one object per thread
  std::optional<int> version;        // --version N: triage that series version only
  std::string repo;                  // -C/--repo, PATCHTRIAGE_REPO, patchtriage.repo, the kernel
                                     // tree around "."; "" = no repository facts
  bool no_repo = false;              // --no-repo
  std::vector<std::string> branches; // -b/--branch, repeatable
  std::string branch_pattern;        // --branch-pattern; "" = the rule set's (linux-{major}.{minor}.y)
  std::string mainline;              // --mainline REF; "" = master, then origin/master
  std::string rules;                 // --rules NAME|FILE; "" = autosel for AUTOSEL, else stable
  OutputFormat format = OutputFormat::card;
  HookOptions hook;                  // `hook ...` (app/hook_options.hpp)
  std::string output;                // batch -o FILE; "" or "-" = stdout
  bool resume = false;               // batch --resume: skip what -o FILE holds, append the rest
  std::string shard;                 // batch --shard K/N; "" = everything
  std::string summary_json;          // batch/summary --summary-json FILE
};

// Exit codes, in the order CONTRACT.md settles them.
enum ExitCode : int {
  k_exit_yes = 0,        // every patch triaged, all YES (inspect: messages were read)
  k_exit_no = 1,         // at least one patch is NO
  k_exit_usage = 2,      // bad command line or rule set
  k_exit_no_patch = 3,   // the input holds no patch, or nothing readable
  k_exit_repository = 4, // repository missing or a named ref not found
};

}  // namespace pt
