// End-to-end: `patchtriage hook` on repositories made with git in a temporary directory: a
// kernel-like repository (mainline master with a bug, its fix and a fix of the fix; queue/6.6
// and linux-6.6.y from an older point), a stable-queue style quilt repository, a bare server
// with the installed hook. The real binary runs as git runs it; the repositories are
// fingerprinted before and after.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "app/hook_judge.hpp"
#include "app/hook_queues.hpp"
#include "facts/quilt_series.hpp"
#include "repo/hook_install.hpp"
#include "test_support.hpp"

namespace pt {
namespace {

namespace fs = std::filesystem;

using Outcome = test::RunResult;
using test::run_shell;

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The kernel-like repository. Mainline: M1 adds the widget, M2 the frob (the bug), then
// the branch point of linux-6.6.y and queue/6.6; M3 adds the gizmo (not in 6.6), M4 fixes
// M1, M5 fixes M2, M6 fixes M5 (the fix of the fix), M7 fixes M3, M8 fixes M1 in a.c and c.c.
constexpr const char* k_make_kernel = R"SH(
set -e
cd "$1"; mkdir kernel; cd kernel
git init -q -b master .
export GIT_AUTHOR_NAME="Alice Dev" GIT_AUTHOR_EMAIL=alice@example.com
export GIT_COMMITTER_NAME="Alice Dev" GIT_COMMITTER_EMAIL=alice@example.com
t=1700000000
commit() {
  t=$((t+3600)); export GIT_AUTHOR_DATE="@$t +0000" GIT_COMMITTER_DATE="@$t +0000"
  git add -A; printf '%s\n' "$@" > ../msg; git commit -q -F ../msg; rm ../msg
}
short() { echo "$1" | cut -c1-12; }
for f in a b c; do
  i=1; : > $f.c
  while [ $i -le 30 ]; do echo "int ${f}_line_$i = $i;" >> $f.c; i=$((i+1)); done
done
commit "Linux 6.5" "" "Signed-off-by: Alice Dev <alice@example.com>"
sed -i 's/^int a_line_5 = 5;/int a_line_5 = 5; \/\* widget \*\//' a.c
commit "a: add widget" "" "Add the widget." "" "Signed-off-by: Alice Dev <alice@example.com>"
M1=$(git rev-parse HEAD)
sed -i 's/^int b_line_5 = 5;/int b_line_5 = 5; \/\* frob \*\//' b.c
commit "b: add frob" "" "Add frob." "" "Signed-off-by: Alice Dev <alice@example.com>"
M2=$(git rev-parse HEAD)
git branch linux-6.6.y; git branch queue/6.6
sed -i 's/^int c_line_20 = 20;/int c_line_20 = 20; \/\* gizmo \*\//' c.c
commit "c: add gizmo" "" "Add the gizmo." "" "Signed-off-by: Alice Dev <alice@example.com>"
M3=$(git rev-parse HEAD)
sed -i 's/^int a_line_15 = 15;/int a_line_15 = 16;/' a.c
commit "a: fix widget overflow" "" "The widget overflowed." "" "Fixes: $(short $M1) (\"a: add widget\")" "Signed-off-by: Alice Dev <alice@example.com>"
M4=$(git rev-parse HEAD)
sed -i 's/^int b_line_15 = 15;/int b_line_15 = 0; \/\* freed \*\//' b.c
commit "b: fix frob leak" "" "Frob leaked." "" "Fixes: $(short $M2) (\"b: add frob\")" "Signed-off-by: Alice Dev <alice@example.com>"
M5=$(git rev-parse HEAD)
sed -i 's/^int b_line_15 = 0; \/\* freed \*\//int b_line_15 = 0; \/\* freed once \*\//' b.c
commit "b: fix the frob leak fix" "" "Freed twice." "" "Fixes: $(short $M5) (\"b: fix frob leak\")" "Signed-off-by: Alice Dev <alice@example.com>"
M6=$(git rev-parse HEAD)
sed -i 's/^int c_line_5 = 5;/int c_line_5 = 50;/' c.c
commit "c: fix gizmo" "" "The gizmo was wrong." "" "Fixes: $(short $M3) (\"c: add gizmo\")" "Signed-off-by: Alice Dev <alice@example.com>"
M7=$(git rev-parse HEAD)
sed -i 's/^int a_line_25 = 25;/int a_line_25 = 52;/' a.c
sed -i 's/^int c_line_25 = 25;/int c_line_25 = 52;/' c.c
commit "a: fix widget init" "" "Init both." "" "Fixes: $(short $M1) (\"a: add widget\")" "Signed-off-by: Alice Dev <alice@example.com>"
M8=$(git rev-parse HEAD)
echo "M1=$M1 M2=$M2 M3=$M3 M4=$M4 M5=$M5 M6=$M6 M7=$M7 M8=$M8" > ../ids
)SH";

// Backports onto queue/6.6 as stable makes them (upstream reference after the title, the
// backporter's sign-off last), left without refs, as a push brings them.
constexpr const char* k_make_backports = R"SH(
set -e
cd "$1/kernel"; . ../ids
export GIT_AUTHOR_NAME="Alice Dev" GIT_AUTHOR_EMAIL=alice@example.com
export GIT_COMMITTER_NAME="Greg Stable" GIT_COMMITTER_EMAIL=greg@example.com
export GIT_COMMITTER_DATE="@1710000000 +0000"
# backport PARENT UPSTREAM UPSTREAM-LINE NOTE ONLY-PATH
backport() {
  git checkout -q --detach "$1"
  if [ -n "$5" ]; then git diff "$2^" "$2" -- "$5" | git apply --index; else git cherry-pick -n "$2" >/dev/null; fi
  { git log -1 --format=%s "$2"; echo; if [ -n "$3" ]; then echo "$3"; echo; fi
    git log -1 --format=%b "$2" | sed '/^$/q'
    if [ -n "$4" ]; then echo "$4"; echo; fi
    git log -1 --format=%b "$2" | sed '1,/^$/d' | sed '/^$/d'
    echo "Signed-off-by: Greg Stable <greg@example.com>"; } > ../msg
  GIT_AUTHOR_DATE="$(git log -1 --format=%ad --date=raw "$2")" git commit -q -F ../msg
  rm ../msg
  git rev-parse HEAD
}
Q=$(git rev-parse queue/6.6)
GOOD=$(backport $Q $M4 "commit $M4 upstream." "" "")
NOREF=$(backport $Q $M4 "" "" "")
git checkout -q --detach $GOOD
sed -i 's/^int a_line_16 = 16;/int a_line_16 = 16; \/\* again \*\//' a.c
printf 'a: fix widget overflow\n\ncommit %s upstream.\n\nThe widget overflowed.\n\nSigned-off-by: Alice Dev <alice@example.com>\nSigned-off-by: Greg Stable <greg@example.com>\n' $M4 > ../msg
git commit -q -a -F ../msg; rm ../msg; DUP=$(git rev-parse HEAD)
NOBUG=$(backport $Q $M7 "commit $M7 upstream." "" "")
DEVIATE=$(backport $Q $M8 "commit $M8 upstream." "" a.c)
EXPLAINED=$(backport $Q $M8 "commit $M8 upstream." "[ Greg: dropped the c.c hunk: the gizmo is not in 6.6 ]" a.c)
FIX=$(backport $Q $M5 "commit $M5 upstream." "" "")
FIXFIX=$(backport $FIX $M6 "commit $M6 upstream." "" "")
git checkout -q master
echo "Q=$Q GOOD=$GOOD NOREF=$NOREF DUP=$DUP NOBUG=$NOBUG DEVIATE=$DEVIATE EXPLAINED=$EXPLAINED FIX=$FIX FIXFIX=$FIXFIX" >> ../ids
)SH";

