#include <cstdio>

#include "app/commands.hpp"
#include "app/parse_pipeline.hpp"
#include "facts/patch_facts.hpp"
#include "report/patch_json.hpp"
#include "thread/thread_builder.hpp"

namespace pt {

int open_repository(const Options& options, std::optional<Repository>& repo) {
  try {
    repo.emplace(options.repo);
  } catch (const RepositoryError& e) {
    std::fprintf(stderr, "patchtriage: error: %s\n", e.what());
    return k_exit_repository;
  }
  for (const auto& b : options.branches)
    if (!repo->resolve(b)) {
      std::fprintf(stderr, "patchtriage: error: %s: no such branch or revision in %s\n",
                   b.c_str(), repo->git_dir().c_str());
      return k_exit_repository;
    }
  return 0;
}

int run_inspect(const Options& options) {
  // input -> patch objects (parallel) -> threads and series -> JSON Lines
  std::vector<Patch> patches = parse_inputs(
      options.inputs, options.input, options.mailinfo, options.jobs,
      [](const InputProblem& problem) {
        std::fprintf(stderr, "patchtriage: %s: %s\n", problem.source.c_str(), problem.what.c_str());
      });
  if (patches.empty()) {
    std::fprintf(stderr, "patchtriage: no mail found in the input\n");
    return k_exit_no_patch;
  }
  // With a repository: diffs recovered from web pages or damaged mail are rebuilt from the
  // target branches' files before anything looks at them.
  std::optional<Repository> repo;
  std::optional<FactCollector> collector;
  if (!options.repo.empty()) {
    if (int rc = open_repository(options, repo)) return rc;
    collector.emplace(*repo, options.branches, options.mainline);
    collector->set_branch_pattern(options.branch_pattern);
    for (Patch& p : patches) collector->rebuild_recovered(p);
  }
  ThreadSet threads = build_threads(patches);
  std::string line;
  auto emit = [&](std::string&& text) {
    line = std::move(text);
    line.push_back('\n');
    std::fwrite(line.data(), 1, line.size(), stdout);
  };
  if (options.inspect_threads) {
    for (const Thread& t : threads.threads) emit(thread_to_json_line(patches, threads, t));
  } else if (collector) {
    // Repository facts: every read is in memory through libgit2; nothing is written.
    for (std::size_t i = 0; i < patches.size(); ++i) {
      std::optional<PatchFacts> facts;
      if (patches[i].is_patch) facts = collector->collect(patches[i]);
      const bool notes = facts && !patches[i].notes.empty();
      emit(patch_to_json_line(patches, i, threads,
                              {facts ? &*facts : nullptr, notes ? &facts->claims : nullptr}));
    }
  } else {
    for (std::size_t i = 0; i < patches.size(); ++i) {
      // The notes' claims, checked against the mail alone.
      std::vector<CheckedClaim> claims;
      if (!patches[i].notes.empty()) claims = check_notes(patches[i], ClaimOracle{});
      emit(patch_to_json_line(patches, i, threads,
                              {nullptr, patches[i].notes.empty() ? nullptr : &claims}));
    }
  }
  std::fflush(stdout);
  return k_exit_yes;
}

}  // namespace pt
