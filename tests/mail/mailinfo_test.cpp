#include "mail/mailinfo.hpp"

#include <gtest/gtest.h>

#include "mail/address.hpp"
#include "mail/rfc2047.hpp"
#include "mail/transfer_decoding.hpp"

namespace pt {
namespace {

TEST(MailInfo, inbody_from_wins_when_there_is_a_patch) {
  MailInfo info = extract_mailinfo(
      "From: Sasha Levin <sashal@kernel.org>\nSubject: [PATCH AUTOSEL 6.6 1/2] usb: fix\n\n"
      "From: Real Author <real@example.com>\n\n[ Upstream commit 0123456789ab ]\n\nBody.\n"
      "---\n diff --git a/x b/x\n",
      {});
  EXPECT_EQ(info.author_name, "Real Author");
  EXPECT_TRUE(info.from_in_body);
  EXPECT_EQ(info.title, "usb: fix");
  EXPECT_EQ(info.message, "[ Upstream commit 0123456789ab ]\n\nBody.\n");
}

TEST(MailInfo, quoted_printable_body_is_decoded_and_converted) {
  MailInfo info = extract_mailinfo(
      "From: a@b\nSubject: s\nContent-Type: text/plain; charset=iso-8859-1\n"
      "Content-Transfer-Encoding: quoted-printable\n\nK=E5gedal wrote a long line th=\nat wraps\n",
      {});
  EXPECT_EQ(info.message, "K\xC3\xA5gedal wrote a long line that wraps\n");
}

TEST(MailInfo, unknown_charset_keeps_the_bytes_and_says_so) {
  MailInfo info = extract_mailinfo(
      "From: a@b\nSubject: s\nContent-Type: text/plain; charset=none\n\nbyte \xE9 here\n", {});
  EXPECT_EQ(info.message, "byte \xE9 here\n");
  ASSERT_FALSE(info.notes.empty());
  EXPECT_NE(info.notes[0].find("charset none"), std::string::npos);
}

TEST(MailInfo, format_flowed_lines_are_joined) {
  MailInfo info = extract_mailinfo(
      "From: a@b\nSubject: s\nContent-Type: text/plain; format=flowed\n\none \ntwo\n", {});
  EXPECT_EQ(info.message, "one two\n");
}

TEST(MailInfo, scissors_lines) {
  EXPECT_TRUE(is_scissors_line("-- >8 --"));
  EXPECT_TRUE(is_scissors_line("-----8<-----"));
  EXPECT_TRUE(is_scissors_line(">8 ------"));
  EXPECT_TRUE(is_scissors_line("-- >8 -- cut here"));
  EXPECT_FALSE(is_scissors_line("->8-"));
  EXPECT_FALSE(is_scissors_line("--------"));
  EXPECT_FALSE(is_scissors_line("this sentence merely contains -- >8 -- a mark"));
}

TEST(Address, forms_git_accepts) {
  EXPECT_EQ(parse_author("Real Name <user@example.com>").name, "Real Name");
  EXPECT_EQ(parse_author("user@example.com (A U Thor)").name, "A U Thor");
  EXPECT_EQ(parse_author("bob \"unterminated string smith <bob@example.com>").name,
            "bob unterminated string smith");
  EXPECT_EQ(parse_author("bob (unterminated comment smith <bob@example.com>").name,
            "bob (unterminated comment smith");
  Address bare = parse_author("bare@example.com");
  EXPECT_EQ(bare.name, "bare@example.com");
  EXPECT_EQ(bare.email, "bare@example.com");
}

// Found with the fuzz targets (tests/fuzz, fuzz_headers): each nested '(' recursed, so a
// From header of a million of them overflowed the stack (SIGSEGV in `patchtriage inspect`).
TEST(Address, nested_comments_are_kept_and_do_not_recurse) {
  EXPECT_EQ(parse_author("A (x (y\\) z) w) <a@b.c>").name, "A (x (y) z) w)");
  EXPECT_EQ(parse_author("d@e.f (a (b) c)").name, "a (b) c");
  std::string deep(1000000, '(');
  EXPECT_EQ(parse_author(deep + "<a@b.c>").email, "a@b.c");
  MailInfo info = extract_mailinfo("From: " + deep + "\nSubject: s\n\nbody\n", {});
  EXPECT_EQ(info.subject, "s");
}

TEST(Rfc2047, adjacent_words_join_and_plain_text_stays) {
  EXPECT_EQ(decode_rfc2047("=?utf-8?q?test=20s=c3=bcbject?=").text, "test s\xC3\xBC" "bject");
  EXPECT_EQ(decode_rfc2047("(=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)").text, "(a b)");
  EXPECT_EQ(decode_rfc2047("=?ISO-8859-1?Q?a?= b").text, "a b");
  DecodedHeader bad = decode_rfc2047("=?broken");
  EXPECT_FALSE(bad.ok);
  EXPECT_EQ(bad.text, "=?broken");
}

TEST(MailInfo, header_fields_are_unfolded_only_when_read) {
  std::string mail =
      "Received: from a\n\tby b  \n  \n (c)\nTo: x@y,  \n\t z@w \nReferences:\n <a@b>\n"
      "Subject: one\n two\nFrom: a@b\n\nbody\n";
  MailInfo info = extract_mailinfo(mail, {});
  ASSERT_EQ(info.headers.size(), 5u);
  EXPECT_EQ(info.headers[0].name, "Received");
  EXPECT_EQ(info.headers[0].text, " from a\n\tby b  \n  \n (c)");
  EXPECT_EQ(info.headers[0].value(), "from a by b (c)");
  EXPECT_EQ(info.headers[1].value(), "x@y,  z@w");  // the blank after the fold stays
  EXPECT_EQ(info.headers[2].value(), "<a@b>");
  EXPECT_EQ(info.headers[4].value(), "a@b");
  EXPECT_EQ(info.subject, "one two");
  EXPECT_EQ(info.message, "body\n");
}

TEST(MailInfo, unfold_header_drops_trailing_blanks_and_blank_lines) {
  EXPECT_EQ(unfold_header("Name: a  \n\tb\r"), "Name: a b");
  EXPECT_EQ(unfold_header("Name: a\n \t \n  c"), "Name: a  c");
  EXPECT_EQ(unfold_header("Name:"), "Name:");
}

TEST(MailInfo, patch_text_after_the_message_is_kept_byte_for_byte) {
  MailInfo info = extract_mailinfo(
      "From: a@b\nSubject: s\n\nmsg\n---\n x | 1 +\n\ndiff --git a/x b/x\n+y\nno newline", {});
  EXPECT_EQ(info.message, "msg\n");
  EXPECT_EQ(info.patch_text, "---\n x | 1 +\n\ndiff --git a/x b/x\n+y\nno newline");
}

TEST(TransferDecoding, quoted_printable_appends_as_git_decodes) {
  std::string out = "kept ";
  append_quoted_printable(out, "a=3Db =ZZ c_d\r\n", false);
  EXPECT_EQ(out, "kept a=b =ZZ c_d\r\n");
  out.clear();
  append_quoted_printable(out, "soft=\n", false);
  EXPECT_EQ(out, "soft");
  out.clear();
  append_quoted_printable(out, "a_b=5F=4", true);
  EXPECT_EQ(out, "a b_=4");
  out.clear();
  append_quoted_printable(out, std::string_view("x\0y", 3), false);
  EXPECT_EQ(out, "x");
  EXPECT_EQ(decode_quoted_printable("=E5=", false), "\xE5");
}

}  // namespace
}  // namespace pt
