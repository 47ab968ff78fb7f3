#include "app/batch_patches.hpp"

#include "app/parse_pipeline.hpp"

namespace pt {

namespace {

// Patches the second reading may hold beyond the highest one a worker waits for: enough to
// keep the parse workers busy (they take 64 mails at a time, and parse ~50 times faster
// than a patch is judged), few enough to stay small (a whole patch holds its diff thrice).
constexpr std::size_t k_window = 64;
// And no more than this much mail text (message and patch text of the patches held ahead):
// where an archive holds a run of treewide or dt-bindings patches of 100 KB to 1 MB each,
// 64 of them made the batch's peak memory.
constexpr std::size_t k_window_bytes = 2u << 20;

std::size_t weight(const Patch& p) { return p.message.size() + p.patch_text.size(); }

}  // namespace

JudgedPatches::JudgedPatches(const KeptMails& kept, std::vector<ReadGroup> groups,
                             const std::vector<std::size_t>& jobs, const Options& options)
    : m_kept(kept), m_jobs(jobs) {
  for (std::size_t k = 0; k < m_jobs.size(); ++k)
    if (!m_kept.whole(m_jobs[k])) m_job_at.emplace(m_jobs[k], k);
  if (m_job_at.empty()) return;
  m_reading = true;
  m_reader = std::thread(&JudgedPatches::read_second_time, this, std::move(groups), options);
}

JudgedPatches::~JudgedPatches() {
  {
    std::lock_guard lock(m_mu);
    m_closed = true;
  }
  m_changed.notify_all();
  if (m_reader.joinable()) m_reader.join();
}

void JudgedPatches::read_second_time(std::vector<ReadGroup> groups, Options options) {
  for (const ReadGroup& group : groups) {
    {
      std::lock_guard lock(m_mu);
      if (m_closed) break;
    }
    auto job_of = [&](std::size_t at) { return m_job_at.find(group.first + at); };
    // One parse thread: it parses ~50 times faster than a patch is judged, and the judging
    // workers already take every core (with -j2's two parse threads, the run switched
    // context 134,000 times instead of 71,000).
    parse_each(
        group.paths, options.input, options.mailinfo, 1,
        [](const InputProblem&) {},  // told once, by the first reading
        [&](std::size_t at, Patch&& p) { store(job_of(at)->second, std::move(p)); },
        [&](std::size_t at) {
          if (job_of(at) == m_job_at.end()) return false;
          std::lock_guard lock(m_mu);
          return !m_closed;
        });
  }
  {
    std::lock_guard lock(m_mu);
    m_reading = false;
  }
  m_changed.notify_all();
}

// Called by the parse workers; waits while the patch is too far ahead of the judging workers
// (a patch a worker already waits for is never held back).
void JudgedPatches::store(std::size_t k, Patch&& p) {
  std::unique_lock lock(m_mu);
  m_changed.wait(lock, [&] {
    return m_closed || k < m_frontier ||
           (k < m_frontier + k_window && m_held_bytes < k_window_bytes);
  });
  if (m_closed) return;
  m_held_bytes += weight(p);
  m_read[k] = std::make_unique<Patch>(std::move(p));
  ++m_read_again;
  lock.unlock();
  m_changed.notify_all();
}

const Patch* JudgedPatches::wait(std::size_t k, std::string& error) {
  const std::size_t i = m_jobs[k];
  std::unique_lock lock(m_mu);
  if (k + 1 > m_frontier) {
    m_frontier = k + 1;
    m_changed.notify_all();  // the reading may go on
  }
  if (const Patch* whole = m_kept.whole(i)) return whole;
  m_changed.wait(lock, [&] { return m_closed || !m_reading || m_read.count(k); });
  auto it = m_read.find(k);
  if (it == m_read.end()) {
    error = "not found again in ";
    error += m_kept.source(i);
    error += " (the file changed while the batch ran)";
    return nullptr;
  }
  const Patch& again = *it->second;
  const ThreadInput& first = m_kept.record(i);
  if (again.source != m_kept.source(i) || again.offset != m_kept.offset(i) ||
      again.message_id != first.message_id() || again.title != first.title()) {
    error = m_kept.source(i);
    error += " changed while the batch ran: another mail at this place now";
    return nullptr;
  }
  return &again;
}

void JudgedPatches::done(std::size_t k) {
  {
    std::lock_guard lock(m_mu);
    auto it = m_read.find(k);
    if (it == m_read.end()) return;
    m_held_bytes -= weight(*it->second);
    m_read.erase(it);
  }
  m_changed.notify_all();  // the reading may go on
}

std::size_t JudgedPatches::read_again() const {
  std::lock_guard lock(m_mu);
  return m_read_again;
}

}  // namespace pt
