// End-to-end: the real binary, as a user runs it (stdin, exit codes, error messages).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace pt {
namespace {

using Outcome = test::RunResult;
using test::run_shell;
// Runs `patchtriage ARGS` through the shell, stdout captured, stderr to `2>&1` if asked.
Outcome run(const std::string& args) { return test::run_binary(args); }

std::string sample() { return std::string(PATCHTRIAGE_SOURCE_DIR) + "/testdata/sample.mbox"; }

TEST(Cli, inspect_reads_stdin_and_prints_one_json_line_per_message) {
  Outcome r = run("inspect < " + sample());
  EXPECT_EQ(r.exit_code, 0);
  int lines = 0;
  std::size_t pos = 0;
  while (pos < r.out.size()) {
    std::size_t nl = r.out.find('\n', pos);
    auto j = nlohmann::json::parse(r.out.substr(pos, nl - pos));
    EXPECT_EQ(j["source"]["file"], "-");
    EXPECT_TRUE(j["is_patch"].get<bool>());
    ++lines;
    pos = nl + 1;
  }
  EXPECT_EQ(lines, 3);
}

TEST(Cli, no_mail_exits_3_with_a_message) {
  Outcome r = run("inspect /dev/null 2>&1");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.out.find("no mail found"), std::string::npos);
}

TEST(Cli, mail_without_a_patch_exits_3_in_triage) {
  Outcome r = run("--color never 2>&1 <<'EOF'\nFrom: a@b\nSubject: Re: hello\n\nThanks!\nEOF");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.out.find("no patch found"), std::string::npos);
}

TEST(Cli, unknown_option_is_a_usage_error) {
  EXPECT_EQ(run("--no-such-option 2>/dev/null").exit_code, 2);
  EXPECT_EQ(run("inspect --quoted-cr=bogus x 2>/dev/null").exit_code, 2);
}

TEST(Cli, missing_file_is_named_and_the_rest_is_read) {
  Outcome r = run("inspect /nonexistent/file.mbox " + sample() + " 2>&1 >/dev/null");
  EXPECT_NE(r.out.find("/nonexistent/file.mbox: cannot open"), std::string::npos);
  EXPECT_EQ(r.exit_code, 0);
}

TEST(Cli, summary_on_a_pipe_has_no_colour_codes) {
  Outcome r = run(sample());
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos);
  Outcome forced = run("--color always " + sample());
  EXPECT_NE(forced.out.find('\x1b'), std::string::npos);
  Outcome ascii = run("--ascii " + sample());
  for (unsigned char c : ascii.out) ASSERT_LT(c, 0x80) << "non-ASCII byte in --ascii output";
}

TEST(Cli, user_examples_give_objects_with_markers) {
  REQUIRE_CORPUS();
  std::string files;
  for (const auto& e : std::filesystem::directory_iterator(test::corpus_dir() / "user-examples"))
  {
    files += ' ';  // (not " " + path: g++ 12 warns falsely, -Wrestrict, PR 105329)
    files += e.path().string();
  }
  Outcome r = run("inspect" + files);
  EXPECT_EQ(r.exit_code, 0);
  int objects = 0, marked = 0;
  std::size_t pos = 0;
  while (pos < r.out.size()) {
    std::size_t nl = r.out.find('\n', pos);
    auto j = nlohmann::json::parse(r.out.substr(pos, nl - pos));
    ++objects;
    // Each is either not a patch, or a patch flagged as damaged or recovered from a page.
    if (!j["is_patch"].get<bool>() || !j["problems"].empty() || j["recovered"].is_object()) ++marked;
    pos = nl + 1;
  }
  EXPECT_EQ(objects, 3);
  EXPECT_EQ(marked, 3);
}

}  // namespace
}  // namespace pt

