// The main command: input -> patch objects -> threads -> repository facts -> rule set ->
// one card (or JSON record, b4 entry, summary line) per patch; exit code from the verdicts.
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <map>
#include <rang.hpp>

#include "app/commands.hpp"
#include "app/parse_pipeline.hpp"
#include "app/rule_sets.hpp"
#include "facts/patch_facts.hpp"
#include "report/b4_check.hpp"
#include "report/patch_json.hpp"
#include "report/summary_text.hpp"
#include "report/verdict_text.hpp"
#include "rules/rule_eval.hpp"
#include "thread/thread_builder.hpp"

namespace pt {

namespace {

bool use_color(ColorMode mode) {
  if (mode == ColorMode::always) return true;
  if (mode == ColorMode::never) return false;
  const char* no_color = std::getenv("NO_COLOR");  // https://no-color.org
  return isatty(STDOUT_FILENO) && !(no_color && *no_color);
}

}  // namespace

int run_triage(const Options& options) {
  TextStyle style{use_color(options.color) && options.format == OutputFormat::card, options.ascii};
  // rang decides by itself whether stdout is a terminal; we decided already.
  rang::setControlMode(style.color ? rang::control::Force : rang::control::Off);

  // A broken rule set is a usage error before any mail is read (CONTRACT: exit 2 first).
  RuleSets rule_sets(options.rules);
  if (!options.rules.empty() && !rule_sets.load(options.rules)) return k_exit_usage;

  // input -> patch objects (parallel) -> threads, series, review trailers
  std::vector<Patch> patches = parse_inputs(
      options.inputs, options.input, options.mailinfo, options.jobs,
      [](const InputProblem& problem) {
        std::cerr << "patchtriage: " << problem.source << ": " << problem.what << "\n";
      });
  // -> repository facts (in memory, per target branch)
  std::optional<Repository> repo;
  if (!options.repo.empty())
    if (int rc = open_repository(options, repo)) return rc;
  // Target naming and the mainline ref: the command line's, else the rule set's.
  std::string branch_pattern = options.branch_pattern, mainline = options.mainline;
  if (const RuleSet* defaults = rule_sets.load(options.rules.empty() ? "stable" : options.rules)) {
    if (branch_pattern.empty()) branch_pattern = defaults->targets.branch_pattern;
    // "master" is also what an unset mainline tries first (then origin/master).
    if (mainline.empty() && defaults->targets.mainline != "master") mainline = defaults->targets.mainline;
  }
  std::optional<FactCollector> collector;
  if (repo) {
    collector.emplace(*repo, options.branches, mainline);
    collector->set_branch_pattern(branch_pattern);
    // Diffs recovered from web pages or damaged mail, rebuilt from the target files.
    for (Patch& p : patches) collector->rebuild_recovered(p);
  }
  ThreadSet threads = build_threads(patches);

  // -> rules -> one card per patch of the newest version of each series
  std::size_t shown = 0, superseded = 0, all_patches = 0, no = 0;
  std::vector<Decision> decisions;
  std::vector<std::size_t> judged;
  decisions.reserve(patches.size());
  std::map<int, std::vector<std::size_t>> by_series;  // for the series' one-line tails
  bool first_json = true;
  if (options.format == OutputFormat::json) std::cout << "[";
  for (std::size_t i = 0; i < patches.size(); ++i) {
    const ThreadFacts& tf = threads.facts[i];
    if (!patches[i].is_patch || !tf.series || tf.is_cover) continue;
    ++all_patches;
    // The newest version of a series by default; --version N picks one.
    if (options.version ? threads.series[*tf.series].version != *options.version
                        : !tf.superseded_by.empty()) {
      ++superseded;
      continue;
    }
    const RuleSet* rules = rule_sets.for_patch(patches[i]);
    if (!rules) return k_exit_usage;
    ++shown;
    std::optional<PatchFacts> facts;
    if (collector) facts = collector->collect(patches[i]);
    // The notes' claims: with the repository among the facts, else against the mail alone.
    std::vector<CheckedClaim> mail_claims;
    if (!facts && !patches[i].notes.empty()) mail_claims = check_notes(patches[i], ClaimOracle{});
    const std::vector<CheckedClaim>* claims =
        patches[i].notes.empty() ? nullptr : facts ? &facts->claims : &mail_claims;
    decisions.push_back(
        evaluate(*rules, RuleInput{patches[i], &tf, facts ? &*facts : nullptr, claims}));
    judged.push_back(i);
    const Decision& d = decisions.back();
    if (d.verdict == Verdict::no) ++no;
    switch (options.format) {
      case OutputFormat::card:
        render_summary(std::cout, patches, i, threads, facts ? &*facts : nullptr, style, &d, claims);
        by_series[*tf.series].push_back(decisions.size() - 1);
        // After the last shown patch of a series of several: one line per patch.
        if (threads.series[*tf.series].total > 1) {
          std::size_t last = i;
          for (const auto& m : threads.series[*tf.series].members)
            if (m && *m > last) last = *m;
          if (last == i)
            for (std::size_t k : by_series[*tf.series])
              std::cout << verdict_line(patches[judged[k]], decisions[k]) << "\n";
        }
        break;
      case OutputFormat::summary:
        std::cout << verdict_line(patches[i], d) << "\n";
        break;
      case OutputFormat::jsonl:
        std::cout << patch_to_json_line(patches, i, threads, {facts ? &*facts : nullptr, claims, &d})
                  << "\n";
        break;
      case OutputFormat::json:
        std::cout << (first_json ? "\n" : ",\n")
                  << patch_to_json_line(patches, i, threads, {facts ? &*facts : nullptr, claims, &d, 2});
        first_json = false;
        break;
      case OutputFormat::b4:
        break;  // one list at the end
    }
    std::cout.flush();  // a reader on a pipe sees each patch at once
  }
  if (options.format == OutputFormat::json) std::cout << (first_json ? "]\n" : "\n]\n");
  if (options.format == OutputFormat::b4) {
    std::vector<B4Entry> entries;
    for (std::size_t k = 0; k < judged.size(); ++k) entries.push_back({&patches[judged[k]], &decisions[k]});
    // b4: empty output with exit 0 means "no results".
    if (!entries.empty()) std::cout << b4_check_json(entries) << "\n";
    return k_exit_yes;  // b4 reads the status from the JSON and ignores the exit code
  }
  if (shown == 0) {
    // No patch: still say what each message is (a reply: what it answers, by whom, when).
    constexpr std::size_t k_described = 20;
    if (options.format == OutputFormat::card && all_patches == 0)
      for (std::size_t i = 0; i < patches.size() && i < k_described; ++i)
        render_summary(std::cout, patches, i, threads, nullptr, style);
    std::cerr << "patchtriage: no patch found in the input (" << patches.size() << " message"
              << (patches.size() == 1 ? "" : "s") << " read"
              << (all_patches ? ", none of the requested version" : "") << ")\n";
    return k_exit_no_patch;
  }
  std::cerr << "patchtriage: " << shown << " patch" << (shown == 1 ? "" : "es") << " in "
            << patches.size() << " message" << (patches.size() == 1 ? "" : "s") << ": "
            << shown - no << " YES, " << no << " NO";
  if (superseded) std::cerr << " (" << superseded << " of other versions not shown)";
  if (!collector) std::cerr << "; no repository (-C): repository checks skipped";
  std::cerr << "\n";
  return no ? k_exit_no : k_exit_yes;
}

}  // namespace pt
