// History facts on a synthetic repository made in the test (the Debian fixture has no
// history): mainline with a bug and its fix, stable branches without the bug, with a
// backport of it, and with a backport of the fix.
#include "facts/history_facts.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "facts/patch_facts.hpp"
#include "patch/patch_builder.hpp"
#include "test_support.hpp"

namespace pt {
namespace {

namespace fs = std::filesystem;

using test::sh;

class SyntheticHistory : public testing::Test {
 protected:
  void SetUp() override {
    m_dir = (fs::temp_directory_path() / ("pt-hist-" + std::to_string(::getpid()))).string();
    fs::remove_all(m_dir);
    std::string g = "git -C '" + m_dir + "' -c user.name=T -c user.email=t@e ";
    auto commit = [&](const std::string& content, const std::string& msg) {
      std::ofstream(m_dir + "/drv.c") << content;
      sh(g + "add drv.c && " + g + "commit -qm '" + msg + "'");
      return sh(g + "rev-parse HEAD");
    };
    sh("git init -q -b master '" + m_dir + "'");
    std::string base = "l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\n";
    std::string buggy = "l1\nl2\nbug\nl4\nl5\nl6\nl7\nl8\n";
    std::string fixed = "l1\nl2\nbug\nl4\nfixed\nl6\nl7\nl8\n";
    m_c1 = commit(base, "drv: add driver");
    m_c2 = commit(buggy, "drv: introduce bug");
    m_c3 = commit(fixed, "drv: fix crash\n\nFixes: " + m_c2.substr(0, 12) +
                             " (\"drv: introduce bug\")\nSigned-off-by: Dev <dev@example.com>");
    m_diff = sh(g + "diff " + m_c2 + " " + m_c3);
    // Later in mainline: a fix of the fix, and an unrelated commit.
    m_c4 = commit("l1\nl2\nbug\nl4\nfixed\nl6\nl7\nl8\nl9\n",
                  "drv: fix the fix\n\nFixes: " + m_c3.substr(0, 12) + " (\"drv: fix crash\")");
    commit("l1\nl2\nbug\nl4\nfixed\nl6\nl7\nl8\nl9\nl10\n", "drv: unrelated");
    sh(g + "checkout -q -b linux-6.1.y " + m_c1);
    sh(g + "checkout -q -b linux-6.6.y " + m_c1);
    m_b2 = commit(buggy, "drv: introduce bug\n\ncommit " + m_c2 + " upstream.");
    sh(g + "checkout -q -b linux-6.12.y linux-6.6.y");
    m_b3 = commit(fixed, "drv: fix crash\n\n[ Upstream commit " + m_c3 + " ]");
    sh(g + "checkout -q master");
  }
  void TearDown() override { fs::remove_all(m_dir); }

  Patch mail(const std::string& fixes_line) {
    RawMessage raw;
    raw.source = "test";
    raw.bytes = "From: Sasha <sashal@kernel.org>\nSubject: [PATCH AUTOSEL 6.12-6.1] drv: fix crash\n"
                "Message-ID: <autosel@x>\n\nFrom: Dev <dev@example.com>\n\n[ Upstream commit " +
                m_c3 + " ]\n\nFix it.\n\n" + fixes_line +
                "\nSigned-off-by: Dev <dev@example.com>\n---\n" + m_diff + "\n";
    return build_patch(raw, {});
  }

