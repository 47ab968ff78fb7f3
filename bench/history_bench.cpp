// bench: history indexes on a large repository. Builds the mainline index (Fixes:/revert
// targets) and the branch index (upstream references) from scratch, loads them again from
// the disk cache, then answers every query id listed in QUERIES (one hex id per line).
// Prints one line of timings.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "facts/history_index.hpp"

// The process's peak resident set so far, in MB.
double peak_rss_mb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024.0;
}

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: history_bench REPO MAINLINE BRANCH QUERIES\n");
    return 2;
  }
  pt::Repository repo(argv[1]);
  auto mainline = repo.resolve(argv[2]), branch = repo.resolve(argv[3]);
  if (!mainline || !branch) return 4;
  std::vector<std::string> queries;
  std::ifstream in(argv[4]);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) queries.push_back(line);
  std::string dir = (std::filesystem::temp_directory_path() /
                     ("pt-history-bench-" + std::to_string(::getpid()))).string();
  pt::IndexCache cache(dir);
  using clock = std::chrono::steady_clock;
  auto secs = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
  auto t0 = clock::now();
  pt::MainlineIndex m(repo, *mainline, cache);
  auto t1 = clock::now();
  pt::BranchIndex b(repo, *branch, *mainline, cache);
  auto t2 = clock::now();
  pt::MainlineIndex m2(repo, *mainline, cache);
  pt::BranchIndex b2(repo, *branch, *mainline, cache);
  auto t3 = clock::now();
  std::size_t follow_ups = 0, backports = 0;
  for (const auto& q : queries) {
    follow_ups += m2.follow_ups_of(q).size();
    if (b2.backport_of(q)) ++backports;
  }
  auto t4 = clock::now();
  std::filesystem::remove_all(dir);
  std::printf(
      "mainline_commits=%zu branch_commits=%zu build_mainline_s=%.3f build_branch_s=%.3f "
      "load_cached_s=%.3f queries=%zu query_us=%.3f follow_ups=%zu backports=%zu "
      "peak_rss_MB=%.1f\n",
      m.commits(), b.commits(), secs(t0, t1), secs(t1, t2), secs(t2, t3), queries.size(),
      queries.empty() ? 0.0 : 1e6 * secs(t3, t4) / queries.size(), follow_ups, backports,
      peak_rss_mb());
  return 0;
}
