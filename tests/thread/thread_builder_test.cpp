// Threads and series on real fixtures: Patchwork's series mboxes (the grouping its README
// lists for each), b4's follow-up trailer threads, and hand-made edge cases.
#include "thread/thread_builder.hpp"

#include <gtest/gtest.h>

#include "patch/patch_builder.hpp"
#include "test_support.hpp"

namespace pt {
namespace {

namespace fs = std::filesystem;

std::vector<Patch> parse_mbox_text(const std::string& text) {
  std::vector<Patch> out;
  for (const auto& raw : test::split_text(text)) out.push_back(build_patch(raw, {}));
  return out;
}

std::vector<Patch> parse_file(const fs::path& file) {
  return parse_mbox_text(test::read_file(file));
}

struct SeriesCase {
  std::string file;
  int covers, patches, comments;
  std::vector<int> series_patches;  // patches per series, in order of creation
  std::vector<int> series_covers;   // covers per series (empty: not checked)
};

void PrintTo(const SeriesCase& c, std::ostream* os) { *os << c.file; }

class PatchworkSeries : public testing::TestWithParam<SeriesCase> {};

TEST_P(PatchworkSeries, grouping_matches_patchwork) {
  REQUIRE_CORPUS();
  const SeriesCase& c = GetParam();
  std::vector<Patch> patches =
      parse_file(test::corpus_dir() / "patchwork/patchwork/tests/data/series" / c.file);
  ThreadSet t = build_threads(patches);
  int covers = 0, members = 0, comments = 0;
  for (std::size_t i = 0; i < patches.size(); ++i) {
    if (t.facts[i].is_cover) ++covers;
    else if (t.facts[i].series) ++members;
    else ++comments;
  }
  EXPECT_EQ(covers, c.covers);
  EXPECT_EQ(members, c.patches);
  EXPECT_EQ(comments, c.comments);
  std::vector<int> sizes, cover_counts;
  for (const Series& s : t.series) {
    int n = 0;
    for (std::size_t k = 0; k < s.members.size(); ++k)
      if (s.members[k] && !s.carried_from[k]) ++n;
    sizes.push_back(n);
    cover_counts.push_back(s.cover ? 1 : 0);
  }
  EXPECT_EQ(sizes, c.series_patches);
  if (!c.series_covers.empty()) {
    EXPECT_EQ(cover_counts, c.series_covers);
  }
}

const std::vector<SeriesCase> k_series_cases = {
    {"base-single-patch.mbox", 0, 1, 0, {1}, {}},
    {"base-cover-letter.mbox", 1, 2, 0, {2}, {1}},
    {"base-no-cover-letter.mbox", 0, 2, 0, {2}, {0}},
    {"base-deep-threaded.mbox", 1, 2, 0, {2}, {1}},
    {"base-out-of-order.mbox", 1, 2, 0, {2}, {1}},
    {"base-different-versions.mbox", 1, 4, 0, {4}, {1}},
    {"bugs-multiple-references.mbox", 1, 4, 0, {4}, {1}},
    {"base-no-references.mbox", 0, 2, 0, {2}, {}},
    {"base-no-references-no-cover.mbox", 1, 2, 0, {2}, {1}},
    {"bugs-multiple-content-types.mbox", 0, 1, 1, {1}, {}},
    {"revision-basic.mbox", 2, 4, 0, {2, 2}, {1, 1}},
    {"revision-threaded-to-single-patch.mbox", 0, 2, 0, {1, 1}, {}},
    {"revision-threaded-to-cover.mbox", 2, 4, 0, {2, 2}, {1, 1}},
    {"revision-threaded-to-patch.mbox", 2, 4, 0, {2, 2}, {1, 1}},
    {"revision-out-of-order.mbox", 2, 4, 0, {2, 2}, {1, 1}},
    {"revision-no-cover-letter.mbox", 1, 4, 0, {2, 2}, {1, 0}},
    {"revision-unlabeled.mbox", 2, 4, 0, {2, 2}, {1, 1}},
    {"revision-unlabeled-noreferences.mbox", 0, 4, 0, {2, 2}, {}},
    {"bugs-unnumbered.mbox", 1, 2, 0, {1, 1}, {1, 0}},
    {"bugs-nocover-noversion.mbox", 0, 4, 0, {2, 2}, {}},
    {"bugs-nocover.mbox", 0, 4, 0, {2, 2}, {}},
    {"bugs-spamming.mbox", 0, 3, 0, {1, 1, 1}, {}},
    {"bugs-mixed-versions.mbox", 0, 2, 0, {1, 1}, {}},
    {"base-incomplete.mbox", 1, 1, 0, {1}, {1}},
    {"base-extra-patches.mbox", 1, 3, 0, {3}, {1}},
    {"mercurial-cover-letter.mbox", 1, 2, 0, {2}, {1}},
    {"mercurial-no-cover-letter.mbox", 0, 2, 0, {2}, {}},
};

INSTANTIATE_TEST_SUITE_P(Patchwork, PatchworkSeries, testing::ValuesIn(k_series_cases),
                         [](const auto& info) { return test::case_name(info.param.file.substr(0, info.param.file.size() - 5)); });

TEST(PatchworkSeriesDetails, incomplete_series_lists_what_is_missing) {
  REQUIRE_CORPUS();
  auto patches = parse_file(test::corpus_dir() /
                            "patchwork/patchwork/tests/data/series/base-incomplete.mbox");
  ThreadSet t = build_threads(patches);
  ASSERT_EQ(t.series.size(), 1u);
  EXPECT_EQ(t.series[0].missing, std::vector<int>{2});
}

TEST(PatchworkSeriesDetails, newer_version_supersedes_the_older) {
  REQUIRE_CORPUS();
  auto patches = parse_file(test::corpus_dir() /
                            "patchwork/patchwork/tests/data/series/revision-basic.mbox");
  ThreadSet t = build_threads(patches);
  ASSERT_EQ(t.series.size(), 2u);
  EXPECT_EQ(t.series[0].superseded_by, std::optional<int>(1));
  for (const auto& m : t.series[0].members) {
    ASSERT_TRUE(m);
    EXPECT_FALSE(t.facts[*m].superseded_by.empty());
  }
  for (const auto& m : t.series[1].members) EXPECT_TRUE(t.facts[*m].superseded_by.empty());
}

}  // namespace
}  // namespace pt

