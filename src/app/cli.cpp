#include "app/cli.hpp"
#include "app/commands.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "app/config_file.hpp"
#include "repo/repository.hpp"

namespace pt {

namespace {

constexpr const char* k_description =
    "patchtriage: triage Linux kernel patch mail offline.\n"
    "Reads mail (mbox, mboxrd, maildir, .eml, .patch, directories, gzip/zstd, stdin), groups\n"
    "threads and series, collects review trailers from replies, and prints one card per\n"
    "patch of the newest version: title, author, upstream commit, stable range, diffstat,\n"
    "trailers, reviews. With -C, facts from the kernel repository, read in memory: does it\n"
    "apply to each target branch, is it already there, upstream commit, Fixes targets,\n"
    "follow-ups, possible dependencies, MAINTAINERS roles. Then a rule set (stable,\n"
    "autosel, netdev or your own YAML) gives each patch a YES/NO card whose every line names\n"
    "its evidence. `inspect` prints the patch objects as JSON Lines.\n"
    "Exit: 0 all YES, 1 a NO, 2 usage or rule set error, 3 no patch, 4 repository error.";

void add_input_options(CLI::App& app, Options& o) {
  app.add_option("inputs", o.inputs, "Mail to read: files, directories, - for stdin");
  app.add_option("-j,--jobs", o.jobs,
                 "Worker threads: parsing, and in batch also judging (default: one per core)");
  app.add_option("-C,--repo", o.repo,
                 "Kernel git repository for repository facts (also PATCHTRIAGE_REPO); read only")
      ->envname("PATCHTRIAGE_REPO");
  app.add_flag("--no-repo", o.no_repo,
               "No repository facts, even when git config patchtriage.repo names one or the "
               "current directory is a kernel tree");
  app.add_option("-b,--branch", o.branches,
                 "Target branch (repeatable); default: from the subject's stable range, else HEAD")
      ->allow_extra_args(false);  // "-b X file": file is an input, not a second branch
  app.add_option("--branch-pattern", o.branch_pattern,
                 "How stable branches are named, for subject ranges (default "
                 "linux-{major}.{minor}.y; e.g. stable/linux-{major}.{minor}.y)");
  app.add_option("--mainline", o.mainline,
                 "Mainline ref for upstream and Fixes lookups (default: master, then origin/master)");
  auto* rd = app.add_flag_callback(
      "--mboxrd", [&o] { o.input.dialect = MboxDialect::mboxrd; },
      "Read mboxes as mboxrd (unquote >From lines); default: detect 'From mboxrd@z'");
  app.add_flag_callback(
         "--mboxo", [&o] { o.input.dialect = MboxDialect::mboxo; },
         "Read mboxes as plain mboxo (keep >From lines)")
      ->excludes(rd);
  app.add_flag("--scissors", o.mailinfo.scissors,
               "Drop everything up to a scissors line (-- >8 --), as git mailinfo --scissors");
  app.add_flag_callback(
      "--no-inbody-headers", [&o] { o.mailinfo.inbody_headers = false; },
      "Ignore From:/Subject:/Date: lines at the top of the body");
  app.add_flag("--message-id", o.mailinfo.add_message_id,
               "Append a Message-ID: line to the commit message, as git mailinfo -m");
  app.add_option_function<std::string>(
         "--quoted-cr",
         [&o](const std::string& v) {
           o.mailinfo.quoted_cr = v == "nowarn" ? QuotedCr::nowarn
                                  : v == "strip" ? QuotedCr::strip
                                                 : QuotedCr::warn;
         },
         "What to do with CRLF inside decoded mail: nowarn, warn (default), strip")
      ->check(CLI::IsMember({"nowarn", "warn", "strip"}));
}

}  // namespace

std::optional<Options> parse_command_line(int argc, char** argv, int& exit_code) {
  Options o;
  CLI::App app{k_description, "patchtriage"};
  app.require_subcommand(0, 1);
  add_input_options(app, o);
  CLI::Option* color_opt = app.add_option_function<std::string>(
         "--color",
         [&o](const std::string& v) {
           o.color = v == "always" ? ColorMode::always
                     : v == "never" ? ColorMode::never
                                    : ColorMode::automatic;
         },
         "Colour the card: auto (terminal, no NO_COLOR), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_flag("--ascii", o.ascii, "Plain ASCII card (no box drawing or symbols)");
  app.add_option("--rules", o.rules,
                 "Rule set: a shipped name (patchtriage rules list) or a YAML file; default: "
                 "autosel for AUTOSEL mails, stable for the rest");
  app.add_option_function<std::string>(
         "--format",
         [&o](const std::string& v) {
           o.format = v == "json" ? OutputFormat::json
                      : v == "jsonl" ? OutputFormat::jsonl
                      : v == "summary" ? OutputFormat::summary
                      : v == "b4" ? OutputFormat::b4
                                  : OutputFormat::card;
         },
         "card (default), summary (one line per patch), json, jsonl (the inspect object with "
         "facts, verdict, rule_set, rules), b4 (b4's review-check JSON)")
      ->check(CLI::IsMember({"card", "summary", "json", "jsonl", "b4"}));

  // "--version N" picks a series version (issue wording); bare "--version" still prints
  // the program's version, as every tool's does.
  std::vector<std::string> version_arg;
  CLI::Option* version_opt =
      app.add_option("--version", version_arg,
                     "--version N: triage version N of each series (default: the newest); "
                     "alone: print the program version")
          ->expected(0, 1)
          ->allow_extra_args(false);

  CLI::App* inspect = app.add_subcommand(
      "inspect", "Print one JSON object per message (JSON Lines): the parsed patch objects");
  add_input_options(*inspect, o);
  inspect->add_flag("--threads", o.inspect_threads,
                    "One JSON object per thread instead: its series, patches and replies");

  CLI::App* batch = app.add_subcommand(
      "batch", "Judge every patch below DIR|FILE... on N workers: JSON Lines, then a summary");
  add_input_options(*batch, o);
  batch->add_option("-o,--output", o.output, "Results file (JSON Lines, one whole line per patch); default stdout");
  batch->add_flag("--resume", o.resume,
                  "Skip the patches -o FILE already holds (Message-ID + content hash), append the rest");
  batch->add_option("--shard", o.shard,
                    "K/N: only the files whose path below the input hashes to K of N (job arrays)");
  batch->add_option("--summary-json", o.summary_json, "Also write the summary as JSON to FILE");
  batch->add_option("--rules", o.rules, "Rule set for every patch (default: autosel or stable)");
  CLI::App* summary = app.add_subcommand(
      "summary", "Merge batch results files (e.g. of shards) into one summary");
  summary->add_option("results", o.inputs, "Results files (JSON Lines) of batch runs");
  summary->add_option("--summary-json", o.summary_json, "Also write the summary as JSON to FILE");

  // `rules check`/`rules list` read no mail: they run here and end the run.
  CLI::App* rules = app.add_subcommand("rules", "Rule sets: validate files, list the shipped sets");
  rules->require_subcommand(1);
  std::vector<std::string> rule_specs;
  CLI::App* rules_check = rules->add_subcommand(
      "check", "Validate rule set files (or shipped sets by name); every error as file:line:col");
  rules_check->add_option("files", rule_specs, "Rule set files or shipped set names")->required();
  rules->add_subcommand("list", "List the shipped rule sets, what they extend and where they are");
  // `hook ...`: git hooks on stable queues, and their installation (app/hook_cli.cpp).
  CLI::App* hook = add_hook_command(app, o);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    exit_code = app.exit(e);
    if (exit_code != 0) exit_code = k_exit_usage;
    return std::nullopt;
  }
  if (rules->parsed()) {
    exit_code = rules_check->parsed() ? run_rules_check(rule_specs, std::cout, std::cerr)
                                      : run_rules_list(std::cout, std::cerr);
    return std::nullopt;
  }
  if (version_opt->count()) {
    if (version_arg.empty() || version_arg[0].empty()) {
      std::cout << "patchtriage 0.1.0\n";
      exit_code = 0;
      return std::nullopt;
    }
    try {
      o.version = std::stoi(version_arg[0]);
    } catch (const std::exception&) {
      std::cerr << "patchtriage: --version takes a series version number, got '"
                << version_arg[0] << "'\n";
      exit_code = k_exit_usage;
      return std::nullopt;
    }
  }
  // Defaults below the command line: the environment, then git config patchtriage.*, then
  // the config file (man page, CONFIGURATION).
  std::vector<std::string> config_errors;
  const ConfigFile file = read_config_file(config_file_path(), config_errors);
  for (const auto& e : config_errors) std::cerr << e << "\n";
  if (!config_errors.empty()) {
    exit_code = k_exit_usage;
    return std::nullopt;
  }
  auto configured = [&](const char* env, const char* git_key,
                        const char* file_key) -> std::optional<std::string> {
    if (const char* v = env ? std::getenv(env) : nullptr; v && *v) return std::string(v);
    if (auto v = Repository::user_config(git_key)) return v;
    if (auto it = file.values.find(file_key); it != file.values.end()) return it->second;
    return std::nullopt;
  };
  auto fill = [&](std::string& field, const char* env, const char* git_key, const char* file_key) {
    if (field.empty())
      if (auto v = configured(env, git_key, file_key)) field = *v;
  };
  fill(o.mainline, "PATCHTRIAGE_MAINLINE", "patchtriage.mainline", "mainline");
  fill(o.branch_pattern, "PATCHTRIAGE_BRANCH_PATTERN", "patchtriage.branchPattern", "branch_pattern");
  fill(o.rules, "PATCHTRIAGE_RULES", "patchtriage.rules", "rules");
  if (!color_opt->count())
    if (auto v = configured(nullptr, "patchtriage.color", "color")) {
      if (*v != "auto" && *v != "always" && *v != "never") {
        std::cerr << "patchtriage: color: expected auto, always or never, got '" << *v << "'\n";
        exit_code = k_exit_usage;
        return std::nullopt;
      }
      o.color = *v == "always" ? ColorMode::always : *v == "never" ? ColorMode::never : ColorMode::automatic;
    }
  if (!o.branch_pattern.empty() && (o.branch_pattern.find("{major}") == std::string::npos ||
                                    o.branch_pattern.find("{minor}") == std::string::npos)) {
    std::cerr << "patchtriage: --branch-pattern needs {major} and {minor}, got '"
              << o.branch_pattern << "'\n";
    exit_code = k_exit_usage;
    return std::nullopt;
  }
  if (hook->parsed()) {  // reads git's hook input, not mail: no inputs, no default repository
    o.command = Command::hook;
    return o;
  }
  if (inspect->parsed()) o.command = Command::inspect;
  if (batch->parsed()) o.command = Command::batch;
  if (summary->parsed()) o.command = Command::summary;
  // b4 writes its re-serialised message (body decoded, header unchanged) to our stdin.
  if (o.format == OutputFormat::b4 &&
      (o.inputs.empty() || (o.inputs.size() == 1 && o.inputs[0] == "-")))
    o.mailinfo.body_already_decoded = true;
  // No -C nor PATCHTRIAGE_REPO: git config patchtriage.repo, the config file's repo; with
  // -b, the repository here; else the kernel tree we are standing in, if any.
  if (o.no_repo) o.repo.clear();
  if (!o.no_repo) fill(o.repo, nullptr, "patchtriage.repo", "repo");
  if (!o.branches.empty() && o.repo.empty() && !o.no_repo) o.repo = ".";
  if (o.repo.empty() && !o.no_repo) o.repo = Repository::find_kernel_tree(".");
  if (o.inputs.empty()) {
    if (isatty(STDIN_FILENO)) {
      // Waiting on a terminal for mail nobody is typing helps no one.
      std::cerr << app.help();
      exit_code = k_exit_usage;
      return std::nullopt;
    }
    o.inputs.push_back("-");
  }
  return o;
}

}  // namespace pt
