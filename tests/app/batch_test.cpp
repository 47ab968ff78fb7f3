// End-to-end: `patchtriage batch` and `patchtriage summary`, the real binary on real mail:
// completion, skipped and unreadable files, resume after kills, shards, the kernel fixture.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "test_support.hpp"

namespace pt {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

const std::string k_bin = PATCHTRIAGE_BINARY;

// Runs a shell command line; returns its exit code (-1 when it did not exit).
int shell(const std::string& cmd) {
  int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string quote(const fs::path& p) {
  std::string s = "'";
  s += p.string();
  s += "'";
  return s;
}

// A fresh temporary directory, removed at the end of the test.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name)
      : path(fs::temp_directory_path() / ("pt-batch-" + name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

std::vector<std::string> lines_of(const fs::path& file) {
  std::vector<std::string> out;
  std::ifstream in(file, std::ios::binary);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

json read_json(const fs::path& file) { return json::parse(test::read_file(file)); }

// The first `count` messages of the stable subset, written to `path` as an mboxrd.
void write_stable_subset_head(const fs::path& path, int count) {
  std::string subset =
      test::read_file(test::corpus_dir() / "lore-usb" / "linux-usb-stable-subset.mboxrd");
  std::size_t at = 0;
  for (int n = 1; n <= count && at != std::string::npos; ++n)
    at = subset.find("\nFrom mboxrd@z ", at + 1);
  std::ofstream(path, std::ios::binary) << subset.substr(0, at + 1);
}

// Equal line lists; on a difference, the counts and the first differing line (cut short),
// not thousands of records.
::testing::AssertionResult same_lines(const std::vector<std::string>& got,
                                      const std::vector<std::string>& want) {
  if (got == want) return ::testing::AssertionSuccess();
  std::size_t i = 0;
  while (i < got.size() && i < want.size() && got[i] == want[i]) ++i;
  auto cut = [](const std::vector<std::string>& v, std::size_t k) {
    return k < v.size() ? v[k].substr(0, 300) : std::string("(none)");
  };
  return ::testing::AssertionFailure()
         << got.size() << " lines, expected " << want.size() << "; first difference at line "
         << i + 1 << ":\n  got:  " << cut(got, i) << "\n  want: " << cut(want, i);
}

// A record without its series id: ids number the series of one run, so a shard's differ.
std::string without_series_id(const std::string& line) {
  json j = json::parse(line);
  if (j["series"].is_object()) j["series"].erase("id");
  return j.dump();
}

// Starts `args` (the binary's) in a child with stdout and stderr to /dev/null; returns its pid.
pid_t spawn(const std::string& args) {
  pid_t pid = fork();
  if (pid == 0) {
    std::string cmd = "exec ";
    cmd += k_bin;
    cmd += " ";
    cmd += args;
    cmd += " >/dev/null 2>/dev/null";
    execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

int wait_exit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

TEST(Batch, reads_a_directory_skips_what_is_not_mail_and_goes_on_past_an_unreadable_file) {
  REQUIRE_CORPUS();
  TempDir dir("dir");
  fs::path in = dir.path / "archive";
  fs::create_directories(in / "sub");
  const fs::path samples = test::corpus_dir() / "lore-usb" / "raw-samples";
  for (const char* name : {"autosel-00.eml", "patch-with-fixes-00.eml", "cover-letter-00.eml",
                           "reply-with-trailer-00.eml", "patch-qp-00.eml"})
    fs::copy_file(samples / name, in / "sub" / name);
  fs::copy_file(fs::path(PATCHTRIAGE_SOURCE_DIR) / "testdata" / "sample.mbox", in / "sample");
  std::ofstream(in / "notes.txt") << "not mail, just notes\n";
  // A mail header, then binary garbage: read as a message (no patch), not an error.
  std::string junk = "Subject: [PATCH] junk\n\n";
  for (int i = 0; i < 4096; ++i) junk += static_cast<char>((i * 7919) % 256);
  std::ofstream(in / "junk.eml", std::ios::binary) << junk;
  // gzip magic, then garbage: the decompressor fails on it.
  std::ofstream(in / "broken.mbox.gz", std::ios::binary)
      << std::string("\x1f\x8b\x08\x00garbage", 12);

  fs::path out = dir.path / "out.jsonl", summary = dir.path / "summary.json";
  int rc = shell(k_bin + " batch -j 2 " + quote(in) + " -o " + quote(out) + " --summary-json " +
                 quote(summary) + " 2>" + quote(dir.path / "err"));
  // The same records as the main command's --format jsonl over the same directory.
  int triage_rc = shell(k_bin + " --format jsonl " + quote(in) + " >" + quote(dir.path / "triage") +
                        " 2>/dev/null");
  EXPECT_EQ(rc, triage_rc);
  EXPECT_TRUE(rc == 0 || rc == 1) << rc;
  std::vector<std::string> lines = lines_of(out);
  EXPECT_TRUE(same_lines(lines, lines_of(dir.path / "triage")));  // in input order too
  ASSERT_GE(lines.size(), 5u);
  for (const auto& line : lines) {
    json j = json::parse(line);
    EXPECT_TRUE(j["verdict"] == "YES" || j["verdict"] == "NO");
    EXPECT_EQ(j["source"]["file"].get<std::string>().rfind(in.string(), 0), 0u);
  }
  json s = read_json(summary);
  EXPECT_EQ(s["patches"], lines.size());
  EXPECT_EQ(s["run"]["judged"], lines.size());
  EXPECT_EQ(s["run"]["skipped"], json::array({(in / "notes.txt").string()}));
  ASSERT_EQ(s["run"]["unreadable"].size(), 1u);
  EXPECT_EQ(s["run"]["unreadable"][0]["file"], (in / "broken.mbox.gz").string());
  std::string err = test::read_file(dir.path / "err");
  EXPECT_NE(err.find("broken.mbox.gz: "), std::string::npos) << err;
  EXPECT_NE(err.find("skipped, not mail: 1 file\n  " + (in / "notes.txt").string()),
            std::string::npos)
      << err;
  EXPECT_EQ(err.find('\r'), std::string::npos) << "a progress line on a pipe";
  EXPECT_NE(err.find("patchtriage batch: " + std::to_string(lines.size()) + " patches: "),
            std::string::npos)
      << err;
}

// On a terminal (script(1) gives it one), stderr carries the progress line, redrawn with \r.
TEST(Batch, progress_line_on_a_terminal) {
  REQUIRE_CORPUS();
  if (shell("command -v script >/dev/null") != 0) GTEST_SKIP() << "script(1) is not installed";
  TempDir dir("tty");
  const fs::path lore = test::corpus_dir() / "lore-usb";
  std::string cmd = k_bin + " batch -j 2 " + quote(lore) + " -o " + quote(dir.path / "out.jsonl");
  int rc = shell("script -qec \"" + cmd + "\" /dev/null > " + quote(dir.path / "tty"));
  EXPECT_TRUE(rc == 0 || rc == 1) << rc;
  std::string tty = test::read_file(dir.path / "tty");
  EXPECT_NE(tty.find(" mails ("), std::string::npos) << tty.substr(0, 400);
  EXPECT_NE(tty.find(" \xc2\xb7 patches "), std::string::npos) << tty.substr(0, 400);
  EXPECT_NE(tty.find("\r\033[K"), std::string::npos) << tty.substr(0, 400);
  EXPECT_NE(tty.find("patchtriage batch: "), std::string::npos) << tty.substr(0, 400);
}

TEST(Batch, usage_errors_exit_2) {
  EXPECT_EQ(shell(k_bin + " batch --resume /dev/null 2>/dev/null"), 2);  // no -o FILE
  EXPECT_EQ(shell(k_bin + " batch --shard 3/2 /dev/null 2>/dev/null"), 2);
  EXPECT_EQ(shell(k_bin + " batch --shard x /dev/null 2>/dev/null"), 2);
  EXPECT_EQ(shell(k_bin + " batch --rules no-such-set /dev/null 2>/dev/null"), 2);
}

TEST(Batch, a_directory_without_patches_exits_3) {
  TempDir dir("empty");
  std::ofstream(dir.path / "reply.eml")
      << "From: a@b\nSubject: Re: x\nMessage-ID: <r@x>\n\nThanks!\n";
  EXPECT_EQ(shell(k_bin + " batch " + quote(dir.path) + " >/dev/null 2>/dev/null"), 3);
}

// The acceptance run: all of lore-usb with -j 2, killed (SIGKILL) at random points and
// resumed each time, then interrupted with SIGINT and resumed: the records, sorted, are the
// uninterrupted run's, nothing lost and nothing twice.
TEST(Batch, killed_and_resumed_runs_give_the_uninterrupted_results) {
  REQUIRE_CORPUS();
  TempDir dir("resume");
  const fs::path lore = test::corpus_dir() / "lore-usb";
  fs::path whole = dir.path / "whole.jsonl", part = dir.path / "part.jsonl";
  fs::path whole_summary = dir.path / "whole.json", part_summary = dir.path / "part.json";
  auto t0 = std::chrono::steady_clock::now();
  int rc = shell(k_bin + " batch -j 2 " + quote(lore) + " -o " + quote(whole) + " --summary-json " +
                 quote(whole_summary) + " 2>/dev/null");
  const double full = seconds_since(t0);
  ASSERT_TRUE(rc == 0 || rc == 1) << rc;
  const std::vector<std::string> expected = sorted(lines_of(whole));
  ASSERT_GT(expected.size(), 1000u);
  const std::string args = "batch -j 2 " + quote(lore) + " -o " + quote(part) + " --resume";
  auto size_of = [&] { return fs::exists(part) ? fs::file_size(part) : std::uintmax_t(0); };
  // Starts a resumed run and returns once the file has grown (reading and threading come
  // first and write nothing; a torn line is cut off first), or after a generous timeout.
  auto start_writing = [&] {
    const std::uintmax_t size = size_of();
    pid_t pid = spawn(args);
    auto t = std::chrono::steady_clock::now();
    while (size_of() <= size && seconds_since(t) < 10 * full)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return pid;
  };

  // SIGKILL at a random point of the writing, four times, resuming each time.
  std::mt19937 random(std::random_device{}());
  std::uniform_real_distribution<double> when(0.0, 0.15 * full);
  std::string kills;
  int mid_run_kills = 0;
  for (int round = 0; round < 4; ++round) {
    pid_t pid = start_writing();
    std::this_thread::sleep_for(std::chrono::duration<double>(when(random)));
    ::kill(pid, SIGKILL);
    wait_exit(pid);
    std::size_t lines = lines_of(part).size();
    if (lines < expected.size()) ++mid_run_kills;
    kills += ' ';
    kills += std::to_string(lines);
  }
  EXPECT_GE(mid_run_kills, 2) << "lines after each kill:" << kills;
  // A write cut short by a kill: the next run drops the torn line.
  std::ofstream(part, std::ios::app) << R"({"message_id":"<torn@x>","ti)";
  // Ctrl-C: the run stops taking work, writes what it judged, exits 130.
  pid_t pid = start_writing();
  ::kill(pid, SIGINT);
  int sigint_rc = wait_exit(pid);
  std::string text = test::read_file(part);
  std::size_t after_sigint = std::count(text.begin(), text.end(), '\n');
  if (after_sigint < expected.size()) {
    EXPECT_EQ(sigint_rc, 130);
  }
  EXPECT_TRUE(text.empty() || text.back() == '\n') << "a torn line after SIGINT";
  std::printf("[   INFO   ] of %zu records: lines after each SIGKILL:%s; after SIGINT: %zu\n",
              expected.size(), kills.c_str(), after_sigint);

  rc = shell(k_bin + " " + args + " --summary-json " + quote(part_summary) + " 2>/dev/null");
  EXPECT_TRUE(rc == 0 || rc == 1) << rc;
  std::vector<std::string> got = sorted(lines_of(part));
  EXPECT_TRUE(same_lines(got, expected))
      << "the resumed results differ from the uninterrupted run's";
  // The summary of the resumed run covers the whole results file.
  json a = read_json(whole_summary), b = read_json(part_summary);
  a.erase("run");
  b.erase("run");
  EXPECT_EQ(a, b);
}

// Shards by file: together they are the whole (raw-samples holds one thread per file; the
// series ids, which number one run's series, aside), and `summary` of the shards' results is
// the summary of the whole run.
TEST(Batch, shards_together_are_the_whole_and_summary_merges_them) {
  REQUIRE_CORPUS();
  TempDir dir("shard");
  const fs::path samples = test::corpus_dir() / "lore-usb" / "raw-samples";
  auto batch = [&](const std::string& extra, const std::string& name) {
    return shell(k_bin + " batch -j 2 " + quote(samples) + " " + extra + " -o " +
                 quote(dir.path / (name + ".jsonl")) + " --summary-json " +
                 quote(dir.path / (name + ".json")) + " 2>/dev/null");
  };
  int rc = batch("", "whole");
  EXPECT_TRUE(rc == 0 || rc == 1) << rc;
  EXPECT_TRUE(batch("--shard 1/2", "s1") <= 1);
  EXPECT_TRUE(batch("--shard 2/2", "s2") <= 1);
  std::vector<std::string> whole = lines_of(dir.path / "whole.jsonl");
  std::vector<std::string> s1 = lines_of(dir.path / "s1.jsonl"),
                           s2 = lines_of(dir.path / "s2.jsonl");
  EXPECT_FALSE(s1.empty());
  EXPECT_FALSE(s2.empty());
  std::vector<std::string> both, all;
  for (const auto* part : {&s1, &s2})
    for (const auto& line : *part) both.push_back(without_series_id(line));
  for (const auto& line : whole) all.push_back(without_series_id(line));
  EXPECT_TRUE(same_lines(sorted(both), sorted(all)));
  // Every skipped file (raw-samples/expected/) in exactly one shard.
  json w = read_json(dir.path / "whole.json");
  std::vector<std::string> skipped;
  for (const char* s : {"s1.json", "s2.json"}) {
    json shard = read_json(dir.path / s);
    for (const auto& f : shard["run"]["skipped"]) skipped.push_back(f);
  }
  EXPECT_EQ(sorted(skipped), sorted(w["run"]["skipped"].get<std::vector<std::string>>()));
  EXPECT_GT(skipped.size(), 100u);

  auto summary = [&](const std::string& files, const std::string& name) {
    return shell("cd " + quote(dir.path) + " && " + k_bin + " summary " + files +
                 " --summary-json " + name + ".json > " + name + ".txt");
  };
  EXPECT_EQ(summary("s1.jsonl s2.jsonl", "merged"), rc);
  EXPECT_EQ(summary("whole.jsonl", "again"), rc);
  EXPECT_EQ(test::read_file(dir.path / "merged.txt"), test::read_file(dir.path / "again.txt"));
  json merged = read_json(dir.path / "merged.json");
  EXPECT_EQ(merged, read_json(dir.path / "again.json"));
  // ... and what batch itself counted while judging (the "run" part is the run's own).
  w.erase("run");
  EXPECT_EQ(merged, w);
  EXPECT_EQ(merged["patches"], whole.size());
  EXPECT_NE(test::read_file(dir.path / "merged.txt").find("failing rules (patches):\n  blocker "),
            std::string::npos);
}

// With the kernel fixture: the facts of parallel workers (each its own repository and
// collector) are the facts of the main command's single thread, and the summary counts the
// apply status per branch.
TEST(Batch, judges_against_the_kernel_fixture_like_the_main_command) {
  REQUIRE_CORPUS();
  const char* env = std::getenv("PATCHTRIAGE_KERNEL");
  fs::path kernel = env && *env ? fs::path(env)
                                : fs::path(std::getenv("HOME") ? std::getenv("HOME") : "") /
                                      ".cache/patchtriage/kernel";
  if (!fs::exists(kernel))
    GTEST_SKIP() << "kernel fixture not found at " << kernel
                 << " (../shared/scripts/make-kernel-fixture.sh, or set PATCHTRIAGE_KERNEL)";
  TempDir dir("kernel");
  write_stable_subset_head(dir.path / "sixty.mbox", 61);
  const std::string repo = " -C " + quote(kernel) + " -b linux-6.1.y -b linux-6.12.y ";
  int rc = shell(k_bin + " batch -j 2" + repo + quote(dir.path / "sixty.mbox") + " -o " +
                 quote(dir.path / "batch.jsonl") + " --summary-json " + quote(dir.path / "s.json") +
                 " 2>/dev/null");
  int triage_rc = shell(k_bin + " -j 1 --format jsonl" + repo + quote(dir.path / "sixty.mbox") +
                        " > " + quote(dir.path / "triage.jsonl") + " 2>/dev/null");
  EXPECT_EQ(rc, triage_rc);
  std::vector<std::string> lines = lines_of(dir.path / "batch.jsonl");
  ASSERT_GE(lines.size(), 40u);
  EXPECT_TRUE(same_lines(lines, lines_of(dir.path / "triage.jsonl")));
  // The summary's apply counts are the records' facts.apply statuses, per branch.
  std::map<std::string, std::map<std::string, std::size_t>> counted;
  for (const auto& line : lines) {
    json record = json::parse(line);
    for (const auto& [branch, a] : record["facts"]["apply"].items())
      ++counted[branch][a["status"].get<std::string>()];
  }
  json s = read_json(dir.path / "s.json");
  for (const char* branch : {"linux-6.1.y", "linux-6.12.y"}) {
    EXPECT_EQ(s["apply"][branch]["patches"], lines.size()) << branch;
    EXPECT_EQ(s["apply"][branch]["statuses"], json(counted[branch])) << branch;
    EXPECT_GE(counted[branch].size(), 2u) << branch;  // not one status for all
  }
}

// A file is read twice (series members are shed after threading and read again, whole,
// when judged); stdin cannot be, so its mails are kept whole: the records are the same.
TEST(Batch, records_from_a_file_read_twice_equal_those_from_stdin_read_once) {
  REQUIRE_CORPUS();
  TempDir dir("stdin");
  write_stable_subset_head(dir.path / "part.mbox", 301);
  int file_rc = shell(k_bin + " batch -j 2 " + quote(dir.path / "part.mbox") + " -o " +
                      quote(dir.path / "file.jsonl") + " 2>/dev/null");
  int stdin_rc = shell(k_bin + " batch -j 2 - -o " + quote(dir.path / "stdin.jsonl") + " < " +
                       quote(dir.path / "part.mbox") + " 2>/dev/null");
  EXPECT_EQ(file_rc, stdin_rc);
  std::vector<std::string> from_file = lines_of(dir.path / "file.jsonl");
  std::vector<std::string> from_stdin = lines_of(dir.path / "stdin.jsonl");
  ASSERT_GE(from_file.size(), 200u);
  ASSERT_EQ(from_file.size(), from_stdin.size());
  for (std::size_t i = 0; i < from_file.size(); ++i) {
    json a = json::parse(from_file[i]), b = json::parse(from_stdin[i]);
    ASSERT_NE(a["source"], b["source"]);  // the file's name, "-"
    a.erase("source");
    b.erase("source");
    ASSERT_EQ(a.dump(), b.dump()) << "record " << i + 1;
  }
}

}  // namespace
}  // namespace pt
