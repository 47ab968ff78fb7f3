#include "patch/trailers.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace pt {
namespace {

namespace fs = std::filesystem;

#ifdef PATCHTRIAGE_SHARED
const fs::path k_shared = PATCHTRIAGE_SHARED;
#else
const fs::path k_shared;
#endif

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The trailers as `git interpret-trailers --parse` prints them, one per line.
std::string render(const std::vector<Trailer>& trailers) {
  std::string out;
  for (const auto& t : trailers) out += t.key + ": " + t.value + "\n";
  return out;
}

std::string parse(std::string_view message) { return render(parse_trailers(message)); }

// Expected outputs below were checked with git 2.39.5 `git interpret-trailers --parse`.

TEST(Trailers, plain_trailer_block_after_body) {
  auto t = parse_trailers(
      "net: fix a leak\n\nThe buffer leaks.\n\nFixes: 0123456789ab (\"net: add buffer\")\n"
      "Reviewed-by: A U Thor <author@example.com>\nSigned-off-by: B <b@example.com>\n");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].key, "Fixes");
  EXPECT_EQ(t[0].value, "0123456789ab (\"net: add buffer\")");
  EXPECT_EQ(t[0].name, "");
  EXPECT_EQ(t[0].email, "");
  EXPECT_EQ(t[0].line, 5);
  EXPECT_EQ(t[1].name, "A U Thor");
  EXPECT_EQ(t[1].email, "author@example.com");
  EXPECT_EQ(t[1].line, 6);
  EXPECT_EQ(t[2].line, 7);
}

TEST(Trailers, title_paragraph_is_never_a_trailer_block) {
  EXPECT_EQ(parse("fix: the thing\n"), "");
  EXPECT_EQ(parse("fix: the thing\nFoo: bar\n"), "");
}

TEST(Trailers, body_made_only_of_trailers_is_a_block) {
  EXPECT_EQ(parse("ci: update\n\nAssisted-by: Claude:claude-opus-4-6\n"
                  "Signed-off-by: Ihor Solodrai <ihor.solodrai@linux.dev>\n\n"),
            "Assisted-by: Claude:claude-opus-4-6\n"
            "Signed-off-by: Ihor Solodrai <ihor.solodrai@linux.dev>\n");
}

TEST(Trailers, one_signed_off_by_in_four_lines_passes_the_25_percent_rule) {
  EXPECT_EQ(parse("Title\n\nSome text here\nmore text\nSigned-off-by: A <a@b>\nlast line\n"),
            "Signed-off-by: A <a@b>\n");
}

TEST(Trailers, one_signed_off_by_in_five_lines_is_below_25_percent) {
  EXPECT_EQ(parse("Title\n\nSome text here\nmore text\nSigned-off-by: A <a@b>\n"
                  "another line\nlast line\n"),
            "");
}

TEST(Trailers, without_git_generated_line_all_lines_must_be_trailers) {
  EXPECT_EQ(parse("Title\n\nBody.\n\nAcked-by: A <a@b>\nthis is prose\n"), "");
  EXPECT_EQ(parse("Title\n\nBody.\n\nKey Two: x\nKey  : y\n"), "");
}

TEST(Trailers, cherry_picked_line_counts_but_is_not_printed) {
  auto t = parse_trailers(
      "Title\n\nBody.\n\nAcked-by: X\n"
      "(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)\n"
      "Signed-off-by: Y <y@z>\n");
  EXPECT_EQ(render(t), "Acked-by: X\nSigned-off-by: Y <y@z>\n");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[1].line, 7);
  // It also makes a mostly-prose paragraph a trailer block.
  EXPECT_EQ(parse("Title\n\nprose one\nprose two\nprose three\n"
                  "(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)\n"),
            "");
  EXPECT_EQ(parse("Title\n\nprose one\nprose two\nprose three\nCc: x@y\n"
                  "(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)\n"),
            "Cc: x@y\n");
}

TEST(Trailers, stable_cc_keeps_its_comment) {
  auto t = parse_trailers(
      "Title\n\nBody.\n\nCc: stable@vger.kernel.org # 6.1.x\n"
      "Cc: <stable@vger.kernel.org> # v5.10+\n");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].value, "stable@vger.kernel.org # 6.1.x");
  EXPECT_EQ(t[0].name, "");
  EXPECT_EQ(t[0].email, "stable@vger.kernel.org");
  EXPECT_EQ(t[0].comment, "# 6.1.x");
  EXPECT_EQ(t[1].email, "stable@vger.kernel.org");
  EXPECT_EQ(t[1].comment, "# v5.10+");
}

