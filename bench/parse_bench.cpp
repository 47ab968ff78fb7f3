// bench: split + parse + diffstat + trailers over an mbox, on N worker threads, keeping
// nothing (the memory a streaming consumer would need).
// Prints one line: bytes, messages, patches, seconds, MB/s, mails/s, peak RSS.
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>

#include "util/allocator.hpp"
#include <thread>

#include "app/parse_pipeline.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: parse_bench FILE [THREADS]\n");
    return 2;
  }
  pt::tune_allocator();  // as the tool does (app/app.cpp)
  unsigned threads = argc > 2 ? std::stoi(argv[2]) : std::thread::hardware_concurrency();
  std::atomic<std::uint64_t> bytes{0}, messages{0}, patches{0}, files{0}, insertions{0},
      trailers{0};
  auto start = std::chrono::steady_clock::now();
  pt::parse_each(
      {argv[1]}, {}, {}, threads,
      [](const pt::InputProblem& p) { std::fprintf(stderr, "%s: %s\n", p.source.c_str(), p.what.c_str()); },
      [&](std::size_t, pt::Patch&& p) {
        ++messages;
        if (p.is_patch) ++patches;
        files += p.diff.files.size();
        insertions += p.diff.insertions;
        trailers += p.trailers.size();
      });
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  FILE* f = std::fopen(argv[1], "rb");
  if (f) {
    std::fseek(f, 0, SEEK_END);
    bytes = std::ftell(f);
    std::fclose(f);
  }
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf(
      "threads=%u bytes=%llu messages=%llu patches=%llu files=%llu insertions=%llu trailers=%llu "
      "seconds=%.3f MB/s=%.1f mails/s=%.0f peak_rss_MB=%.1f\n",
      threads, (unsigned long long)bytes, (unsigned long long)messages,
      (unsigned long long)patches, (unsigned long long)files, (unsigned long long)insertions,
      (unsigned long long)trailers, secs, bytes / secs / 1e6, messages / secs,
      ru.ru_maxrss / 1024.0);
  return 0;
}
