// The 2,279-mail stable subset through the real binary, --format jsonl, against both
// kernel fixture branches: every verdict agrees with its rule results, every rule names
// its evidence, the apply rules agree with git apply --check's labels, and a handful of
// verdicts checked by hand (git apply in an exported tree, the mail read) stay as they are.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "test_support.hpp"

namespace pt {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

fs::path kernel_fixture() {
  if (const char* env = std::getenv("PATCHTRIAGE_KERNEL")) return env;
  const char* home = std::getenv("HOME");
  return fs::path(home ? home : "/root") / ".cache/patchtriage/kernel";
}

// forward/reverse labels of one tree: message id -> (forward ok, reverse ok)
std::map<std::string, std::pair<bool, bool>> labels(const fs::path& tsv) {
  std::map<std::string, std::pair<bool, bool>> out;
  std::ifstream in(tsv);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, '\t');) f.push_back(cell);
    if (f.size() >= 5 && f[2] == "diff") out[f[1]] = {f[3] == "ok", f[4] == "ok"};
  }
  return out;
}

class StableSubsetVerdicts : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (test::corpus_dir().empty() || !fs::exists(kernel_fixture())) return;
    fs::path subset = test::corpus_dir() / "lore-usb/linux-usb-stable-subset.mboxrd";
    std::string cmd = std::string(PATCHTRIAGE_BINARY) + " -C '" + kernel_fixture().string() +
                      "' -b linux-6.1.y -b linux-6.12.y --format jsonl '" + subset.string() +
                      "' 2>/dev/null; echo \"exit=$?\"";
    std::string out = test::sh(cmd);
    std::size_t at = out.rfind("exit=");
    s_exit = std::stoi(out.substr(at + 5));
    std::stringstream lines(out.substr(0, at));
    for (std::string line; std::getline(lines, line);)
      if (!line.empty()) s_records.push_back(json::parse(line));
  }
  void SetUp() override {
    REQUIRE_CORPUS();
    if (!fs::exists(kernel_fixture()))
      GTEST_SKIP() << "kernel fixture not found at " << kernel_fixture();
  }
  const json* find(const std::string& message_id) const {
    for (const json& j : s_records)
      if (j["message_id"] == message_id) return &j;
    return nullptr;
  }
  static const json& rule(const json& record, const std::string& id) {
    for (const json& r : record["rules"])
      if (r["id"] == id) return r;
    static const json none;
    return none;
  }

  static inline std::vector<json> s_records;
  static inline int s_exit = -1;
};

TEST_F(StableSubsetVerdicts, every_verdict_agrees_with_its_rules_and_names_evidence) {
  // 2,279 mails: 2,270 with a diff, 9 of them older versions of a resent series.
  ASSERT_EQ(s_records.size(), 2261u);
  EXPECT_EQ(s_exit, 1);  // some are NO
  std::size_t yes = 0;
  for (const json& j : s_records) {
    const std::string id = j["message_id"];
    ASSERT_TRUE(j["verdict"] == "YES" || j["verdict"] == "NO") << id;
    ASSERT_FALSE(j["rules"].empty()) << id;
    EXPECT_EQ(j["rule_set"], j["autosel"].get<bool>() ? "autosel" : "stable") << id;
    bool blocker_failed = false;
    for (const json& r : j["rules"]) {
      EXPECT_FALSE(r["evidence"].get<std::string>().empty()) << id << " " << r["id"];
      EXPECT_TRUE(r["result"] == "pass" || r["result"] == "fail" || r["result"] == "skip");
      if (r["severity"] == "blocker" && r["result"] == "fail") blocker_failed = true;
    }
    // A YES never has a failing blocker; a NO always has one.
    EXPECT_EQ(j["verdict"] == "NO", blocker_failed) << id;
    if (j["verdict"] == "YES") ++yes;
  }
  EXPECT_EQ(yes, 10u);
}

TEST_F(StableSubsetVerdicts, apply_rules_agree_with_git_apply_labels) {
  auto l61 = labels(test::corpus_dir() / "apply-survey/usb-stable-subset-vs-6.1.192.tsv");
  auto l612 = labels(test::corpus_dir() / "apply-survey/usb-stable-subset-vs-6.12.117.tsv");
  std::size_t compared = 0;
  for (const json& j : s_records) {
    const std::string id = j["message_id"];
    if (!l61.count(id) || !l612.count(id)) continue;
    ++compared;
    // "applies" (mode offset) passes exactly when git apply --check succeeds on both trees.
    EXPECT_EQ(rule(j, "applies")["result"] == "pass", l61[id].first && l612[id].first) << id;
    // A clean reverse on either tree makes it already applied there.
    if (l61[id].second || l612[id].second) {
      EXPECT_EQ(rule(j, "not-already-applied")["result"], "fail") << id;
    }
  }
  EXPECT_EQ(compared, 2261u);
}