// A pasted page hides addresses; recovered mail writes the person as "Name <>".
TEST(Trailers, a_name_with_a_hidden_address_is_a_person_under_any_key) {
  auto t = parse_trailers("Title\n\nBody.\n\nThanks-to: Jane Doe <>\nLink: <https://x/y>\n"
                          "Signed-off-by: A <a@b>\n");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].name, "Jane Doe");
  EXPECT_EQ(t[0].email, "");
  EXPECT_EQ(t[1].name, "");
}

TEST(Trailers, no_break_spaces_around_a_name_are_not_part_of_it) {
  auto t = parse_trailers("Title\n\nBody.\n\nAcked-by: Heikki Krogerus\xC2\xA0<h@k>\n");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].name, "Heikki Krogerus");
  EXPECT_EQ(t[0].value, "Heikki Krogerus\xC2\xA0<h@k>");  // the value stays as written
}

TEST(Trailers, folded_value_is_joined_with_single_spaces) {
  auto t = parse_trailers(
      "Title\n\nBody.\n\nFixes: 0123456789ab (\"some very long\n  subject that wraps\")\n"
      "Baz: q\n  folded\n\t twice\n");
  EXPECT_EQ(render(t),
            "Fixes: 0123456789ab (\"some very long subject that wraps\")\n"
            "Baz: q folded twice\n");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[1].line, 7);
}

TEST(Trailers, crlf_lines_keep_cr_inside_folded_value) {
  EXPECT_EQ(parse("Title\r\n\r\nBody.\r\n\r\nFoo: bar\r\n  more\r\nSigned-off-by: X <x@y>\r\n"),
            "Foo: bar\r more\nSigned-off-by: X <x@y>\n");
}

TEST(Trailers, divider_ends_the_message) {
  EXPECT_EQ(parse("Title\n\nBody.\n\nReviewed-by: A <a@b>\n---\nNot-a-trailer: x\n"),
            "Reviewed-by: A <a@b>\n");
  EXPECT_EQ(parse("Title\n\nBody.\n\nReviewed-by: A <a@b>\n--- a/file\n+++ b/file\n"),
            "Reviewed-by: A <a@b>\n");
  // "------ text" and a final "---" without newline are not dividers.
  EXPECT_EQ(parse("Title\n\nBody.\n\nReviewed-by: A <a@b>\n---"), "");
  EXPECT_EQ(parse("Title\n\nBody.\n\nReviewed-by: A <a@b>\n------ text\n"), "");
}

TEST(Trailers, comment_lines_and_cut_line_are_ignored) {
  EXPECT_EQ(parse("Title\n\nBody.\n\nFoo: bar\n# comment\nBaz: q\n\n# trailing comment\n\n"),
            "Foo: bar\nBaz: q\n");
  EXPECT_EQ(parse("Title\n\nBody.\n\nFoo: bar\n"
                  "# ------------------------ >8 ------------------------\nprose\n"),
            "Foo: bar\n");
}

TEST(Trailers, non_trailer_lines_of_a_block_are_dropped) {
  auto t = parse_trailers(
      "Simple test\n\nThis is a simple trailer parsing test.\n\n"
      "Reviewed-by: Bogus Bupkes <bogus@example.com>\n[for the parts that are bogus]\n"
      "Signed-off-by: Wrapped Persontrailer\n<broken@example.com>\n");
  EXPECT_EQ(render(t),
            "Reviewed-by: Bogus Bupkes <bogus@example.com>\n"
            "Signed-off-by: Wrapped Persontrailer\n");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[1].name, "Wrapped Persontrailer");
  EXPECT_EQ(t[1].email, "");
}

TEST(Trailers, key_keeps_its_spelling_without_trailing_blanks) {
  EXPECT_EQ(parse("Title\n\nBody.\n\nreported-BY : x <x@y>\nEmpty:\n"),
            "reported-BY: x <x@y>\nEmpty: \n");
}

TEST(Trailers, split_person_handles_the_usual_shapes) {
  std::string n, e, c;
  split_person("A U Thor <a@b.org>", n, e, c);
  EXPECT_EQ(n, "A U Thor");
  EXPECT_EQ(e, "a@b.org");
  EXPECT_EQ(c, "");
  split_person("bare@example.com", n, e, c);
  EXPECT_EQ(n, "");
  EXPECT_EQ(e, "bare@example.com");
  split_person("<bare@x>", n, e, c);
  EXPECT_EQ(n, "");
  EXPECT_EQ(e, "bare@x");
  split_person("\"Doe, Jane\" <jane@example.com>", n, e, c);
  EXPECT_EQ(n, "Doe, Jane");
  EXPECT_EQ(e, "jane@example.com");
  split_person("Jane \"JD\" Doe <jd@example.com>", n, e, c);
  EXPECT_EQ(n, "Jane \"JD\" Doe");
  split_person("\"Odd <name>\" <odd@example.com> [v2]", n, e, c);
  EXPECT_EQ(n, "Odd <name>");
  EXPECT_EQ(e, "odd@example.com");
  EXPECT_EQ(c, "[v2]");
  split_person("stable@vger.kernel.org # 6.1.x", n, e, c);
  EXPECT_EQ(e, "stable@vger.kernel.org");
  EXPECT_EQ(c, "# 6.1.x");
  split_person("Christoph Hellwig", n, e, c);
  EXPECT_EQ(n, "Christoph Hellwig");
  EXPECT_EQ(e, "");
}

