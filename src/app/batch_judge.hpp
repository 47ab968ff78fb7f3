// app: the judging half of a batch.
// patches to judge (+ threads, rule sets, repository) -> one record each, judged on N workers,
// written in job order -> the summary's counts.
#pragma once

#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "app/batch_mails.hpp"
#include "app/batch_patches.hpp"
#include "app/batch_progress.hpp"
#include "app/batch_results.hpp"
#include "app/options.hpp"
#include "patch/patch.hpp"
#include "report/batch_summary.hpp"
#include "rules/rule_set.hpp"
#include "thread/thread_types.hpp"

namespace pt {

class FactCollector;
class FileCache;
class MaintainersCache;
class Repository;

struct BatchJob {
  std::size_t patch;     // index of the message among all read
  const RuleSet* rules;  // loaded before the workers start; evaluation only reads it
};

// Where repository facts come from; `repo` nullptr: none (rules on repository facts skip).
struct FactSource {
  const Repository* repo = nullptr;
  std::string path;  // to open one more Repository per extra worker
  std::vector<std::string> branches;
  std::string mainline, branch_pattern;
};

// What every worker's fact collector shares: parsed MAINTAINERS files, the target files
// read (facts/maintainers_cache.hpp, repo/file_cache.hpp).
struct SharedCaches {
  std::shared_ptr<MaintainersCache> maintainers;
  std::shared_ptr<FileCache> files;
};

// The judging's first fact collector, its history indexes built on a thread of its own as
// soon as the messages are read: the indexes need only the patches' target branches, so
// building them overlaps building the threads (single-threaded), which a batch otherwise
// waited for on one core. Without a repository it does nothing.
class IndexWarmUp {
 public:
  IndexWarmUp(const KeptMails& kept, const FactSource& facts);
  ~IndexWarmUp();  // waits for the thread
  IndexWarmUp(const IndexWarmUp&) = delete;
  IndexWarmUp& operator=(const IndexWarmUp&) = delete;
  // Waits for the indexes; rethrows what building them threw. nullptr without a repository.
  std::unique_ptr<FactCollector> take();
  const SharedCaches& shared() const { return m_shared; }

 private:
  SharedCaches m_shared;
  std::unique_ptr<FactCollector> m_collector;
  std::exception_ptr m_failed;
  std::thread m_thread;
};

// Judges `jobs` on `workers` threads (each with its own Repository and FactCollector) and
// writes each record through `out` in job order, as soon as it and those before it are done,
// so that what a run leaves behind is always a prefix of its jobs. Stops taking jobs once
// `stopping()` holds; those being judged are still written. Counts every record, timing and
// failure into `summary` (and its phases "index", the wait for `warm`, and "judge"). Throws
// the first write error. `kept`: every message as threaded; `feed` hands out each job's
// patch whole; `warm`: the first worker's collector.
void judge_jobs(const KeptMails& kept, JudgedPatches& feed, const ThreadSet& threads,
                const std::vector<BatchJob>& jobs, const FactSource& facts, IndexWarmUp& warm,
                unsigned workers,
                ResultWriter& out, BatchSummary& summary, BatchProgress& progress,
                const std::function<bool()>& stopping);

// Rebuilds the diffs of messages `which` (recovered from a web page or damaged mail, kept
// whole) from the target files, on `workers` threads (each with its own Repository and
// FactCollector, as the judging), and makes their thread records again. Throws the first
// error a rebuild throws.
void rebuild_recovered_diffs(KeptMails& kept, const std::vector<std::size_t>& which,
                             const FactSource& facts, unsigned workers);

}  // namespace pt