TEST_F(StableSubsetVerdicts, verdicts_checked_by_hand) {
  // Greg's 6.1 review of the tcpm fix: git apply --check succeeds on both exported trees,
  // -R --check fails on both; Fixes: and Cc: stable present.
  const json* tcpm = find("<20240514101027.995680714@linuxfoundation.org>");
  ASSERT_TRUE(tcpm);
  EXPECT_EQ((*tcpm)["verdict"], "YES");
  EXPECT_EQ((*tcpm)["rule_set"], "stable");
  EXPECT_EQ(rule(*tcpm, "applies")["result"], "pass");
  EXPECT_NE(rule(*tcpm, "applies")["evidence"].get<std::string>().find("applies to linux-6.1.y (2 hunks, offset"),
            std::string::npos);
  EXPECT_EQ(rule(*tcpm, "fixes-real-bug")["result"], "pass");

  // AUTOSEL 6.1 pxa27x_udc: applies cleanly to both, acked by the USB maintainer.
  const json* pxa = find("<20241124125515.3340625-8-sashal@kernel.org>");
  ASSERT_TRUE(pxa);
  EXPECT_EQ((*pxa)["verdict"], "YES");
  EXPECT_EQ(rule(*pxa, "reviewer-evidence")["evidence"],
            "Acked-by: Greg Kroah-Hartman <gregkh@linuxfoundation.org> - maintainer (USB SUBSYSTEM) "
            "(message line 8)");
  EXPECT_EQ(rule(*pxa, "applies")["evidence"],
            "applies cleanly to linux-6.1.y (1 hunk); applies cleanly to linux-6.12.y (1 hunk)");

  // signal/usb for 5.2: 3 files, 253 lines with context, and a Fixes: naming a version.
  const json* sig = find("<20190724191800.156400383@linuxfoundation.org>");
  ASSERT_TRUE(sig);
  EXPECT_EQ((*sig)["verdict"], "NO");
  EXPECT_EQ(rule(*sig, "size")["result"], "fail");
  EXPECT_NE(rule(*sig, "size")["evidence"].get<std::string>().find("253 lines with context"), std::string::npos);
  EXPECT_EQ(rule(*sig, "fixes-tag-style")["result"], "fail");
  EXPECT_NE(rule(*sig, "fixes-tag-style")["evidence"].get<std::string>().find("BAD_FIXES_TAG: Fixes: v2.3.39"),
            std::string::npos);

  // AUTOSEL 5.1 xhci debugfs fix: long in both trees (git apply -R --check succeeds on
  // both); forward only git apply -C1 would take it.
  const json* xhci = find("<20190608113950.8033-18-sashal@kernel.org>");
  ASSERT_TRUE(xhci);
  EXPECT_EQ((*xhci)["verdict"], "NO");
  EXPECT_NE(rule(*xhci, "not-already-applied")["evidence"].get<std::string>().find(
                "already in linux-6.1.y: the reverse patch applies"),
            std::string::npos);
  EXPECT_NE(rule(*xhci, "applies")["evidence"].get<std::string>().find("only with reduced context"),
            std::string::npos);

  // An LLM note that miscounts: "7 lines changed" on a diff of 3 insertions and 3
  // deletions (counted by hand in the mail). A warning: shown, the verdict is not made by it.
  const json* usbip = find("<20251210063446.2513466-5-sashal@kernel.org>");
  ASSERT_TRUE(usbip);
  EXPECT_EQ(rule(*usbip, "notes-claims")["result"], "fail");
  EXPECT_EQ(rule(*usbip, "notes-claims")["severity"], "warning");
  EXPECT_NE(rule(*usbip, "notes-claims")["evidence"].get<std::string>().find(
                "notes line 55: \"7 lines changed\" but diff has 3 insertions, 3 deletions in 1 file"),
            std::string::npos);
  bool listed = false;
  for (const json& c : (*usbip)["note_claims"])
    if (c["status"] == "contradicted" && c["kind"] == "size") listed = true;
  EXPECT_TRUE(listed);
}

TEST_F(StableSubsetVerdicts, llm_notes_claims_are_checked_and_counted) {
  // 73 subset mails carry LLM notes (CONTRACT.md); each judged one lists its claims, and
  // exactly the three miscounts checked by hand are contradicted.
  std::size_t with_notes = 0, contradicted = 0;
  for (const json& j : s_records) {
    if (!j.contains("note_claims")) continue;
    ++with_notes;
    for (const json& c : j["note_claims"]) {
      EXPECT_FALSE(c["evidence"].get<std::string>().empty());
      if (c["status"] == "contradicted") ++contradicted;
    }
  }
  EXPECT_GE(with_notes, 70u);
  EXPECT_EQ(contradicted, 3u);
}

}  // namespace
}  // namespace pt