TEST(Trailers, reference_values_are_not_people) {
  auto t = parse_trailers(
      "Title\n\nBody.\n\nLink: https://lore.kernel.org/r/123@example.com\n"
      "Closes: https://bugzilla.kernel.org/show_bug.cgi?id=1\n"
      "Fixes: 0123456789ab (\"x\")\n"
      "Reported-by: syzbot+abc@syzkaller.appspotmail.com\n");
  ASSERT_EQ(t.size(), 4u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(t[i].name, "") << t[i].key;
    EXPECT_EQ(t[i].email, "") << t[i].key;
  }
  EXPECT_EQ(t[3].email, "syzbot+abc@syzkaller.appspotmail.com");
}

// b4's samples (README 3.4): git keeps indented extra info as a continuation and drops the
// bracketed line and the wrapped address, where b4 attaches them to the trailer above.
TEST(Trailers, b4_samples_parse_as_git_does) {
  if (k_shared.empty() || !fs::exists(k_shared / "corpus/b4"))
    GTEST_SKIP() << "shared corpus not found at " << k_shared / "corpus/b4";
  const fs::path dir = k_shared / "corpus/b4/src/tests/samples";
  struct Case {
    const char* file;
    const char* expected;
  } cases[] = {
      {"trailers-test-simple.txt",
       "Reported-by: \"Doe, Jane\" <jane@example.com>\n"
       "Reviewed-by: Bogus Bupkes <bogus@example.com>\n"
       "Fixes: abcdef01234567890\n"
       "Link: https://msgid.link/some@msgid.here\n"},
      {"trailers-test-extinfo.txt",
       "Reported-by: Some, One <somewhere@example.com>\n"
       "Reviewed-by: Bogus Bupkes <bogus@example.com>\n"
       "Fixes: abcdef01234567890\n"
       "Tested-by: Some Person <bogus2@example.com> [this person visually indented theirs]\n"
       "Link: https://msgid.link/some@msgid.here  # initial submission\n"
       "Signed-off-by: Wrapped Persontrailer\n"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.file);
    std::string mail = slurp(dir / c.file);
    std::size_t body = mail.find("\n\n");
    ASSERT_NE(body, std::string::npos);
    std::string message = "Simple test\n\n" + mail.substr(body + 2);
    auto t = parse_trailers(message);
    EXPECT_EQ(render(t), c.expected);
    if (std::string(c.file) == "trailers-test-simple.txt") {
      ASSERT_EQ(t.size(), 4u);
      EXPECT_EQ(t[0].name, "Doe, Jane");
      EXPECT_EQ(t[0].email, "jane@example.com");
      EXPECT_EQ(t[1].name, "Bogus Bupkes");
      EXPECT_EQ(t[2].email, "");
      EXPECT_EQ(t[3].email, "");
    } else {
      ASSERT_EQ(t.size(), 6u);
      EXPECT_EQ(t[0].name, "Some, One");
      EXPECT_EQ(t[3].email, "bogus2@example.com");
      EXPECT_EQ(t[3].comment, "[this person visually indented theirs]");
      EXPECT_EQ(t[3].line, 9);
    }
  }
}

// All 300 libbpf commits: `git log --format=%B` piped through `git interpret-trailers --parse`.
TEST(Trailers, libbpf_commits_match_git_interpret_trailers) {
  const fs::path dir = k_shared / "corpus/libbpf-format-patch/expected";
  if (k_shared.empty() || !fs::exists(dir)) GTEST_SKIP() << "shared corpus not found at " << dir;
  int cases = 0, lines = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".body") continue;
    fs::path expected_path = entry.path();
    expected_path.replace_extension(".trailers");
    SCOPED_TRACE(entry.path().filename().string());
    auto t = parse_trailers(slurp(entry.path()));
    EXPECT_EQ(render(t), slurp(expected_path));
    ++cases;
    lines += int(t.size());
  }
  EXPECT_EQ(cases, 300);
  EXPECT_EQ(lines, 1053);  // README section 6
}

}  // namespace
}  // namespace pt