namespace pt {
namespace {

// Everything git keeps about a repository, as one string: refs, HEAD, index, config,
// objects and work tree files with sizes and modification times.
std::string fingerprint(const std::string& dir) {
  Outcome r = run_shell("cd '" + dir + "' && find . -printf '%p %s %T@ %m\\n' | sort && "
                        "git for-each-ref && git rev-parse HEAD && cat .git/config");
  return r.out;
}

TEST(Cli, repository_is_unchanged_by_inspect_with_facts) {
  std::string dir = (std::filesystem::temp_directory_path() /
                     ("pt-repo-" + std::to_string(::getpid()))).string();
  std::filesystem::remove_all(dir);
  Outcome setup = run_shell(
      "mkdir -p '" + dir + "' && cd '" + dir + "' && git init -q -b master . && "
      "printf 'a\\nb\\nc\\n' > f && git add f && "
      "git -c user.name=T -c user.email=t@e commit -qm init && echo ok");
  ASSERT_EQ(setup.out, "ok\n") << "git is needed for this test";
  std::string mail = dir + "/../pt-mail-" + std::to_string(::getpid()) + ".mbox";
  {
    std::ofstream(mail) << "From: a@b\nSubject: [PATCH] f: change b\nMessage-ID: <m@x>\n\n"
                           "Change.\n---\ndiff --git a/f b/f\n--- a/f\n+++ b/f\n"
                           "@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n";
  }
  std::string before = fingerprint(dir);
  Outcome r = run("inspect -C '" + dir + "' -b master '" + mail + "'");
  EXPECT_EQ(r.exit_code, 0);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["facts"]["apply"]["master"]["status"], "clean");
  EXPECT_EQ(j["facts"]["already_applied"]["master"]["value"], false);
  // The card: NO (no upstream commit, no sign-off), exit 1; the repository untouched.
  Outcome triage = run("-C '" + dir + "' '" + mail + "' 2>/dev/null");
  EXPECT_EQ(triage.exit_code, 1);
  EXPECT_NE(triage.out.find("✔ applies: applies cleanly to HEAD (1 hunk)"), std::string::npos) << triage.out;
  EXPECT_EQ(fingerprint(dir), before);
  std::filesystem::remove_all(dir);
  std::filesystem::remove(mail);
}

// Every command that reads a repository, in every output format, and the ways the
// repository is found without -C (-b alone, standing in the tree): nothing changes, not the
// refs, the index, the objects, the config, the work tree or a file's modification time.
TEST(Cli, no_command_or_mode_changes_the_repository) {
  const std::string tag = std::to_string(::getpid());
  const std::string dir = (std::filesystem::temp_directory_path() / ("pt-fp-" + tag)).string();
  const std::string out = dir + "-out";
  std::filesystem::remove_all(dir);
  std::filesystem::remove_all(out);
  std::filesystem::create_directories(out + "/mail");
  Outcome setup = run_shell(
      "mkdir -p '" + dir + "' && cd '" + dir + "' && git init -q -b master . && "
      "printf 'a\\nb\\nc\\n' > f && printf 'F:\\tf\\n' > MAINTAINERS && "
      "printf 'mainmenu \"Linux\"\\n' > Kconfig && git add . && "
      "git -c user.name=T -c user.email=t@e commit -qm init && git branch linux-6.1.y && "
      "printf 'a\\nB\\nc\\n' > f && git -c user.name=T -c user.email=t@e commit -qam 'f: change b' && "
      "git rev-parse HEAD");
  ASSERT_EQ(setup.exit_code, 0) << "git is needed for this test";
  const std::string upstream = setup.out.substr(0, 40);
  const std::string mail = out + "/mail/p.mbox";
  std::ofstream(mail) << "From: A <a@b>\nSubject: [PATCH 6.1] f: change b\nMessage-ID: <m@x>\n\n"
                         "commit " << upstream << " upstream.\n\nChange.\n\n"
                         "Signed-off-by: A <a@b>\n---\ndiff --git a/f b/f\n--- a/f\n+++ b/f\n"
                         "@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n";
  const std::string before = fingerprint(dir);
  const std::string q = "'" + dir + "'", m = "'" + mail + "'", o = "'" + out + "'";
  const std::vector<std::string> commands = {
      "-C " + q + " " + m,
      "-C " + q + " -b linux-6.1.y --format summary " + m,
      "-C " + q + " -b linux-6.1.y --format json " + m,
      "-C " + q + " --format jsonl " + m,
      "-C " + q + " --format b4 " + m,
      "-C " + q + " --rules stable --ascii " + m,
      "inspect -C " + q + " -b linux-6.1.y -b master " + m,
      "batch -j 2 -C " + q + " " + o + "/mail -o " + o + "/r.jsonl",
      "batch -j 1 -C " + q + " " + o + "/mail -o " + o + "/r.jsonl --resume",
      "summary " + o + "/r.jsonl",
      "rules list",
  };
  for (const std::string& c : commands) {
    Outcome r = run(c + " >/dev/null 2>&1");
    EXPECT_LT(r.exit_code, 2) << c;
    EXPECT_EQ(fingerprint(dir), before) << "after: patchtriage " << c;
  }
  // Found without -C: -b alone uses the repository here; a kernel tree is found by standing in it.
  for (const std::string& c : {std::string("-b linux-6.1.y ") + m, m, "inspect " + m}) {
    Outcome r = run_shell("cd " + q + " && '" + std::string(PATCHTRIAGE_BINARY) + "' " + c +
                          " 2>/dev/null; echo \"rc=$?\"");
    EXPECT_NE(r.out.find("rc=0"), std::string::npos) << c << ": " << r.out;
    // The facts were read from the repository found (the upstream commit is on master).
    EXPECT_NE(r.out.find(c.rfind("inspect", 0) == 0 ? "\"already_applied\"" : "is in master"),
              std::string::npos) << c << ": " << r.out;
    EXPECT_EQ(fingerprint(dir), before) << "after, in the tree: patchtriage " << c;
  }
  std::filesystem::remove_all(dir);
  std::filesystem::remove_all(out);
}

TEST(Cli, missing_repository_or_branch_exits_4) {
  EXPECT_EQ(run("inspect -C /nonexistent/repo " + sample() + " 2>/dev/null").exit_code, 4);
}

}  // namespace
}  // namespace pt

