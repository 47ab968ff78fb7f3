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
                         [](const auto& info) {
                           std::string n = info.param.file.substr(0, info.param.file.size() - 5);
                           for (char& c : n)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

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
