// The history facts that need more history than the Debian fixture has, on a synthetic
// repository: 3-way apply, first release tag, already applied by patch-id, possible
// dependencies (blame), follow-up reverts, and the on-disk index cache.
#include "facts/history_index.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "facts/patch_facts.hpp"
#include "patch/patch_builder.hpp"
#include "test_support.hpp"

namespace pt {
namespace {

namespace fs = std::filesystem;
using test::sh;

// Twenty numbered lines, with line n replaced by `text` for each (n, text).
std::string lines(std::initializer_list<std::pair<int, const char*>> changes = {}) {
  std::string out;
  for (int i = 1; i <= 20; ++i) {
    std::string line = "line " + std::to_string(i);
    for (const auto& [n, text] : changes)
      if (n == i) line = text;
    out += line + "\n";
  }
  return out;
}

// mainline: c1 (base, tag v6.0) - c2 (renames a helper on line 4, tag v6.1-rc1)
//           - c3 (the fix: lines 5 and 11, one hunk) - c4 (unrelated, tag v6.1) - c5 (revert of c3)
// linux-6.0.y from c2: changes line 8 (between the fix's two changes) -> only --3way applies
// linux-6.1.y from c2: a copy of c3 (no upstream line), then line 14 changes
//                      -> the reverse no longer applies, the patch-id proves it is there
// linux-5.15.y from c1: lacks c2, whose line 4 is in the fix's preimage -> c2 is a
//                      possible dependency
class HistoryIndexTest : public testing::Test {
 protected:
  void SetUp() override {
    m_dir = (fs::temp_directory_path() / ("pt-hidx-" + std::to_string(::getpid()))).string();
    m_cache = m_dir + "-cache";
    fs::remove_all(m_dir);
    fs::remove_all(m_cache);
    m_git = "git -C '" + m_dir + "' -c user.name=T -c user.email=t@e ";
    sh("git init -q -b master '" + m_dir + "'");
    m_c1 = commit(lines(), "drv: add driver");
    sh(m_git + "tag v6.0");
    m_c2 = commit(lines({{4, "helper_v2()"}}), "drv: rename helper");
    sh(m_git + "tag -a v6.1-rc1 -m v6.1-rc1");  // annotated: peeled to its commit
    m_c3 = commit(lines({{4, "helper_v2()"}, {5, "fixed 5"}, {11, "fixed 11"}}),
                  "drv: fix two checks");
    m_diff = sh(m_git + "diff " + m_c2 + " " + m_c3);
    commit(lines({{4, "helper_v2()"}, {5, "fixed 5"}, {11, "fixed 11"}, {20, "tail"}}),
           "drv: unrelated");
    sh(m_git + "tag v6.1");
    m_c5 = commit(lines({{4, "helper_v2()"}, {20, "tail"}}),
                  "Revert \"drv: fix two checks\"\n\nThis reverts commit " + m_c3 + ".");
    sh(m_git + "tag v6.0.1 " + m_c1);  // a stable tag: never a first release tag
    sh(m_git + "checkout -q -b linux-6.0.y " + m_c2);
    commit(lines({{4, "helper_v2()"}, {8, "stable 8"}}), "drv: stable-only change");
    sh(m_git + "checkout -q -b linux-6.1.y " + m_c2);
    // The same change under another message (a cherry-pick in the same second would
    // recreate c3 itself).
    m_pick = commit(lines({{4, "helper_v2()"}, {5, "fixed 5"}, {11, "fixed 11"}}),
                    "drv: fix two checks\n\nPicked by hand.");
    commit(lines({{4, "helper_v2()"}, {5, "fixed 5"}, {11, "fixed 11"}, {14, "stable 14"}}),
           "drv: stable-only change near the fix");
    sh(m_git + "checkout -q -b linux-5.15.y " + m_c1);
    commit(lines({{18, "old 18"}}), "drv: old stable change");
    sh(m_git + "checkout -q master");
  }
  void TearDown() override {
    fs::remove_all(m_dir);
    fs::remove_all(m_cache);
  }

  std::string commit(const std::string& content, const std::string& msg) {
    std::ofstream(m_dir + "/drv.c") << content;
    sh(m_git + "add drv.c && " + m_git + "commit -qm '" + msg + "'");
    return sh(m_git + "rev-parse HEAD");
  }