// A stable-queue style repository: queue-6.6/series and the patches as git format-patch
// files of the backports. Q0 starts the queue, Q1 adds a good patch, Q2 the fix and the fix
// of the fix (which applies only on top of the fix); QBAD adds the fix of the fix alone,
// QSERIES a series entry without its file and a file without an entry.
constexpr const char* k_make_quilt = R"SH(
set -e
cd "$1"; . ./ids
mkdir queue; cd queue; git init -q -b master .
export GIT_AUTHOR_NAME="Greg Stable" GIT_AUTHOR_EMAIL=greg@example.com GIT_COMMITTER_NAME="Greg Stable" GIT_COMMITTER_EMAIL=greg@example.com
export GIT_AUTHOR_DATE="@1710000000 +0000" GIT_COMMITTER_DATE="@1710000000 +0000"
fp() { git -C ../kernel format-patch -1 --stdout "$1"; }
mkdir queue-6.6; : > queue-6.6/series
git add -A; git commit -q -m "queue-6.6: start"; Q0=$(git rev-parse HEAD)
fp $GOOD > queue-6.6/a-fix-widget-overflow.patch; echo a-fix-widget-overflow.patch >> queue-6.6/series
git add -A; git commit -q -m "6.6: a fix"; Q1=$(git rev-parse HEAD)
fp $FIX > queue-6.6/b-fix-frob-leak.patch; fp $FIXFIX > queue-6.6/b-fix-the-frob-leak-fix.patch
printf 'b-fix-frob-leak.patch\nb-fix-the-frob-leak-fix.patch\n' >> queue-6.6/series
git add -A; git commit -q -m "6.6: frob fixes"; Q2=$(git rev-parse HEAD)
git checkout -q -b bad $Q1
fp $FIXFIX > queue-6.6/b-fix-the-frob-leak-fix.patch; echo b-fix-the-frob-leak-fix.patch >> queue-6.6/series
git add -A; git commit -q -m "6.6: fix of a fix, alone"; QBAD=$(git rev-parse HEAD)
git checkout -q -b bad2 $Q1
echo usb-missing.patch >> queue-6.6/series; fp $NOBUG > queue-6.6/stray.patch
git add -A; git commit -q -m "6.6: broken series"; QSERIES=$(git rev-parse HEAD)
git checkout -q master; git branch -D -q bad bad2
echo "Q0=$Q0 Q1=$Q1 Q2=$Q2 QBAD=$QBAD QSERIES=$QSERIES" >> ../ids
)SH";

