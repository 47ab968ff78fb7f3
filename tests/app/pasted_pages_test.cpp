// End to end on the three mails exactly as users pasted them from web archives
// (../shared/corpus/user-examples): what the real binary recovers from each, with and
// without a repository holding the target file. The clean mails are testdata/autosel-*.mbox.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace pt {
namespace {

using Outcome = test::RunResult;
Outcome patchtriage(const std::string& args) { return test::run_binary(args + " 2>/dev/null"); }
bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const std::string kFlattened = "000_f89d226a7a37eadb.txt";  // nvme-loop, a raw mbox flattened
const std::string kLorePage = "001_c95f20f49ed96493.txt";   // md/raid0, lore page text
const std::string kLkmlPage = "002_ac2528cdfa243043.txt";   // a reply, lkml.iu.edu page

std::string example(const std::string& name) {
  return std::string(PATCHTRIAGE_SHARED) + "/corpus/user-examples/" + name;
}
std::string kernel_fixture() {
  if (const char* k = std::getenv("PATCHTRIAGE_KERNEL")) return k;
  const char* home = std::getenv("HOME");
  return std::string(home ? home : "/root") + "/.cache/patchtriage/kernel";
}

#define NEED_EXAMPLE(name) \
  if (!std::filesystem::exists(example(name))) GTEST_SKIP() << "user example not found: " << example(name)
#define NEED_KERNEL()                                  \
  if (!std::filesystem::exists(kernel_fixture())) \
  GTEST_SKIP() << "kernel fixture not found at " << kernel_fixture()

nlohmann::json inspect_one(const std::string& args) {
  Outcome r = patchtriage("inspect " + args);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
  return nlohmann::json::parse(r.out.substr(0, r.out.find('\n')));
}

std::vector<std::pair<std::string, std::string>> key_names(const nlohmann::json& j) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& t : j["trailers"]) out.emplace_back(t["key"], t["name"]);
  return out;
}

TEST(PastedPages, lore_page_recovers_md_raid0) {
  NEED_EXAMPLE(kLorePage);
  nlohmann::json j = inspect_one(std::string("'") + example(kLorePage) + "'");
  EXPECT_EQ(j["author"]["name"], "Gregory Price");
  EXPECT_EQ(j["author"]["email"], "gourry@gourry.net");
  EXPECT_EQ(j["title"], "md/raid0: use kvzalloc/kvfree for strip_zone and devlist allocations");
  EXPECT_EQ(j["message_id"], "<20260420132314.1023554-40-sashal@kernel.org>");
  EXPECT_EQ(j["upstream"], nlohmann::json::array({"078d1d8e688d75419abfedcae47eab8e42b991bb"}));
  std::vector<std::pair<std::string, std::string>> want = {
      {"Reported-by", ""}, {"Closes", ""}, {"Signed-off-by", "Gregory Price"},
      {"Reviewed-by", "Yu Kuai"}, {"Reviewed-by", "Li Nan"}, {"Link", ""},
      {"Signed-off-by", "Yu Kuai"}, {"Signed-off-by", "Sasha Levin"}};
  EXPECT_EQ(key_names(j), want) << j["trailers"].dump();
  EXPECT_EQ(j["trailers"][0]["value"], "syzbot+924649752adf0d3ac9dd@syzkaller.appspotmail.com");
  // The diff, whitespace lost on the page, repaired to what its hunks say.
  EXPECT_EQ(j["is_patch"], true);
  ASSERT_EQ(j["files"].size(), 1u);
  EXPECT_EQ(j["files"][0]["new"], "drivers/md/raid0.c");
  EXPECT_EQ(j["insertions"], 9);
  EXPECT_EQ(j["deletions"], 9);
  EXPECT_FALSE(has(j["diff"], "Thread overview"));
  EXPECT_FALSE(has(j["diff"], "Reply instructions"));
  // The LLM notes kept apart from message and diff.
  std::string notes = j["notes"];
  EXPECT_EQ(notes.rfind("LLM Generated explanations, may be completely bogus:", 0), 0u) << notes;
  EXPECT_FALSE(has(notes, "diff --git"));
  EXPECT_FALSE(has(j["message"], "LLM Generated"));
  // What was recovered, and that the diff is not the sender's byte for byte.
  ASSERT_TRUE(j["recovered"].is_object()) << j.dump();
  EXPECT_EQ(j["recovered"]["form"], "lore-page");
  EXPECT_EQ(j["recovered"]["diff_exact"], false);
  EXPECT_EQ(j["recovered"]["preimage_exact"], false);
  EXPECT_EQ(j["recovered"]["confidence"], "low");
  EXPECT_FALSE(j["recovered"]["repairs"].empty());
}

TEST(PastedPages, lore_page_card_says_the_diff_is_unverified) {
  NEED_EXAMPLE(kLorePage);
  Outcome r = patchtriage("--ascii --color never --no-repo '" + example(kLorePage) + "'");
  EXPECT_EQ(r.exit_code, 1) << r.out;  // NO: the diff cannot be verified
  EXPECT_TRUE(has(r.out, "| recovered from a lore-page, confidence low, diff NOT rebuilt exactly")) << r.out;
  EXPECT_TRUE(has(r.out, "| diffstat  1 file, +9 -9")) << r.out;
  EXPECT_TRUE(has(r.out, "XX diff-well-formed: the diff was recovered from a lore-page")) << r.out;
}

