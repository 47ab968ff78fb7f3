// bench: a year of list mail -> patch objects (N workers) -> threads, series, reviews.
// Prints one line: messages, threads, series, seconds for each stage, peak RSS.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "util/allocator.hpp"

#include "app/parse_pipeline.hpp"
#include "thread/thread_builder.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: thread_bench FILE [THREADS]\n");
    return 2;
  }
  pt::tune_allocator();  // as the tool does (app/app.cpp)
  unsigned jobs = argc > 2 ? std::stoi(argv[2]) : 0;
  using clock = std::chrono::steady_clock;
  auto t0 = clock::now();
  std::vector<pt::Patch> patches =
      pt::parse_inputs({argv[1]}, {}, {}, jobs, [](const pt::InputProblem&) {});
  auto t1 = clock::now();
  pt::ThreadSet threads = pt::build_threads(patches);
  auto t2 = clock::now();
  std::size_t reviews = 0;
  for (const auto& f : threads.facts) reviews += f.review_trailers.size();
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  auto secs = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
  std::printf(
      "messages=%zu threads=%zu series=%zu review_trailers=%zu parse_s=%.3f thread_s=%.3f "
      "total_s=%.3f peak_rss_MB=%.1f\n",
      patches.size(), threads.threads.size(), threads.series.size(), reviews, secs(t0, t1),
      secs(t1, t2), secs(t0, t2), ru.ru_maxrss / 1024.0);
  return 0;
}
