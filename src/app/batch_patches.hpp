// app: the whole patch objects a batch judges, handed to the judging workers.
// A batch keeps of every mail of an archive its thread record (batch_mails.hpp) and reads the
// files a second time for the patches it judges, a bounded window ahead of the workers:
// memory stays flat in the size of the archive. Mails kept whole (from stdin, or with a diff
// rebuilt from the repository) are handed out from the first reading.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "app/batch_mails.hpp"
#include "app/options.hpp"
#include "patch/patch.hpp"

namespace pt {

// Files read by one parse_each call, and the position of its first message among all.
struct ReadGroup {
  std::vector<std::string> paths;
  std::size_t first = 0;
};

class JudgedPatches {
 public:
  // `kept`: every message of the first reading, in input order; `groups`: how the first
  // reading went; `jobs`: the position of each patch to judge, in job order. Starts the
  // second reading when a job needs it.
  JudgedPatches(const KeptMails& kept, std::vector<ReadGroup> groups,
                const std::vector<std::size_t>& jobs, const Options& options);
  ~JudgedPatches();  // stops the second reading and waits for it
  JudgedPatches(const JudgedPatches&) = delete;
  JudgedPatches& operator=(const JudgedPatches&) = delete;

  // Job k's patch, whole, once the second reading has reached it; nullptr with `error` set
  // when that reading did not find it as the first one did (the file changed meanwhile).
  // Call once per job, then done(k); valid until then. Any thread.
  const Patch* wait(std::size_t k, std::string& error);
  void done(std::size_t k);

  // How many patches were read a second time (for the summary's curiosity and tests).
  std::size_t read_again() const;

 private:
  void read_second_time(std::vector<ReadGroup> groups, Options options);
  void store(std::size_t k, Patch&& p);

  const KeptMails& m_kept;
  std::vector<std::size_t> m_jobs;                    // position of each job
  std::unordered_map<std::size_t, std::size_t> m_job_at;  // position -> job (read again only)

  mutable std::mutex m_mu;
  std::condition_variable m_changed;
  std::unordered_map<std::size_t, std::unique_ptr<Patch>> m_read;  // job -> patch read again
  std::size_t m_frontier = 0;  // 1 + the highest job a worker waits for
  std::size_t m_held_bytes = 0;  // mail text of the patches in m_read
  std::size_t m_read_again = 0;
  bool m_reading = false;      // the second reading is under way
  bool m_closed = false;       // stop: the workers are gone
  std::thread m_reader;
};

}  // namespace pt
