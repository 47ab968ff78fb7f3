// app: the progress line of a batch on a terminal.
// counters (mails read, patches judged) -> one stderr line redrawn with \r, 4 times a second.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>

namespace pt {

// Draws "N mails (R/s) · patches D/T (R/s) · ETA m:ss" from its own thread while stderr is a
// terminal; does nothing otherwise. Other stderr output goes through print() so the two
// never share a line.
class BatchProgress {
 public:
  explicit BatchProgress(bool enabled);
  ~BatchProgress();  // finish()
  // Stops drawing and clears the line.
  void finish();
  BatchProgress(const BatchProgress&) = delete;
  BatchProgress& operator=(const BatchProgress&) = delete;

  // Judging begins: `total` patches to judge.
  void start_judging(std::size_t total);
  // Prints `text` (a whole line, with its newline) on stderr above the progress line.
  void print(const std::string& text);

  std::atomic<std::size_t> mails{0};
  std::atomic<std::size_t> judged{0};

 private:
  using Clock = std::chrono::steady_clock;
  void run();
  std::string line() const;
  void draw(const std::string& text);

  bool m_enabled;
  Clock::time_point m_start = Clock::now(), m_judging_start;
  std::atomic<std::size_t> m_total{0};
  std::atomic<bool> m_judging{false};
  std::mutex m_mu;
  std::condition_variable m_cv;
  bool m_stop = false;
  bool m_drawn = false;
  std::thread m_thread;
};

}  // namespace pt
