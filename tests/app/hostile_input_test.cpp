// End-to-end: hostile inputs (issue 8) through the real binary. Each ends with a clear error or
// a sensible result, never a crash, in bounded memory (the child's peak RSS, from wait4) and
// time (a kill after a generous limit guards against hangs; no speed is asserted).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "test_support.hpp"

namespace pt {
namespace {

namespace fs = std::filesystem;

// Under ASan/UBSan inputs shrink and memory bounds loosen (shadow memory, quarantine).
#ifdef PATCHTRIAGE_SANITIZED
constexpr bool k_sanitized = true;
#else
constexpr bool k_sanitized = false;
#endif
constexpr std::size_t k_mb = 1024 * 1024;
constexpr int k_timeout_s = k_sanitized ? 240 : 120;  // a hang guard only (ctest's is 300)

// How the child ended, what it printed, and its peak resident set.
struct Child {
  int exit_code = -1;  // -1 when it did not exit normally
  int signal = 0;
  bool timed_out = false;
  long max_rss_kb = 0;
  std::string out, err;
};

// A directory of its own per test, removed at the end.
class TempDir {
 public:
  explicit TempDir(const std::string& tag)
      : m_path(fs::temp_directory_path() /
               ("pt-hostile-" + tag + "-" + std::to_string(::getpid()))) {
    fs::remove_all(m_path);
    fs::create_directories(m_path);
  }
  ~TempDir() { fs::remove_all(m_path); }
  const fs::path& path() const { return m_path; }
  std::string operator/(const std::string& name) const { return (m_path / name).string(); }