class Hook : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_root = (fs::temp_directory_path() / ("pt-hook-" + std::to_string(::getpid()))).string();
    fs::remove_all(s_root);
    fs::create_directories(s_root + "/home");
    for (auto [name, script] : {std::pair{"kernel.sh", k_make_kernel},
                                {"backports.sh", k_make_backports},
                                {"quilt.sh", k_make_quilt}}) {
      std::ofstream(s_root + "/" + name) << script;
      Outcome r = run_shell(env() + " sh '" + s_root + "/" + name + "' '" + s_root + "' 2>&1");
      if (r.exit_code != 0) {
        s_setup_error = std::string(name) + " failed (git is needed): " + r.out;
        return;
      }
    }
    std::ifstream ids(s_root + "/ids");
    for (std::string word; ids >> word;)
      if (auto eq = word.find('='); eq != std::string::npos)
        s_id[word.substr(0, eq)] = word.substr(eq + 1);
  }
  static void TearDownTestSuite() {
    if (!std::getenv("PATCHTRIAGE_KEEP_TEST_REPOS")) fs::remove_all(s_root);
  }
  void SetUp() override {
    if (!s_setup_error.empty()) FAIL() << s_setup_error;
  }

  // The environment of every command: a HOME of our own (no user or system git config),
  // history indexes cached outside the repositories.
  // (exported: git passes it on to the hooks it runs)
  static std::string env() {
    return "export HOME='" + s_root + "/home' GIT_CONFIG_NOSYSTEM=1 XDG_CONFIG_HOME='" + s_root +
           "/home/.config' PATCHTRIAGE_CACHE_DIR='" + s_root + "/cache';";
  }
  static std::string id(const std::string& name) { return s_id.at(name); }
  static std::string short_id(const std::string& name) { return id(name).substr(0, 12); }
  static std::string dir(const std::string& name) { return s_root + "/" + name; }

  // Runs `patchtriage hook ARGS` in repository `repo` with `input` on stdin; stdout and
  // stderr together.
  static Outcome hook(const std::string& repo, const std::string& args,
                      const std::string& input = "") {
    std::string in = s_root + "/stdin";
    std::ofstream(in) << input;
    return run_shell("cd '" + dir(repo) + "' && " + env() + " '" + PATCHTRIAGE_BINARY + "' hook " +
                     args + " < '" + in + "' 2>&1");
  }
  // pre-receive of queue/6.6 moving from `from` to `to` (ids by name) in the kernel repository.
  static Outcome receive(const std::string& from, const std::string& to,
                         const std::string& args = "--ascii") {
    return hook("kernel", "pre-receive " + args,
                id(from) + " " + id(to) + " refs/heads/queue/6.6\n");
  }
  static Outcome receive_quilt(const std::string& from, const std::string& to,
                               const std::string& args = "--ascii --kernel ../kernel") {
    return hook("queue", "pre-receive " + args, id(from) + " " + id(to) + " refs/heads/master\n");
  }

  // Everything git keeps about a repository: every file under it (the .git directory
  // included) with size, modification time and mode, the refs, HEAD, config and status.
  static std::string fingerprint(const std::string& repo) {
    return run_shell("cd '" + dir(repo) + "' && find . -printf '%p %s %T@ %m\\n' | sort && " +
                     env() +
                     " git for-each-ref && git rev-parse HEAD && cat \"$(git rev-parse "
                     "--git-dir)/config\" && "
                     "git --no-optional-locks status --porcelain")
        .out;
  }
  // The fingerprint without the lines of the hooks directory and of the directory itself.
  static std::string without_hooks(const std::string& print, const std::string& hooks_prefix) {
    std::istringstream in(print);
    std::string out;
    for (std::string line; std::getline(in, line);)
      if (line.rfind(hooks_prefix, 0) != 0) out += line + "\n";
    return out;
  }

  static std::string s_root, s_setup_error;
  static std::map<std::string, std::string> s_id;
};

std::string Hook::s_root, Hook::s_setup_error;
std::map<std::string, std::string> Hook::s_id;

// --- Commit queues ----------------------------------------------------------------------

TEST_F(Hook, good_backport_is_accepted) {
  Outcome r = receive("Q", "GOOD");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_TRUE(has(r.out, "+ [PATCH 6.6] a: fix widget overflow")) << r.out;
  EXPECT_TRUE(has(r.out, "| source    commit " + short_id("GOOD") + " on queue/6.6")) << r.out;
  EXPECT_TRUE(has(r.out, "| verdict   YES (rule set hook)\n")) << r.out;
  EXPECT_TRUE(has(
      r.out, "ok upstream-first: " + short_id("M4") + " \"a: fix widget overflow\" is in master"));
  EXPECT_TRUE(has(r.out, "ok same-as-upstream: the mail's diff has the patch-id of upstream " +
                             short_id("M4")));
  EXPECT_TRUE(
      has(r.out, "ok bug-present: Fixes: " + short_id("M1") + " present in queue/6.6 (ancestor)"));
  EXPECT_TRUE(has(r.out, "patchtriage hook: queue/6.6: 1 judged, 1 YES, 0 NO")) << r.out;
}

