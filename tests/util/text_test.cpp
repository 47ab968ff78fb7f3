#include "util/text.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace pt {
namespace {

TEST(Text, find_newline_finds_the_first_one_at_or_after_pos) {
  // Every distance from the start, inside and across the 16-byte blocks.
  for (std::size_t at = 0; at < 40; ++at) {
    std::string text(50, 'x');
    text[at] = '\n';
    text[45] = '\n';
    EXPECT_EQ(find_newline(text, 0), at);
    EXPECT_EQ(find_newline(text, at), at);
    EXPECT_EQ(find_newline(text, at + 1), 45u);
  }
  EXPECT_EQ(find_newline("no newline here, not even after sixteen bytes", 0), std::string_view::npos);
  EXPECT_EQ(find_newline("", 0), std::string_view::npos);
  EXPECT_EQ(find_newline("a\n", 2), std::string_view::npos);
}

TEST(Text, count_newlines_counts_every_one) {
  EXPECT_EQ(count_newlines(""), 0u);
  EXPECT_EQ(count_newlines("no newline"), 0u);
  std::string text;
  for (int i = 0; i < 100; ++i) text += std::string(static_cast<std::size_t>(i % 19), 'y') + "\n";
  EXPECT_EQ(count_newlines(text), 100u);
  EXPECT_EQ(count_newlines(std::string_view(text).substr(1)), 99u);  // the first line is empty
  EXPECT_EQ(count_newlines("\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"), 17u);
  // More than 255 blocks of 16 newlines: the per-byte counters must not wrap.
  EXPECT_EQ(count_newlines(std::string(16 * 300 + 5, '\n')), 16u * 300 + 5);
}

TEST(Text, find_bytes_finds_the_first_occurrence) {
  std::string needle = "changes since commit";
  for (std::size_t size : {std::size_t(40), std::size_t(5000)}) {
    std::string hay(size, 'c');
    EXPECT_EQ(find_bytes(hay, needle), std::string_view::npos);
    hay.replace(size - needle.size(), needle.size(), needle);
    EXPECT_EQ(find_bytes(hay, needle), size - needle.size());
    hay.replace(3, needle.size(), needle);
    EXPECT_EQ(find_bytes(hay, needle), 3u);
    EXPECT_EQ(find_bytes(hay, "changes since commix"), std::string_view::npos);
    EXPECT_EQ(find_bytes(hay, "cc"), 0u);
  }
  std::string overlapping = std::string(3000, 'a') + "aab" + std::string(3000, 'a');
  EXPECT_EQ(find_bytes(overlapping, "aaaaaaaab"), 2994u);
  EXPECT_EQ(find_bytes("", "x"), std::string_view::npos);
  EXPECT_EQ(find_bytes("abc", ""), 0u);
}

// The block scans against the plain definition, on texts over a small alphabet (so that
// first and last bytes match often) of every length around the 16- and 32-byte steps.
TEST(Text, find_bytes_and_find_newline_agree_with_string_view_find) {
  std::mt19937 random(20261127);
  const std::string alphabet = "ab\n";
  for (int round = 0; round < 4000; ++round) {
    std::string hay(random() % 100, 'a'), needle(1 + random() % 6, 'a');
    for (char& c : hay) c = alphabet[random() % alphabet.size()];
    for (char& c : needle) c = alphabet[random() % alphabet.size()];
    std::string_view h = hay;
    ASSERT_EQ(find_bytes(h, needle), h.find(needle)) << hay << " / " << needle;
    std::size_t pos = hay.empty() ? 0 : random() % hay.size();
    ASSERT_EQ(find_newline(h, pos), h.find('\n', pos)) << hay << " @ " << pos;
  }
}

TEST(Text, collapse_space_turns_runs_into_one_space) {
  EXPECT_EQ(collapse_space("a b c"), "a b c");
  EXPECT_EQ(collapse_space("a  b\tc\r\n d "), "a b c d ");
  EXPECT_EQ(collapse_space("\xC3\xA9t\xC3\xA9 \x7F"), "\xC3\xA9t\xC3\xA9 \x7F");
}

// The 16-byte scan for the first byte to collapse against the plain definition: texts of
// every length around the step, over blanks, control bytes next to them and bytes >= 0x80.
TEST(Text, collapse_space_agrees_with_the_byte_by_byte_definition) {
  auto reference = [](std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (!is_space(s[i])) {
        out += s[i];
        continue;
      }
      out += ' ';
      while (i + 1 < s.size() && is_space(s[i + 1])) ++i;
    }
    return out;
  };
  std::mt19937 random(20261127);
  const std::string alphabet("aaaaaaa  \t\n\v\f\r\x08\x0e\x1f\x80\xff!\0", 21);
  for (int round = 0; round < 6000; ++round) {
    std::string text(random() % 70, 'a');
    // Mostly clean text, one or two bytes that may need collapsing.
    for (char& c : text) c = random() % 8 ? 'x' : alphabet[random() % alphabet.size()];
    ASSERT_EQ(collapse_space(text), reference(text)) << text;
  }
}

TEST(Text, next_line_keeps_the_newline_and_takes_an_unterminated_end) {
  std::string_view text = "one\ntwo\nthree";
  std::size_t pos = 0;
  EXPECT_EQ(next_line(text, pos), "one\n");
  EXPECT_EQ(next_line(text, pos), "two\n");
  EXPECT_EQ(next_line(text, pos), "three");
  EXPECT_EQ(pos, text.size());
}

}  // namespace
}  // namespace pt
