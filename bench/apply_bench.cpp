// bench: the apply facts of every patch mail in FILE against each BRANCH of REPO, in memory
// (forward as git apply --check, -C1 and --3way when it fails, reverse as -R --check).
// Prints one line per branch: patches, seconds, milliseconds per patch, verdict counts;
// then the peak RSS (all mails parsed and kept, plus the repository's caches).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <string>

#include "app/parse_pipeline.hpp"
#include "facts/apply_facts.hpp"
#include "util/allocator.hpp"

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: apply_bench REPO FILE BRANCH...\n");
    return 2;
  }
  pt::tune_allocator();
  pt::Repository repo(argv[1]);
  pt::FileCache files;  // as a FactCollector reads them
  std::vector<pt::Patch> patches =
      pt::parse_inputs({argv[2]}, {}, {}, 0, [](const pt::InputProblem&) {});
  using clock = std::chrono::steady_clock;
  for (int b = 3; b < argc; ++b) {
    std::vector<pt::BranchTarget> targets{{argv[b], repo.resolve(argv[b]), "-b"}};
    if (!targets[0].commit) {
      std::fprintf(stderr, "apply_bench: no branch %s\n", argv[b]);
      return 4;
    }
    std::map<std::string, int> forward, reverse;
    std::size_t n = 0;
    auto t0 = clock::now();
    for (const pt::Patch& p : patches) {
      if (!p.is_patch) continue;
      ++n;
      pt::ApplyFacts f = pt::collect_apply_facts(p, repo, targets, &files);
      const pt::BranchApplyFacts& r = f.by_branch.at(argv[b]);
      ++forward[pt::to_string(r.forward.status)];
      ++reverse[pt::to_string(r.reverse.status)];
    }
    double s = std::chrono::duration<double>(clock::now() - t0).count();
    std::string counts;
    for (const auto& [k, v] : forward) counts += " forward_" + k + "=" + std::to_string(v);
    for (const auto& [k, v] : reverse) counts += " reverse_" + k + "=" + std::to_string(v);
    std::printf("branch=%s patches=%zu seconds=%.3f ms_per_patch=%.3f%s\n", argv[b], n, s,
                n ? 1000.0 * s / n : 0.0, counts.c_str());
  }
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("peak_rss_MB=%.1f\n", ru.ru_maxrss / 1024.0);
  return 0;
}