namespace pt {
namespace {

TEST(Cli, summary_names_who_vouched_with_their_maintainers_role) {
  REQUIRE_CORPUS();
  const char* home = std::getenv("HOME");
  std::string kernel = std::getenv("PATCHTRIAGE_KERNEL") ? std::getenv("PATCHTRIAGE_KERNEL")
                                                          : std::string(home ? home : "/root") +
                                                                "/.cache/patchtriage/kernel";
  if (!std::filesystem::exists(kernel)) GTEST_SKIP() << "kernel fixture not found at " << kernel;
  std::string mail = (test::corpus_dir() / "lore-usb/raw-samples/autosel-03.eml").string();
  Outcome r = run("-C '" + kernel + "' -b linux-6.12.y --ascii --color never '" + mail + "' 2>/dev/null");
  EXPECT_EQ(r.exit_code, 1);  // NO: it does not apply to linux-6.12.y
  EXPECT_NE(r.out.find("vouched   Acked-by Alan Stern - maintainer (USB OHCI DRIVER)"),
            std::string::npos) << r.out;
  EXPECT_NE(r.out.find("apply     linux-6.12.y: does not apply"), std::string::npos);
  EXPECT_NE(r.out.find("| verdict   NO (rule set autosel)"), std::string::npos);
  EXPECT_NE(r.out.find("|   XX applies: does not apply to linux-6.12.y: drivers/usb/host/"
                       "ohci-platform.c hunk at line 299"),
            std::string::npos);
  for (unsigned char c : r.out) ASSERT_LT(c, 0x80) << "non-ASCII byte in --ascii output";
}

}  // namespace
}  // namespace pt

