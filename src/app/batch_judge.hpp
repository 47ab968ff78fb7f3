// app: the judging half of a batch.
// patches to judge (+ threads, rule sets, repository) -> one record each, judged on N workers,
// written in job order -> the summary's counts.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
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

// Judges `jobs` on `workers` threads (each with its own Repository and FactCollector) and
// writes each record through `out` in job order, as soon as it and those before it are done,
// so that what a run leaves behind is always a prefix of its jobs. Stops taking jobs once
// `stopping()` holds; those being judged are still written. Counts every record, timing and
// failure into `summary` (and its phases "index" and "judge"). Throws the first write error.
// `kept`: every message as threaded; `feed` hands out each job's patch whole.
void judge_jobs(const KeptMails& kept, JudgedPatches& feed, const ThreadSet& threads,
                const std::vector<BatchJob>& jobs, const FactSource& facts, unsigned workers,
                ResultWriter& out, BatchSummary& summary, BatchProgress& progress,
                const std::function<bool()>& stopping);

// Rebuilds the diffs of messages `which` (recovered from a web page or damaged mail, kept
// whole) from the target files, on `workers` threads (each with its own Repository and
// FactCollector, as the judging), and makes their thread records again. Throws the first
// error a rebuild throws.
void rebuild_recovered_diffs(KeptMails& kept, const std::vector<std::size_t>& which,
                             const FactSource& facts, unsigned workers);

}  // namespace pt