TEST(PastedPages, flattened_mail_recovers_nvme_loop) {
  NEED_EXAMPLE(kFlattened);
  nlohmann::json j = inspect_one(std::string("'") + example(kFlattened) + "'");
  EXPECT_EQ(j["author"]["name"], "Nilay Shroff");
  EXPECT_EQ(j["title"], "nvme-loop: do not cancel I/O and admin tagset during ctrl reset/shutdown");
  EXPECT_EQ(j["subject"], "[PATCH AUTOSEL 7.0-6.6] nvme-loop: do not cancel I/O and admin tagset during ctrl reset/shutdown");
  EXPECT_EQ(j["message_id"], "<20260420131539.986432-32-sashal@kernel.org>");
  EXPECT_EQ(j["upstream"], nlohmann::json::array({"886f35201591ded7958e16fe3750871d3ca0bcdf"}));
  // The rendering stripped every <address>: names only (CONTRACT.md, Recovery).
  std::vector<std::pair<std::string, std::string>> want = {
      {"Reviewed-by", "Christoph Hellwig"}, {"Signed-off-by", "Nilay Shroff"},
      {"Signed-off-by", "Keith Busch"}, {"Signed-off-by", "Sasha Levin"}};
  EXPECT_EQ(key_names(j), want) << j["trailers"].dump();
  EXPECT_EQ(j["stable_base"], "Linux 7.0");
  EXPECT_EQ(std::string(j["notes"]).rfind("LLM Generated explanations, may be completely bogus:", 0), 0u);
  ASSERT_TRUE(j["recovered"].is_object());
  EXPECT_EQ(j["recovered"]["form"], "flattened");
  EXPECT_EQ(j["recovered"]["diff_exact"], false);  // no file: line breaks unknown
  EXPECT_EQ(j["deletions"], 2);
  EXPECT_EQ(j["insertions"], 0);
}

// linux-6.12.y holds drivers/nvme/target/loop.c with the hunks' context (11 lines up):
// the flattened diff is rebuilt byte for byte, and then checked like any other.
TEST(PastedPages, flattened_diff_rebuilt_from_the_repository) {
  NEED_EXAMPLE(kFlattened);
  NEED_KERNEL();
  nlohmann::json j = inspect_one("-C '" + kernel_fixture() + "' -b linux-6.12.y '" + example(kFlattened) + "'");
  nlohmann::json clean = inspect_one(std::string("'") + std::string(PATCHTRIAGE_SOURCE_DIR) + "/testdata/autosel-nvme-loop.mbox'");
  EXPECT_EQ(j["recovered"]["diff_exact"], true) << j["recovered"].dump();
  EXPECT_EQ(j["recovered"]["preimage_exact"], true);
  EXPECT_EQ(j["recovered"]["confidence"], "high");
  EXPECT_EQ(j["diff"], clean["diff"]);
  EXPECT_EQ(j["deletions"], 2);
  ASSERT_FALSE(j["recovered"]["evidence"].empty());
  EXPECT_TRUE(has(j["recovered"]["evidence"].dump(), "linux-6.12.y:drivers/nvme/target/loop.c"));

  Outcome r = patchtriage("-C '" + kernel_fixture() + "' -b linux-6.12.y --ascii --color never '" +
                          example(kFlattened) + "'");
  EXPECT_TRUE(has(r.out, "| recovered from a flattened, confidence high, diff exact")) << r.out;
  EXPECT_TRUE(has(r.out, "ok applies: applies to linux-6.12.y (2 hunks, offset -11)")) << r.out;
}

// linux-6.12.y's raid0.c lacks the first hunk's kzalloc_objs(): the diff cannot be restored,
// so no apply result may be reported for it.
TEST(PastedPages, lore_page_diff_never_reported_as_applying_when_not_rebuilt) {
  NEED_EXAMPLE(kLorePage);
  NEED_KERNEL();
  Outcome r = patchtriage("-C '" + kernel_fixture() + "' -b linux-6.12.y --ascii --color never '" +
                          example(kLorePage) + "'");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_FALSE(has(r.out, "ok applies")) << r.out;
  EXPECT_TRUE(has(r.out, "XX applies: not checked: the diff was recovered from a lore-page")) << r.out;
}

TEST(PastedPages, lkml_reply_without_patch) {
  NEED_EXAMPLE(kLkmlPage);
  nlohmann::json j = inspect_one(std::string("'") + example(kLkmlPage) + "'");
  EXPECT_EQ(j["is_patch"], false);
  EXPECT_EQ(j["kind"], "reply");
  EXPECT_EQ(j["author"]["name"], "Benjamin Block");
  EXPECT_EQ(j["subject"], "Re: [RFC PATCH 1/6] bsg: fix kernel panic resulting from missing allocation of a reply-buffer");
  EXPECT_EQ(std::string(j["date_utc"]).substr(0, 10), "2017-08-10");
  EXPECT_EQ(j["recovered"]["form"], "lkml-page");

  Outcome r = patchtriage("--ascii --color never --no-repo '" + example(kLkmlPage) + "'");
  EXPECT_EQ(r.exit_code, 3) << r.out;  // no patch in the input
  EXPECT_TRUE(has(r.out, "| kind      reply\n")) << r.out;
  EXPECT_TRUE(has(r.out, "| answers   \"[RFC PATCH 1/6] bsg: fix kernel panic resulting from missing "
                         "allocation of a reply-buffer\" (by subject)\n")) << r.out;
  EXPECT_TRUE(has(r.out, "| author    Benjamin Block (no address)\n")) << r.out;
  EXPECT_TRUE(has(r.out, "| date      Thu, 10 Aug 2017 18:45:26 -0500\n")) << r.out;
}

}  // namespace
}  // namespace pt
