#include "app/batch_judge.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <tuple>
#include <utility>

#include "app/batch_record.hpp"
#include "facts/patch_facts.hpp"
#include "repo/repository.hpp"
#include "rules/rule_eval.hpp"

namespace pt {

namespace {

using Clock = std::chrono::steady_clock;

// libgit2's object cache while patches are judged: the trees of their files, not history
// (the files themselves: FileCache). 8 MB: 4 and 6 MB judged 4-8% slower at -j2 and held
// 4 MB less; 32 MB held ~20 MB more at the peak and judged no faster (bench/README.md).
constexpr std::size_t k_judging_cache = 8u << 20;

struct Judged {
  std::string line;  // the JSON record; "" when the patch could not be judged
  ResultDigest digest;
  double ms = 0;
  std::string error;
};

// The summary's digest of a judged patch, taken from the values the record is made of
// (patch_json.cpp: a target missing from the repository is "skip", an existing file in the
// way a "conflict"). BatchTest checks that batch's summary equals `summary` of its output.
ResultDigest digest_of(const Decision& d, const PatchFacts* facts) {
  ResultDigest out;
  out.no = d.verdict == Verdict::no;
  for (const RuleResult& r : d.results)
    if (r.result == Result::fail) out.failed.emplace_back(to_string(r.severity), r.id);
  if (facts) {
    std::map<std::string, std::string> by_branch;
    for (const auto& t : facts->apply.targets) {
      auto it = facts->apply.by_branch.find(t.name);
      if (it == facts->apply.by_branch.end())
        by_branch[t.name] = "skip";
      else if (it->second.forward.status == ApplyStatus::already_exists)
        by_branch[t.name] = "conflict";
      else
        by_branch[t.name] = to_string(it->second.forward.status);
    }
    out.apply.assign(by_branch.begin(), by_branch.end());
  }
  return out;
}

// One patch, as the main command judges it for --format jsonl.
// `patch`: message job.patch whole.
Judged judge(const KeptMails& kept, const ThreadSet& threads, const BatchJob& job,
             const Patch& patch, FactCollector* collector) {
  Judged out;
  auto start = Clock::now();
  try {
    std::optional<PatchFacts> facts;
    if (collector) facts = collector->collect(patch);
    // The notes' claims: with the repository among the facts, else against the mail alone.
    std::vector<CheckedClaim> mail_claims;
    if (!facts && !patch.notes.empty()) mail_claims = check_notes(patch, ClaimOracle{});
    const std::vector<CheckedClaim>* claims = patch.notes.empty() ? nullptr
                                              : facts             ? &facts->claims
                                                                  : &mail_claims;
    const PatchFacts* f = facts ? &*facts : nullptr;
    Decision d = evaluate(*job.rules, RuleInput{patch, &threads.facts[job.patch], f, claims});
    out.line = batch_json_line(kept.records(), job.patch, threads, {f, claims, &d, -1, &patch});
    out.digest = digest_of(d, f);
  } catch (const std::exception& e) {
    out.line.clear();
    out.error = e.what();
  }
  out.ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  return out;
}

// Collects the judged patches and writes each finished record in job order.
class OrderedOutput {
 public:
  OrderedOutput(ResultWriter& out, BatchSummary& summary, BatchProgress& progress,
                const KeptMails& kept, const std::vector<BatchJob>& jobs)
      : m_out(out),
        m_summary(summary),
        m_progress(progress),
        m_kept(kept),
        m_jobs(jobs) {}

  void hand_in(std::size_t k, Judged&& judged) {
    std::lock_guard lock(m_mu);
    m_done.emplace(k, std::move(judged));
    ++m_progress.judged;
    for (auto first = m_done.begin(); first != m_done.end() && first->first == m_next;
         first = m_done.begin()) {
      Judged& j = first->second;
      const std::size_t i = m_jobs[m_next].patch;
      const ThreadInput& p = m_kept.record(i);
      if (j.line.empty()) {
        m_summary.not_judged.emplace_back(m_kept.where(i), j.error);
        m_progress.print("patchtriage: " + m_kept.where(i) + ": not judged: " + j.error + "\n");
      } else if (!m_failed) {
        try {
          m_out.write_line(std::move(j.line));
          add_result(m_summary, j.digest);
          ++m_summary.judged;
          add_timing(m_summary, {j.ms, std::string(p.message_id()), std::string(p.title()), m_kept.where(i)});
        } catch (const std::exception&) {
          m_failed = std::current_exception();  // disk full: the run stops (see failure())
        }
      }
      m_done.erase(first);
      ++m_next;
    }
  }
  std::exception_ptr failure() {
    std::lock_guard lock(m_mu);
    return m_failed;
  }