TEST_F(Hook, missing_upstream_reference_is_rejected) {
  Outcome r = receive("Q", "NOREF");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(has(r.out, "| verdict   NO (rule set hook)")) << r.out;
  EXPECT_TRUE(has(
      r.out, "| because\n|   XX upstream-first: no upstream commit named in the commit message"))
      << r.out;
  EXPECT_TRUE(has(r.out, "patchtriage hook: 1 NO: push rejected")) << r.out;
}

TEST_F(Hook, already_applied_upstream_commit_is_rejected) {
  // GOOD is in the branch already; DUP names the same upstream commit again.
  Outcome r = receive("GOOD", "DUP");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(has(r.out, "XX not-already-applied: already in queue/6.6: " + short_id("GOOD") +
                             " (names the upstream commit)"))
      << r.out;
  EXPECT_TRUE(has(r.out, "| present   queue/6.6: already applied as " + short_id("GOOD"))) << r.out;
}

TEST_F(Hook, fix_for_a_bug_the_branch_lacks_is_rejected) {
  // M7 fixes M3, which came to mainline after queue/6.6 branched off.
  Outcome r = receive("Q", "NOBUG");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(has(r.out, "XX bug-present: bug not present in queue/6.6: Fixes: " + short_id("M3") +
                             " \"c: add gizmo\" neither an ancestor nor backported"))
      << r.out;
}

TEST_F(Hook, deviating_diff_without_a_note_is_rejected) {
  Outcome r = receive("Q", "DEVIATE");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(has(r.out, "XX same-as-upstream: the mail's diff differs from upstream " +
                             short_id("M8") +
                             " \"a: fix widget init\" (git patch-id); only upstream: c.c"))
      << r.out;
}

TEST_F(Hook, deviation_explained_in_a_note_is_accepted) {
  Outcome r = receive("Q", "EXPLAINED");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_TRUE(
      has(r.out, "ok same-as-upstream: the mail's diff differs from upstream " + short_id("M8") +
                     " \"a: fix widget init\" (git patch-id); only upstream: c.c; the deviation "
                     "is explained: \"[ Greg: dropped the c.c hunk: the gizmo is not in 6.6 ]\" "
                     "(message line 7)"))
      << r.out;
}

TEST_F(Hook, follow_up_fix_left_behind_is_rejected_and_accepted_in_the_same_push) {
  Outcome alone = receive("Q", "FIX");
  EXPECT_EQ(alone.exit_code, 1) << alone.out;
  EXPECT_TRUE(has(alone.out, "XX no-missing-follow-ups: follow-up fix " + short_id("M6") +
                                 " \"b: fix the frob leak fix\" of " + short_id("M5") +
                                 " missing from queue/6.6"))
      << alone.out;
  Outcome both = receive("Q", "FIXFIX");
  EXPECT_EQ(both.exit_code, 0) << both.out;
  EXPECT_TRUE(has(both.out, "ok no-missing-follow-ups: follow-up fix " + short_id("M6") +
                                " \"b: fix the frob leak fix\" of " + short_id("M5") +
                                " already in queue/6.6"))
      << both.out;
  EXPECT_TRUE(has(both.out, "patchtriage hook: queue/6.6: 2 judged, 2 YES, 0 NO")) << both.out;
}

TEST_F(Hook, several_refs_in_one_push_and_other_branches_ignored) {
  std::string input = id("Q") + " " + id("GOOD") + " refs/heads/queue/6.6\n" + id("M8") + " " +
                      id("NOREF") + " refs/heads/feature\n" + id("M1") + " " + id("M2") +
                      " refs/tags/v1\n";
  Outcome r = hook("kernel", "pre-receive --ascii", input);
  EXPECT_EQ(r.exit_code, 0) << r.out;  // feature does not match the patterns: not ours to judge
  EXPECT_TRUE(has(r.out, "queue/6.6: 1 judged, 1 YES")) << r.out;
  EXPECT_FALSE(has(r.out, "feature")) << r.out;
  // With the pattern, the same commit is judged there too.
  Outcome all =
      hook("kernel", "pre-receive --ascii --branches 'queue/*' --branches feature", input);
  EXPECT_EQ(all.exit_code, 1) << all.out;
  EXPECT_TRUE(has(all.out, "patchtriage hook: feature: 1 judged, 0 YES, 1 NO")) << all.out;
}

