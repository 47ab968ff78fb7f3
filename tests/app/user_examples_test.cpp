// End-to-end on the clean equivalents of the two AUTOSEL mails users pasted from web
// archives (testdata/autosel-md-raid0.mbox, testdata/autosel-nvme-loop.mbox; see
// testdata/README.md): the real binary's card and inspect objects, and git's own verdict.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace pt {
namespace {

using Outcome = test::RunResult;
Outcome shell(const std::string& cmd) { return test::run_shell(cmd); }
Outcome patchtriage(const std::string& args) { return test::run_binary(args + " 2>/dev/null"); }

std::string testdata(const std::string& name) {
  return std::string(PATCHTRIAGE_SOURCE_DIR) + "/testdata/" + name;
}
const std::string kRaid0 = "autosel-md-raid0.mbox";
const std::string kLoop = "autosel-nvme-loop.mbox";

// The card's lines that start with `prefix` (the card has one per fact).
std::vector<std::string> lines_starting(const std::string& text, const std::string& prefix) {
  std::vector<std::string> found;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string line = text.substr(pos, nl - pos);
    if (line.rfind(prefix, 0) == 0) found.push_back(line);
    pos = nl + 1;
  }
  return found;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The single inspect object of a one-message file.
nlohmann::json inspect(const std::string& name) {
  Outcome r = patchtriage("inspect '" + testdata(name) + "'");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
  return nlohmann::json::parse(r.out.substr(0, r.out.find('\n')));
}

std::vector<nlohmann::json> trailers_with_key(const nlohmann::json& j, const std::string& key) {
  std::vector<nlohmann::json> found;
  for (const auto& t : j["trailers"])
    if (t["key"] == key) found.push_back(t);
  return found;
}

std::string kernel_fixture() {
  if (const char* k = std::getenv("PATCHTRIAGE_KERNEL")) return k;
  const char* home = std::getenv("HOME");
  return std::string(home ? home : "/root") + "/.cache/patchtriage/kernel";
}

// git apply --numstat needs no repository: it only reads the patch.
TEST(UserExamples, mboxes_carry_well_formed_diffs_by_git_apply_numstat) {
  Outcome raid0 = shell("cd / && git apply --numstat '" + testdata(kRaid0) + "' 2>&1");
  ASSERT_EQ(raid0.exit_code, 0) << raid0.out;
  EXPECT_EQ(raid0.out, "9\t9\tdrivers/md/raid0.c\n");
  Outcome loop = shell("cd / && git apply --numstat '" + testdata(kLoop) + "' 2>&1");
  ASSERT_EQ(loop.exit_code, 0) << loop.out;
  EXPECT_EQ(loop.out, "0\t2\tdrivers/nvme/target/loop.c\n");
}

TEST(UserExamples, md_raid0_card_without_repository) {
  Outcome r = patchtriage("--ascii --color never --no-repo '" + testdata(kRaid0) + "'");
  EXPECT_EQ(r.exit_code, 0) << r.out;  // YES
  EXPECT_TRUE(has(r.out, "+ [PATCH AUTOSEL 7.0] md/raid0: use kvzalloc/kvfree for strip_zone and "
                         "devlist allocations\n"))
      << r.out;
  EXPECT_TRUE(has(r.out, "| author    Gregory Price <gourry@gourry.net> (in-body From)\n")) << r.out;
  EXPECT_TRUE(has(r.out, "| diffstat  1 file, +9 -9 ")) << r.out;
  EXPECT_TRUE(has(r.out, "| upstream  078d1d8e688d75419abfedcae47eab8e42b991bb ")) << r.out;
  EXPECT_TRUE(has(r.out, "| trailers  Reported-by, Closes, Signed-off-by x3, Reviewed-by x2, Link\n"))
      << r.out;
  EXPECT_TRUE(has(r.out, "ok fixes-real-bug: Reported-by: "
                         "syzbot+924649752adf0d3ac9dd@syzkaller.appspotmail.com"))
      << r.out;
  auto verdict = lines_starting(r.out, "| verdict   ");
  ASSERT_EQ(verdict.size(), 1u) << r.out;
  EXPECT_EQ(verdict[0].rfind("| verdict   YES (rule set autosel)", 0), 0u) << verdict[0];
  for (unsigned char c : r.out) ASSERT_LT(c, 0x80) << "non-ASCII byte in --ascii output";
}

TEST(UserExamples, md_raid0_inspect_object) {
  nlohmann::json j = inspect(kRaid0);
  EXPECT_EQ(j["is_patch"], true);
  EXPECT_TRUE(j["problems"].empty()) << j["problems"].dump();
  EXPECT_EQ(j["message_id"], "<20260420132314.1023554-40-sashal@kernel.org>");
  EXPECT_EQ(j["author"]["name"], "Gregory Price");
  EXPECT_EQ(j["author"]["email"], "gourry@gourry.net");
  EXPECT_EQ(j["author_from_body"], true);
  EXPECT_EQ(j["title"], "md/raid0: use kvzalloc/kvfree for strip_zone and devlist allocations");
  EXPECT_EQ(j["upstream"], nlohmann::json::array({"078d1d8e688d75419abfedcae47eab8e42b991bb"}));
  EXPECT_EQ(j["insertions"], 9);
  EXPECT_EQ(j["deletions"], 9);
  ASSERT_EQ(j["files"].size(), 1u);
  EXPECT_EQ(j["files"][0]["new"], "drivers/md/raid0.c");
  EXPECT_EQ(j["files"][0]["hunks"], 3);

  auto reported = trailers_with_key(j, "Reported-by");
  ASSERT_EQ(reported.size(), 1u);
  EXPECT_EQ(reported[0]["value"], "syzbot+924649752adf0d3ac9dd@syzkaller.appspotmail.com");
  auto closes = trailers_with_key(j, "Closes");
  ASSERT_EQ(closes.size(), 1u);
  EXPECT_EQ(closes[0]["value"], "https://lore.kernel.org/all/69adaba8.a00a0220.b130.0005.GAE@google.com/");
  auto reviewed = trailers_with_key(j, "Reviewed-by");
  ASSERT_EQ(reviewed.size(), 2u);
  EXPECT_EQ(reviewed[0]["value"], "Yu Kuai <yukuai@fnnas.com>");
  EXPECT_EQ(reviewed[1]["value"], "Li Nan <linan122@huawei.com>");
  EXPECT_EQ(trailers_with_key(j, "Signed-off-by").size(), 3u);

  // The notes: the LLM analysis between --- and the diffstat, whole.
  std::string notes = j["notes"];
  EXPECT_EQ(notes.rfind("LLM Generated explanations, may be completely bogus:\n", 0), 0u) << notes;
  EXPECT_TRUE(has(notes, "## PHASE 9: FINAL SYNTHESIS\n"));
  EXPECT_TRUE(has(notes, "- **Reported-by:** syzbot+924649752adf0d3ac9dd@syzkaller.appspotmail.com\n"
                         "  \xe2\x80\x94 syzbot fuzzer report, strong signal\n"));
  EXPECT_FALSE(has(notes, "diff --git"));
  EXPECT_FALSE(has(notes, "1 file changed"));
}

TEST(UserExamples, nvme_loop_card_without_repository) {
  Outcome r = patchtriage("--ascii --color never --no-repo '" + testdata(kLoop) + "'");
  EXPECT_EQ(r.exit_code, 0) << r.out;  // YES, with the fixes-real-bug warning
  EXPECT_TRUE(has(r.out, "+ [PATCH AUTOSEL 7.0-6.6] nvme-loop: do not cancel I/O and admin tagset "
                         "during ctrl reset/shutdown\n"))
      << r.out;
  EXPECT_TRUE(has(r.out, "| author    Nilay Shroff <nilay@linux.ibm.com> (in-body From)\n")) << r.out;
  EXPECT_TRUE(has(r.out, "| diffstat  1 file, +0 -2 ")) << r.out;
  EXPECT_TRUE(has(r.out, "| upstream  886f35201591ded7958e16fe3750871d3ca0bcdf ")) << r.out;
  EXPECT_TRUE(has(r.out, "| trailers  Reviewed-by, Signed-off-by x3\n")) << r.out;
  auto verdict = lines_starting(r.out, "| verdict   ");
  ASSERT_EQ(verdict.size(), 1u) << r.out;
  EXPECT_EQ(verdict[0].rfind("| verdict   YES (rule set autosel)", 0), 0u) << verdict[0];
  for (unsigned char c : r.out) ASSERT_LT(c, 0x80) << "non-ASCII byte in --ascii output";
}

TEST(UserExamples, nvme_loop_inspect_object) {
  nlohmann::json j = inspect(kLoop);
  EXPECT_EQ(j["is_patch"], true);
  EXPECT_TRUE(j["problems"].empty()) << j["problems"].dump();
  EXPECT_EQ(j["author"]["name"], "Nilay Shroff");
  EXPECT_EQ(j["author"]["email"], "nilay@linux.ibm.com");
  EXPECT_EQ(j["title"], "nvme-loop: do not cancel I/O and admin tagset during ctrl reset/shutdown");
  EXPECT_EQ(j["upstream"], nlohmann::json::array({"886f35201591ded7958e16fe3750871d3ca0bcdf"}));
  EXPECT_EQ(j["insertions"], 0);
  EXPECT_EQ(j["deletions"], 2);
  auto reviewed = trailers_with_key(j, "Reviewed-by");
  ASSERT_EQ(reviewed.size(), 1u);
  EXPECT_EQ(reviewed[0]["name"], "Christoph Hellwig");
  EXPECT_EQ(reviewed[0]["email"], "hch@lst.de");
  auto signed_off = trailers_with_key(j, "Signed-off-by");
  ASSERT_EQ(signed_off.size(), 3u);
  EXPECT_EQ(signed_off[0]["value"], "Nilay Shroff <nilay@linux.ibm.com>");
  EXPECT_EQ(signed_off[1]["value"], "Keith Busch <kbusch@kernel.org>");
  EXPECT_EQ(signed_off[2]["value"], "Sasha Levin <sashal@kernel.org>");
  // The kernel log stays in the commit message; the LLM text is the notes.
  EXPECT_TRUE(has(j["message"].get<std::string>(), "\n hardware_interrupt_common_virt+0x28c/0x290\n"));
  std::string notes = j["notes"];
  EXPECT_EQ(notes.rfind("LLM Generated explanations, may be completely bogus:\n", 0), 0u) << notes;
  EXPECT_TRUE(has(notes, "\n### Step 2.3: Bug Mechanism\n"));
  EXPECT_TRUE(has(notes, "\n**YES**"));
  EXPECT_FALSE(has(notes, "diff --git"));
}

// linux-6.12.y still has both cancel calls, 11 lines earlier than the mail's hunk headers:
// git apply --check accepts the patch there (and -R does not), and the card must say so.
TEST(UserExamples, nvme_loop_applies_to_linux_6_12_y_as_git_apply_says) {
  std::string kernel = kernel_fixture();
  if (!std::filesystem::exists(kernel)) GTEST_SKIP() << "kernel fixture not found at " << kernel;
  std::string tree = (std::filesystem::temp_directory_path() /
                      ("pt-user-examples-" + std::to_string(::getpid()))).string();
  std::filesystem::remove_all(tree);
  std::filesystem::create_directories(tree);
  Outcome exported = shell("git -C '" + kernel + "' archive linux-6.12.y drivers/nvme/target | tar -x -C '" +
                       tree + "' && echo ok");
  ASSERT_EQ(exported.out, "ok\n") << "could not export linux-6.12.y from " << kernel;
  Outcome git = shell("cd '" + tree + "' && git apply --check -v '" + testdata(kLoop) + "' 2>&1");
  EXPECT_EQ(git.exit_code, 0) << git.out;
  EXPECT_TRUE(has(git.out, "Hunk #1 succeeded at 408 (offset -11 lines).")) << git.out;
  EXPECT_TRUE(has(git.out, "Hunk #2 succeeded at 415 (offset -11 lines).")) << git.out;
  Outcome reverse = shell("cd '" + tree + "' && git apply -R --check '" + testdata(kLoop) + "' 2>&1");
  EXPECT_NE(reverse.exit_code, 0) << reverse.out;
  std::filesystem::remove_all(tree);

  Outcome r = patchtriage("-C '" + kernel + "' -b linux-6.12.y --ascii --color never '" + testdata(kLoop) + "'");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_TRUE(has(r.out, "| apply     linux-6.12.y: applies (2 hunks, offset -11)\n")) << r.out;
  EXPECT_TRUE(has(r.out, "ok applies: applies to linux-6.12.y (2 hunks, offset -11)")) << r.out;
  EXPECT_TRUE(has(r.out, "ok not-already-applied: not in linux-6.12.y")) << r.out;
  EXPECT_TRUE(has(r.out, "| vouched   Reviewed-by Christoph Hellwig - maintainer (NVM EXPRESS TARGET DRIVER)\n"))
      << r.out;
  EXPECT_TRUE(has(r.out, "| author    Nilay Shroff <nilay@linux.ibm.com> (in-body From)\n")) << r.out;
  auto verdict = lines_starting(r.out, "| verdict   ");
  ASSERT_EQ(verdict.size(), 1u) << r.out;
  EXPECT_EQ(verdict[0].rfind("| verdict   YES (rule set autosel)", 0), 0u) << verdict[0];
}

}  // namespace
}  // namespace pt