 private:
  std::mutex m_mu;
  ResultWriter& m_out;
  BatchSummary& m_summary;
  BatchProgress& m_progress;
  const KeptMails& m_kept;
  const std::vector<BatchJob>& m_jobs;
  // Judged, not yet written: those ahead of a job still being judged (a few per worker; a
  // slot per job would hold ~3 MB for the benchmark's 21,000 patches).
  std::map<std::size_t, Judged> m_done;
  std::size_t m_next = 0;
  std::exception_ptr m_failed;
};

// `shared`: the caches every worker's collector shares (one parsed MAINTAINERS per branch,
// one copy of a hot file, not one per worker).
std::unique_ptr<FactCollector> make_collector(const Repository& repo, const FactSource& src,
                                              const SharedCaches& shared) {
  auto collector = std::make_unique<FactCollector>(repo, src.branches, src.mainline);
  collector->set_branch_pattern(src.branch_pattern);
  collector->share_maintainers(shared.maintainers);
  if (shared.files) collector->share_files(shared.files);
  return collector;
}

}  // namespace

// Builds every history index the patches' target branches ask for, once, before the
// workers start: the other workers' collectors then load them from the cache instead of
// each walking history (and writing the same cache file at the same time).
IndexWarmUp::IndexWarmUp(const KeptMails& kept, const FactSource& facts)
    : m_shared{std::make_shared<MaintainersCache>(), std::make_shared<FileCache>()} {
  if (!facts.repo) return;
  m_thread = std::thread([this, &kept, facts] {
    try {
      auto collector = make_collector(*facts.repo, facts, m_shared);
      // Target branches depend only on the subject's stable range and the X-stable-base
      // (and on the options): asked once per distinct pair, not per message (resolving
      // names and listing branches for each of 35,000 messages took 1 s).
      std::set<std::string> commits;
      std::set<std::tuple<std::string, std::string, std::string>> asked;
      for (std::size_t i = 0; i < kept.size(); ++i) {
        Patch brief = kept.brief(i);
        const Subject& s = brief.subject_info;
        if (!asked.emplace(s.stable_from, s.stable_to, brief.stable_base).second) continue;
        for (const auto& t :
             target_branches(brief, *facts.repo, facts.branches, facts.branch_pattern))
          if (t.commit) commits.insert(*t.commit);
      }
      collector->indexes().mainline();
      for (const auto& c : commits) collector->indexes().branch(c).commit_with_patch_id("");
      m_collector = std::move(collector);
    } catch (...) {
      m_failed = std::current_exception();
    }
  });
}

IndexWarmUp::~IndexWarmUp() {
  if (m_thread.joinable()) m_thread.join();
}

std::unique_ptr<FactCollector> IndexWarmUp::take() {
  if (m_thread.joinable()) m_thread.join();
  if (m_failed) std::rethrow_exception(std::exchange(m_failed, nullptr));
  return std::move(m_collector);
}

void judge_jobs(const KeptMails& kept, JudgedPatches& feed, const ThreadSet& threads,
                const std::vector<BatchJob>& jobs, const FactSource& facts, IndexWarmUp& warm,
                unsigned workers, ResultWriter& out, BatchSummary& summary,
                BatchProgress& progress, const std::function<bool()>& stopping) {
  auto start = Clock::now();
  const SharedCaches& shared = warm.shared();
  std::unique_ptr<FactCollector> first;
  if (facts.repo && !jobs.empty() && !stopping()) {
    first = warm.take();
    Repository::cap_object_cache(k_judging_cache);
    summary.phases.emplace_back("index",
                                std::chrono::duration<double>(Clock::now() - start).count());
    start = Clock::now();
  }
  workers = static_cast<unsigned>(std::clamp<std::size_t>(jobs.size(), 1, std::max(workers, 1u)));
  progress.start_judging(jobs.size());
  OrderedOutput output(out, summary, progress, kept, jobs);
  std::atomic<std::size_t> next{0};
  auto work = [&](FactCollector* collector) {
    for (std::size_t k; !stopping() && (k = next++) < jobs.size();) {
      Judged judged;
      if (const Patch* whole = feed.wait(k, judged.error))
        judged = judge(kept, threads, jobs[k], *whole, collector);
      feed.done(k);
      output.hand_in(k, std::move(judged));
      if (output.failure()) break;
    }
  };
  // Each worker's own repository and collector: the repository serialises libgit2 behind
  // one mutex, and a collector is not thread-safe. The repositories stay open until every
  // worker is done: the shared file cache holds blobs each of them read (file_cache.hpp).
  std::vector<std::optional<Repository>> repos(workers);
  std::vector<std::thread> pool;
  for (unsigned w = 1; w < workers; ++w)
    pool.emplace_back([&, w] {
      std::optional<Repository>& repo = repos[w];
      std::unique_ptr<FactCollector> collector;
      if (first) {
        try {
          repo.emplace(facts.path);
          collector = make_collector(*repo, facts, shared);
        } catch (const std::exception& e) {
          std::string text = "patchtriage: a worker without a repository: ";
          text += e.what();
          progress.print(text + "\n");
          return;  // the others take its share
        }
      }
      work(collector.get());
    });
  work(first.get());
  for (auto& t : pool) t.join();
  summary.phases.emplace_back("judge", std::chrono::duration<double>(Clock::now() - start).count());
  if (std::exception_ptr failed = output.failure()) std::rethrow_exception(failed);
}

void rebuild_recovered_diffs(KeptMails& kept, const std::vector<std::size_t>& which,
                             const FactSource& facts, unsigned workers) {
  if (!facts.repo || which.empty()) return;
  workers = static_cast<unsigned>(std::clamp<std::size_t>(which.size(), 1, std::max(workers, 1u)));
  SharedCaches shared{std::make_shared<MaintainersCache>(), nullptr};  // not read by a rebuild
  std::atomic<std::size_t> next{0};
  std::mutex mu;
  std::exception_ptr failed;
  // Each message is one worker's alone: its Patch and its record (refresh writes only it).
  auto work = [&](const Repository& repo) {
    try {
      std::unique_ptr<FactCollector> collector = make_collector(repo, facts, shared);
      for (std::size_t k = next++; k < which.size(); k = next++) {
        collector->rebuild_recovered(*kept.whole(which[k]));
        kept.refresh(which[k]);
      }
    } catch (...) {
      std::lock_guard lock(mu);
      if (!failed) failed = std::current_exception();
      next = which.size();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned w = 1; w < workers; ++w)
    pool.emplace_back([&] {
      std::optional<Repository> repo;
      try {
        repo.emplace(facts.path);
      } catch (...) {
        return;  // the others take its share
      }
      work(*repo);
    });
  work(*facts.repo);
  for (auto& t : pool) t.join();
  if (failed) std::rethrow_exception(failed);
}

}  // namespace pt
