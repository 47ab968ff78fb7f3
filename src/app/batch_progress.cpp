#include "app/batch_progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace pt {

namespace {

void write_stderr(const std::string& text) {
  const char* p = text.data();
  std::size_t left = text.size();
  while (left) {
    ssize_t n = ::write(STDERR_FILENO, p, left);
    if (n <= 0) return;
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

std::string duration(double seconds) {
  long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

}  // namespace

BatchProgress::BatchProgress(bool enabled) : m_enabled(enabled) {
  if (m_enabled) m_thread = std::thread([this] { run(); });
}

BatchProgress::~BatchProgress() { finish(); }

void BatchProgress::finish() {
  if (!m_enabled || !m_thread.joinable()) return;
  {
    std::lock_guard lock(m_mu);
    m_stop = true;
  }
  m_cv.notify_all();
  m_thread.join();
  std::lock_guard lock(m_mu);
  if (m_drawn) write_stderr("\r\033[K");
  m_drawn = false;
}

void BatchProgress::start_judging(std::size_t total) {
  std::lock_guard lock(m_mu);
  m_total = total;
  m_judging_start = Clock::now();
  m_judging = true;
}

void BatchProgress::print(const std::string& text) {
  std::lock_guard lock(m_mu);
  if (m_drawn) {
    std::string out = "\r\033[K";
    out += text;
    write_stderr(out);
    m_drawn = false;
  } else {
    write_stderr(text);
  }
}

std::string BatchProgress::line() const {
  auto now = Clock::now();
  double elapsed = std::chrono::duration<double>(now - m_start).count();
  std::size_t m = mails.load();
  char buf[256];
  int n = std::snprintf(buf, sizeof buf, "%zu mails (%.0f/s)", m, elapsed > 0 ? m / elapsed : 0.0);
  if (m_judging) {
    double judging = std::chrono::duration<double>(now - m_judging_start).count();
    std::size_t done = judged.load(), total = m_total.load();
    double rate = judging > 0 ? done / judging : 0;
    n += std::snprintf(buf + n, sizeof buf - n, " \xc2\xb7 patches %zu/%zu (%.0f/s)", done, total,
                       rate);
    if (rate > 0 && done < total)
      std::snprintf(buf + n, sizeof buf - n, " \xc2\xb7 ETA %s",
                    duration((total - done) / rate).c_str());
  } else {
    std::snprintf(buf + n, sizeof buf - n, " \xc2\xb7 reading");
  }
  return buf;
}

void BatchProgress::run() {
  std::unique_lock lock(m_mu);
  while (!m_cv.wait_for(lock, std::chrono::milliseconds(250), [this] { return m_stop; })) {
    std::string out = "\r";
    out += line();
    out += "\033[K";
    write_stderr(out);
    m_drawn = true;
  }
}

}  // namespace pt
