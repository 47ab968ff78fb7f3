// b4's follow-up trailer threads: the trailers each patch gains from replies must be the
// ones b4 adds in its am-ready output (default mode, and sloppy mode where listed).
#include <gtest/gtest.h>

#include "patch/patch_builder.hpp"
#include "test_support.hpp"
#include "thread/thread_builder.hpp"

namespace pt {
namespace {

namespace fs = std::filesystem;

fs::path samples() { return test::corpus_dir() / "b4/src/tests/samples"; }

std::vector<Patch> parse_file(const fs::path& file) {
  std::vector<Patch> out;
  for (const auto& raw : test::split_text(test::read_file(file))) out.push_back(build_patch(raw, {}));
  return out;
}

std::vector<std::string> as_lines(const std::vector<Trailer>& trailers) {
  std::vector<std::string> out;
  for (const auto& t : trailers) out.push_back(t.key + ": " + t.value);
  return out;
}

struct B4Case {
  std::string source;   // trailers-followup-<source>.mbox
  std::string variant;  // defaults or sloppy
};

void PrintTo(const B4Case& c, std::ostream* os) { *os << c.source << "/" << c.variant; }

class B4Followups : public testing::TestWithParam<B4Case> {};

TEST_P(B4Followups, patches_gain_the_trailers_b4_adds) {
  REQUIRE_CORPUS();
  const B4Case& c = GetParam();
  std::vector<Patch> thread = parse_file(samples() / ("trailers-followup-" + c.source + ".mbox"));
  ThreadSet t = build_threads(thread);
  std::vector<Patch> expected =
      parse_file(samples() / ("trailers-followup-" + c.source + "-ref-" + c.variant + ".txt"));
  ASSERT_FALSE(expected.empty());
  for (const Patch& want : expected) {
    SCOPED_TRACE(want.message_id);
    std::size_t i = 0;
    while (i < thread.size() && thread[i].message_id != want.message_id) ++i;
    ASSERT_LT(i, thread.size()) << "patch not found in the thread";
    std::vector<std::string> got = as_lines(thread[i].trailers);
    for (const ReviewTrailer& r : t.facts[i].review_trailers)
      if (r.sender_matches || c.variant == "sloppy") got.push_back(r.key + ": " + r.value);
    // b4's tests ran as "Test Override", the person applying the series: its own sign-off
    // is not a follow-up (corpus README, section 3).
    std::vector<std::string> wanted;
    for (const auto& line : as_lines(want.trailers))
      if (line.find("test-override@example.com") == std::string::npos) wanted.push_back(line);
    EXPECT_EQ(got, wanted);
  }
}

INSTANTIATE_TEST_SUITE_P(B4, B4Followups,
                         testing::Values(B4Case{"single", "defaults"}, B4Case{"single", "sloppy"},
                                         B4Case{"with-cover", "defaults"},
                                         B4Case{"partial-reroll", "defaults"},
                                         B4Case{"nore", "defaults"},
                                         B4Case{"non-git-patch", "defaults"},
                                         B4Case{"non-git-patch-with-comments", "defaults"},
                                         B4Case{"with-diffstat", "defaults"},
                                         B4Case{"name-parens", "defaults"},
                                         B4Case{"bare-address", "defaults"},
                                         B4Case{"stripped-lines", "defaults"},
                                         B4Case{"htmljunk", "defaults"}),
                         [](const auto& info) { return test::case_name(info.param.source + "_" + info.param.variant); });

TEST(B4Followups, mismatched_sender_is_reported_not_dropped) {
  REQUIRE_CORPUS();
  std::vector<Patch> thread = parse_file(samples() / "trailers-followup-single.mbox");
  ThreadSet t = build_threads(thread);
  ASSERT_EQ(t.facts[0].review_trailers.size(), 3u);
  const ReviewTrailer& odd = t.facts[0].review_trailers[2];
  EXPECT_EQ(odd.email, "mismatched-reviewer1@example.net");
  EXPECT_FALSE(odd.sender_matches);
  EXPECT_EQ(odd.from_reply, "<fwup-message-3@example.com>");
}

TEST(B4Followups, restated_trailers_are_not_new_and_only_tested_by_mismatches) {
  REQUIRE_CORPUS();
  std::vector<Patch> thread = parse_file(samples() / "trailers-followup-already-present.mbox");
  ThreadSet t = build_threads(thread);
  std::vector<std::string> mismatched;
  for (const auto& f : t.facts)
    for (const auto& r : f.review_trailers)
      if (!r.sender_matches) mismatched.push_back(r.key);
  EXPECT_EQ(mismatched, std::vector<std::string>{"Tested-by"});
}

TEST(B4Followups, naked_cover_letter_is_found_but_not_a_bug_report) {
  REQUIRE_CORPUS();
  std::vector<Patch> single = parse_file(samples() / "naked-cover-single.mbox");
  ThreadSet t = build_threads(single);
  int covers = 0;
  for (std::size_t i = 0; i < single.size(); ++i)
    if (t.facts[i].is_cover) {
      ++covers;
      EXPECT_EQ(single[i].title, "do a thing to the widget subsystem");
    }
  EXPECT_EQ(covers, 1);
  std::vector<Patch> report = parse_file(samples() / "naked-cover-bugreport.mbox");
  ThreadSet r = build_threads(report);
  for (const auto& f : r.facts) EXPECT_FALSE(f.is_cover);
}

}  // namespace
}  // namespace pt
