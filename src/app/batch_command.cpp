// The batch command: every mail below the inputs (kept as what threading reads, see
// batch_mails.hpp) -> threads across files -> the newest version of each series read again,
// whole, and judged on N workers -> one JSON line per patch, written whole, in input order ->
// a summary on stderr. Resumable (--resume), interruptible (SIGINT, SIGTERM), shardable by
// file (--shard K/N).
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <iostream>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "app/batch_files.hpp"
#include "app/batch_judge.hpp"
#include "app/batch_mails.hpp"
#include "app/batch_progress.hpp"
#include "app/batch_results.hpp"
#include "app/commands.hpp"
#include "app/parse_pipeline.hpp"
#include "app/rule_sets.hpp"
#include "facts/patch_facts.hpp"
#include "thread/thread_builder.hpp"
#include "util/allocator.hpp"

namespace pt {

namespace {

using Clock = std::chrono::steady_clock;

// Files handed to one parse_each call: few enough that Ctrl-C while reading is heard between
// calls, many enough that every worker gets messages (parse_each hands out 64 at a time).
constexpr std::size_t k_read_files = 1024;
constexpr std::uintmax_t k_read_bytes = 256u << 20;

// ---- Ctrl-C and SIGTERM: stop taking new work; what is judged is still written. ----
// A lock-free atomic: safe in a signal handler, and seen by every worker thread.
std::atomic<int> g_stop_signal{0};
static_assert(std::atomic<int>::is_always_lock_free);
extern "C" void on_stop_signal(int signal) { g_stop_signal = signal; }
bool stopping() { return g_stop_signal != 0; }

// Installed for the run. SA_RESETHAND: a second Ctrl-C kills at once (a torn last line is
// then possible, and --resume cuts it off).
class StopSignals {
 public:
  StopSignals() {
    g_stop_signal = 0;
    struct sigaction sa = {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND | SA_RESTART;
    sigaction(SIGINT, &sa, &m_int);
    sigaction(SIGTERM, &sa, &m_term);
  }
  ~StopSignals() {
    sigaction(SIGINT, &m_int, nullptr);
    sigaction(SIGTERM, &m_term, nullptr);
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

 private:
  struct sigaction m_int = {};
  struct sigaction m_term = {};
};

// Records the time since the previous mark as phase `name` of the summary.
class Phases {
 public:
  explicit Phases(BatchSummary& summary) : m_summary(summary) {}
  void end(const char* name) {
    auto now = Clock::now();
    m_summary.phases.emplace_back(name, std::chrono::duration<double>(now - m_mark).count());
    m_mark = now;
  }

 private:
  BatchSummary& m_summary;
  Clock::time_point m_mark = Clock::now();
};

// The results file of an earlier run (--resume): a torn last line cut off, each record
// counted by its key and into `summary`. Returns the counts by key.
std::unordered_map<std::string, std::size_t> read_earlier_results(const std::string& path,
                                                                  BatchSummary& summary) {
  std::unordered_map<std::string, std::size_t> keys;
  if (access(path.c_str(), F_OK) != 0) return keys;  // a first run
  std::size_t torn = read_results(path, true, [&](std::string_view text, std::size_t number) {
    std::string why;
    std::optional<ResultRecord> r = parse_result_line(text, why);
    if (!r) {
      std::cerr << "patchtriage: " << path << ":" << number << ": ignored: " << why << "\n";
      return;
    }
    ++keys[result_key(r->message_id, r->title, r->message, r->patch_text)];
    add_result(summary, r->digest);
  });
  if (torn)
    std::cerr << "patchtriage: " << path << ": cut off a torn last line (" << torn
              << " bytes of an interrupted write)\n";
  return keys;
}

std::uintmax_t file_size(const std::string& path) {
  struct stat st = {};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<std::uintmax_t>(st.st_size) : 0;
}

// Whether every file can be read a second time (not stdin, not a pipe).
bool can_read_twice(const std::vector<BatchFile>& files) {
  return std::all_of(files.begin(), files.end(), [](const BatchFile& f) {
    struct stat st = {};
    return f.path != "-" && ::stat(f.path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
  });
}

// The first reading of a batch: every message, in input order, and how it was read.
struct FirstReading {
  KeptMails mails;                 // whole only when not `read_again`, or to be rebuilt
  std::vector<std::string> keys;   // per message: result_key, when resuming
  std::vector<ReadGroup> groups;   // the files of each parse_each call
};

// Every message of `files`, parsed on the parse workers, in input order; stops between
// groups of files once a stop signal came. With `read_again`, a message keeps only what
// threading reads (the judged ones are read again, whole), except diffs still to be rebuilt
// from the repository.
FirstReading read_mail(const std::vector<BatchFile>& files, const Options& options,
                       bool read_again, const std::function<void(const InputProblem&)>& problem,
                       BatchProgress& progress) {
  FirstReading r;
  std::mutex mu;
  for (std::size_t first = 0; first < files.size() && !stopping();) {
    ReadGroup group;
    group.first = r.mails.size();
    std::uintmax_t bytes = 0;
    for (; first < files.size() && group.paths.size() < k_read_files && bytes < k_read_bytes;
         ++first) {
      group.paths.push_back(files[first].path);
      bytes += file_size(files[first].path);
    }
    const std::size_t base = group.first;
    parse_each(group.paths, options.input, options.mailinfo, options.jobs, problem,
               [&](std::size_t at, Patch&& p) {
                 std::string key = options.resume ? result_key(p) : std::string();
                 KeptMail kept = keep_mail(std::move(p), read_again);
                 std::lock_guard lock(mu);
                 r.mails.store(base + at, std::move(kept));
                 if (options.resume) {
                   if (r.keys.size() <= base + at) r.keys.resize(base + at + 1);
                   r.keys[base + at] = std::move(key);
                 }
                 ++progress.mails;
               });
    r.groups.push_back(std::move(group));
    if (read_again) {
      r.mails.compact(base);
      release_free_memory();  // what parsing freed around the records
    }
  }
  r.mails.shrink_to_fit();
  return r;
}

// Every patch of the newest version of each series (or of --version N), as triage picks them.
bool is_judged(const ThreadInput& p, const ThreadFacts& tf, const ThreadSet& threads,
               const std::optional<int>& version) {
  if (!p.is_patch || !tf.series || tf.is_cover) return false;
  return version ? threads.series[*tf.series].version == *version : tf.superseded_by.empty();
}

}  // namespace

int run_batch(const Options& options) {
  auto start = Clock::now();
  BatchSummary summary;
  summary.run = true;
  Phases phases(summary);

  // Usage, rule set and repository errors first, before any mail is read (CONTRACT.md).
  std::optional<Shard> shard = parse_shard(options.shard.empty() ? "1/1" : options.shard);
  if (!shard) {
    std::cerr << "patchtriage: --shard takes K/N with 1 <= K <= N, got '" << options.shard << "'\n";
    return k_exit_usage;
  }
  if (options.resume && (options.output.empty() || options.output == "-")) {
    std::cerr << "patchtriage: --resume needs the results file: -o FILE\n";
    return k_exit_usage;
  }
  RuleSets rule_sets(options.rules);
  if (!options.rules.empty() && !rule_sets.load(options.rules)) return k_exit_usage;
  std::optional<Repository> repo;
  if (!options.repo.empty())
    if (int rc = open_repository(options, repo)) return rc;
  // Target naming and the mainline ref: the command line's, else the rule set's.
  FactSource facts{repo ? &*repo : nullptr, options.repo, options.branches, options.mainline,
                   options.branch_pattern};
  if (const RuleSet* defaults = rule_sets.load(options.rules.empty() ? "stable" : options.rules)) {
    if (facts.branch_pattern.empty()) facts.branch_pattern = defaults->targets.branch_pattern;
    if (facts.mainline.empty() && defaults->targets.mainline != "master")
      facts.mainline = defaults->targets.mainline;
  }

  // The earlier results (--resume) -> the results file, open for appending or new
  std::unordered_map<std::string, std::size_t> done;
  if (options.resume) {
    done = read_earlier_results(options.output, summary);
    phases.end("resume");
  }
  ResultWriter out(options.output, options.resume);

  StopSignals signals;
  BatchProgress progress(isatty(STDERR_FILENO));
  std::mutex mu;
  auto on_problem = [&](const InputProblem& p) {
    std::lock_guard lock(mu);
    if (p.skipped_only) {
      summary.skipped.push_back(p.source);
    } else {
      summary.unreadable.emplace_back(p.source, p.what);
      progress.print("patchtriage: " + p.source + ": " + p.what + "\n");
    }
  };

  // inputs -> the shard's mail files -> patch objects (parallel, in input order)
  std::vector<InputProblem> listing;
  std::vector<BatchFile> files = list_batch_files(options.inputs, *shard, listing);
  for (const auto& p : listing) on_problem(p);
  summary.files = files.size();
  FirstReading reading = read_mail(files, options, can_read_twice(files), on_problem, progress);
  KeptMails& mails = reading.mails;
  summary.mails = mails.size();
  phases.end("read");

  // -> diffs recovered from web pages or damaged mail, rebuilt from the target files (such
  // a patch is kept whole, and its thread record made again), on the workers
  const unsigned workers = options.jobs ? options.jobs : std::thread::hardware_concurrency();
  std::vector<std::size_t> to_rebuild;
  for (std::size_t i = 0; repo && i < mails.size(); ++i) {
    const Patch* p = mails.whole(i);
    if (p && p->recovered && !p->recovered->diff_exact) to_rebuild.push_back(i);
  }
  rebuild_recovered_diffs(mails, to_rebuild, facts, workers);
  // -> history indexes of the target branches (on a thread of their own, meanwhile:)
  IndexWarmUp warm(mails, stopping() ? FactSource{} : facts);
  // -> threads, series, review trailers across all files read
  ThreadSet threads = build_threads(mails.records());
  // -> the patches to judge, less those the results file holds (by count: a mail that is
  // in the archive twice is judged, written and skipped twice)
  std::vector<BatchJob> jobs;
  for (std::size_t i = 0; i < mails.size() && !stopping(); ++i) {
    if (!is_judged(mails.record(i), threads.facts[i], threads, options.version)) continue;
    if (!done.empty()) {
      auto it = done.find(reading.keys[i]);
      if (it != done.end() && it->second) {
        --it->second;
        ++summary.resumed;
        continue;
      }
    }
    const RuleSet* rules = rule_sets.for_patch(mails.brief(i));
    if (!rules) return k_exit_usage;
    jobs.push_back({i, rules});
  }
  phases.end("threads");
  release_free_memory();  // the thread builder's maps

  // -> repository facts, rules, one record per patch, on N workers, written in input order
  std::vector<std::size_t> positions;
  for (const BatchJob& job : jobs) positions.push_back(job.patch);
  JudgedPatches feed(mails, std::move(reading.groups), positions, options);
  judge_jobs(mails, feed, threads, jobs, facts, warm, workers, out, summary, progress, stopping);

  // -> the summary (of the whole results file when resuming), exit code
  summary.interrupted = stopping();
  summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  progress.finish();
  std::cerr << render_batch_summary(summary, "patchtriage batch");
  if (!options.summary_json.empty() &&
      !write_text_file(options.summary_json, batch_summary_json(summary)))
    return k_exit_usage;
  if (summary.interrupted) return 128 + g_stop_signal;
  if (summary.patches == 0) {
    std::cerr << "patchtriage: no patch found in the input (" << summary.mails << " mails read)\n";
    return k_exit_no_patch;
  }
  return summary.no ? k_exit_no : k_exit_yes;
}

}  // namespace pt