namespace pt {
namespace {

// b4 runs `patchtriage --format b4` with its re-serialised message on stdin: headers
// re-wrapped, no mbox From line, the body already 8-bit although the header still says
// quoted-printable, blank lines at the end (CONTRACT.md).
TEST(Cli, format_b4_reads_b4s_reserialised_message_and_prints_its_check_list) {
  std::string dir = (std::filesystem::temp_directory_path() /
                     ("pt-b4-" + std::to_string(::getpid()))).string();
  std::filesystem::create_directories(dir);
  std::string mail = dir + "/b4.eml";
  std::ofstream(mail)
      << "From: Dev One <dev@example.com>\nTo: linux-usb@vger.kernel.org\n"
         "Subject: [PATCH] usb: fix the count\n"
         "Content-Type: text/plain; charset=\"utf-8\"\nContent-Transfer-Encoding: quoted-printable\n\n"
         "commit 0123456789abcdef0123456789abcdef01234567 upstream.\n\n"
         "Fix the count, said Jos\xc3\xa9.\n\n"
         "Fixes: 0123456789ab (\"usb: add the count\")\n"
         "Signed-off-by: Dev One <dev@example.com>\n---\n"
         "diff --git a/drivers/usb/c.c b/drivers/usb/c.c\n--- a/drivers/usb/c.c\n+++ b/drivers/usb/c.c\n"
         "@@ -1,3 +1,4 @@\n a\n-\tx = 1;\n+\tx =\n+\t\t2;\n c\n\n\n\n";
  Outcome r = run("--no-repo --format b4 < '" + mail + "'");
  EXPECT_EQ(r.exit_code, 0);
  nlohmann::json list = nlohmann::json::parse(r.out);
  ASSERT_TRUE(list.is_array());
  ASSERT_EQ(list.size(), 1u);
  const nlohmann::json& e = list[0];
  EXPECT_EQ(e["tool"], "patchtriage");
  EXPECT_EQ(e["status"], "pass");  // nothing failed; the repository checks could not run
  for (const char* key : {"tool", "status", "summary", "url", "details"}) EXPECT_TRUE(e[key].is_string()) << key;
  EXPECT_EQ(e["summary"].get<std::string>().rfind("YES (stable): ", 0), 0u) << e["summary"];
  // The line ending in '=' was not taken for a quoted-printable soft break.
  nlohmann::json details = nlohmann::json::parse(e["details"].get<std::string>());
  bool size_seen = false;
  for (const auto& d : details)
    if (d["id"] == "size") {
      size_seen = true;
      EXPECT_EQ(d["evidence"], "1 file, +2 -1, 5 lines with context (at most 100 lines with context)");
    }
  EXPECT_TRUE(size_seen);

  // The same file named on the command line is ordinary mail: its quoted-printable header
  // is believed, "=\n" joins the two lines, and the hunk no longer adds up: NO.
  Outcome file = run("--no-repo --format jsonl '" + mail + "' 2>/dev/null");
  nlohmann::json j = nlohmann::json::parse(file.out);
  EXPECT_EQ(j["verdict"], "NO");
  EXPECT_EQ(file.exit_code, 1);
  bool broken = false;
  for (const auto& rule : j["rules"])
    if (rule["id"] == "diff-well-formed")
      broken = rule["result"] == "fail" &&
               rule["evidence"].get<std::string>().find("corrupt patch") != std::string::npos;
  EXPECT_TRUE(broken) << j["rules"].dump();
  std::filesystem::remove_all(dir);
}

TEST(Cli, format_json_and_summary_carry_the_verdict) {
  Outcome json = run("--no-repo --format json " + sample() + " 2>/dev/null");
  EXPECT_EQ(json.exit_code, 0);
  nlohmann::json list = nlohmann::json::parse(json.out);
  ASSERT_EQ(list.size(), 3u);
  for (const auto& p : list) {
    EXPECT_EQ(p["verdict"], "YES");
    EXPECT_FALSE(p["rules"].empty());
    EXPECT_TRUE(p.contains("message_id"));
  }
  EXPECT_EQ(list[0]["rule_set"], "autosel");
  EXPECT_EQ(list[1]["rule_set"], "stable");
  Outcome summary = run("--no-repo --format summary " + sample() + " 2>/dev/null");
  EXPECT_EQ(summary.out.substr(0, summary.out.find('\n')),
            "YES  [PATCH AUTOSEL 6.16-6.1] cdc_ncm: Flag Intel OEM version of Fibocom L850-GL as WWAN"
            "  (fixes-real-bug: no Fixes; no Cc matching /^<?stable@(vger\\.)?kernel\\.org/; no Reported-by or Closes)");
  // A rule set that does not load stops the run before any mail is read: exit 2.
  Outcome bad = run("--rules /nonexistent/rules.yaml " + sample() + " 2>&1");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.out.find("/nonexistent/rules.yaml"), std::string::npos) << bad.out;
}

}  // namespace
}  // namespace pt

