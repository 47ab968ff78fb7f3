// The in-memory apply check: git's multi-hunk apply fixtures (t4109, t4110: stale line
// numbers, a patch that reverts the previous one) and focused cases.
#include "repo/apply_check.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace pt {
namespace {

namespace fs = std::filesystem;

// Applies the patches in order to an initially empty tree held in memory.
std::map<std::string, std::string> apply_sequence(const std::vector<fs::path>& patches,
                                                  ApplyStatus& worst) {
  std::map<std::string, std::string> tree;
  worst = ApplyStatus::clean;
  for (const auto& file : patches) {
    Diff d = parse_diff(test::read_file(file));
    std::map<std::string, std::optional<std::string>> out;
    ApplyResult r = check_apply(
        d,
        [&](const std::string& path) -> std::optional<std::string> {
          auto it = tree.find(path);
          if (it == tree.end()) return std::nullopt;
          return it->second;
        },
        false, &out);
    if (r.status != ApplyStatus::clean && r.status != ApplyStatus::offset) worst = r.status;
    for (auto& [path, bytes] : out) {
      if (bytes) tree[path] = *bytes;
      else tree.erase(path);
    }
  }
  return tree;
}

struct SequenceCase {
  std::string dir;
  std::vector<std::string> patches;
  std::string file, expect;
};

void PrintTo(const SequenceCase& c, std::ostream* os) { *os << c.dir << "/" << c.expect; }

class GitApplyFixtures : public testing::TestWithParam<SequenceCase> {};

TEST_P(GitApplyFixtures, sequence_gives_git_result) {
  REQUIRE_CORPUS();
  const SequenceCase& c = GetParam();
  fs::path dir = test::corpus_dir() / "git-t5100/t" / c.dir;
  std::vector<fs::path> files;
  for (const auto& p : c.patches) files.push_back(dir / p);
  ApplyStatus worst;
  auto tree = apply_sequence(files, worst);
  EXPECT_TRUE(worst == ApplyStatus::clean || worst == ApplyStatus::offset) << to_string(worst);
  EXPECT_EQ(tree[c.file], test::read_file(dir / c.expect));
}

INSTANTIATE_TEST_SUITE_P(
    Git, GitApplyFixtures,
    testing::Values(
        SequenceCase{"t4109", {"patch1.patch", "patch2.patch"}, "main.c", "expect-1"},
        SequenceCase{"t4109", {"patch1.patch", "patch2.patch", "patch3.patch"}, "main.c", "expect-2"},
        SequenceCase{"t4109", {"patch1.patch", "patch4.patch"}, "main.c", "expect-3"},
        SequenceCase{"t4110",
                     {"patch1.patch", "patch2.patch", "patch3.patch", "patch4.patch", "patch5.patch"},
                     "new.txt", "expect"}),
    [](const auto& info) { return info.param.dir + "_" + std::to_string(info.index); });

Diff one_hunk(const std::string& body) {
  return parse_diff("diff --git a/f b/f\n--- a/f\n+++ b/f\n" + body);
}

FileReader reader(const std::string& content) {
  return [content](const std::string& path) -> std::optional<std::string> {
    if (path == "f") return content;
    return std::nullopt;
  };
}

TEST(ApplyCheck, offset_is_found_and_reported) {
  Diff d = one_hunk("@@ -2,3 +2,3 @@\n b\n-c\n+C\n d\n");
  ApplyResult r = check_apply(d, reader("x\ny\na\nb\nc\nd\ne\n"), false);
  EXPECT_EQ(r.status, ApplyStatus::offset);
  ASSERT_EQ(r.files[0].hunks.size(), 1u);
  EXPECT_EQ(r.files[0].hunks[0].offset, 2);
}

// git's find_pos: the nearest place wins, and forward wins a tie; a place whose first
// line matches but whose later lines do not is passed over.
TEST(ApplyCheck, nearest_match_wins_and_forward_wins_a_tie) {
  Diff d = one_hunk("@@ -4,3 +4,3 @@\n b\n-c\n+C\n d\n");
  //                       1  2  3  4  5  6  7  8  9  10
  const std::string tie = "b\nc\nd\nx\nx\nx\nb\nc\nd\nz\n";  // stated line 4: -3 and +3
  ApplyResult r = check_apply(d, reader(tie), false);
  ASSERT_EQ(r.status, ApplyStatus::offset);
  EXPECT_EQ(r.files[0].hunks[0].applied_line, 7);
  const std::string nearer_back = "x\nb\nc\nd\nx\nx\nx\nb\nc\nd\n";  // -2 and +4
  r = check_apply(d, reader(nearer_back), false);
  EXPECT_EQ(r.files[0].hunks[0].applied_line, 2);
  const std::string false_start = "x\nx\nx\nb\nc\nX\nx\nx\nb\nc\nd\n";  // at 4 only "b c"
  r = check_apply(d, reader(false_start), false);
  EXPECT_EQ(r.files[0].hunks[0].applied_line, 9);
  EXPECT_EQ(check_apply(d, reader("x\nb\nc\n"), false).status, ApplyStatus::conflict);
}

TEST(ApplyCheck, files_are_read_once_for_every_check_of_a_patch) {
  Diff d = one_hunk("@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
  int reads = 0;
  TargetFiles files([&](const std::string& path) -> std::optional<std::string> {
    ++reads;
    return path == "f" ? std::optional<std::string>("a\nb\nc\n") : std::nullopt;
  });
  EXPECT_EQ(check_apply(d, files, false).status, ApplyStatus::clean);
  EXPECT_EQ(check_apply(d, files, true).status, ApplyStatus::conflict);
  EXPECT_EQ(check_apply(d, files, false, nullptr, 1).status, ApplyStatus::clean);
  EXPECT_EQ(files.reader()("f"), "a\nb\nc\n");
  EXPECT_EQ(reads, 1);
}

// A patch larger than the budget: its files are read again by each check, and a file a
// check changed stays alive for the later file diffs of that check (ASan would see it go).
TEST(ApplyCheck, files_over_the_budget_are_read_again_and_kept_while_used) {
  Diff d = parse_diff(
      "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"
      "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-B\n+X\n c\n");
  int reads = 0;
  TargetFiles files(
      [&](const std::string& path) -> std::optional<std::string> {
        ++reads;
        return path == "f" ? std::optional<std::string>(std::string("a\nb\nc\n")) : std::nullopt;
      },
      0);
  std::map<std::string, std::optional<std::string>> out;
  EXPECT_EQ(check_apply(d, files, false, &out).status, ApplyStatus::clean);
  EXPECT_EQ(out["f"], "a\nX\nc\n");
  EXPECT_EQ(check_apply(d, files, true).status, ApplyStatus::conflict);
  EXPECT_EQ(reads, 3);  // forward: once (the second diff sees the first's result); reverse: twice
}

// Without `contents`, a file a check changed keeps its new lines only while a later file
// diff of the patch reads it; the others keep only that they exist.
TEST(ApplyCheck, later_file_diffs_see_what_earlier_ones_did_to_a_file) {
  auto files = [](const std::string& path) -> std::optional<std::string> {
    if (path == "f") return std::string("a\nb\nc\n");
    if (path == "g") return std::string("x\n");
    return std::nullopt;
  };
  // f changed twice, the second diff on the first's result; g changed, then created again.
  Diff twice = parse_diff(
      "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"
      "diff --git a/g b/g\n--- a/g\n+++ b/g\n@@ -1 +1 @@\n-x\n+y\n"
      "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-B\n+X\n c\n"
      "diff --git a/g b/g\nnew file mode 100644\n--- /dev/null\n+++ b/g\n@@ -0,0 +1 @@\n+z\n");
  ApplyResult r = check_apply(twice, files, false);
  ASSERT_EQ(r.files.size(), 4u);
  EXPECT_EQ(r.files[0].status, ApplyStatus::clean);
  EXPECT_EQ(r.files[1].status, ApplyStatus::clean);
  EXPECT_EQ(r.files[2].status, ApplyStatus::clean);  // saw B, which only the first diff wrote
  EXPECT_EQ(r.files[3].status, ApplyStatus::already_exists);
  // A file changed, then removed: the removal must see the changed lines.
  Diff removed = parse_diff(
      "diff --git a/g b/g\n--- a/g\n+++ b/g\n@@ -1 +1 @@\n-x\n+y\n"
      "diff --git a/g b/g\ndeleted file mode 100644\n--- a/g\n+++ /dev/null\n@@ -1 +0,0 @@\n-y\n");
  EXPECT_EQ(check_apply(removed, files, false).status, ApplyStatus::clean);
  Diff removal_alone = parse_diff(
      "diff --git a/g b/g\ndeleted file mode 100644\n--- a/g\n+++ /dev/null\n@@ -1 +0,0 @@\n-y\n");
  EXPECT_EQ(check_apply(removal_alone, files, false).status, ApplyStatus::conflict);
}

TEST(ApplyCheck, conflict_names_the_first_missing_line) {
  Diff d = one_hunk("@@ -2,3 +2,3 @@\n b\n-c\n+C\n d\n");
  ApplyResult r = check_apply(d, reader("a\nb\nX\nd\n"), false);
  EXPECT_EQ(r.status, ApplyStatus::conflict);
  EXPECT_EQ(r.files[0].hunks[0].first_mismatch, "c");
}

TEST(ApplyCheck, reverse_of_an_applied_patch_is_clean) {
  Diff d = one_hunk("@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
  EXPECT_EQ(check_apply(d, reader("a\nB\nc\n"), true).status, ApplyStatus::clean);
  EXPECT_EQ(check_apply(d, reader("a\nB\nc\n"), false).status, ApplyStatus::conflict);
}

TEST(ApplyCheck, hunk_without_trailing_context_must_match_at_the_end) {
  Diff d = one_hunk("@@ -2,2 +2,3 @@\n a\n b\n+c\n");
  EXPECT_EQ(check_apply(d, reader("x\na\nb\n"), false).status, ApplyStatus::clean);
  EXPECT_EQ(check_apply(d, reader("x\na\nb\ny\n"), false).status, ApplyStatus::conflict);
}

TEST(ApplyCheck, drifted_outer_context_applies_only_with_reduced_context) {
  // git's t4252 am-test-2: the first context line "One" is "1" in the file.
  const std::string file = "1\n2\n3\n4\n5\n6\n7\n";
  Diff d = one_hunk("@@ -1,7 +1,7 @@\n One\n 2\n 3\n-4\n+Four\n 5\n 6\n 7\n");
  EXPECT_EQ(check_apply(d, reader(file), false).status, ApplyStatus::conflict);
  ApplyResult r = check_apply(d, reader(file), false, nullptr, 1);
  EXPECT_EQ(r.status, ApplyStatus::reduced_context);
  // A changed line itself never matches by reduction ("Tres" is not in the file).
  Diff wrong = one_hunk("@@ -1,7 +1,7 @@\n 1\n 2\n 3\n-Tres\n+Three\n 5\n 6\n 7\n");
  EXPECT_EQ(check_apply(wrong, reader(file), false, nullptr, 1).status, ApplyStatus::conflict);
}

TEST(ApplyCheck, missing_and_existing_files) {
  Diff modify = one_hunk("@@ -1 +1 @@\n-a\n+b\n");
  FileReader none = [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
  EXPECT_EQ(check_apply(modify, none, false).status, ApplyStatus::missing_file);
  Diff create = parse_diff("diff --git a/f b/f\nnew file mode 100644\n--- /dev/null\n+++ b/f\n@@ -0,0 +1 @@\n+a\n");
  EXPECT_EQ(check_apply(create, none, false).status, ApplyStatus::clean);
  EXPECT_EQ(check_apply(create, reader("a\n"), false).status, ApplyStatus::already_exists);
  // Reversed, a creation is a deletion of exactly that content.
  EXPECT_EQ(check_apply(create, reader("a\n"), true).status, ApplyStatus::clean);
  EXPECT_EQ(check_apply(create, reader("a\nb\n"), true).status, ApplyStatus::conflict);
}

TEST(ApplyCheck, no_newline_at_end_of_file_must_match) {
  Diff d = one_hunk("@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n");
  EXPECT_EQ(check_apply(d, reader("a\nb"), false).status, ApplyStatus::clean);
  EXPECT_EQ(check_apply(d, reader("a\nb\n"), false).status, ApplyStatus::conflict);
}

// git apply (verify_path, path_is_beyond_symlink): names that would leave the tree or write
// into .git are refused, after the existence checks; a symlink itself is content.
TEST(ApplyCheck, names_git_refuses_are_invalid_paths) {
  FileReader none = [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
  auto create = [](const std::string& name, const char* mode = "100644") {
    return parse_diff("diff --git a/" + name + " b/" + name + "\nnew file mode " + mode +
                      "\n--- /dev/null\n+++ b/" + name + "\n@@ -0,0 +1 @@\n+x\n");
  };
  for (const char* name : {"../etc/passwd", "a/../../b", "./a", ".git/config", "a/.GiT/hooks/x"}) {
    ApplyResult r = check_apply(create(name), none, false);
    EXPECT_EQ(r.status, ApplyStatus::invalid_path) << name;
    ASSERT_EQ(r.files.size(), 1u);
    EXPECT_NE(r.files[0].detail.find("which git apply refuses"), std::string::npos);
  }
  EXPECT_EQ(check_apply(create(".gitmodules", "120000"), none, false).status,
            ApplyStatus::invalid_path);
  for (const char* name : {".gitignore", "a/.git-x", "..a", "a..b/c", ".gitmodules"})
    EXPECT_EQ(check_apply(create(name), none, false).status, ApplyStatus::clean) << name;
  // A missing file is reported as missing first, as git does.
  Diff modify = parse_diff("--- a/.git/x\n+++ b/.git/x\n@@ -1 +1 @@\n-a\n+b\n");
  EXPECT_EQ(check_apply(modify, none, false).status, ApplyStatus::missing_file);
  FileReader any = [](const std::string&) -> std::optional<std::string> { return "a\n"; };
  EXPECT_EQ(check_apply(modify, any, false).status, ApplyStatus::invalid_path);
  // A symlink, then a file below it.
  Diff link = parse_diff("diff --git a/l b/l\nnew file mode 120000\n--- /dev/null\n+++ b/l\n"
                         "@@ -0,0 +1 @@\n+/etc\n\\ No newline at end of file\n"
                         "diff --git a/l/passwd b/l/passwd\nnew file mode 100644\n--- /dev/null\n"
                         "+++ b/l/passwd\n@@ -0,0 +1 @@\n+x\n");
  ApplyResult r = check_apply(link, none, false);
  ASSERT_EQ(r.files.size(), 2u);
  EXPECT_EQ(r.files[0].status, ApplyStatus::clean);
  EXPECT_EQ(r.files[1].status, ApplyStatus::invalid_path);
  EXPECT_EQ(r.files[1].detail, "is beyond a symbolic link (l, created by an earlier file of the "
                               "patch), which git apply refuses");
}

}  // namespace
}  // namespace pt