  std::string m_dir, m_c1, m_c2, m_c3, m_c4, m_b2, m_b3, m_diff;
};

TEST_F(SyntheticHistory, upstream_fixes_and_backports_per_branch) {
  if (m_c3.size() != 40) GTEST_SKIP() << "git is needed to build the synthetic repository";
  Patch p = mail("Fixes: " + m_c2.substr(0, 12) + " (\"drv: introduce bug\")");
  ASSERT_TRUE(p.is_patch);
  Repository repo(m_dir);
  FactCollector collector(repo, {}, "", IndexCache());
  PatchFacts f = collector.collect(p);
  EXPECT_EQ(f.history.mainline_ref, "master");
  ASSERT_EQ(f.apply.targets.size(), 3u);  // 6.12, 6.6, 6.1 from the AUTOSEL range

  ASSERT_EQ(f.history.upstream.size(), 1u);
  EXPECT_EQ(f.history.upstream[0].full, std::optional<std::string>(m_c3));
  EXPECT_TRUE(f.history.upstream[0].in_mainline);
  EXPECT_EQ(f.history.upstream[0].title, "drv: fix crash");
  // The mail carries the upstream diff unchanged: same patch-id, same files.
  EXPECT_EQ(f.history.upstream[0].patch_id_equal, std::optional<bool>(true));
  EXPECT_TRUE(f.history.upstream[0].only_upstream.empty());

  // Already applied: 6.12 carries a backport naming the upstream commit; the others do not.
  ASSERT_TRUE(f.history.upstream_in_branch.count("linux-6.12.y"));
  EXPECT_EQ(f.history.upstream_in_branch["linux-6.12.y"].commit, m_b3);
  EXPECT_EQ(f.history.upstream_in_branch["linux-6.12.y"].how, "backport");
  EXPECT_FALSE(f.history.upstream_in_branch.count("linux-6.6.y"));
  EXPECT_FALSE(f.history.upstream_in_branch.count("linux-6.1.y"));

  // Fixes: valid style, resolves, title matches; the bug is in 6.6 (backported under
  // another id) and 6.12, and not present in 6.1.
  ASSERT_EQ(f.history.fixes.size(), 1u);
  const FixesFact& fx = f.history.fixes[0];
  EXPECT_TRUE(fx.valid);
  EXPECT_EQ(fx.full, std::optional<std::string>(m_c2));
  EXPECT_TRUE(fx.title_matches);
  EXPECT_TRUE(fx.in_branch.at("linux-6.6.y").present);
  EXPECT_EQ(fx.in_branch.at("linux-6.6.y").commit, m_b2);
  EXPECT_TRUE(fx.in_branch.at("linux-6.12.y").present);
  EXPECT_FALSE(fx.in_branch.at("linux-6.1.y").present);
  EXPECT_TRUE(fx.in_branch.at("linux-6.1.y").known);  // "bug not present in linux-6.1.y"

  // Follow-ups: the later "fix the fix" names the upstream commit; no branch has it.
  ASSERT_EQ(f.history.follow_ups.size(), 1u);
  EXPECT_EQ(f.history.follow_ups[0].commit, m_c4);
  EXPECT_EQ(f.history.follow_ups[0].kind, "fixes");
  EXPECT_FALSE(f.history.follow_ups[0].in_branch.at("linux-6.12.y").present);

  // Forward apply: the fix applies where the bug is and the fix is not (6.6).
  EXPECT_TRUE(applies(f.apply.by_branch.at("linux-6.6.y").forward.status));
  EXPECT_FALSE(applies(f.apply.by_branch.at("linux-6.1.y").forward.status));
  EXPECT_TRUE(f.apply.by_branch.at("linux-6.12.y").already_applied);
}

TEST_F(SyntheticHistory, bad_fixes_style_and_unknown_commit) {
  if (m_c3.size() != 40) GTEST_SKIP() << "git is needed to build the synthetic repository";
  Patch p = mail("Fixes: " + m_c2.substr(0, 8) + " drv: introduce bug");
  Repository repo(m_dir);
  FactCollector collector(repo, {"linux-6.6.y"}, "", IndexCache());
  PatchFacts f = collector.collect(p);
  ASSERT_EQ(f.history.fixes.size(), 1u);
  EXPECT_FALSE(f.history.fixes[0].valid);
  EXPECT_EQ(f.history.fixes[0].problem, "BAD_FIXES_TAG");
  EXPECT_TRUE(f.history.fixes[0].full.has_value());  // 8 digits still resolve here
  EXPECT_FALSE(f.history.fixes[0].title_matches);     // no quoted title to compare

  // A backport that deviates from upstream has another patch-id.
  EXPECT_EQ(f.history.upstream[0].patch_id_equal, std::optional<bool>(true));
  Patch changed = p;
  std::string text(changed.diff.text());
  std::size_t at = text.find("+fixed");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 6, "+FIXED");
  changed.diff.set_text(text);
  EXPECT_EQ(collector.collect(changed).history.upstream[0].patch_id_equal, std::optional<bool>(false));

  Patch unknown = mail("Fixes: 0123456789ab (\"no such commit\")");
  PatchFacts g = collector.collect(unknown);
  EXPECT_TRUE(g.history.fixes[0].valid);
  EXPECT_FALSE(g.history.fixes[0].full.has_value());
  EXPECT_FALSE(g.history.fixes[0].in_branch.at("linux-6.6.y").present);
  EXPECT_FALSE(g.history.fixes[0].in_branch.at("linux-6.6.y").known);  // cannot say
}

TEST(FixesStyle, checkpatch_rules) {
  EXPECT_EQ(fixes_style_problem("8203d26905ee (\"usb: typec: tcpm: Register USB PD\")"), "");
  EXPECT_EQ(fixes_style_problem("8203d269 (\"short id\")"), "BAD_FIXES_TAG");
  EXPECT_EQ(fixes_style_problem("8203D26905EE (\"upper case\")"), "BAD_FIXES_TAG");
  EXPECT_EQ(fixes_style_problem("8203d26905ee usb: no quotes"), "BAD_FIXES_TAG");
}

}  // namespace
}  // namespace pt

