#include "input/mbox_splitter.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace pt {
namespace {

TEST(MboxSplitter, from_line_needs_a_time_and_a_year) {
  EXPECT_TRUE(is_from_line("From nobody Mon Sep 17 00:00:00 2001\n"));
  EXPECT_TRUE(is_from_line("From mboxrd@z Thu Jan  1 00:00:00 1970"));
  EXPECT_FALSE(is_from_line("From not mangled but this line should have been split\n"));
  EXPECT_FALSE(is_from_line("From me at 12:30 in 85"));  // the year must be above 90
  EXPECT_FALSE(is_from_line("Subject: From 00:00 2001"));
}

TEST(MboxSplitter, splits_on_from_lines_and_records_offsets) {
  std::string text =
      "From a@b Mon Sep 17 00:00:00 2001\nSubject: one\n\nbody\n"
      "From a@b Mon Sep 17 00:00:00 2001\nSubject: two\n\nbody two\n";
  auto messages = test::split_text(text);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].text(), "Subject: one\n\nbody\n");
  EXPECT_EQ(messages[1].offset, text.find("From a@b", 1));
  EXPECT_EQ(messages[1].envelope, "From a@b Mon Sep 17 00:00:00 2001");
}

TEST(MboxSplitter, mboxrd_is_detected_and_unquoted) {
  std::string text = "From mboxrd@z Thu Jan  1 00:00:00 1970\nSubject: x\n\n>From here\n>>From there\n";
  auto messages = test::split_text(text);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].text(), "Subject: x\n\nFrom here\n>From there\n");
  auto plain = test::split_text(text, MboxDialect::mboxo);
  EXPECT_EQ(plain[0].text(), "Subject: x\n\n>From here\n>>From there\n");
}

TEST(MboxSplitter, bare_message_is_one_message_and_crlf_becomes_lf) {
  auto messages = test::split_text("\n\nSubject: x\r\nFrom: a@b\r\n\r\nFrom me to you 12:00 2001\r\n");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].text(), "Subject: x\nFrom: a@b\n\nFrom me to you 12:00 2001\n");
  EXPECT_EQ(messages[0].offset, 2u);
}

TEST(MboxSplitter, chunk_boundaries_do_not_change_the_result) {
  std::string text =
      "From a@b Mon Sep 17 00:00:00 2001\nSubject: one\n\nbody\n"
      "From a@b Mon Sep 17 00:00:00 2001\nSubject: two\n\nbody two";
  auto whole = test::split_text(text);
  for (std::size_t step = 1; step < 13; ++step) {
    std::vector<RawMessage> out;
    MboxSplitter s("t", MboxDialect::detect, [&](RawMessage&& m) { out.push_back(std::move(m)); });
    for (std::size_t i = 0; i < text.size(); i += step) s.feed(std::string_view(text).substr(i, step));
    s.finish();
    ASSERT_EQ(out.size(), whole.size()) << "step " << step;
    for (std::size_t i = 0; i < out.size(); ++i) EXPECT_EQ(out[i].text(), whole[i].text());
  }
}

TEST(MboxSplitter, special_lines_are_found_inside_long_runs) {
  // Separators, quoted separators and CRLF ends at every offset of the 16- and 32-byte
  // blocks the splitter scans, in chunks of every size: the result is the line-by-line one.
  std::string text = "From mboxrd@z Thu Jan  1 00:00:00 1970\nSubject: x\n\n";
  std::string expected = "Subject: x\n\n";
  for (int pad = 0; pad < 40; ++pad) {
    std::string filler(static_cast<std::size_t>(pad), 'a');
    text += filler + "\n>From q\nFrom not a separator\nline\r\n\r\n" + filler + "F\n>>From z\n" +
            "> quoted\r\nFixes: x\r\n>\n";
    expected += filler + "\nFrom q\nFrom not a separator\nline\n\n" + filler + "F\n>From z\n" +
                "> quoted\nFixes: x\n>\n";
  }
  text += "From mboxrd@z Thu Jan  1 00:00:00 1970\nSubject: y\n\nlast\r\n";
  for (std::size_t step : {std::size_t(1), std::size_t(7), std::size_t(64), text.size()}) {
    std::vector<RawMessage> out;
    MboxSplitter s("t", MboxDialect::detect, [&](RawMessage&& m) { out.push_back(std::move(m)); });
    for (std::size_t i = 0; i < text.size(); i += step) s.feed(std::string_view(text).substr(i, step));
    s.finish();
    ASSERT_EQ(out.size(), 2u) << "step " << step;
    EXPECT_EQ(out[0].text(), expected) << "step " << step;
    EXPECT_EQ(out[1].text(), "Subject: y\n\nlast\n") << "step " << step;
    EXPECT_EQ(out[1].offset, text.rfind("From mboxrd@z")) << "step " << step;
  }
}

TEST(MboxSplitter, stable_subset_has_2279_messages) {
  REQUIRE_CORPUS();
  auto messages = test::split_text(
      test::read_file(test::corpus_dir() / "lore-usb/linux-usb-stable-subset.mboxrd"));
  EXPECT_EQ(messages.size(), 2279u);
}

}  // namespace
}  // namespace pt
