// Apply and already-applied facts on real kernel trees (the Debian fixture built by
// ../shared/scripts/make-kernel-fixture.sh): every stable-subset mail with a diff must get
// git apply --check's forward and reverse verdicts (../shared/corpus/apply-survey).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "app/parse_pipeline.hpp"
#include "facts/patch_facts.hpp"
#include "patch/patch_builder.hpp"
#include "test_support.hpp"

namespace pt {
namespace {

namespace fs = std::filesystem;

fs::path kernel_fixture() {
  if (const char* env = std::getenv("PATCHTRIAGE_KERNEL")) return env;
  const char* home = std::getenv("HOME");
  return fs::path(home ? home : "/root") / ".cache/patchtriage/kernel";
}

class ApplySurvey : public testing::TestWithParam<std::pair<std::string, std::string>> {
 protected:
  static void SetUpTestSuite() {
    if (test::corpus_dir().empty() || !fs::exists(kernel_fixture())) return;
    s_patches = new std::vector<Patch>(parse_inputs(
        {(test::corpus_dir() / "lore-usb/linux-usb-stable-subset.mboxrd").string()}, {}, {}, 0,
        [](const InputProblem&) {}));
  }
  static void TearDownTestSuite() { delete s_patches; }
  static std::vector<Patch>* s_patches;
};
std::vector<Patch>* ApplySurvey::s_patches = nullptr;

TEST_P(ApplySurvey, forward_and_reverse_equal_git_apply_check) {
  REQUIRE_CORPUS();
  if (!fs::exists(kernel_fixture()))
    GTEST_SKIP() << "kernel fixture not found at " << kernel_fixture()
                 << " (build it with ../shared/scripts/make-kernel-fixture.sh; .ci/run does)";
  const auto& [branch, labels] = GetParam();
  Repository repo(kernel_fixture().string());
  std::optional<std::string> commit = repo.resolve(branch);
  ASSERT_TRUE(commit) << branch << " missing in the fixture";
  std::map<std::string, const Patch*> by_id;
  for (const auto& p : *s_patches) by_id.emplace(p.message_id, &p);
  std::ifstream in(test::corpus_dir() / "apply-survey" / labels);
  std::string line;
  std::getline(in, line);  // header
  int checked = 0, agreed = 0, both_ways = 0;
  while (std::getline(in, line)) {
    std::vector<std::string> col;
    std::size_t pos = 0;
    for (int k = 0; k < 5; ++k) {
      std::size_t tab = line.find('\t', pos);
      col.push_back(line.substr(pos, tab - pos));
      pos = tab == std::string::npos ? line.size() : tab + 1;
    }
    if (col[2] != "diff") continue;
    auto it = by_id.find(col[1]);
    ASSERT_NE(it, by_id.end()) << col[1] << " not in the stable subset";
    FileReader read = [&](const std::string& path) { return repo.read_file(*commit, path); };
    bool forward = applies(check_apply(it->second->diff, read, false).status);
    bool reverse = applies(check_apply(it->second->diff, read, true).status);
    ++checked;
    if (forward && reverse) ++both_ways;
    if (forward == (col[3] == "ok") && reverse == (col[4] == "ok")) ++agreed;
    else ADD_FAILURE() << col[1] << ": git says " << col[3] << "/" << col[4] << ", we say "
                       << (forward ? "ok" : "fail") << "/" << (reverse ? "ok" : "fail");
  }
  EXPECT_EQ(checked, 2270);
  EXPECT_EQ(agreed, checked);
  EXPECT_EQ(both_ways, 15);  // CONTRACT.md: fifteen subset mails per tree apply both ways
}

INSTANTIATE_TEST_SUITE_P(
    Kernel, ApplySurvey,
    testing::Values(std::make_pair(std::string("linux-6.1.y"), std::string("usb-stable-subset-vs-6.1.192.tsv")),
                    std::make_pair(std::string("linux-6.12.y"), std::string("usb-stable-subset-vs-6.12.117.tsv"))),
    [](const auto& info) { return info.index == 0 ? std::string("linux_6_1") : std::string("linux_6_12"); });

}  // namespace
}  // namespace pt

namespace pt {
namespace {

// The facts a maintainer reads for a real AUTOSEL mail: MAINTAINERS from the branch's tree,
// and the reviewer's role on the Acked-by.
TEST(KernelFacts, maintainers_and_trailer_roles_come_from_the_branch_tree) {
  REQUIRE_CORPUS();
  if (!fs::exists(kernel_fixture()))
    GTEST_SKIP() << "kernel fixture not found at " << kernel_fixture();
  RawMessage raw;
  raw.source = "autosel-03.eml";
  raw.bytes = test::read_file(test::corpus_dir() / "lore-usb/raw-samples/autosel-03.eml");
  Patch p = build_patch(raw, {});
  Repository repo(kernel_fixture().string());
  FactCollector collector(repo, {"linux-6.12.y"}, "", IndexCache());
  PatchFacts f = collector.collect(p);
  EXPECT_EQ(f.maintainers_branch, "linux-6.12.y");
  EXPECT_EQ(role_of(f.maintainers, "stern@rowland.harvard.edu"), "maintainer");
  EXPECT_EQ(role_of(f.maintainers, "sashal@kernel.org"), "none");
  std::vector<std::string> lines = get_maintainer_lines(f.maintainers, true);
  std::string want = test::read_file(test::corpus_dir() /
                                     "lore-usb/raw-samples/expected/autosel-03.get_maintainer-6.12");
  std::string got;
  for (const auto& l : lines) got += l + "\n";
  EXPECT_EQ(got, want);
}

}  // namespace
}  // namespace pt
