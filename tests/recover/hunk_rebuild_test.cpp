// Tests of rebuild_diff: damaged hunks (web page copy, mail client, flattened mail) rebuilt
// against file texts handed in through the lookup, and repaired without them: the user cases
// and where the dropped lines went (hunk_rebuild_stress_test.cpp: sweeps and hostile input).
#include "recover/hunk_rebuild.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "patch/diff.hpp"
#include "recover/hunk_rebuild_support.hpp"
#include "util/text.hpp"

namespace pt {
namespace {

using namespace rebuild_test;

// ---- the user cases ----------------------------------------------------------------------

TEST(HunkRebuild, NvmeLoopFlattened) {
  std::string clean = diff_of_mbox(source_dir() / "testdata/autosel-nvme-loop.mbox");
  ASSERT_FALSE(clean.empty());
  Diff d = parse_diff(clean);
  std::string flat = flatten_diff(clean);
  EXPECT_EQ(std::count(flat.begin(), flat.end(), '\n'), 6);  // 4 header lines, 2 hunks
  RebuiltDiff r = rebuild_diff(flat, true, preimage_lookup(d));
  EXPECT_EQ(r.text, clean);
  EXPECT_TRUE(r.preimage_exact);
  EXPECT_TRUE(r.exact);
  EXPECT_EQ(r.stats.hunks, 2);
  EXPECT_EQ(r.stats.hunks_anchored, 2);
  EXPECT_EQ(r.evidence, std::vector<std::string>{"test:drivers/nvme/target/loop.c"});
}

// The flattened user example itself (000), split at its headers the way the unwrapper
// does, with its signature still at the end of the last hunk.
TEST(HunkRebuild, NvmeLoopUserExample) {
  fs::path p = corpus() / "user-examples/000_f89d226a7a37eadb.txt";
  if (!fs::exists(p)) GTEST_SKIP() << "corpus missing";
  std::string page = slurp(p);
  std::string text = page.substr(page.find("diff --git"));
  for (const char* cut : {" index ", " --- a/", " +++ b/", " @@ -"}) {
    for (size_t at = text.find(cut); at != std::string::npos; at = text.find(cut, at + 2)) text[at] = '\n';
  }
  std::string clean = diff_of_mbox(source_dir() / "testdata/autosel-nvme-loop.mbox");
  RebuiltDiff r = rebuild_diff(text, true, preimage_lookup(parse_diff(clean)));
  EXPECT_EQ(r.text, clean + "-- \n2.53.0\n");
  EXPECT_TRUE(r.preimage_exact);
  EXPECT_TRUE(r.exact);
}

TEST(HunkRebuild, Raid0PageDamage) {
  std::string clean = diff_of_mbox(source_dir() / "testdata/autosel-md-raid0.mbox");
  Diff d = parse_diff(clean);
  std::string damaged = page_damage_diff(clean);
  ASSERT_NE(damaged, clean);
  RebuiltDiff r = rebuild_diff(damaged, false, preimage_lookup(d));
  Diff back = parse_diff(r.text);
  EXPECT_EQ(back.error, "");
  EXPECT_EQ(back.insertions, 9);
  EXPECT_EQ(back.deletions, 9);
  EXPECT_EQ(preimage_lines(back), preimage_lines(d));
  EXPECT_TRUE(r.preimage_exact);
  EXPECT_EQ(r.stats.hunks_anchored, 3);
  EXPECT_EQ(r.stats.lines_guessed, 9);
  // The continuation lines are aligned under "array3_size(" and "kvzalloc(".
  EXPECT_EQ(r.text, clean);
}

// The lore page copy of the raid0 mail (user example 001), as the page gave it.
TEST(HunkRebuild, Raid0UserExample) {
  fs::path p = corpus() / "user-examples/001_c95f20f49ed96493.txt";
  if (!fs::exists(p)) GTEST_SKIP() << "corpus missing";
  std::string page = slurp(p);
  size_t b = page.find("diff --git"), e = page.find("next parent reply");
  std::string text = page.substr(b, e - b);
  std::string clean = diff_of_mbox(source_dir() / "testdata/autosel-md-raid0.mbox");
  RebuiltDiff r = rebuild_diff(text, false, preimage_lookup(parse_diff(clean)));
  EXPECT_EQ(r.text, clean + "--\n2.53.0\n");
  EXPECT_TRUE(r.preimage_exact);
  EXPECT_EQ(parse_diff(r.text).error, "");
}

TEST(HunkRebuild, PostimageAlreadyApplied) {
  std::string clean = diff_of_mbox(source_dir() / "testdata/autosel-md-raid0.mbox");
  Diff d = parse_diff(clean);
  RebuiltDiff r = rebuild_diff(page_damage_diff(clean), false, preimage_lookup(d, true));
  Diff back = parse_diff(r.text);
  EXPECT_EQ(back.error, "");
  EXPECT_EQ(back.insertions, 9);
  EXPECT_EQ(back.deletions, 9);
  EXPECT_EQ(r.stats.hunks_anchored, 3);
  EXPECT_FALSE(r.preimage_exact);  // the removed lines' whitespace is a guess
  // Context and added lines are the file's.
  for (size_t k = 0; k < d.files[0].hunks.size(); ++k)
    for (size_t i = 0; i < d.files[0].hunks[k].lines.size(); ++i) {
      std::string_view want = d.files[0].hunks[k].lines[i];
      if (want[0] != '-') {
        EXPECT_EQ(back.files[0].hunks[k].lines[i], want);
      }
    }
  EXPECT_EQ(r.text, clean);  // and here the guesses happen to be right
}

// One branch still lacks the patch, the other has it: the first gives the removed lines,
// the second the added ones, and both together where the dropped blank lines go.
TEST(HunkRebuild, PreimageAndPostimageFromTwoTexts) {
  std::string clean = diff_of_mbox(source_dir() / "testdata/autosel-md-raid0.mbox");
  Diff d = parse_diff(clean);
  FileLookup pre = preimage_lookup(d), post = preimage_lookup(d, true);
  FileLookup both = [&](const std::string& path, const std::string& blob) {
    auto a = pre(path, blob), b = post(path, blob);
    for (auto& c : b) c.origin = "post:", c.origin += path;
    a.insert(a.end(), b.begin(), b.end());
    return a;
  };
  RebuiltDiff r = rebuild_diff(page_damage_diff(clean), false, both);
  EXPECT_EQ(r.text, clean);
  EXPECT_TRUE(r.preimage_exact);
  EXPECT_TRUE(r.exact);  // every line is some text's bytes
  EXPECT_EQ(r.stats.lines_guessed, 0);
  EXPECT_EQ(r.evidence.size(), 2u);
  // Flattened too.
  RebuiltDiff f = rebuild_diff(flatten_diff(clean), true, both);
  EXPECT_EQ(f.text, clean);
  EXPECT_TRUE(f.exact);
}

// The hunk lines of `clean` with their tabs expanded to 8-column stops counted from the
// marker; `terminal`: also trailing blanks stripped and a context line's ' ' lost.
std::string expand_tab_stops(const std::string& clean, bool terminal) {
  std::string out;
  walk_diff(
      clean,
      [&](const std::string& l) {
        std::string s;
        for (char c : l) s += c == '\t' ? std::string(8 - s.size() % 8, ' ') : std::string(1, c);
        if (terminal && !s.empty() && s[0] == ' ') s.erase(0, 1);
        out += std::string(terminal ? rtrim(s) : std::string_view(s)) + "\n";
      },
      [&](const std::string& l) { out += l + "\n"; });
  return out;
}

// Tabs expanded to 8-column stops counted from the marker (a terminal copy): put back.
TEST(HunkRebuild, TabStopDamageWithFile) {
  std::string clean = diff_of_mbox(source_dir() / "testdata/autosel-md-raid0.mbox");
  Diff d = parse_diff(clean);
  std::string damaged = expand_tab_stops(clean, true);
  RebuiltDiff r = rebuild_diff(damaged, false, preimage_lookup(d));
  EXPECT_EQ(r.text, clean);
  EXPECT_TRUE(r.preimage_exact);
}

TEST(HunkRebuild, MailClientDamageWithFile) {
  std::string clean = diff_of_mbox(source_dir() / "testdata/autosel-md-raid0.mbox");
  Diff d = parse_diff(clean);
  std::string damaged = mail_damage_diff(clean, 72);
  ASSERT_GT(std::count(damaged.begin(), damaged.end(), '\n'), std::count(clean.begin(), clean.end(), '\n'));
  RebuiltDiff r = rebuild_diff(damaged, false, preimage_lookup(d));
  EXPECT_EQ(r.text, clean);
  EXPECT_TRUE(r.preimage_exact);
  EXPECT_FALSE(r.exact);  // added lines: leading spaces turned back into tabs, a guess
}

TEST(HunkRebuild, MailClientDamageWithoutFile) {
  std::string clean = diff_of_mbox(source_dir() / "testdata/autosel-md-raid0.mbox");
  std::string damaged = mail_damage_diff(clean, 72);
  RebuiltDiff r = rebuild_diff(damaged, false, {});
  Diff back = parse_diff(r.text);
  EXPECT_EQ(back.error, "");
  EXPECT_EQ(back.insertions, 9);
  EXPECT_EQ(back.deletions, 9);
  EXPECT_FALSE(r.preimage_exact);
  EXPECT_EQ(r.stats.hunks_anchored, 0);
  EXPECT_NE(std::find(r.repairs.begin(), r.repairs.end(), "2 wrapped lines rejoined"), r.repairs.end());
  EXPECT_EQ(std::count_if(r.repairs.begin(), r.repairs.end(),
                          [](auto& s) { return s.find("regenerated") != std::string::npos; }),
            0);
}

TEST(HunkRebuild, PageDamageWithoutFileRegeneratesCounts) {
  std::string clean = diff_of_mbox(source_dir() / "testdata/autosel-md-raid0.mbox");
  RebuiltDiff r = rebuild_diff(page_damage_diff(clean), false, {});
  Diff back = parse_diff(r.text);
  EXPECT_EQ(back.error, "");
  EXPECT_EQ(back.insertions, 9);
  EXPECT_EQ(back.deletions, 9);
  EXPECT_FALSE(r.preimage_exact);
  EXPECT_EQ(std::count_if(r.repairs.begin(), r.repairs.end(),
                          [](auto& s) { return s.find("regenerated for 3 hunks") != std::string::npos; }),
            1);
}

TEST(HunkRebuild, FlattenedWithoutFile) {
  std::string clean = diff_of_mbox(source_dir() / "testdata/autosel-nvme-loop.mbox");
  RebuiltDiff r = rebuild_diff(flatten_diff(clean), true, {});
  Diff back = parse_diff(r.text);
  EXPECT_EQ(back.error, "");
  EXPECT_EQ(back.insertions, 0);
  EXPECT_EQ(back.deletions, 2);
  EXPECT_FALSE(r.preimage_exact);
  ASSERT_EQ(back.files.size(), 1u);
  EXPECT_EQ(back.files[0].hunks[0].section, "static void nvme_loop_shutdown_ctrl(struct nvme_loop_ctrl *ctrl)");
}

TEST(HunkRebuild, IntactDiffUnchanged) {
  std::string clean = diff_of_mbox(source_dir() / "testdata/autosel-md-raid0.mbox");
  for (const FileLookup& lookup : {FileLookup{}, preimage_lookup(parse_diff(clean))}) {
    RebuiltDiff r = rebuild_diff(clean, false, lookup);
    EXPECT_EQ(r.text, clean);
    EXPECT_TRUE(r.preimage_exact);
    EXPECT_TRUE(r.exact);
  }
}

// Space-indented code (not C) that parses and matches its file stays as it is.
TEST(HunkRebuild, IntactSpaceIndentedDiff) {
  std::string file = "def f():\n    a = 1\n    b = 2\n    return a\n";
  std::string diff = "diff --git a/x.py b/x.py\n--- a/x.py\n+++ b/x.py\n@@ -1,4 +1,4 @@\n def f():\n     a = 1\n-    b = 2\n+    b = 3\n     return a\n";
  RebuiltDiff r = rebuild_diff(diff, false, lookup_of({{"x.py", file}}));
  EXPECT_EQ(r.text, diff);
  EXPECT_TRUE(r.exact);
}

// A mail client that only expanded tabs leaves a diff git reads (and cannot apply): a C
// diff without a single tab, indented by spaces, is the sign; any tab, or a file that is
// not C, is not.
TEST(HunkRebuild, SpaceDamageThatStillParsesIsRecognised) {
  std::string clean = diff_of_mbox(source_dir() / "testdata/autosel-md-raid0.mbox");
  EXPECT_FALSE(looks_space_damaged(clean));
  std::string expanded = expand_tab_stops(clean, false);
  ASSERT_EQ(parse_diff(expanded).error, "");
  EXPECT_TRUE(looks_space_damaged(expanded));
  RebuiltDiff r = rebuild_diff(expanded, false, preimage_lookup(parse_diff(clean)));
  EXPECT_EQ(r.text, clean);
  EXPECT_TRUE(r.preimage_exact);
  std::string py = "diff --git a/x.py b/x.py\n--- a/x.py\n+++ b/x.py\n@@ -1,3 +1,3 @@\n def f():\n"
                   "-        return 1\n+        return 2\n         pass\n";
  EXPECT_FALSE(looks_space_damaged(py));
}

// A 78-column mail client breaks a long "diff --git" line before " b/".
TEST(HunkRebuild, WrappedGitHeaderJoined) {
  std::string clean = diff_of_mbox(source_dir() / "testdata/autosel-md-raid0.mbox");
  std::string wrapped = clean;
  size_t b = wrapped.find(" b/");
  ASSERT_NE(b, std::string::npos);
  wrapped[b] = '\n';
  ASSERT_NE(parse_diff(wrapped).error, "");
  RebuiltDiff r = rebuild_diff(wrapped, false, preimage_lookup(parse_diff(clean)));
  EXPECT_EQ(r.text, clean);
  EXPECT_NE(std::find(r.repairs.begin(), r.repairs.end(), "1 wrapped diff --git line joined"), r.repairs.end());
}

TEST(HunkRebuild, SectionRestoredFromFileInLineMode) {
  // A wrapped "@@" line: the section's tail went to the next line.
  std::string clean = diff_of_mbox(source_dir() / "testdata/autosel-md-raid0.mbox");
  std::string damaged = page_damage_diff(clean);
  size_t at = damaged.find(" r0conf **private_conf)");
  damaged[at] = '\n';
  RebuiltDiff r = rebuild_diff(damaged, false, preimage_lookup(parse_diff(clean)));
  EXPECT_EQ(r.text, clean);
}

// ---- where the page's dropped lines went ------------------------------------------------------

// The page dropped the empty context line before "#endif"; in a text where the patch is
// applied, the preimage fits one line early if the empty added line swallows "#endif" as
// its wrapped tail. The postimage reading needs no wrapped line: it is the one.
TEST(HunkRebuild, AppliedTextPrefersReadingWithoutWrappedLines) {
  std::string clean =
      "diff --git a/include/q.h b/include/q.h\n"
      "--- a/include/q.h\n"
      "+++ b/include/q.h\n"
      "@@ -5,4 +5,7 @@\n"
      " /* skip BOS descriptor request */\n"
      " #define USB_QUIRK_NO_BOS\t\t\tBIT(17)\n"
      " \n"
      "+/* Device claims zero configurations, forcing to 1 */\n"
      "+#define USB_QUIRK_FORCE_ONE_CONFIG\t\tBIT(18)\n"
      "+\n"
      " #endif /* __LINUX_USB_QUIRKS_H */\n";
  std::string applied =
      "#ifndef __LINUX_USB_QUIRKS_H\n"
      "#define __LINUX_USB_QUIRKS_H\n"
      "#define USB_QUIRK_NO_LPM\t\t\tBIT(16)\n"
      "\n"
      "/* skip BOS descriptor request */\n"
      "#define USB_QUIRK_NO_BOS\t\t\tBIT(17)\n"
      "\n"
      "/* Device claims zero configurations, forcing to 1 */\n"
      "#define USB_QUIRK_FORCE_ONE_CONFIG\t\tBIT(18)\n"
      "\n"
      "#endif /* __LINUX_USB_QUIRKS_H */\n";
  RebuiltDiff r = rebuild_diff(page_damage_diff(clean), false, lookup_of({{"include/q.h", applied}}));
  EXPECT_EQ(r.text, clean);
  EXPECT_TRUE(r.exact);
}

// A line moved across an empty one ("-X", " ", "+X"), the empty line dropped, found in the
// patched file: git never removes and adds the same line in one change, so the empty line
// goes between the two. (The context around the hunk is three lines either way.)
TEST(HunkRebuild, LineMovedAcrossDroppedBlankLine) {
  std::string clean =
      "diff --git a/f.c b/f.c\n"
      "--- a/f.c\n"
      "+++ b/f.c\n"
      "@@ -10,9 +10,13 @@ static int f(void)\n"
      " \tif (ret)\n"
      " \t\tgoto err;\n"
      " \n"
      "+\tret = check(t);\n"
      "+\tif (ret < 0)\n"
      "+\t\tgoto out;\n"
      "+\n"
      " \tlist_add_tail(&t->list, &list);\n"
      "-\treclaim(tb, in, out);\n"
      " \n"
      "+\treclaim(tb, in, out);\n"
      " \t/*\n"
      " \t * Comment\n"
      " \t */\n";
  std::string applied =
      "static int f(void)\n{\n\tstruct t *t = get();\n\tint ret;\n\n\tret = g(t);\n\tif (!t)\n"
      "\t\treturn -EINVAL;\n\tret = h(t);\n\tif (ret)\n\t\tgoto err;\n\n\tret = check(t);\n\tif (ret < 0)\n"
      "\t\tgoto out;\n\n\tlist_add_tail(&t->list, &list);\n\n\treclaim(tb, in, out);\n\t/*\n\t * Comment\n"
      "\t */\n\treturn 0;\nerr:\n\treturn ret;\n}\n";
  RebuiltDiff r = rebuild_diff(page_damage_diff(clean), false, lookup_of({{"f.c", applied}}));
  EXPECT_EQ(r.text, clean);
  // Against the preimage the pair reads the same as a line re-aligned by its blanks, which
  // git writes "-X", "+X'", then the empty line: that reading stays.
  std::string realigned =
      "diff --git a/h.h b/h.h\n"
      "--- a/h.h\n"
      "+++ b/h.h\n"
      "@@ -1,6 +1,6 @@\n"
      " /* Hop level */\n"
      " #define HOPS_0\t0x01\n"
      "-#define HOPS_SHIFT\t43\n"
      "+#define HOPS_SHIFT\t\t\t43\n"
      " \n"
      " #define S(a, s) \\\n"
      " \t((a) << s)\n";
  std::string preimage = "/* Hop level */\n#define HOPS_0\t0x01\n#define HOPS_SHIFT\t43\n\n#define S(a, s) \\\n\t((a) << s)\n";
  r = rebuild_diff(page_damage_diff(realigned), false, lookup_of({{"h.h", preimage}}));
  auto lines = lines_of(r.text);
  ASSERT_EQ(lines.size(), 11u);
  EXPECT_EQ(lines[6], "-#define HOPS_SHIFT\t43");
  EXPECT_TRUE(starts_with(lines[7], "+#define HOPS_SHIFT"));
  EXPECT_EQ(lines[8], " ");
}

// Removed declarations after the function's first one, where the patched file has an empty
// line: kernel style ends the declarations with it, so the removed "int i;" goes before it.
TEST(HunkRebuild, RemovedDeclarationBeforeDroppedBlankLine) {
  std::string clean =
      "diff --git a/g.c b/g.c\n"
      "--- a/g.c\n"
      "+++ b/g.c\n"
      "@@ -1,12 +1,11 @@\n"
      " static void update(struct con *con)\n"
      " {\n"
      " \tstruct glink *ucsi = get(con);\n"
      "-\tint i;\n"
      " \n"
      "-\tfor (i = 0; i < MAX; i++) {\n"
      "-\t\tif (ucsi->orient[i])\n"
      "-\t\t\tcon->aware = true;\n"
      "-\t}\n"
      "+\tif (con->num > MAX || !ucsi->orient[con->num - 1])\n"
      "+\t\treturn;\n"
      "+\n"
      "+\tcon->aware = true;\n"
      " }\n"
      " \n"
      " static void status(struct con *con)\n";
  std::string applied =
      "static void update(struct con *con)\n{\n\tstruct glink *ucsi = get(con);\n\n"
      "\tif (con->num > MAX || !ucsi->orient[con->num - 1])\n\t\treturn;\n\n\tcon->aware = true;\n}\n\n"
      "static void status(struct con *con)\n{\n\tcon->status = 1;\n}\n";
  RebuiltDiff r = rebuild_diff(page_damage_diff(clean), false, lookup_of({{"g.c", applied}}));
  EXPECT_EQ(r.text, clean);
}

}  // namespace
}  // namespace pt