TEST_F(Hook, mainline_pushes_are_not_judged_and_queue_pushes_are_bounded) {
  // master is neither a queue branch nor a quilt queue: nothing to judge, however long.
  Outcome mainline = hook("kernel", "pre-receive --max-commits 1",
                          id("M1") + " " + id("M8") + " refs/heads/master\n");
  EXPECT_EQ(mainline.exit_code, 0) << mainline.out;
  EXPECT_EQ(mainline.out, "");
  Outcome many = receive("Q", "FIXFIX", "--max-commits 1");
  EXPECT_EQ(many.exit_code, 2) << many.out;
  EXPECT_TRUE(has(many.out, "refs/heads/queue/6.6 brings more than 1 new commits")) << many.out;
}

TEST_F(Hook, new_branch_judges_only_commits_no_other_branch_has) {
  // A new ref: everything reachable from another branch (mainline, linux-6.6.y) is old.
  Outcome r = hook("kernel", "pre-receive --ascii",
                   std::string(40, '0') + " " + id("FIXFIX") + " refs/heads/queue/6.6-next\n");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_TRUE(has(r.out, "queue/6.6-next: 2 judged, 2 YES, 0 NO")) << r.out;
}

TEST_F(Hook, warn_only_prints_the_no_but_accepts) {
  Outcome r = receive("Q", "NOREF", "--ascii --warn-only");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_TRUE(has(r.out, "| verdict   NO (rule set hook)")) << r.out;
  EXPECT_TRUE(has(r.out, "patchtriage hook: 1 NO (--warn-only: nothing rejected)")) << r.out;
}

TEST_F(Hook, pre_push_reads_local_and_remote_refs) {
  Outcome r = hook("kernel", "pre-push --ascii origin https://example.com/linux.git",
                   "refs/heads/mine " + id("NOREF") + " refs/heads/queue/6.6 " + id("Q") + "\n");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(has(r.out, "XX upstream-first")) << r.out;
  Outcome del =
      hook("kernel", "pre-push origin x",
           "(delete) " + std::string(40, '0') + " refs/heads/queue/6.6 " + id("Q") + "\n");
  EXPECT_EQ(del.exit_code, 0) << del.out;
}

// --- Internal errors are never a NO ------------------------------------------------------

TEST_F(Hook, broken_configuration_exits_2_or_4_never_1) {
  Outcome missing_rules = receive("Q", "NOREF", "--rules /nonexistent/rules.yaml");
  EXPECT_EQ(missing_rules.exit_code, 2) << missing_rules.out;
  EXPECT_TRUE(has(missing_rules.out,
                  "configuration error: rule set '/nonexistent/rules.yaml' does not load"));
  EXPECT_TRUE(has(missing_rules.out,
                  "the hook could not judge (exit 2): this is not a verdict on any patch"));
  EXPECT_FALSE(has(missing_rules.out, "verdict   NO"));

  // A rule set with a mistake: its file:line:col, then exit 2.
  std::ofstream(dir("bad.yaml")) << "name: bad\ndescription: x\nextends: hook\nrules:\n  - id: r\n"
                                    "    applies: {}\n    severty: blocker\n    message: m\n";
  Outcome bad_rules = receive("Q", "GOOD", "--rules " + dir("bad.yaml"));
  EXPECT_EQ(bad_rules.exit_code, 2) << bad_rules.out;
  EXPECT_TRUE(has(bad_rules.out, "bad.yaml:7:5: unknown key 'severty'")) << bad_rules.out;

  // The same from git config (here the global one, in our HOME).
  std::ofstream(dir("home/.gitconfig")) << "[patchtriage]\n\thookRules = /nonexistent/rules.yaml\n";
  Outcome config = receive("Q", "GOOD");
  std::ofstream(dir("home/.gitconfig")) << "[patchtriage]\n\thookWarnOnly = maybe\n";
  Outcome bad_bool = receive("Q", "GOOD");
  fs::remove(dir("home/.gitconfig"));
  EXPECT_EQ(config.exit_code, 2) << config.out;
  EXPECT_TRUE(has(config.out, "rule set '/nonexistent/rules.yaml' does not load")) << config.out;
  EXPECT_EQ(bad_bool.exit_code, 2) << bad_bool.out;
  EXPECT_TRUE(has(bad_bool.out, "patchtriage.hookWarnOnly: 'maybe' is not a boolean"))
      << bad_bool.out;

  Outcome garbage = hook("kernel", "pre-receive", "this is not a ref line\n");
  EXPECT_EQ(garbage.exit_code, 2) << garbage.out;
  EXPECT_TRUE(has(garbage.out, "hook input line 1: expected 'old_sha new_sha ref'")) << garbage.out;

  Outcome no_mainline = receive("Q", "GOOD", "--mainline no-such-ref");
  EXPECT_EQ(no_mainline.exit_code, 4) << no_mainline.out;
  EXPECT_TRUE(has(no_mainline.out, "repository error: no mainline ref 'no-such-ref'"))
      << no_mainline.out;

  Outcome no_repo = run_shell("cd / && " + env() + " '" + PATCHTRIAGE_BINARY +
                              "' hook pre-receive < /dev/null 2>&1");
  EXPECT_EQ(no_repo.exit_code, 4) << no_repo.out;
  EXPECT_TRUE(has(no_repo.out, "repository error: not a git repository")) << no_repo.out;

  // Quilt queues: no kernel repository configured, or one that is not there.
  Outcome no_kernel = receive_quilt("Q0", "Q1", "--ascii");
  EXPECT_EQ(no_kernel.exit_code, 2) << no_kernel.out;
  EXPECT_TRUE(has(no_kernel.out, "no kernel repository is configured")) << no_kernel.out;
  Outcome gone = receive_quilt("Q0", "Q1", "--kernel /nonexistent/linux");
  EXPECT_EQ(gone.exit_code, 4) << gone.out;
  Outcome no_branch =
      receive_quilt("Q0", "Q1", "--kernel ../kernel --branch-pattern 'v{major}.{minor}-stable'");
  EXPECT_EQ(no_branch.exit_code, 4) << no_branch.out;
  EXPECT_TRUE(has(no_branch.out, "has no branch v6.6-stable for queue-6.6")) << no_branch.out;
}

