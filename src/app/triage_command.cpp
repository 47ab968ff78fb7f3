#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <rang.hpp>

#include "app/commands.hpp"
#include "app/parse_pipeline.hpp"
#include "facts/patch_facts.hpp"
#include "report/summary_text.hpp"
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
  TextStyle style{use_color(options.color), options.ascii};
  // rang decides by itself whether stdout is a terminal; we decided already.
  rang::setControlMode(style.color ? rang::control::Force : rang::control::Off);
  // input -> patch objects (parallel) -> threads, series, review trailers -> summaries
  std::vector<Patch> patches = parse_inputs(
      options.inputs, options.input, options.mailinfo, options.jobs,
      [](const InputProblem& problem) {
        std::cerr << "patchtriage: " << problem.source << ": " << problem.what << "\n";
      });
  ThreadSet threads = build_threads(patches);
  std::optional<Repository> repo;
  if (!options.repo.empty())
    if (int rc = open_repository(options, repo)) return rc;
  std::optional<FactCollector> collector;
  if (repo) {
    collector.emplace(*repo, options.branches, options.mainline);
    collector->set_branch_pattern(options.branch_pattern);
  }
  std::size_t shown = 0, superseded = 0, all_patches = 0;
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
    ++shown;
    std::optional<PatchFacts> facts;
    if (collector) facts = collector->collect(patches[i]);
    render_summary(std::cout, patches, i, threads, facts ? &*facts : nullptr, style);
    std::cout.flush();  // a reader on a pipe sees each patch at once
  }
  if (shown == 0) {
    std::cerr << "patchtriage: no patch found in the input (" << patches.size() << " message"
              << (patches.size() == 1 ? "" : "s") << " read"
              << (all_patches ? ", none of the requested version" : "") << ")\n";
    return k_exit_no_patch;
  }
  std::cerr << "patchtriage: " << shown << " patch" << (shown == 1 ? "" : "es") << " in "
            << patches.size() << " message" << (patches.size() == 1 ? "" : "s");
  if (superseded) std::cerr << " (" << superseded << " of other versions not shown)";
  std::cerr << "; no rule set is evaluated yet, so no YES/NO verdict is printed\n";
  return k_exit_yes;
}

}  // namespace pt