namespace pt {
namespace {

std::string mail(const std::string& id, const std::string& subject, const std::string& extra,
                 const std::string& body, const std::string& from = "Dev <dev@example.com>",
                 const std::string& date = "Mon, 6 Jan 2025 10:00:00 +0000") {
  return "From x@y Mon Sep 17 00:00:00 2001\nFrom: " + from + "\nSubject: " + subject +
         "\nDate: " + date + "\nMessage-ID: " + id + "\n" + extra + "\n" + body + "\n";
}

const std::string k_diff =
    "Change.\n\nSigned-off-by: Dev <dev@example.com>\n---\ndiff --git a/x b/x\n--- a/x\n+++ b/x\n"
    "@@ -1 +1 @@\n-a\n+b\n";

TEST(ThreadEdges, reply_before_parent_and_missing_root) {
  std::string text =
      mail("<r@x>", "Re: [PATCH] fix", "In-Reply-To: <p@x>\nReferences: <gone@x> <p@x>\n",
           "Reviewed-by: Rev <rev@example.com>", "Rev <rev@example.com>") +
      mail("<p@x>", "[PATCH] fix", "In-Reply-To: <gone@x>\n", k_diff);
  auto patches = parse_mbox_text(text);
  ThreadSet t = build_threads(patches);
  ASSERT_EQ(t.threads.size(), 1u);
  EXPECT_EQ(t.threads[0].root, "<gone@x>");  // never arrived, still names the thread
  EXPECT_EQ(t.facts[1].replies, 1);
  ASSERT_EQ(t.facts[1].review_trailers.size(), 1u);
  EXPECT_TRUE(t.facts[1].review_trailers[0].sender_matches);
}

TEST(ThreadEdges, duplicate_slash_and_looping_ids_do_not_hang) {
  std::string text = mail("<a/b@x>", "[PATCH] one", "In-Reply-To: <c@x>\n", k_diff) +
                     mail("<c@x>", "Re: [PATCH] one", "In-Reply-To: <a/b@x>\n", "loop") +
                     mail("<a/b@x>", "[PATCH] one again", "", k_diff) +
                     mail("", "no id at all", "", "text");
  auto patches = parse_mbox_text(text);
  ThreadSet t = build_threads(patches);
  EXPECT_EQ(t.facts.size(), 4u);
  EXPECT_EQ(t.facts[0].thread, t.facts[1].thread);
  EXPECT_EQ(t.facts[3].thread.rfind("<no-message-id-", 0), 0u);
}

TEST(ThreadEdges, quoted_trailers_never_count_and_statements_are_facts) {
  std::string text =
      mail("<p@x>", "[PATCH] fix", "", k_diff) +
      mail("<r@x>", "Re: [PATCH] fix", "In-Reply-To: <p@x>\n",
           "> Reviewed-by: Someone <s@example.com>\n\nApplied, thanks!\n\nNAK",
           "Maint <maint@example.com>");
  auto patches = parse_mbox_text(text);
  ThreadSet t = build_threads(patches);
  EXPECT_TRUE(t.facts[0].review_trailers.empty());
  ASSERT_EQ(t.facts[0].reply_facts.size(), 2u);
  EXPECT_EQ(t.facts[0].reply_facts[0].kind, "applied");
  EXPECT_EQ(t.facts[0].reply_facts[1].kind, "nak");
}

TEST(ThreadEdges, autosel_ranges_are_separate_series_and_resend_supersedes) {
  std::string text =
      mail("<a@x>", "[PATCH AUTOSEL 6.6 1/2] fix", "", k_diff, "Sasha <s@k.org>") +
      mail("<b@x>", "[PATCH AUTOSEL 6.1 1/2] fix", "", k_diff, "Sasha <s@k.org>") +
      mail("<c@x>", "[PATCH AUTOSEL 6.6 2/2] more", "", k_diff, "Sasha <s@k.org>") +
      mail("<d@x>", "[PATCH] lonely", "", k_diff) +
      mail("<e@x>", "[PATCH RESEND] lonely", "", k_diff, "Dev <dev@example.com>",
           "Tue, 7 Jan 2025 10:00:00 +0000");
  auto patches = parse_mbox_text(text);
  ThreadSet t = build_threads(patches);
  ASSERT_TRUE(t.facts[0].series && t.facts[1].series && t.facts[2].series);
  EXPECT_NE(*t.facts[0].series, *t.facts[1].series);
  EXPECT_EQ(*t.facts[0].series, *t.facts[2].series);
  EXPECT_EQ(t.facts[3].superseded_by, "<e@x>");
  EXPECT_TRUE(t.facts[4].superseded_by.empty());
}

}  // namespace
}  // namespace pt