 private:
  fs::path m_path;
};

// Runs `patchtriage ARGS` (no shell) with stdin from `in` ("" for /dev/null); stdout is kept
// only when `keep_out` (else /dev/null: some outputs are as large as the input).
Child run_child(const std::vector<std::string>& args, const std::string& in = "",
                bool keep_out = true) {
  TempDir io("io");
  std::string out_path = io / "out", err_path = io / "err";
  pid_t pid = ::fork();
  if (pid == 0) {
    ::setpgid(0, 0);
    int fd_in = ::open(in.empty() ? "/dev/null" : in.c_str(), O_RDONLY);
    int fd_out =
        ::open(keep_out ? out_path.c_str() : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int fd_err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd_in < 0 || fd_out < 0 || fd_err < 0) ::_exit(126);
    ::dup2(fd_in, 0);
    ::dup2(fd_out, 1);
    ::dup2(fd_err, 2);
    std::vector<char*> argv;
    std::string bin = PATCHTRIAGE_BINARY;
    argv.push_back(bin.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(bin.c_str(), argv.data());
    ::_exit(127);
  }
  Child c;
  if (pid < 0) return c;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(k_timeout_s);
  int status = 0;
  struct rusage usage {};
  for (;;) {
    pid_t r = ::wait4(pid, &status, WNOHANG, &usage);
    if (r == pid) break;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(-pid, SIGKILL);
      ::wait4(pid, &status, 0, &usage);
      c.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  c.max_rss_kb = usage.ru_maxrss;
  if (WIFEXITED(status)) c.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) c.signal = WTERMSIG(status);
  c.out = test::read_file(out_path);
  c.err = test::read_file(err_path);
  return c;
}

// What a failing expectation prints about the child.
std::string describe(const Child& c) {
  return "exit " + std::to_string(c.exit_code) + ", signal " + std::to_string(c.signal) +
         (c.timed_out ? ", killed after the time limit" : "") + ", peak RSS " +
         std::to_string(c.max_rss_kb / 1024) + " MB; stderr: " + c.err.substr(0, 2000);
}

// Ended by itself, without a signal or a sanitizer report, with one of `codes`.
void expect_normal_end(const Child& c, std::initializer_list<int> codes) {
  EXPECT_FALSE(c.timed_out) << describe(c);
  EXPECT_EQ(c.signal, 0) << describe(c);
  EXPECT_NE(std::find(codes.begin(), codes.end(), c.exit_code), codes.end()) << describe(c);
  EXPECT_EQ(c.err.find("Sanitizer"), std::string::npos) << describe(c);
  EXPECT_EQ(c.err.find("runtime error:"), std::string::npos) << describe(c);
}

// Peak RSS at most `per_byte` times the input plus a fixed base (the binary, libgit2, the
// allocator); looser under the sanitizers.
void expect_rss_below(const Child& c, double per_byte, std::size_t input_bytes) {
  double base_mb = k_sanitized ? 1024 : 200;
  double factor = k_sanitized ? 3 * per_byte : per_byte;
  double limit_kb = factor * static_cast<double>(input_bytes) / 1024 + base_mb * 1024;
  EXPECT_LT(static_cast<double>(c.max_rss_kb), limit_kb)
      << "peak RSS " << c.max_rss_kb / 1024 << " MB for " << input_bytes / k_mb << " MB of input; "
      << describe(c);
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// Writes `head`, then `count` times `unit`, then `tail`, without building it all in memory.
void write_repeated(const std::string& path, const std::string& head, const std::string& unit,
                    std::size_t count, const std::string& tail) {
  std::ofstream f(path, std::ios::binary);
  f << head;
  std::string block;
  while (block.size() < k_mb) block += unit;
  std::size_t per_block = block.size() / unit.size();
  for (std::size_t left = count; left > 0;) {
    std::size_t n = std::min(left, per_block);
    f.write(block.data(), static_cast<std::streamsize>(n * unit.size()));
    left -= n;
  }
  f << tail;
}

// Every line of `out` parsed as JSON (nlohmann refuses invalid UTF-8); the number of lines.
int expect_json_lines(const std::string& out) {
  int lines = 0;
  for (std::size_t pos = 0; pos < out.size();) {
    std::size_t nl = out.find('\n', pos);
    if (nl == std::string::npos) nl = out.size();
    EXPECT_TRUE(nlohmann::json::accept(out.substr(pos, nl - pos)))
        << "line " << lines + 1 << ": " << out.substr(pos, std::min<std::size_t>(nl - pos, 300));
    ++lines;
    pos = nl + 1;
  }
  return lines;
}

std::uint64_t free_bytes(const fs::path& dir) {
  struct statvfs st {};
  if (::statvfs(dir.c_str(), &st) != 0) return 0;
  return static_cast<std::uint64_t>(st.f_bavail) * st.f_frsize;
}

std::uint64_t available_memory() {
  std::ifstream in("/proc/meminfo");
  unsigned long long kb = 0;
  for (std::string line; std::getline(in, line);)
    if (std::sscanf(line.c_str(), "MemAvailable: %llu kB", &kb) == 1) return kb * 1024;
  return 0;
}

std::string mail(const std::string& subject, const std::string& id, const std::string& diff) {
  return "From: Dev <dev@example.com>\nSubject: " + subject + "\nMessage-ID: <" + id +
         "@example.com>\nDate: Thu, 26 Nov 2026 12:00:00 +0000\n\nA change.\n\n"
         "Signed-off-by: Dev <dev@example.com>\n---\n" +
         diff;
}

// --- 1. Names that leave the tree --------------------------------------------------------

// Everything git keeps about a repository, and its work tree: refs, HEAD, index, config,
// objects and files with sizes and modification times.
std::string fingerprint(const std::string& dir) {
  return test::run_shell("cd '" + dir + "' && find . -printf '%p %s %T@ %m %l\\n' | sort && "
                         "git for-each-ref && git rev-parse HEAD && cat .git/config").out;
}

struct UnsafeCase {
  const char* id;
  const char* diff;
  const char* path;   // the refused name
  const char* why;    // in the detail
  const char* git;    // what `git apply --cached --check` says
};

const UnsafeCase k_unsafe[] = {
    {"dotdot",
     "diff --git a/../../etc/passwd b/../../etc/passwd\nnew file mode 100644\n--- /dev/null\n"
     "+++ b/../../etc/passwd\n@@ -0,0 +1 @@\n+root::0:0::/:/bin/sh\n",
     "../../etc/passwd", "a '..' component", "invalid path '../../etc/passwd'"},
    {"absolute",
     "diff --git a//etc/passwd b//etc/passwd\nnew file mode 100644\n--- /dev/null\n"
     "+++ b//etc/passwd\n@@ -0,0 +1 @@\n+root::0:0::/:/bin/sh\n",
     "/etc/passwd", "an absolute name", "invalid path '/etc/passwd'"},
    {"dotgit",
     "diff --git a/.git/config b/.git/config\nnew file mode 100644\n--- /dev/null\n"
     "+++ b/.git/config\n@@ -0,0 +1,2 @@\n+[core]\n+\tfsmonitor = touch SENTINEL/pwned\n",
     ".git/config", "a '.git' component", "invalid path '.git/config'"},
    {"rename-to-dotgit",  // git looks at the source first: f exists, the target is refused
     "diff --git a/f b/sub/.GIT/hooks/x\nsimilarity index 100%\nrename from f\n"
     "rename to sub/.GIT/hooks/x\n",
     "sub/.GIT/hooks/x", "a '.git' component", "invalid path 'sub/.GIT/hooks/x'"},
    {"symlink",
     "diff --git a/evil b/evil\nnew file mode 120000\n--- /dev/null\n+++ b/evil\n"
     "@@ -0,0 +1 @@\n+../sentinel\n\\ No newline at end of file\n"
     "diff --git a/evil/pwned b/evil/pwned\nnew file mode 100644\n--- /dev/null\n"
     "+++ b/evil/pwned\n@@ -0,0 +1 @@\n+owned\n",
     "evil/pwned", "beyond a symbolic link (evil,",
     "affected file 'evil/pwned' is beyond a symbolic link"},
};

TEST(HostileInput, names_outside_the_tree_do_not_apply_and_nothing_is_written) {
  TempDir tmp("paths");
  std::string repo = tmp / "repo", sentinel = tmp / "sentinel";
  fs::create_directories(sentinel);
  test::RunResult setup = test::run_shell(
      "mkdir -p '" + repo + "' && cd '" + repo + "' && git init -q -b master . && "
      "printf 'a\\nb\\nc\\n' > f && git add f && "
      "git -c user.name=T -c user.email=t@e commit -qm init && echo ok");
  ASSERT_EQ(setup.out, "ok\n") << "git is needed for this test";
  std::string mbox;
  for (const UnsafeCase& c : k_unsafe) {
    std::string diff = c.diff;
    if (auto at = diff.find("SENTINEL"); at != std::string::npos) diff.replace(at, 8, sentinel);
    std::string one = mail(std::string("[PATCH] evil: ") + c.id, c.id, diff);
    // git itself refuses each name, before it looks at a file (--cached: the index only).
    write_file(tmp / (std::string(c.id) + ".patch"), diff);
    test::RunResult git = test::run_shell("cd '" + repo + "' && git apply --cached --check '" +
                                          tmp / (std::string(c.id) + ".patch") + "' 2>&1");
    EXPECT_NE(git.exit_code, 0) << c.id;
    EXPECT_NE(git.out.find(c.git), std::string::npos) << c.id << ": " << git.out;
    mbox += "From dev@example.com Thu Nov 26 12:00:00 2026\n" + one + "\n";
  }
  // A symlink alone, its target outside: git apply creates it (the link is content, not a
  // write through it), and so does the check.
  mbox += "From dev@example.com Thu Nov 26 12:00:00 2026\n" +
          mail("[PATCH] link: add", "link",
               "diff --git a/link b/link\nnew file mode 120000\n--- /dev/null\n+++ b/link\n"
               "@@ -0,0 +1 @@\n+../../etc/passwd\n\\ No newline at end of file\n") + "\n";
  std::string mbox_path = tmp / "evil.mbox";
  write_file(mbox_path, mbox);

  std::string before = fingerprint(repo);
  Child inspect = run_child({"inspect", "-C", repo, "-b", "master", mbox_path});
  expect_normal_end(inspect, {0});
  std::vector<nlohmann::json> objects;
  for (std::size_t pos = 0; pos < inspect.out.size();) {
    std::size_t nl = inspect.out.find('\n', pos);
    objects.push_back(nlohmann::json::parse(inspect.out.substr(pos, nl - pos)));
    pos = nl + 1;
  }
  ASSERT_EQ(objects.size(), std::size(k_unsafe) + 1);
  for (std::size_t i = 0; i < std::size(k_unsafe); ++i) {
    const UnsafeCase& c = k_unsafe[i];
    const nlohmann::json& apply = objects[i]["facts"]["apply"]["master"];
    EXPECT_EQ(apply["status"], "invalid_path") << c.id << ": " << apply.dump();
    bool named = false;
    for (const auto& f : apply["files"])
      if (f["path"] == c.path && f["status"] == "invalid_path") {
        named = true;
        EXPECT_NE(f["detail"].get<std::string>().find(c.why), std::string::npos) << f.dump();
      }
    EXPECT_TRUE(named) << c.id << ": " << apply.dump();
    EXPECT_NE(objects[i]["facts"]["reverse_apply"]["master"]["status"], "clean") << c.id;
    EXPECT_EQ(objects[i]["facts"]["already_applied"]["master"]["value"], false) << c.id;
  }
  EXPECT_EQ(objects.back()["facts"]["apply"]["master"]["status"], "clean");

  // The card: NO, the refused name and why on the apply line.
  Child triage = run_child({"-C", repo, "-b", "master", "--color", "never", mbox_path});
  expect_normal_end(triage, {1});
  EXPECT_NE(triage.out.find("applies: does not apply to master: ../../etc/passwd is an invalid "
                            "path (a '..' component), which git apply refuses"),
            std::string::npos)
      << triage.out;
  EXPECT_NE(triage.out.find("does not apply to master: evil/pwned is beyond a symbolic link "
                            "(evil, created by an earlier file of the patch)"),
            std::string::npos)
      << triage.out;

  EXPECT_EQ(fingerprint(repo), before);
  EXPECT_TRUE(fs::is_empty(sentinel)) << "something was written next to the repository";
  std::vector<std::string> in_tmp;
  for (const auto& e : fs::directory_iterator(tmp.path()))
    in_tmp.push_back(e.path().filename().string());
  std::sort(in_tmp.begin(), in_tmp.end());
  std::vector<std::string> expected = {"evil.mbox", "repo", "sentinel"};
  for (const UnsafeCase& c : k_unsafe) expected.push_back(std::string(c.id) + ".patch");
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(in_tmp, expected);
}

// --- 2. A line of a gigabyte --------------------------------------------------------------

TEST(HostileInput, gigabyte_line_is_read_without_copying_it_many_times) {
  TempDir tmp("line");
  const std::size_t size = k_sanitized ? 64 * k_mb : 1024 * k_mb;
  std::uint64_t disk = free_bytes(tmp.path()), memory = available_memory();
  if (!k_sanitized && disk < 3ull * 1024 * k_mb)
    GTEST_SKIP() << "needs 3 GB free in " << tmp.path() << ", has " << disk / k_mb << " MB";
  if (!k_sanitized && memory < 6ull * 1024 * k_mb)
    GTEST_SKIP() << "needs 6 GB of available memory, has " << memory / k_mb << " MB";
  // A mail whose body is one line of `size` bytes, and the same line alone.
  std::string mail_path = tmp / "line.mbox", bare_path = tmp / "line.txt";
  write_repeated(mail_path, "From: a@b\nSubject: [PATCH] long\nMessage-ID: <l@x>\n\n",
                 std::string(4096, 'x'), size / 4096, "\n");
  write_repeated(bare_path, "", std::string(4096, 'x'), size / 16 / 4096, "");
  // The mapped input counts once in the peak; each further copy once more. Measured: 3.0x
  // (the message as split, and as git mailinfo's body, and the commit message with its title).
  Child mail = run_child({"--no-repo", "--color", "never", mail_path}, "", false);
  expect_normal_end(mail, {3});
  EXPECT_NE(mail.err.find("no patch found in the input (1 message read)"), std::string::npos)
      << describe(mail);
  expect_rss_below(mail, 3.5, size);
  Child bare = run_child({"inspect", bare_path}, "", false);
  expect_normal_end(bare, {0});
  expect_rss_below(bare, 8, size / 16);
}

// --- 3. Nesting ---------------------------------------------------------------------------

// A multipart nested `depth` levels, a patch in the innermost part.
std::string nested_multipart(int depth) {
  std::string s = "From: a@b\nSubject: [PATCH] nest\nMessage-ID: <n@x>\nMIME-Version: 1.0\n"
                  "Content-Type: multipart/mixed; boundary=\"b0\"\n\n";
  for (int i = 1; i < depth; ++i)
    s += "--b" + std::to_string(i - 1) + "\nContent-Type: multipart/mixed; boundary=\"b" +
         std::to_string(i) + "\"\n\n";
  s += "--b" + std::to_string(depth - 1) +
       "\nContent-Type: text/plain\n\nhello\n---\ndiff --git a/f b/f\n--- a/f\n+++ b/f\n"
       "@@ -1 +1 @@\n-a\n+b\n";
  for (int i = depth - 1; i >= 0; --i) s += "--b" + std::to_string(i) + "--\n";
  return s;
}

TEST(HostileInput, ten_thousand_nested_multiparts_are_cut_with_a_warning) {
  TempDir tmp("nest");
  std::string deep = tmp / "deep.eml", shallow = tmp / "shallow.eml";
  write_file(deep, nested_multipart(10000));
  write_file(shallow, nested_multipart(3));
  Child inspect = run_child({"inspect", deep});
  expect_normal_end(inspect, {0});
  auto j = nlohmann::json::parse(inspect.out);
  // git mailinfo keeps four nested boundaries; the warning says where the first dropped one is.
  bool warned = false;
  for (const auto& p : j["problems"])
    if (p.get<std::string>().find("too many nested MIME boundaries (git keeps 4): the one "
                                  "before byte ") != std::string::npos)
      warned = true;
  EXPECT_TRUE(warned) << j["problems"].dump();
  // The MIME outline is not walked past its own limit (mimetic recurses per level).
  ASSERT_FALSE(j["mime_parts"].empty());
  EXPECT_EQ(j["mime_parts"].back()["content_type"], "(too deep)");
  Child card = run_child({"--no-repo", "--color", "never", deep});
  expect_normal_end(card, {0, 1, 3});
  EXPECT_NE(card.out.find("source    " + deep + " @ byte 0"), std::string::npos) << card.out;
  EXPECT_NE(card.out.find("too many nested MIME boundaries"), std::string::npos) << card.out;
  // Within the limits: the patch, and no warning.
  Child ok = run_child({"inspect", shallow});
  expect_normal_end(ok, {0});
  auto k = nlohmann::json::parse(ok.out);
  EXPECT_TRUE(k["is_patch"].get<bool>());
  EXPECT_EQ(k["problems"].dump().find("nested"), std::string::npos) << k["problems"].dump();
}

// --- 4. Bodies that decode to huge lines --------------------------------------------------

TEST(HostileInput, base64_and_quoted_printable_bodies_decode_in_linear_time_and_memory) {
  TempDir tmp("decode");
  const std::size_t size = k_sanitized ? 16 * k_mb : 200 * k_mb;
  const std::string head =
      "From: a@b\nSubject: [PATCH] big\nMessage-ID: <b@x>\nMIME-Version: 1.0\n";
  // Base64 lines of 'A's decode to NUL bytes and never end a line: before the fix, every
  // input line copied the whole partial line decoded so far (hours for 200 MB).
  std::string b64 = tmp / "b64.eml", qp = tmp / "qp.eml", soft = tmp / "soft.eml";
  write_repeated(b64, head + "Content-Transfer-Encoding: base64\n\n", std::string(76, 'A') + "\n",
                 size / 77, "");
  // Quoted-printable soft line breaks: one decoded line of the whole body.
  write_repeated(qp, head + "Content-Transfer-Encoding: quoted-printable\n\n", "abc=\n", size / 5,
                 "\n");
  // Only soft breaks: nothing at all.
  write_repeated(soft, head + "Content-Transfer-Encoding: quoted-printable\n\n", "=\n", size / 2,
                 "");
  for (const std::string& path : {b64, qp, soft}) {
    SCOPED_TRACE(path);
    Child card = run_child({"--no-repo", "--color", "never", path}, "", false);
    expect_normal_end(card, {3});
    EXPECT_NE(card.err.find("no patch found"), std::string::npos) << describe(card);
    expect_rss_below(card, 4, size);
  }
  // inspect prints the decoded body: its JSON (NULs escaped six bytes each) is in the peak.
  Child json = run_child({"inspect", qp}, "", false);
  expect_normal_end(json, {0});
  expect_rss_below(json, 5, size);
}

// --- 5. Invalid UTF-8 and NUL bytes ---------------------------------------------------------

TEST(HostileInput, invalid_utf8_and_nul_bytes_everywhere_still_give_valid_json) {
  TempDir tmp("bytes");
  using namespace std::string_literals;
  // Bytes never in UTF-8, a lead byte without its continuation, a cut 3-byte form, a
  // surrogate, an overlong '/', a 5-byte form, NUL, a lone continuation byte.
  const std::string bad =
      "\xff\xfe\xc3\x28\xe2\x82\xed\xa0\x80\xc0\xaf\xf8\x88\x80\x80\x80"s + '\0' + "\x80";
  std::string mbox;
  for (int n = 0; n < 4; ++n) {
    std::string b = n % 2 ? bad : std::string("\0\0"s);
    mbox += "From " + b + " Thu Nov 26 12:00:00 2026\n";
    mbox += "From: D" + b + "v <d" + b + "@example.com>\n";
    mbox += "Subject: [PATCH " + std::to_string(n + 1) + "/4] x" + b + ": fix " + b + "\n";
    mbox += "Message-ID: <" + b + std::to_string(n) + "@x>\n";
    mbox += "In-Reply-To: <" + b + "@x>\nReferences: <" + b + "@x>\n";
    mbox += "Date: " + b + "\nCc: " + b + "\nContent-Type: text/plain; charset=" + b + "\n";
    mbox += b + ": " + b + "\n\n";
    mbox += "Body " + b + "\n\nFixes: " + b + "\nSigned-off-by: " + b + "\n---\n";
    mbox += " a" + b + " | 2 +-\n";
    mbox += "diff --git a/a" + b + " b/a" + b + "\nindex " + b + "..1234567 100644\n";
    mbox += "--- a/a" + b + "\n+++ b/a" + b + "\n@@ -1,2 +1,2 @@ " + b + "\n " + b + "\n-" + b +
            "\n+" + b + b + "\n\n";
  }
  std::string path = tmp / "bytes.mbox";
  write_file(path, mbox);
  for (std::vector<std::string> args :
       {std::vector<std::string>{"inspect", path}, {"inspect", "--threads", path},
        {"--no-repo", "--format", "jsonl", path}}) {
    SCOPED_TRACE(args[0] + " " + args[1]);
    Child c = run_child(args);
    expect_normal_end(c, {0, 1});
    int lines = expect_json_lines(c.out);
    if (args[1] == "--threads") EXPECT_GT(lines, 0);
    else EXPECT_EQ(lines, 4);  // every message, a patch or not
  }
  for (const char* format : {"json", "b4"}) {  // one document each
    SCOPED_TRACE(format);
    Child c = run_child({"--no-repo", "--format", format, path});
    expect_normal_end(c, {0, 1});
    EXPECT_TRUE(nlohmann::json::accept(c.out)) << c.out.substr(0, 2000);
  }
  Child card = run_child({"--no-repo", "--color", "never", path});
  expect_normal_end(card, {0, 1});
}

// --- 6. Truncated mboxes --------------------------------------------------------------------

TEST(HostileInput, mboxes_cut_anywhere_are_read_to_their_end) {
  TempDir tmp("cut");
  std::vector<fs::path> sources = {fs::path(PATCHTRIAGE_SOURCE_DIR) / "testdata/sample.mbox"};
  if (!test::corpus_dir().empty())
    sources.push_back(test::corpus_dir() / "git-t5100/t/t5100/sample.mbox");
  int runs = 0;
  for (const fs::path& source : sources) {
    std::string whole = test::read_file(source);
    ASSERT_FALSE(whole.empty()) << source;
    const std::size_t step = k_sanitized ? 1009 : 307;  // primes: cuts fall everywhere in a line
    for (std::size_t cut = 1; cut < whole.size(); cut += step) {
      std::string path = tmp / ("cut-" + std::to_string(cut) + ".mbox");
      write_file(path, whole.substr(0, cut));
      Child inspect = run_child({"inspect", path});
      expect_normal_end(inspect, {0, 3});
      expect_json_lines(inspect.out);
      Child card = run_child({"--no-repo", "--color", "never", path}, "", false);
      expect_normal_end(card, {0, 1, 3});
      ++runs;
      fs::remove(path);
      if (HasFailure()) return;  // one cut named is enough
    }
  }
  EXPECT_GT(runs, k_sanitized ? 20 : 60);
}

// --- 7. Binary garbage ----------------------------------------------------------------------

TEST(HostileInput, binary_garbage_is_no_patch) {
  TempDir tmp("garbage");
  const std::size_t size = k_sanitized ? 2 * k_mb : 10 * k_mb;
  std::mt19937_64 prng(8);
  std::string bytes(size, '\0');
  for (char& c : bytes) c = static_cast<char>(prng() & 0xff);
  std::string raw = tmp / "garbage.bin";
  write_file(raw, bytes);
  // The same behind mbox From lines, and behind gzip and zstd magic numbers.
  std::string split = tmp / "garbage.mbox";
  {
    std::string m;
    for (std::size_t at = 0; at < bytes.size(); at += 4096)
      m += "From x Thu Nov 26 12:00:00 2026\n" + bytes.substr(at, 4096) + "\n";
    write_file(split, m);
  }
  std::string gz = tmp / "garbage.gz", zst = tmp / "garbage.zst";
  write_file(gz, "\x1f\x8b\x08\x00" + bytes.substr(0, k_mb));
  write_file(zst, "\x28\xb5\x2f\xfd" + bytes.substr(0, k_mb));

  for (const std::string& path : {raw, split}) {
    SCOPED_TRACE(path);
    Child card = run_child({"--no-repo", "--color", "never", path}, "", false);
    expect_normal_end(card, {3});
    EXPECT_NE(card.err.find("no patch found in the input"), std::string::npos) << describe(card);
    expect_rss_below(card, 12, bytes.size());
    Child inspect = run_child({"inspect", path});
    expect_normal_end(inspect, {0});
    EXPECT_GT(expect_json_lines(inspect.out), 0);
  }
  // Corrupt compressed data: the file and where the decoder stopped, then "no mail".
  for (const std::string& path : {gz, zst}) {
    SCOPED_TRACE(path);
    Child inspect = run_child({"inspect", path});
    expect_normal_end(inspect, {3});
    EXPECT_NE(inspect.err.find("patchtriage: " + path + ": "), std::string::npos) << inspect.err;
    EXPECT_NE(inspect.err.find(" of the compressed data"), std::string::npos) << inspect.err;
    EXPECT_NE(inspect.err.find("no mail found in the input"), std::string::npos) << inspect.err;
  }
}

// A binary patch block announces its inflated size; a few bytes can announce 4 GB. The check
// that the data inflates to exactly that size must not allocate it (found by fuzz_diff: 4 GB
// resident and 15 s for this mail of 200 bytes).
TEST(HostileInput, binary_block_announcing_gigabytes_is_checked_in_bounded_memory) {
  TempDir tmp("inflate");
  std::string mail = tmp / "bomb.eml";
  write_file(mail,
             "From: a@b\nSubject: [PATCH] x\nMessage-ID: <bomb@x>\n\nmsg\n---\n"
             "diff --git a/foo b/foo\nindex 8352675..adf4a0d 100644\nGIT binary patch\n"
             "literal 4294967296\nMcmZQzWUi<H00DXc^#A|>\n\n");
  Child inspect = run_child({"inspect", mail});
  expect_normal_end(inspect, {0});
  EXPECT_NE(inspect.out.find("line 7: corrupt binary patch"), std::string::npos) << describe(inspect);
  expect_rss_below(inspect, 1, 0);
}

// --- 8. Huge headers ------------------------------------------------------------------------

TEST(HostileInput, hundred_megabyte_headers_are_bounded) {
  TempDir tmp("header");
  const std::size_t size = k_sanitized ? 8 * k_mb : 100 * k_mb;
  std::string folded = tmp / "folded.eml", longline = tmp / "long.eml", other = tmp / "other.eml";
  write_repeated(folded, "From: a@b\nSubject: [PATCH] x", "\n x", size / 3,
                 "\nMessage-ID: <h@x>\n\nbody\n");
  write_repeated(longline, "From: a@b\nSubject: [PATCH] x", "x", size,
                 "\nMessage-ID: <h@x>\n\nbody\n");
  write_repeated(other, "From: a@b\nX-Junk: x", "\n x", size / 3,
                 "\nSubject: [PATCH] y\nMessage-ID: <h@x>\n\nbody\n");
  // Linear, not flat: the subject is kept as read, decoded, unfolded, as title and in the
  // card (measured 7-10x its size); a bound well under what a quadratic or a blow-up gives.
  for (const std::string& path : {folded, longline, other}) {
    SCOPED_TRACE(path);
    Child card = run_child({"--no-repo", "--color", "never", path}, "", false);
    expect_normal_end(card, {3});
    expect_rss_below(card, 12, size);
    Child inspect = run_child({"inspect", path}, "", false);
    expect_normal_end(inspect, {0});
    expect_rss_below(inspect, 12, size);
  }
}

// --- 9. Rule sets that extend themselves ------------------------------------------------------

TEST(HostileInput, extends_cycles_exit_2_naming_the_files) {
  TempDir tmp("rules");
  auto rule_set = [&](const std::string& name, const std::string& parent) {
    write_file(tmp / (name + ".yaml"),
               "name: " + name + "\ndescription: a cycle\nextends: " + parent +
                   "\nrules:\n  - id: whole-" + name + "\n    diff_well_formed: {}\n"
                   "    severity: info\n    message: the diff is whole\n");
  };
  rule_set("a", "b.yaml");
  rule_set("b", "a.yaml");
  rule_set("self", "self.yaml");
  rule_set("x", "y.yaml");
  rule_set("y", "z.yaml");
  rule_set("z", "x.yaml");
  std::string sample = std::string(PATCHTRIAGE_SOURCE_DIR) + "/testdata/sample.mbox";
  struct Case {
    const char* file;
    const char* error;
  };
  for (Case c : {Case{"a.yaml", "b.yaml:3:10: extends cycle: a.yaml -> b.yaml -> a.yaml"},
                 Case{"self.yaml", "self.yaml:3:10: extends cycle: self.yaml -> self.yaml"},
                 Case{"x.yaml",
                      "z.yaml:3:10: extends cycle: x.yaml -> y.yaml -> z.yaml -> x.yaml"}}) {
    SCOPED_TRACE(c.file);
    std::string path = tmp / c.file;
    Child triage = run_child({"--no-repo", "--rules", path, sample});
    expect_normal_end(triage, {2});
    EXPECT_NE(triage.err.find(c.error), std::string::npos) << triage.err;
    Child check = run_child({"rules", "check", path});
    expect_normal_end(check, {2});
    EXPECT_NE((check.out + check.err).find(c.error), std::string::npos) << check.out << check.err;
  }
}

}  // namespace
}  // namespace pt
