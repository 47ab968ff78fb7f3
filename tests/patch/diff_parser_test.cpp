// tests: parse_diff() against hand-made diffs and git's own numbers on the shared corpus
// (git apply --numstat / --stat outputs recorded with git 2.39.5).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "patch/diff.hpp"
#include "patch/diff_paths.hpp"

namespace pt {
namespace {

namespace fs = std::filesystem;

#define REQUIRE_SHARED_CORPUS()                                                         \
  do {                                                                                  \
    if (!fs::is_directory(corpus_root()))                                               \
      GTEST_SKIP() << "shared corpus not found at " << corpus_root().string();          \
  } while (0)

fs::path corpus_root() { return fs::path(PATCHTRIAGE_SHARED) / "corpus"; }

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<fs::path> files_matching(const fs::path& dir, const std::string& suffix,
                                     const std::string& contains = "") {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (name.size() >= suffix.size() && name.ends_with(suffix) &&
        name.find(contains) != std::string::npos)
      out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The name git apply --numstat prints: the new name, else the old one.
std::string shown_path(const FileDiff& f) { return f.new_path.empty() ? f.old_path : f.new_path; }

// One numstat row; -1 counts mean "binary" ("-" in git's output).
struct NumstatRow {
  int added = 0, deleted = 0;
  std::string path;
};

// `git show --numstat` writes renames as "old => new" or "dir/{old => new}/rest";
// git apply names the new path only.
std::string new_side_of_rename(const std::string& path) {
  size_t arrow = path.find(" => ");
  if (arrow == std::string::npos) return path;
  size_t open = path.find('{'), close = path.find('}');
  if (open != std::string::npos && close != std::string::npos && open < arrow && arrow < close)
    return path.substr(0, open) + path.substr(arrow + 4, close - arrow - 4) +
           path.substr(close + 1);
  return path.substr(arrow + 4);
}

std::vector<NumstatRow> read_numstat(const fs::path& path) {
  std::vector<NumstatRow> rows;
  for (const std::string& line : split_lines(slurp(path))) {
    if (line.empty()) continue;
    size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
    NumstatRow row;
    std::string a = line.substr(0, t1), d = line.substr(t1 + 1, t2 - t1 - 1);
    row.added = a == "-" ? -1 : std::stoi(a);
    row.deleted = d == "-" ? -1 : std::stoi(d);
    row.path = new_side_of_rename(line.substr(t2 + 1));
    rows.push_back(row);
  }
  return rows;
}

void expect_numstat(const Diff& diff, const std::vector<NumstatRow>& rows) {
  EXPECT_EQ(diff.error, "");
  ASSERT_EQ(diff.files.size(), rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    SCOPED_TRACE(rows[i].path);
    const FileDiff& f = diff.files[i];
    EXPECT_EQ(shown_path(f), rows[i].path);
    if (rows[i].added < 0) {
      EXPECT_TRUE(f.binary);
      EXPECT_EQ(f.insertions, 0);
      EXPECT_EQ(f.deletions, 0);
    } else {
      EXPECT_FALSE(f.binary);
      EXPECT_EQ(f.insertions, rows[i].added);
      EXPECT_EQ(f.deletions, rows[i].deleted);
    }
  }
}

// ---------------------------------------------------------------- hand-made diffs

TEST(DiffPaths, runs_of_slashes_in_a_name_become_one) {
  namespace dp = diff_paths;
  EXPECT_EQ(dp::find_name("a/x//y///z\tstamp", nullptr, 1, dp::term_tab), "x/y/z");
  EXPECT_EQ(dp::find_name("a/x/y/z", nullptr, 1, dp::term_tab), "x/y/z");
  EXPECT_EQ(dp::find_name("a/dir//", nullptr, 1, dp::term_tab), "dir/");
}

TEST(DiffParser, reads_git_diff_header_hunk_numbers_and_lines) {
  Diff d = parse_diff(
      "diff --git a/src/x.c b/src/x.c\n"
      "index 1234567..89abcde 100644\n"
      "--- a/src/x.c\n"
      "+++ b/src/x.c\n"
      "@@ -10,3 +10,4 @@ int main(void)\n"
      " a\n"
      "-b\n"
      "+c\n"
      "+d\n"
      " e\n");
  ASSERT_EQ(d.error, "");
  ASSERT_EQ(d.files.size(), 1u);
  const FileDiff& f = d.files[0];
  EXPECT_EQ(f.old_path, "src/x.c");
  EXPECT_EQ(f.new_path, "src/x.c");
  EXPECT_EQ(f.status, FileStatus::modified);
  EXPECT_EQ(f.old_blob, "1234567");
  EXPECT_EQ(f.new_blob, "89abcde");
  EXPECT_EQ(f.old_mode, "100644");
  EXPECT_EQ(f.new_mode, "100644");
  EXPECT_EQ(f.insertions, 2);
  EXPECT_EQ(f.deletions, 1);
  ASSERT_EQ(f.hunks.size(), 1u);
  const Hunk& h = f.hunks[0];
  EXPECT_EQ(h.old_start, 10);
  EXPECT_EQ(h.old_count, 3);
  EXPECT_EQ(h.new_start, 10);
  EXPECT_EQ(h.new_count, 4);
  EXPECT_EQ(h.section, "int main(void)");
  EXPECT_EQ(h.line_in_patch, 5);
  EXPECT_EQ(h.lines, (std::vector<std::string>{" a", "-b", "+c", "+d", " e"}));
  EXPECT_EQ(d.hunk_lines, 5);
  EXPECT_EQ(d.insertions, 2);
  EXPECT_EQ(d.deletions, 1);
}

// The hunks of a diff keep their lines in one shared buffer: a hunk copied as written, one
// rebuilt line by line (a bare empty line is " "), a second file's hunk with the marker
// line and no final newline; the lines stay valid in a copy that outlives the parse, and
// a corrupt hunk after them leaves theirs as they were.
TEST(DiffParser, hunks_share_one_buffer_and_outlive_the_parse) {
  const std::string text =
      "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n"
      "@@ -10,3 +10,3 @@ f()\n x\n\n-y\n+z\n"
      "diff --git a/w b/w\n--- a/w\n+++ b/w\n@@ -1 +1 @@\n-p\n+q\n\\ No newline at end of file";
  Diff copy;
  {
    Diff d = parse_diff(text);
    ASSERT_EQ(d.error, "");
    copy = d;
  }
  ASSERT_EQ(copy.files.size(), 2u);
  ASSERT_EQ(copy.files[0].hunks.size(), 2u);
  EXPECT_EQ(copy.files[0].hunks[0].lines, (std::vector<std::string>{" a", "-b", "+c"}));
  EXPECT_EQ(copy.files[0].hunks[1].lines, (std::vector<std::string>{" x", " ", "-y", "+z"}));
  EXPECT_EQ(copy.files[1].hunks[0].lines,
            (std::vector<std::string>{"-p", "+q", "\\ No newline at end of file"}));
  EXPECT_EQ(copy.files[1].hunks[0].lines.back(), "\\ No newline at end of file");

  Diff broken = parse_diff("--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n@@ -5,2 +5,2 @@\n-d\n?\n");
  EXPECT_NE(broken.error, "");
  ASSERT_EQ(broken.files.size(), 1u);
  ASSERT_EQ(broken.files[0].hunks.size(), 1u);
  EXPECT_EQ(broken.files[0].hunks[0].lines, (std::vector<std::string>{" a", "-b", "+c"}));
}

TEST(DiffParser, missing_hunk_count_means_one) {
  Diff d = parse_diff("diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -3 +3 @@\n-a\n+b\n");
  ASSERT_EQ(d.error, "");
  ASSERT_EQ(d.files.at(0).hunks.size(), 1u);
  EXPECT_EQ(d.files[0].hunks[0].old_count, 1);
  EXPECT_EQ(d.files[0].hunks[0].new_count, 1);
  EXPECT_EQ(d.files[0].hunks[0].old_start, 3);
}

TEST(DiffParser, lines_beyond_the_header_counts_are_not_part_of_the_hunk) {
  std::string diff = "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n";
  Diff d = parse_diff(diff + "+looks like an addition\n");
  ASSERT_EQ(d.error, "");
  EXPECT_EQ(d.files.at(0).insertions, 1);
  EXPECT_EQ(d.files[0].hunks.at(0).lines.size(), 3u);
  EXPECT_EQ(d.text(), diff);
}

TEST(DiffParser, bare_newline_in_a_hunk_is_an_empty_context_line) {
  Diff d = parse_diff("diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n\n-b\n+c\n");
  ASSERT_EQ(d.error, "");
  EXPECT_EQ(d.files.at(0).hunks.at(0).lines,
            (std::vector<std::string>{" a", " ", "-b", "+c"}));
  EXPECT_EQ(d.hunk_lines, 4);
}

// The hunk's lines are copied in one piece when they stand in the text as kept; a last
// marker without its newline (the end of the text) and a bare empty line are not.
TEST(DiffParser, hunk_lines_are_the_same_however_they_are_copied) {
  const std::string head = "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n";
  for (std::string tail : {std::string("\\ No newline at end of file\n"),
                           std::string("\\ No newline at end of file")}) {
    Diff d = parse_diff(head + " a\n-b\n+c\n" + tail);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.files.at(0).hunks.at(0).lines,
              (std::vector<std::string>{" a", "-b", "+c", "\\ No newline at end of file"}));
  }
  Diff bare = parse_diff(head + "\n-b\n+c\n\\ No newline at end of file");
  ASSERT_EQ(bare.error, "");
  EXPECT_EQ(bare.files.at(0).hunks.at(0).lines,
            (std::vector<std::string>{" ", "-b", "+c", "\\ No newline at end of file"}));
  EXPECT_EQ(bare.files[0].hunks[0].lines.back(), "\\ No newline at end of file");
}

TEST(DiffParser, no_newline_markers_belong_to_the_hunk_but_are_not_counted) {
  Diff d = parse_diff(
      "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n"
      "+b\n\\ No newline at end of file\n"
      "diff --git a/g b/g\n--- a/g\n+++ b/g\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n");
  ASSERT_EQ(d.error, "");
  ASSERT_EQ(d.files.size(), 2u);
  EXPECT_EQ(d.files[0].hunks.at(0).lines,
            (std::vector<std::string>{"-a", "\\ No newline at end of file", "+b",
                                      "\\ No newline at end of file"}));
  EXPECT_EQ(d.files[0].insertions, 1);
  EXPECT_EQ(d.files[0].deletions, 1);
  EXPECT_EQ(d.hunk_lines, 5);
}

TEST(DiffParser, new_empty_file_with_spaces_in_its_name_has_no_hunks) {
  Diff d = parse_diff(
      "diff --git a/foo bar b/foo bar\nnew file mode 100644\nindex 0000000..e69de29\n");
  ASSERT_EQ(d.error, "");
  ASSERT_EQ(d.files.size(), 1u);
  EXPECT_EQ(d.files[0].old_path, "");
  EXPECT_EQ(d.files[0].new_path, "foo bar");
  EXPECT_EQ(d.files[0].status, FileStatus::added);
  EXPECT_EQ(d.files[0].new_mode, "100644");
  EXPECT_TRUE(d.files[0].hunks.empty());
}

TEST(DiffParser, pure_rename_copy_and_mode_change_are_files_without_counts) {
  Diff d = parse_diff(
      "diff --git a/a b/b\nsimilarity index 100%\nrename from a\nrename to b\n"
      "diff --git a/c b/d\nsimilarity index 90%\ncopy from c\ncopy to d\n--- a/c\n+++ b/d\n"
      "@@ -1,3 +1,3 @@\n 1\n-2\n+3\n 4\n"
      "diff --git a/m b/m\nold mode 100644\nnew mode 100755\n");
  ASSERT_EQ(d.error, "");
  ASSERT_EQ(d.files.size(), 3u);
  EXPECT_EQ(d.files[0].status, FileStatus::renamed);
  EXPECT_EQ(d.files[0].old_path, "a");
  EXPECT_EQ(d.files[0].new_path, "b");
  EXPECT_EQ(d.files[0].similarity, 100);
  EXPECT_EQ(d.files[1].status, FileStatus::copied);
  EXPECT_EQ(d.files[1].old_path, "c");
  EXPECT_EQ(d.files[1].new_path, "d");
  EXPECT_EQ(d.files[1].similarity, 90);
  EXPECT_EQ(d.files[1].insertions, 1);
  EXPECT_EQ(d.files[2].status, FileStatus::mode_changed);
  EXPECT_EQ(d.files[2].old_mode, "100644");
  EXPECT_EQ(d.files[2].new_mode, "100755");
  EXPECT_STREQ(to_string(d.files[2].status), "mode_changed");
}

TEST(DiffParser, quoted_c_style_names_are_unquoted) {
  Diff d = parse_diff(
      "diff --git \"a/x\\ty\" \"b/x\\ty\"\nindex 1..2 100644\n--- \"a/x\\ty\"\n+++ \"b/x\\ty\"\n"
      "@@ -1 +1 @@\n-a\n+b\n"
      "diff --git \"a/f\\303\\251\" \"b/f\\303\\251\"\nnew file mode 100644\n"
      "index 0000000..e69de29\n");
  ASSERT_EQ(d.error, "");
  ASSERT_EQ(d.files.size(), 2u);
  EXPECT_EQ(d.files[0].new_path, "x\ty");
  EXPECT_EQ(d.files[1].new_path, "f\xc3\xa9");
}

TEST(DiffParser, traditional_headers_drop_timestamps_and_guess_p0) {
  Diff d = parse_diff(
      "diff -u foo.c.orig foo.c\n"
      "--- foo.c.orig\t2010-07-05 19:41:17.620000023 -0500\n"
      "+++ foo.c\t2010-07-05 19:41:17.620000023 -0500\n"
      "@@ -1,2 +1,2 @@\n a\n-b\n+c\n");
  ASSERT_EQ(d.error, "");
  ASSERT_EQ(d.files.size(), 1u);
  // No '/' in either name: git switches to -p0, and prefers the shorter name.
  EXPECT_EQ(d.files[0].new_path, "foo.c");
  EXPECT_EQ(d.files[0].old_path, "foo.c");
}

TEST(DiffParser, quilt_index_lines_and_other_prefixes_strip_one_component) {
  Diff d = parse_diff(
      "Index: dir/foo.c\n"
      "===================================================================\n"
      "--- dir.orig/foo.c\n+++ dir/foo.c\n@@ -1,2 +1,3 @@\n a\n+x\n b\n");
  ASSERT_EQ(d.error, "");
  ASSERT_EQ(d.files.size(), 1u);
  EXPECT_EQ(d.files[0].new_path, "foo.c");
  EXPECT_EQ(d.files[0].insertions, 1);
}

TEST(DiffParser, dev_null_and_epoch_timestamps_mark_created_and_deleted_files) {
  Diff created = parse_diff(
      "--- /dev/null\t1970-01-01 00:00:00.000000000 +0000\n"
      "+++ b/new file.c\t2010-01-01 00:00:00.000000000 +0000\n@@ -0,0 +1 @@\n+x\n");
  ASSERT_EQ(created.error, "");
  EXPECT_EQ(created.files.at(0).status, FileStatus::added);
  EXPECT_EQ(created.files[0].new_path, "new file.c");
  Diff deleted = parse_diff(
      "--- a/old.c\t2010-01-01 00:00:00 +0100\n+++ b/old.c\t1970-01-01 01:00:00 +0100\n"
      "@@ -1 +0,0 @@\n-x\n");
  ASSERT_EQ(deleted.error, "");
  EXPECT_EQ(deleted.files.at(0).status, FileStatus::deleted);
  EXPECT_EQ(deleted.files[0].old_path, "old.c");
  EXPECT_EQ(deleted.files[0].new_path, "");
}

TEST(DiffParser, binary_patches_are_binary_with_zero_counts) {
  Diff d = parse_diff(
      "diff --git a/foo b/foo\n"
      "index 8352675d67aed6625ece79af41c27fdb4ee2e867..adf4a0d32a69a226920dd8273fab1700e3134473 "
      "100644\n"
      "GIT binary patch\nliteral 5\nMcmZQzWUi<H00DXc^#A|>\n\nliteral 3\nKcmZQzWC8#H2LJ>B\n\n"
      "diff --git a/g b/g\nindex 1..2\nBinary files a/g and b/g differ\n"
      "diff --git a/h b/h\n--- a/h\n+++ b/h\n@@ -1 +1 @@\n-a\n+b\n");
  ASSERT_EQ(d.error, "");
  ASSERT_EQ(d.files.size(), 3u);
  EXPECT_TRUE(d.files[0].binary);
  EXPECT_TRUE(d.files[1].binary);
  EXPECT_FALSE(d.files[2].binary);
  EXPECT_EQ(d.insertions, 1);
  EXPECT_EQ(d.deletions, 1);
}

TEST(DiffParser, corrupt_binary_block_ends_the_diff_like_git) {
  std::string text_hunk = "diff --git a/g b/g\n--- a/g\n+++ b/g\n@@ -1 +1 @@\n-a\n+b\n";
  std::string broken =
      "diff --git a/foo b/foo\nindex 8352675..adf4a0d 100644\nGIT binary patch\nliteral 5\n"
      "McmZQzWUi<H00DXd^#A|>\n\n";  // one base85 digit changed: the data no longer inflates
  // git drops the broken file silently and keeps the ones before it...
  Diff kept = parse_diff(text_hunk + broken);
  EXPECT_EQ(kept.error, "");
  ASSERT_EQ(kept.files.size(), 1u);
  EXPECT_EQ(kept.text(), text_hunk);
  // ...but with nothing before it there is no valid patch at all.
  Diff none = parse_diff(broken);
  EXPECT_EQ(none.error, "line 6: corrupt binary patch");
  EXPECT_TRUE(none.files.empty());
  // A data line git rejects by itself (no length letter, a length that does not fit) is
  // the line named; a block cut off before its blank line names the line after the end.
  const std::string head = "diff --git a/foo b/foo\nindex 8352675..adf4a0d 100644\nGIT binary patch\nliteral 5\n";
  EXPECT_EQ(parse_diff(head + "#cmZQzWUi<H00DXc^#A|>\n\n").error, "line 5: corrupt binary patch");
  EXPECT_EQ(parse_diff(head + "McmZQzWUi<H00DXc^#A|\n\n").error, "line 5: corrupt binary patch");
  EXPECT_EQ(parse_diff(head + "McmZQzWUi<H00DXc^#A|>\n").error, "line 6: corrupt binary patch");
  EXPECT_EQ(parse_diff(head + "McmZQzWUi<H00DXc^#A|>\n\n").error, "");
}

TEST(DiffParser, corrupt_hunk_sets_error_and_keeps_what_came_before) {
  Diff d = parse_diff(
      "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n"
      "diff --git a/g b/g\n--- a/g\n+++ b/g\n@@ -1,2 +1,2 @@\n-b\n+c\n");
  EXPECT_EQ(d.error, "line 13: corrupt patch");
  ASSERT_GE(d.files.size(), 1u);
  EXPECT_EQ(d.files[0].new_path, "f");
  EXPECT_EQ(d.files[0].insertions, 1);
}

TEST(DiffParser, garbage_inside_a_hunk_is_corrupt) {
  Diff d =
      parse_diff("diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+c\ngarbage\n");
  EXPECT_EQ(d.error, "line 8: corrupt patch");
}

TEST(DiffParser, context_only_hunk_is_corrupt) {
  Diff d = parse_diff("diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n a\n");
  EXPECT_EQ(d.error, "line 6: corrupt patch");
}

TEST(DiffParser, overflowing_hunk_numbers_are_corrupt) {
  Diff d = parse_diff(
      "diff --git a/f b/f\n--- a/f\n+++ b/f\n"
      "@@ -98765432109876543210 +98765432109876543210 @@\n-a\n+b\n");
  EXPECT_EQ(d.error, "line 4: corrupt patch");
}

TEST(DiffParser, hunk_without_file_header_is_an_error) {
  Diff d = parse_diff("text\n@@ -1,2 +1,2 @@\nmore text\n");
  EXPECT_EQ(d.error, "line 2: patch fragment without header: @@ -1,2 +1,2 @@");
}

TEST(DiffParser, git_header_without_usable_names_is_an_error) {
  // A mail client wrapped the "diff --git" line (lore-usb patch-qp-13 looks like this).
  Diff d = parse_diff(
      "diff --git a/drivers/hid/hid-logitech-hidpp.c\nb/drivers/hid/hid-logitech-hidpp.c\n"
      "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n");
  EXPECT_EQ(d.error,
            "line 2: git diff header lacks filename information when removing 1 leading "
            "pathname component");
}

TEST(DiffParser, invalid_mode_and_conflicting_header_lines_are_errors) {
  EXPECT_EQ(parse_diff("diff --git a/f b/f\nold mode 10x644\nnew mode 100755\n").error,
            "line 2: invalid mode: 10x644");
  EXPECT_EQ(
      parse_diff("diff --git a/f b/f\nnew file mode 100644\ndeleted file mode 100644\n").error,
            "line 3: inconsistent header lines 2 and 3");
}

TEST(DiffParser, new_file_with_old_contents_is_an_error) {
  Diff d = parse_diff(
      "diff --git a/f b/f\nnew file mode 100644\n--- /dev/null\n+++ b/f\n"
      "@@ -1 +1,2 @@\n-a\n+b\n+c\n");
  EXPECT_NE(d.error.find("new file f depends on old contents"), std::string::npos);
}

TEST(DiffParser, crlf_lines_count_like_lf_lines) {
  Diff d = parse_diff("diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n");
  ASSERT_EQ(d.error, "");
  EXPECT_EQ(d.files.at(0).insertions, 1);
  EXPECT_EQ(d.files[0].hunks.at(0).lines[0], " a\r");
}

TEST(DiffParser, mailinfo_patch_part_keeps_only_the_diff_in_text) {
  std::string diff =
      "diff --git a/f b/f\nindex 1..2 100644\n--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n";
  Diff d = parse_diff("---\n f | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)\n\n"
                      "Some notes --- with dashes.\n\n" +
                      diff + "-- \n2.43.0\n\n");
  ASSERT_EQ(d.error, "");
  ASSERT_EQ(d.files.size(), 1u);
  EXPECT_EQ(d.text(), diff);
  EXPECT_EQ(d.hunk_lines, 3);
}

// Found by fuzz_diff (session 8): a header on the text's second line, after an empty first
// line, looked for its CVS preamble from the end of the text, and the diff's copy started
// after its own hunk (std::out_of_range).
TEST(DiffParser, header_on_the_second_line_keeps_its_hunk) {
  Diff d = parse_diff("\n--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+x\n\ndiff --git x\n");
  ASSERT_TRUE(d.error.empty()) << d.error;
  ASSERT_EQ(d.files.size(), 1u);
  EXPECT_EQ(d.insertions, 1);
  EXPECT_EQ(d.text().substr(0, 33), "--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+x\n");
}

TEST(DiffParser, text_without_a_diff_is_no_valid_patch) {
  EXPECT_NE(parse_diff("").error, "");
  Diff d = parse_diff("---\nv2: changed the commit message\n\n-- \n2.43.0\n");
  EXPECT_NE(d.error.find("no valid patches"), std::string::npos);
  EXPECT_TRUE(d.files.empty());
  EXPECT_EQ(d.text(), "");
}

// ---------------------------------------------------------------- shared corpus

// t/t4100: `git apply --stat --summary` output; per-file totals and the summary line.
TEST(DiffParser, t4100_apply_stat_fixtures_match_git) {
  REQUIRE_SHARED_CORPUS();
  fs::path dir = corpus_root() / "git-t5100/t/t4100";
  int checked = 0;
  for (int n = 1; n <= 9; ++n) {
    std::string base = "t-apply-" + std::to_string(n);
    SCOPED_TRACE(base);
    Diff d = parse_diff(slurp(dir / (base + ".patch")));
    EXPECT_EQ(d.error, "");
    std::vector<std::pair<std::string, int>> stat;
    int files = -1, ins = -1, del = -1;
    std::multiset<std::string> summary_kinds;
    for (const std::string& line : split_lines(slurp(dir / (base + ".expect")))) {
      size_t bar = line.find(" | ");
      if (bar != std::string::npos) {
        std::string name = line.substr(1, bar - 1);
        name.erase(name.find_last_not_of(' ') + 1);
        stat.emplace_back(name, std::stoi(line.substr(bar + 3)));
      } else if (line.find(" changed, ") != std::string::npos) {
        // " 6 files changed, 26 insertions(+), 26 deletions(-)"; a zero part may be left out.
        std::istringstream words(line);
        ins = del = 0;
        for (std::string number, word; words >> number >> word;) {
          if (word.rfind("file", 0) == 0) {
            files = std::stoi(number);
            words >> word;  // "changed,"
          } else if (word.rfind("insertion", 0) == 0) {
            ins = std::stoi(number);
          } else if (word.rfind("deletion", 0) == 0) {
            del = std::stoi(number);
          }
        }
      } else if (line.rfind(" rename ", 0) == 0 || line.rfind(" copy ", 0) == 0 ||
                 line.rfind(" mode change ", 0) == 0 || line.rfind(" create ", 0) == 0 ||
                 line.rfind(" delete ", 0) == 0) {
        summary_kinds.insert(line.substr(1, line.find(' ', 1) - 1));
        if (line.rfind(" mode change ", 0) == 0) {  // " mode change 100644 => 100755 path"
          std::string path = line.substr(line.rfind(' ') + 1);
          auto it = std::find_if(d.files.begin(), d.files.end(),
                                 [&](const FileDiff& f) { return shown_path(f) == path; });
          ASSERT_NE(it, d.files.end()) << path;
          EXPECT_EQ(it->status, FileStatus::mode_changed);
          EXPECT_EQ(it->old_mode, "100644");
          EXPECT_EQ(it->new_mode, "100755");
        }
      }
    }
    ASSERT_EQ(d.files.size(), stat.size());
    for (size_t i = 0; i < stat.size(); ++i) {
      EXPECT_EQ(shown_path(d.files[i]), stat[i].first);
      EXPECT_EQ(d.files[i].insertions + d.files[i].deletions, stat[i].second) << stat[i].first;
    }
    EXPECT_EQ(static_cast<int>(d.files.size()), files);
    EXPECT_EQ(d.insertions, ins);
    EXPECT_EQ(d.deletions, del);
    auto count = [&](FileStatus s) {
      return static_cast<size_t>(std::count_if(d.files.begin(), d.files.end(),
                                               [&](const FileDiff& f) { return f.status == s; }));
    };
    EXPECT_EQ(count(FileStatus::renamed), summary_kinds.count("rename"));
    EXPECT_EQ(count(FileStatus::copied), summary_kinds.count("copy"));
    EXPECT_EQ(count(FileStatus::added), summary_kinds.count("create"));
    EXPECT_EQ(count(FileStatus::deleted), summary_kinds.count("delete"));
    EXPECT_EQ(count(FileStatus::mode_changed), summary_kinds.count("mode"));
    ++checked;
  }
  EXPECT_EQ(checked, 9);
}

// libbpf: 300 format-patch files; git apply --numstat equals the recorded numstat
// (renames written "old => new" there name the new path in git apply).
TEST(DiffParser, libbpf_format_patches_match_numstat) {
  REQUIRE_SHARED_CORPUS();
  fs::path root = corpus_root() / "libbpf-format-patch";
  auto patches = files_matching(root / "patches", ".patch");
  ASSERT_EQ(patches.size(), 300u);
  for (const fs::path& patch : patches) {
    std::string name = patch.filename().string();
    SCOPED_TRACE(name);
    std::string text = slurp(patch);
    Diff d = parse_diff(text);
    expect_numstat(d, read_numstat(root / "expected" / (name.substr(0, 4) + ".numstat")));
    EXPECT_EQ(d.text().find("\n-- \n"), std::string_view::npos);  // the signature is not diff text
    EXPECT_EQ(d.text().rfind("diff --git ", 0), 0u);
  }
}

// lore-usb: the mailinfo patch parts with git's numstat; the 7 that git rejected must fail.
TEST(DiffParser, lore_usb_patch_parts_match_numstat_or_fail_like_git) {
  REQUIRE_SHARED_CORPUS();
  fs::path dir = corpus_root() / "lore-usb/raw-samples/expected";
  std::set<std::string> failures;
  for (const std::string& line : split_lines(slurp(dir / "NUMSTAT_FAILURES.txt")))
    if (!line.empty()) failures.insert(line.substr(0, line.find(':')));
  ASSERT_EQ(failures.size(), 7u);
  auto numstats = files_matching(dir, ".numstat");
  ASSERT_EQ(numstats.size(), 89u);
  int rejected = 0;
  for (const fs::path& numstat : numstats) {
    std::string name = numstat.stem().string();
    SCOPED_TRACE(name);
    Diff d = parse_diff(slurp(dir / (name + ".patch")));
    if (failures.count(name)) {
      EXPECT_NE(d.error, "");
      EXPECT_EQ(d.error.rfind("line ", 0), 0u) << d.error;
      ++rejected;
    } else {
      expect_numstat(d, read_numstat(numstat));
    }
  }
  EXPECT_EQ(rejected, 7);
}

// t/t4013: in --patch-with-stat output the printed diffstat must agree with the diff below
// it. Log outputs hold several commits: each "commit " block is checked on its own.
// Combined diffs (-c, --cc) are left out: git apply does not read them either.
TEST(DiffParser, t4013_patch_with_stat_outputs_agree_with_their_stat) {
  REQUIRE_SHARED_CORPUS();
  auto files = files_matching(corpus_root() / "git-t5100/t/t4013", "", "--patch-with-stat");
  int blocks_with_diff = 0;
  for (const fs::path& file : files) {
    std::string name = file.filename().string();
    if (name.find("--cc") != std::string::npos || name.find("_-c_") != std::string::npos) continue;
    SCOPED_TRACE(name);
    std::vector<std::string> blocks(1);
    for (const std::string& line : split_lines(slurp(file))) {
      if (line.rfind("commit ", 0) == 0) blocks.emplace_back();
      blocks.back() += line + "\n";
    }
    for (const std::string& block : blocks) {
      std::map<std::string, int> stat;
      for (const std::string& line : split_lines(block)) {
        size_t bar = line.find(" | ");
        if (line.rfind(' ', 0) != 0 || bar == std::string::npos) continue;
        std::string path = line.substr(1, bar - 1);
        path.erase(path.find_last_not_of(' ') + 1);
        stat[path] = std::stoi(line.substr(bar + 3));
      }
      Diff d = parse_diff(block);
      ASSERT_EQ(d.files.size(), stat.size()) << block;
      if (stat.empty()) continue;
      EXPECT_EQ(d.error, "");
      ++blocks_with_diff;
      for (const FileDiff& f : d.files) {
        ASSERT_TRUE(stat.count(shown_path(f))) << shown_path(f);
        EXPECT_EQ(f.insertions + f.deletions, stat[shown_path(f)]) << shown_path(f);
      }
    }
  }
  EXPECT_EQ(blocks_with_diff, 42);
}

}  // namespace
}  // namespace pt