namespace pt {
namespace {

// Pipe mode: the stable subset through stdin gives the same records as the file named on
// the command line (but for where each mail was read from).
TEST(Cli, stable_subset_through_stdin_equals_file_input) {
  REQUIRE_CORPUS();
  std::string subset = (test::corpus_dir() / "lore-usb/linux-usb-stable-subset.mboxrd").string();
  Outcome piped = run("--no-repo --format jsonl < '" + subset + "' 2>/dev/null");
  Outcome named = run("--no-repo --format jsonl '" + subset + "' 2>/dev/null");
  EXPECT_EQ(piped.exit_code, named.exit_code);
  std::vector<nlohmann::json> a, b;
  std::stringstream pa(piped.out), pb(named.out);
  for (std::string line; std::getline(pa, line);) a.push_back(nlohmann::json::parse(line));
  for (std::string line; std::getline(pb, line);) b.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(a.size(), 2261u);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i]["source"]["file"], "-");
    EXPECT_EQ(a[i]["source"]["offset"], b[i]["source"]["offset"]);
    a[i].erase("source");
    b[i].erase("source");
    ASSERT_EQ(a[i], b[i]) << i;
  }
}

}  // namespace
}  // namespace pt

namespace pt {
namespace {

// Defaults below the command line: environment, then git config patchtriage.*, then
// $XDG_CONFIG_HOME/patchtriage/config.yaml.
TEST(Cli, defaults_come_from_env_then_git_config_then_config_file) {
  std::string home = (std::filesystem::temp_directory_path() /
                      ("pt-config-" + std::to_string(::getpid()))).string();
  std::filesystem::remove_all(home);
  std::filesystem::create_directories(home + "/xdg/patchtriage");
  std::ofstream(home + "/xdg/patchtriage/config.yaml") << "rules: netdev\ncolor: never\n";
  std::string env = "HOME='" + home + "' XDG_CONFIG_HOME='" + home + "/xdg' ";
  auto rule_set = [&](const std::string& prefix, const std::string& args) {
    Outcome r = run_shell(prefix + PATCHTRIAGE_BINARY + " --no-repo --format json " + args + " " +
                          sample() + " 2>/dev/null");
    nlohmann::json list = nlohmann::json::parse(r.out, nullptr, false);
    return list.is_array() && !list.empty() ? list[0]["rule_set"].get<std::string>() : "";
  };
  EXPECT_EQ(rule_set(env, ""), "netdev");  // the config file
  ASSERT_EQ(run_shell("HOME='" + home + "' git config --global patchtriage.rules stable").exit_code, 0);
  EXPECT_EQ(rule_set(env, ""), "stable");  // git config wins over the file
  EXPECT_EQ(rule_set(env + "PATCHTRIAGE_RULES=autosel ", ""), "autosel");  // then the environment
  EXPECT_EQ(rule_set(env + "PATCHTRIAGE_RULES=autosel ", "--rules netdev"), "netdev");  // the flag
  // A broken file is a usage error naming its place.
  std::ofstream(home + "/xdg/patchtriage/config.yaml") << "rules: netdev\ncolour: never\n";
  Outcome bad = run_shell(env + PATCHTRIAGE_BINARY + " --no-repo " + sample() + " 2>&1");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.out.find(home + "/xdg/patchtriage/config.yaml:2:1: unknown key 'colour'; did you mean 'color'?"),
            std::string::npos)
      << bad.out;
  std::filesystem::remove_all(home);
}

}  // namespace
}  // namespace pt