  Patch mail() {
    RawMessage raw;
    raw.source = "test";
    raw.bytes = "From: Dev <dev@example.com>\nSubject: [PATCH] drv: fix two checks\n"
                "Message-ID: <fix@x>\n\ncommit " + m_c3 + " upstream.\n\nFix both.\n\n"
                "Signed-off-by: Dev <dev@example.com>\n---\n" + m_diff + "\n";
    return build_patch(raw, {});
  }

  bool have_git() const { return m_c5.size() == 40; }

  std::string m_dir, m_cache, m_git, m_c1, m_c2, m_c3, m_c5, m_pick, m_diff;
};

TEST_F(HistoryIndexTest, three_way_when_only_a_merge_from_the_index_blob_applies) {
  if (!have_git()) GTEST_SKIP() << "git is needed to build the synthetic repository";
  Patch p = mail();
  ASSERT_TRUE(p.is_patch);
  ASSERT_FALSE(p.diff.files[0].old_blob.empty());
  Repository repo(m_dir);
  FactCollector collector(repo, {"linux-6.0.y", "master"}, "", IndexCache());
  PatchFacts f = collector.collect(p);
  // linux-6.0.y changed line 8, inside the hunk: neither exact nor -C1 context matches,
  // but the merge from c2's blob keeps both changes (they are not adjacent).
  const ApplyResult& r = f.apply.by_branch.at("linux-6.0.y").forward;
  EXPECT_EQ(r.status, ApplyStatus::three_way);
  EXPECT_EQ(r.files.at(0).status, ApplyStatus::three_way);
  EXPECT_EQ(r.files.at(0).hunks.at(0).status, ApplyStatus::conflict);
  // On master the change is there already; the revert (c5) is on top: it applies again.
  EXPECT_EQ(f.apply.by_branch.at("master").forward.status, ApplyStatus::clean);

  // Without the preimage blob (another repository's index line) it stays a conflict.
  Patch foreign = p;
  foreign.diff.files[0].old_blob = "0123456";
  EXPECT_EQ(collector.collect(foreign).apply.by_branch.at("linux-6.0.y").forward.status,
            ApplyStatus::conflict);
}

TEST_F(HistoryIndexTest, first_release_tag_that_contains_the_upstream_commit) {
  if (!have_git()) GTEST_SKIP() << "git is needed to build the synthetic repository";
  Repository repo(m_dir);
  MainlineIndex index(repo, *repo.resolve("master"));
  EXPECT_EQ(index.first_tag(m_c1), std::optional<std::string>("v6.0"));
  EXPECT_EQ(index.first_tag(m_c2), std::optional<std::string>("v6.1-rc1"));
  EXPECT_EQ(index.first_tag(m_c3), std::optional<std::string>("v6.1"));
  EXPECT_EQ(index.first_tag(m_c5), std::nullopt);  // not released yet
  EXPECT_EQ(index.tag_commit("v6.0.1"), std::nullopt);

  FactCollector collector(repo, {"linux-6.1.y"}, "", IndexCache());
  PatchFacts f = collector.collect(mail());
  ASSERT_EQ(f.history.upstream.size(), 1u);
  EXPECT_EQ(f.history.upstream[0].first_tag, std::optional<std::string>("v6.1"));
}

TEST(ReleaseTagVersion, orders_release_candidates_before_releases) {
  EXPECT_LT(*release_tag_version("v6.1-rc7"), *release_tag_version("v6.1"));
  EXPECT_LT(*release_tag_version("v6.1"), *release_tag_version("v6.2-rc1"));
  EXPECT_LT(*release_tag_version("v2.6.39"), *release_tag_version("v3.0-rc1"));
  EXPECT_LT(*release_tag_version("v6.9"), *release_tag_version("v6.10-rc1"));
  EXPECT_FALSE(release_tag_version("v6.1.5"));
  EXPECT_FALSE(release_tag_version("v2.6.32.1"));
  EXPECT_FALSE(release_tag_version("deb-v6.1.192"));
  EXPECT_FALSE(release_tag_version("v6.1-rc"));
  EXPECT_FALSE(release_tag_version("v6"));
}

TEST_F(HistoryIndexTest, already_applied_by_patch_id_when_the_reverse_no_longer_applies) {
  if (!have_git()) GTEST_SKIP() << "git is needed to build the synthetic repository";
  Repository repo(m_dir);
  FactCollector collector(repo, {"linux-6.1.y", "linux-5.15.y"}, "", IndexCache());
  PatchFacts f = collector.collect(mail());
  EXPECT_FALSE(f.apply.by_branch.at("linux-6.1.y").already_applied);  // line 14 moved on
  EXPECT_FALSE(f.history.upstream_in_branch.count("linux-6.1.y"));    // no upstream line
  ASSERT_TRUE(f.history.patch_id_in_branch.count("linux-6.1.y"));
  EXPECT_EQ(f.history.patch_id_in_branch.at("linux-6.1.y"), m_pick);
  EXPECT_FALSE(f.history.patch_id_in_branch.count("linux-5.15.y"));
}

TEST_F(HistoryIndexTest, possible_dependencies_are_the_blamed_commits_the_branch_lacks) {
  if (!have_git()) GTEST_SKIP() << "git is needed to build the synthetic repository";
  Repository repo(m_dir);
  FactCollector collector(repo, {"linux-5.15.y", "linux-6.1.y"}, "", IndexCache());
  PatchFacts f = collector.collect(mail());
  EXPECT_EQ(f.apply.by_branch.at("linux-5.15.y").forward.status, ApplyStatus::conflict);
  ASSERT_TRUE(f.prerequisites.count("linux-5.15.y"));
  const BranchPrerequisites& pre = f.prerequisites.at("linux-5.15.y");
  EXPECT_EQ(pre.blamed_at, m_c2);  // the upstream commit's parent
  ASSERT_EQ(pre.commits.size(), 1u);
  EXPECT_EQ(pre.commits[0].commit, m_c2);
  EXPECT_EQ(pre.commits[0].title, "drv: rename helper");
  EXPECT_EQ(pre.commits[0].files, std::vector<std::string>{"drv.c"});
  EXPECT_EQ(pre.commits[0].lines, 1);
  // linux-6.1.y contains c2: nothing to list (and its apply fails for another reason).
  EXPECT_FALSE(f.prerequisites.count("linux-6.1.y") &&
               !f.prerequisites.at("linux-6.1.y").commits.empty());
}

TEST_F(HistoryIndexTest, follow_ups_include_reverts_and_survive_the_disk_cache) {
  if (!have_git()) GTEST_SKIP() << "git is needed to build the synthetic repository";
  Repository repo(m_dir);
  IndexCache cache(m_cache);
  std::vector<FollowUp> first;
  {
    FactCollector collector(repo, {"linux-6.1.y"}, "", cache);
    PatchFacts f = collector.collect(mail());
    first = f.history.follow_ups;
    EXPECT_EQ(f.history.patch_id_in_branch.at("linux-6.1.y"), m_pick);
  }
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].commit, m_c5);
  EXPECT_EQ(first[0].kind, "revert");
  EXPECT_EQ(first[0].title, "Revert \"drv: fix two checks\"");
  EXPECT_FALSE(first[0].in_branch.at("linux-6.1.y").present);
  // The indexes were written, keyed by the commits they describe ...
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(m_cache)) {
    std::string name = e.path().filename().string();
    EXPECT_TRUE(name.rfind("branch-", 0) == 0 || name.rfind("mainline", 0) == 0) << name;
    ++files;
  }
  // branch refs and patch-ids, mainline follow-ups, and which tip each was built for last
  EXPECT_EQ(files, 5u);
  // ... and a second run reads them back to the same facts.
  FactCollector again(repo, {"linux-6.1.y"}, "", cache);
  PatchFacts g = again.collect(mail());
  ASSERT_EQ(g.history.follow_ups.size(), 1u);
  EXPECT_EQ(g.history.follow_ups[0].commit, m_c5);
  EXPECT_EQ(g.history.follow_ups[0].title, first[0].title);
  EXPECT_EQ(g.history.patch_id_in_branch.at("linux-6.1.y"), m_pick);
}