// --- Quilt queues ---------------------------------------------------------------------------

TEST_F(Hook, quilt_queue_good_patch_is_accepted) {
  Outcome r = receive_quilt("Q0", "Q1");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_TRUE(has(r.out,
                  "+ queue-6.6/series\n| entries   1 patch, 2 files in queue-6.6/\n"
                  "| verdict   YES (series file and directory agree)"))
      << r.out;
  EXPECT_TRUE(has(r.out, "| source    queue-6.6/a-fix-widget-overflow.patch")) << r.out;
  EXPECT_TRUE(has(r.out, "ok applies: applies cleanly to linux-6.6.y+queue-6.6 (1 hunk)")) << r.out;
  EXPECT_TRUE(has(r.out, "ok same-as-upstream: the mail's diff has the patch-id of upstream " +
                             short_id("M4")));
  EXPECT_TRUE(has(r.out, "patchtriage hook: master: 2 judged, 2 YES, 0 NO")) << r.out;
}

TEST_F(Hook, quilt_queue_applies_patches_on_top_of_each_other) {
  // The fix of the fix applies only after the fix; its Fixes target is the queued fix, and
  // the fix's follow-up is queued after it.
  Outcome r = receive_quilt("Q1", "Q2");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_TRUE(has(r.out, "ok bug-present: Fixes: " + short_id("M5") +
                             " present in linux-6.6.y+queue-6.6 (queued as b-fix-frob-leak.patch)"))
      << r.out;
  EXPECT_TRUE(has(r.out, "ok no-missing-follow-ups: follow-up fix " + short_id("M6"))) << r.out;
  EXPECT_FALSE(has(r.out, "a-fix-widget-overflow.patch @"))
      << "unchanged patches are not judged again";
  EXPECT_TRUE(has(r.out, "patchtriage hook: master: 3 judged, 3 YES, 0 NO")) << r.out;
}

TEST_F(Hook, quilt_queue_patch_that_does_not_apply_is_rejected) {
  Outcome r = receive_quilt("Q1", "QBAD");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(
      has(r.out,
          "XX applies: does not apply to linux-6.6.y+queue-6.6: b.c hunk at line 12, no match "
          "for \"int b_line_15 = 0; /* freed */\" (possible prerequisites: " +
              short_id("M5") + " \"b: fix frob leak\")"))
      << r.out;
}

TEST_F(Hook, quilt_series_entry_without_file_and_file_without_entry_are_rejected) {
  Outcome r = receive_quilt("Q1", "QSERIES");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(has(r.out,
                  "| problem   series line 2: 'usb-missing.patch' has no file\n"
                  "| problem   'stray.patch' is not in the series\n"
                  "| verdict   NO (quilt would fail or skip files)"))
      << r.out;
}

// --- Nothing written -------------------------------------------------------------------------

TEST_F(Hook, repositories_are_unchanged_by_hook_runs) {
  const std::string kernel = fingerprint("kernel"), queue = fingerprint("queue");
  ASSERT_TRUE(has(kernel, "refs/heads/queue/6.6")) << kernel;
  for (const char* to : {"GOOD", "NOREF", "EXPLAINED", "FIXFIX", "NOBUG"}) receive("Q", to);
  receive("GOOD", "DUP");
  hook("kernel", "pre-push origin x",
       "refs/heads/q " + id("NOREF") + " refs/heads/queue/6.6 " + id("Q") + "\n");
  for (const char* to : {"Q1", "Q2", "QBAD", "QSERIES"}) receive_quilt("Q0", to);
  EXPECT_EQ(fingerprint("kernel"), kernel);
  EXPECT_EQ(fingerprint("queue"), queue);
}

// --- install / uninstall -----------------------------------------------------------------------

