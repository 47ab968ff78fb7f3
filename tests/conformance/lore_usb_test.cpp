// lore linux-usb raw samples: 144 real messages; git mailinfo's info/msg/patch and
// git apply --numstat must be matched. One ctest entry per message.
#include <gtest/gtest.h>

#include "mail/mailinfo.hpp"
#include "patch/patch_builder.hpp"
#include "test_support.hpp"

namespace pt {
namespace {

namespace fs = std::filesystem;

fs::path samples() { return test::corpus_dir() / "lore-usb/raw-samples"; }

std::vector<std::string> sample_names() {
  std::vector<std::string> names;
  fs::path dir = std::filesystem::path(PATCHTRIAGE_SHARED) / "corpus/lore-usb/raw-samples";
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".eml") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  if (names.empty()) names.push_back("corpus_absent");
  return names;
}

class LoreSample : public testing::TestWithParam<std::string> {};

TEST_P(LoreSample, matches_git_mailinfo_and_numstat) {
  REQUIRE_CORPUS();
  const std::string& name = GetParam();
  std::vector<RawMessage> messages = test::split_text(test::read_file(samples() / (name + ".eml")));
  ASSERT_EQ(messages.size(), 1u);
  MailInfo info = extract_mailinfo(messages[0].text(), {});
  fs::path exp = samples() / "expected";
  EXPECT_EQ(format_info(info), test::read_file(exp / (name + ".info")));
  EXPECT_EQ(info.message, test::read_file(exp / (name + ".msg")));
  EXPECT_EQ(info.patch_text, test::read_file(exp / (name + ".patch")));

  Patch p = build_patch(messages[0], {});
  fs::path numstat = exp / (name + ".numstat");
  if (!fs::exists(numstat)) return;
  std::string want = test::read_file(numstat);
  if (want.empty()) {
    // git apply rejected this patch text: we must say the diff is broken, not crash.
    EXPECT_FALSE(p.diff.error.empty()) << "git rejects this diff; we accepted it";
    return;
  }
  std::string got;
  for (const auto& f : p.diff.files) {
    got += f.binary ? "-\t-" : std::to_string(f.insertions) + "\t" + std::to_string(f.deletions);
    got += "\t" + (f.new_path.empty() ? f.old_path : f.new_path) + "\n";
  }
  EXPECT_EQ(got, want);
}

INSTANTIATE_TEST_SUITE_P(LoreUsb, LoreSample, testing::ValuesIn(sample_names()),
                         [](const auto& info) { return test::case_name(info.param); });

}  // namespace
}  // namespace pt