namespace pt {
namespace {

TEST_F(SyntheticHistory, x_stable_base_names_the_target_tag) {
  if (m_c3.size() != 40) GTEST_SKIP() << "git is needed to build the synthetic repository";
  sh("git -C '" + m_dir + "' tag v6.6.5 linux-6.6.y");
  RawMessage raw;
  raw.source = "test";
  raw.bytes = "From: Dev <dev@example.com>\nSubject: [PATCH] drv: fix crash\nX-stable-base: Linux 6.6.5\n"
              "Message-ID: <base@x>\n\nFix it.\n\nSigned-off-by: Dev <dev@example.com>\n---\n" +
              m_diff + "\n";
  Patch p = build_patch(raw, {});
  Repository repo(m_dir);
  std::vector<BranchTarget> t = target_branches(p, repo, {});
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].name, "v6.6.5");
  EXPECT_EQ(t[0].commit, repo.resolve("linux-6.6.y"));
  EXPECT_EQ(t[0].derived_from, "X-stable-base: Linux 6.6.5");
  // A release the repository lacks falls back to HEAD.
  p.stable_base = "Linux 6.6.99";
  EXPECT_EQ(target_branches(p, repo, {})[0].name, "HEAD");
}

TEST_F(SyntheticHistory, default_repository_is_the_kernel_tree_around_us) {
  if (m_c3.size() != 40) GTEST_SKIP() << "git is needed to build the synthetic repository";
  if (!sh("git config --global --get patchtriage.repo").empty())
    GTEST_SKIP() << "git config patchtriage.repo is set on this machine";
  EXPECT_EQ(Repository::find_default(m_dir), "");  // a repository, but not a kernel tree
  std::string g = "git -C '" + m_dir + "' -c user.name=T -c user.email=t@e ";
  sh("touch '" + m_dir + "/MAINTAINERS' '" + m_dir + "/Kconfig' && " + g +
     "add MAINTAINERS Kconfig && " + g + "commit -qm top");
  std::string found = Repository::find_default(m_dir + "/");
  EXPECT_EQ(fs::path(found).lexically_normal().string(),
            (fs::path(m_dir) / "").lexically_normal().string());
}

}  // namespace
}  // namespace pt

namespace pt {
namespace {

TEST(BranchPattern, names_and_reads_stable_branches) {
  EXPECT_EQ(branch_for(k_default_branch_pattern, 6, 12), "linux-6.12.y");
  EXPECT_EQ(version_of_branch(k_default_branch_pattern, "linux-6.12.y"),
            std::optional(std::make_pair(6, 12)));
  EXPECT_EQ(version_of_branch(k_default_branch_pattern, "linux-6.12.y-rc"), std::nullopt);
  EXPECT_EQ(version_of_branch(k_default_branch_pattern, "linux-6.y"), std::nullopt);
  EXPECT_EQ(version_of_branch("stable/{major}.{minor}", "stable/5.15"),
            std::optional(std::make_pair(5, 15)));
  EXPECT_EQ(version_of_branch("queue/{major}.{minor}", "stable/5.15"), std::nullopt);
}

TEST_F(SyntheticHistory, subject_range_maps_through_a_configured_branch_pattern) {
  if (m_c3.size() != 40) GTEST_SKIP() << "git is needed to build the synthetic repository";
  sh("git -C '" + m_dir + "' branch queue/6.6 linux-6.6.y");
  sh("git -C '" + m_dir + "' branch queue/6.12 linux-6.12.y");
  Patch p = mail("");
  Repository repo(m_dir);
  std::vector<BranchTarget> t = target_branches(p, repo, {}, "queue/{major}.{minor}");
  ASSERT_EQ(t.size(), 2u);  // AUTOSEL 6.12-6.1: queue/6.1 does not exist, so not listed
  EXPECT_EQ(t[0].name, "queue/6.12");
  EXPECT_EQ(t[1].name, "queue/6.6");
  // With no branch of the range the lowest one is reported missing, by the pattern.
  std::vector<BranchTarget> none = target_branches(p, repo, {}, "nope/{major}.{minor}");
  ASSERT_EQ(none.size(), 1u);
  EXPECT_EQ(none[0].name, "nope/6.1");
  EXPECT_FALSE(none[0].commit);
}

}  // namespace
}  // namespace pt