TEST_F(Hook, install_writes_only_the_hook_and_uninstall_removes_only_ours) {
  ASSERT_EQ(run_shell("cd '" + s_root + "' && " + env() + " git clone -q kernel installed 2>&1")
                .exit_code,
            0);
  const std::string hooks = dir("installed/.git/hooks");
  const std::string before = fingerprint("installed");

  Outcome r = hook("installed", "install --type pre-receive --branches 'queue/*' --rules hook");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(r.out, "patchtriage: installed " + hooks + "/pre-receive (pre-receive)\n");
  std::string script = test::read_file(hooks + "/pre-receive");
  EXPECT_EQ(script.rfind("#!/bin/sh\n", 0), 0u);
  EXPECT_TRUE(has(script, k_hook_marker));
  EXPECT_TRUE(has(script, "bin='" + fs::canonical(PATCHTRIAGE_BINARY).string() + "'\n")) << script;
  EXPECT_TRUE(has(
      script, "exec \"$bin\" hook 'pre-receive' '--branches' 'queue/*' '--rules' 'hook' \"$@\"\n"))
      << script;
  struct stat st {};
  ASSERT_EQ(::stat((hooks + "/pre-receive").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0755u);
  // Only the hooks directory changed.
  const std::string after = fingerprint("installed");
  EXPECT_NE(after, before);
  EXPECT_EQ(without_hooks(after, "./.git/hooks"), without_hooks(before, "./.git/hooks"));

  // A hook of someone else's: refused, then kept aside with --force, put back by uninstall.
  const std::string foreign = "#!/bin/sh\necho their hook\n";
  std::ofstream(hooks + "/pre-push") << foreign;
  Outcome refused = hook("installed", "install");  // a work tree: pre-push by default
  EXPECT_EQ(refused.exit_code, 2) << refused.out;
  EXPECT_TRUE(has(refused.out, "exists and was not written by patchtriage; --force replaces it"))
      << refused.out;
  EXPECT_EQ(test::read_file(hooks + "/pre-push"), foreign);
  Outcome forced = hook("installed", "install --force");
  EXPECT_EQ(forced.exit_code, 0) << forced.out;
  EXPECT_TRUE(
      has(forced.out, "the previous hook is kept as " + hooks + "/pre-push.before-patchtriage"));
  EXPECT_TRUE(is_our_hook(hooks + "/pre-push"));
  EXPECT_EQ(test::read_file(hooks + "/pre-push.before-patchtriage"), foreign);
  // Installing again over our own hook needs no --force.
  EXPECT_EQ(hook("installed", "install --warn-only").exit_code, 0);
  EXPECT_TRUE(has(test::read_file(hooks + "/pre-push"), "'pre-push' '--warn-only' \"$@\""));

  Outcome removed = hook("installed", "uninstall");
  EXPECT_EQ(removed.exit_code, 0) << removed.out;
  EXPECT_EQ(removed.out, "patchtriage: removed " + hooks + "/pre-receive\npatchtriage: removed " +
                             hooks + "/pre-push; put back the hook it had replaced\n");
  EXPECT_FALSE(fs::exists(hooks + "/pre-receive"));
  EXPECT_EQ(test::read_file(hooks + "/pre-push"), foreign);
  EXPECT_FALSE(fs::exists(hooks + "/pre-push.before-patchtriage"));
  // Not ours: left alone.
  Outcome theirs = hook("installed", "uninstall --type pre-push");
  EXPECT_EQ(theirs.exit_code, 2) << theirs.out;
  EXPECT_TRUE(has(theirs.out, "was not written by patchtriage; left alone")) << theirs.out;
  EXPECT_EQ(test::read_file(hooks + "/pre-push"), foreign);
  fs::remove(hooks + "/pre-push");
  EXPECT_EQ(hook("installed", "uninstall").out,
            "patchtriage: no patchtriage hook in " + hooks + "\n");
  EXPECT_EQ(without_hooks(fingerprint("installed"), "./.git/hooks "),
            without_hooks(before, "./.git/hooks "));
}

TEST_F(Hook, install_respects_core_hooks_path) {
  ASSERT_EQ(
      run_shell(
          "cd '" + s_root + "' && " + env() +
          " git clone -q kernel hookspath && git -C hookspath config core.hooksPath .githooks")
          .exit_code,
      0);
  Outcome r = hook("hookspath", "install --type post-commit");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_TRUE(is_our_hook(dir("hookspath/.githooks/post-commit"))) << r.out;
  EXPECT_FALSE(fs::exists(dir("hookspath/.git/hooks/post-commit")));
  // git runs it after a commit on a queue branch: the card says NO (git ignores the code).
  Outcome commit =
      run_shell("cd '" + dir("hookspath") + "' && " + env() +
                " git checkout -q -b queue/6.6 origin/queue/6.6 && git cherry-pick -n " + id("M4") +
                " >/dev/null && git -c user.name=Greg -c user.email=g@e commit -q "
                "-m 'a: fix widget overflow' 2>&1");
  EXPECT_EQ(commit.exit_code, 0) << commit.out;
  EXPECT_TRUE(has(commit.out, "upstream-first: no upstream commit named")) << commit.out;
  EXPECT_TRUE(has(commit.out, "patchtriage hook: 1 NO: the commit is not a good backport"))
      << commit.out;
  EXPECT_EQ(hook("hookspath", "uninstall").exit_code, 0);
  EXPECT_FALSE(fs::exists(dir("hookspath/.githooks/post-commit")));
}

TEST_F(Hook, push_to_a_server_with_the_installed_hook) {
  ASSERT_EQ(run_shell("cd '" + s_root + "' && " + env() + " git clone -q --bare kernel server.git")
                .exit_code,
            0);
  Outcome installed = hook("server.git", "install");  // bare: pre-receive by default
  ASSERT_EQ(installed.exit_code, 0) << installed.out;
  EXPECT_TRUE(is_our_hook(dir("server.git/hooks/pre-receive")));
  auto push = [&](const std::string& what) {
    return run_shell("cd '" + dir("kernel") + "' && " + env() + " git push ../server.git " +
                     id(what) + ":refs/heads/queue/6.6 2>&1");
  };
  auto server_tip = [&] {
    return run_shell("git -C '" + dir("server.git") + "' rev-parse queue/6.6").out;
  };
  const std::string tip = server_tip();
  // The pushed objects are in git's quarantine while the hook runs: it reads them there.
  Outcome bad = push("NOREF");
  EXPECT_NE(bad.exit_code, 0) << bad.out;
  EXPECT_TRUE(has(bad.out, "remote: ")) << bad.out;
  EXPECT_TRUE(has(bad.out, "upstream-first: no upstream commit named")) << bad.out;
  EXPECT_TRUE(has(bad.out, "(pre-receive hook declined)")) << bad.out;
  EXPECT_EQ(server_tip(), tip);
  Outcome good = push("FIXFIX");
  EXPECT_EQ(good.exit_code, 0) << good.out;
  EXPECT_TRUE(has(good.out, "patchtriage hook: queue/6.6: 2 judged, 2 YES, 0 NO")) << good.out;
  EXPECT_EQ(server_tip(), id("FIXFIX") + "\n");
}

// --- The pieces ---------------------------------------------------------------------------------

TEST(HookPieces, deviation_notes_are_found_and_log_lines_are_not) {
  auto note = find_deviation_note(
      "commit abc upstream.\n\nText.\n\n[ Sasha: adjusted for the older\n"
      "  API in 6.1 ]\n\nSigned-off-by: S <s@k>\n");
  ASSERT_TRUE(note);
  EXPECT_EQ(note->text, "[ Sasha: adjusted for the older API in 6.1 ]");
  EXPECT_EQ(note->line, 7);
  EXPECT_EQ(find_deviation_note("[gregkh: context fixup]\n")->text, "[gregkh: context fixup]");
  EXPECT_FALSE(find_deviation_note("[ Upstream commit 0123456789abcdef ]\n\nText.\n"));
  EXPECT_FALSE(find_deviation_note("Oops:\n[   12.345678] BUG: kernel NULL pointer dereference\n"));
  EXPECT_FALSE(find_deviation_note("[ open bracket\n\nnever closed ]\n"));
  EXPECT_FALSE(find_deviation_note("uses a[i] and b[j]\n"));
}

TEST(HookPieces, series_file_is_read_as_quilt_reads_it) {
  auto entries = parse_series("# comment\na.patch\n\nb.patch -p1 # why\nc.patch\na.patch\n");
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries[1].name, "b.patch");
  EXPECT_EQ(entries[1].line, 4);
  auto problems =
      check_series(entries, {"series", "a.patch", "b.patch", "d.patch", ".hidden", "sub/"});
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(describe(problems[0]), "series line 5: 'c.patch' has no file");
  EXPECT_EQ(describe(problems[1]), "series line 6: 'a.patch' is listed twice");
  EXPECT_EQ(describe(problems[2]), "'d.patch' is not in the series");
}