TEST(IndexCacheTest, ignores_files_of_another_format_and_disabled_caches) {
  fs::path dir = fs::temp_directory_path() / ("pt-cache-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  IndexCache cache(dir.string());
  EXPECT_EQ(cache.load("x.refs"), std::nullopt);
  cache.store("x.refs", "C abc\n");
  EXPECT_EQ(cache.load("x.refs"), std::optional<std::string>("C abc\n"));
  std::ofstream(dir / "y.refs") << "something else\nC abc\n";
  EXPECT_EQ(cache.load("y.refs"), std::nullopt);
  IndexCache off;
  off.store("x.refs", "C abc\n");
  EXPECT_EQ(off.load("x.refs"), std::nullopt);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace pt

namespace pt {
namespace {

TEST_F(HistoryIndexTest, indexes_of_a_moved_tip_reuse_the_previous_ones) {
  if (!have_git()) GTEST_SKIP() << "git is needed to build the synthetic repository";
  IndexCache cache(m_cache);
  {
    Repository repo(m_dir);
    MainlineIndex m(repo, *repo.resolve("master"), cache);
    BranchIndex b(repo, *repo.resolve("linux-6.1.y"), *repo.resolve("master"), cache);
    EXPECT_EQ(b.commit_with_patch_id(*repo.patch_id_of_commit(m_pick)), m_pick);
  }
  // Mainline gets a fix of c2; the branch gets a backport naming it.
  std::string fix = commit(lines({{4, "helper_v3()"}, {20, "tail"}}),
                           "drv: fix rename\n\nFixes: " + m_c2.substr(0, 12) + " (\"drv: rename helper\")");
  sh(m_git + "checkout -q linux-6.1.y");
  std::string back = commit(lines({{4, "helper_v2()"}, {5, "fixed 5"}, {11, "fixed 11"}, {14, "stable 14"},
                                   {16, "stable 16"}}),
                            "drv: backport\n\ncommit " + fix + " upstream.");
  sh(m_git + "checkout -q master");
  Repository repo(m_dir);
  MainlineIndex m(repo, *repo.resolve("master"), cache);
  BranchIndex b(repo, *repo.resolve("linux-6.1.y"), *repo.resolve("master"), cache);
  // Old and new entries both answer, and the counts add up.
  ASSERT_EQ(m.follow_ups_of(m_c2).size(), 1u);
  EXPECT_EQ(m.follow_ups_of(m_c2)[0].commit, fix);
  ASSERT_EQ(m.follow_ups_of(m_c3).size(), 1u);
  EXPECT_EQ(m.follow_ups_of(m_c3)[0].commit, m_c5);
  EXPECT_EQ(m.commits(), 6u);
  EXPECT_EQ(b.backport_of(fix), back);
  EXPECT_EQ(b.commits(), 3u);  // the copy of c3, the stable change, the backport
  EXPECT_EQ(b.commit_with_patch_id(*repo.patch_id_of_commit(m_pick)), m_pick);
  EXPECT_EQ(b.commit_with_patch_id(*repo.patch_id_of_commit(back)), back);
  // A mail of c2 learns of the fix, and that linux-6.1.y carries it as a backport while
  // linux-6.0.y does not.
  RawMessage raw;
  raw.source = "test";
  raw.bytes = "From: Dev <dev@example.com>\nSubject: [PATCH] drv: rename helper\nMessage-ID: <c2@x>\n\n"
              "commit " + m_c2 + " upstream.\n\nSigned-off-by: Dev <dev@example.com>\n---\n" +
              sh(m_git + "diff " + m_c1 + " " + m_c2) + "\n";
  FactCollector collector(repo, {"linux-6.1.y", "linux-6.0.y"}, "", IndexCache());
  PatchFacts f = collector.collect(build_patch(raw, {}));
  ASSERT_EQ(f.history.follow_ups.size(), 1u);
  EXPECT_EQ(f.history.follow_ups[0].commit, fix);
  EXPECT_TRUE(f.history.follow_ups[0].in_branch.at("linux-6.1.y").present);
  EXPECT_EQ(f.history.follow_ups[0].in_branch.at("linux-6.1.y").how, "backport");
  EXPECT_EQ(f.history.follow_ups[0].in_branch.at("linux-6.1.y").commit, back);
  EXPECT_FALSE(f.history.follow_ups[0].in_branch.at("linux-6.0.y").present);
  // Built fresh, without the cache, the same answers.
  MainlineIndex fresh(repo, *repo.resolve("master"));
  EXPECT_EQ(fresh.commits(), 6u);
  EXPECT_EQ(fresh.follow_ups_of(m_c2).size(), 1u);
}

}  // namespace
}  // namespace pt
