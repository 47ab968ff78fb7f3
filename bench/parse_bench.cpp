// bench: split + parse + diffstat + trailers over an mbox, on N threads.
// Prints one line: bytes, messages, patches, seconds, MB/s, mails/s, peak RSS.
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "input/input_reader.hpp"
#include "patch/patch_builder.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: parse_bench FILE [THREADS]\n");
    return 2;
  }
  unsigned threads = argc > 2 ? std::stoi(argv[2]) : std::thread::hardware_concurrency();
  std::mutex mu;
  std::condition_variable cv_items, cv_space;
  std::deque<std::vector<pt::RawMessage>> queue;
  bool done = false;
  std::atomic<std::uint64_t> bytes{0}, messages{0}, patches{0}, files{0}, insertions{0},
      trailers{0};
  auto worker = [&] {
    for (;;) {
      std::vector<pt::RawMessage> batch;
      {
        std::unique_lock lock(mu);
        cv_items.wait(lock, [&] { return done || !queue.empty(); });
        if (queue.empty()) return;
        batch = std::move(queue.front());
        queue.pop_front();
      }
      cv_space.notify_one();
      for (const auto& raw : batch) {
        pt::Patch p = pt::build_patch(raw, {});
        bytes += raw.bytes.size() + raw.envelope.size() + 1;
        ++messages;
        if (p.is_patch) ++patches;
        files += p.diff.files.size();
        insertions += p.diff.insertions;
        trailers += p.trailers.size();
      }
    }
  };
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (unsigned i = 0; i < threads; ++i) pool.emplace_back(worker);
  std::vector<pt::RawMessage> batch;
  auto push = [&] {
    std::unique_lock lock(mu);
    cv_space.wait(lock, [&] { return queue.size() < 4 * threads; });  // bounded: flat memory
    queue.push_back(std::move(batch));
    batch.clear();
    cv_items.notify_one();
  };
  pt::read_inputs(
      {argv[1]}, {},
      [&](pt::RawMessage&& m) {
        batch.push_back(std::move(m));
        if (batch.size() == 64) push();
      },
      [](const pt::InputProblem& p) { std::fprintf(stderr, "%s: %s\n", p.source.c_str(), p.what.c_str()); });
  if (!batch.empty()) push();
  {
    std::lock_guard lock(mu);
    done = true;
  }
  cv_items.notify_all();
  for (auto& t : pool) t.join();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
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