TEST(HookPieces, stable_version_of_branch_and_queue_names) {
  EXPECT_EQ(stable_version_of("queue/6.6"), "6.6");
  EXPECT_EQ(stable_version_of("stable-queue-5.15"), "5.15");
  EXPECT_EQ(stable_version_of("linux-6.12.y"), "6.12");
  EXPECT_EQ(stable_version_of("queue-6.1"), "6.1");
  EXPECT_EQ(stable_version_of("master"), "");
  EXPECT_EQ(changed_queue_dirs({"queue-6.6/a.patch", "queue-6.6/series", "releases/6.6.1/x.patch",
                                "queue-5.15/series", "README", "queue-next/x"}),
            (std::vector<std::string>{"queue-5.15", "queue-6.6"}));
}

TEST(HookPieces, hook_script_quotes_every_argument) {
  std::string s = hook_script("/opt/pt dir/patchtriage", {"pre-push", "--branches", "it's/*"});
  EXPECT_TRUE(has(s, "bin='/opt/pt dir/patchtriage'\n")) << s;
  EXPECT_TRUE(has(s, "exec \"$bin\" hook 'pre-push' '--branches' 'it'\\''s/*' \"$@\"\n")) << s;
  EXPECT_TRUE(has(s, "exit 4")) << s;
}

}  // namespace
}  // namespace pt
