// git's t5100 (mailsplit + mailinfo): every message and option variant must give git's
// info, msg and patch byte for byte. Each case is its own ctest entry.
#include <gtest/gtest.h>

#include "mail/mailinfo.hpp"
#include "test_support.hpp"

namespace pt {
namespace {

namespace fs = std::filesystem;

fs::path t5100() { return test::corpus_dir() / "git-t5100/t/t5100"; }

struct SampleCase {
  int number;
  std::string option;  // "", "--scissors", "--no-inbody-headers", "--message-id"
};

std::string case_name(const testing::TestParamInfo<SampleCase>& info) {
  std::string name = std::string("m") + std::to_string(info.param.number);
  for (char c : info.param.option)
    if (std::isalnum(static_cast<unsigned char>(c))) name += c;
  return name;
}

MailInfoOptions options_for(const std::string& option) {
  MailInfoOptions o;
  if (option == "--scissors") o.scissors = true;
  if (option == "--no-inbody-headers") o.inbody_headers = false;
  if (option == "--message-id") o.add_message_id = true;
  return o;
}

class SampleMbox : public testing::TestWithParam<SampleCase> {};

TEST_P(SampleMbox, matches_git_mailinfo_byte_for_byte) {
  REQUIRE_CORPUS();
  const SampleCase& c = GetParam();
  std::vector<RawMessage> messages = test::split_text(test::read_file(t5100() / "sample.mbox"));
  ASSERT_EQ(messages.size(), 18u);
  char id[8];
  std::snprintf(id, sizeof id, "%04d", c.number);
  std::string suffix = std::string(id) + c.option;
  MailInfo info = extract_mailinfo(messages[c.number - 1].text(), options_for(c.option));
  EXPECT_EQ(format_info(info), test::read_file(t5100() / ("info" + suffix)));
  EXPECT_EQ(info.message, test::read_file(t5100() / ("msg" + suffix)));
  EXPECT_EQ(info.patch_text, test::read_file(t5100() / ("patch" + suffix)));
}

std::vector<SampleCase> sample_cases() {
  std::vector<SampleCase> cases;
  for (int i = 1; i <= 18; ++i) cases.push_back({i, ""});
  cases.push_back({12, "--message-id"});
  cases.push_back({14, "--scissors"});
  cases.push_back({15, "--no-inbody-headers"});
  cases.push_back({16, "--no-inbody-headers"});
  cases.push_back({18, "--no-inbody-headers"});
  return cases;
}

INSTANTIATE_TEST_SUITE_P(T5100, SampleMbox, testing::ValuesIn(sample_cases()), case_name);

class Rfc2047Samples : public testing::TestWithParam<int> {};

TEST_P(Rfc2047Samples, decodes_encoded_words_like_git) {
  REQUIRE_CORPUS();
  std::vector<RawMessage> messages =
      test::split_text(test::read_file(t5100() / "rfc2047-samples.mbox"));
  ASSERT_EQ(messages.size(), 11u);
  char name[32];
  std::snprintf(name, sizeof name, "rfc2047-info-%04d", GetParam());
  MailInfo info = extract_mailinfo(messages[GetParam() - 1].text(), {});
  EXPECT_EQ(format_info(info), test::read_file(t5100() / name));
  EXPECT_EQ(info.message, "");
  EXPECT_EQ(info.patch_text, "");
}

INSTANTIATE_TEST_SUITE_P(T5100, Rfc2047Samples, testing::Range(1, 12));

MailInfo extract_file(const std::string& name, MboxDialect dialect = MboxDialect::detect,
                      std::size_t index = 0) {
  std::vector<RawMessage> messages = test::split_text(test::read_file(t5100() / name), dialect);
  if (messages.size() <= index) return {};
  return extract_mailinfo(messages[index].text(), {});
}

TEST(T5100Files, bare_address_is_author_and_email) {
  REQUIRE_CORPUS();
  EXPECT_EQ(format_info(extract_file("info-from.in")), test::read_file(t5100() / "info-from.expect"));
}

TEST(T5100Files, embedded_format_patch_header_is_skipped) {
  REQUIRE_CORPUS();
  EXPECT_EQ(format_info(extract_file("embed-from.in")),
            test::read_file(t5100() / "embed-from.expect"));
}

TEST(T5100Files, quoted_from_stays_quoted_in_plain_mbox) {
  REQUIRE_CORPUS();
  EXPECT_EQ(extract_file("quoted-from.in", MboxDialect::mboxo).message,
            test::read_file(t5100() / "quoted-from.expect"));
}

TEST(T5100Files, quoted_string_display_name) {
  REQUIRE_CORPUS();
  EXPECT_EQ(format_info(extract_file("quoted-string.in")),
            test::read_file(t5100() / "quoted-string.expect"));
}

TEST(T5100Files, comment_display_name) {
  REQUIRE_CORPUS();
  EXPECT_EQ(format_info(extract_file("comment.in")), test::read_file(t5100() / "comment.expect"));
}

TEST(T5100Files, mboxrd_unquotes_one_level_of_from) {
  REQUIRE_CORPUS();
  std::vector<RawMessage> messages =
      test::split_text(test::read_file(t5100() / "sample.mboxrd"), MboxDialect::mboxrd);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(extract_mailinfo(messages[0].text(), {}).message,
            test::read_file(t5100() / "0001mboxrd"));
  EXPECT_EQ(extract_mailinfo(messages[1].text(), {}).message,
            test::read_file(t5100() / "0002mboxrd"));
}

TEST(T5100Files, nul_bytes_survive_splitting_and_patch) {
  REQUIRE_CORPUS();
  std::string plain = test::read_file(t5100() / "nul-plain");
  std::vector<RawMessage> messages = test::split_text(plain);
  ASSERT_EQ(messages.size(), 1u);
  // We keep the mbox From line apart (RawMessage::envelope); git keeps it in the file.
  EXPECT_EQ(messages[0].envelope + "\n" + std::string(messages[0].text()), plain);
  MailInfo info = extract_mailinfo(messages[0].text(), {});
  EXPECT_EQ(std::count(info.patch_text.begin(), info.patch_text.end(), '\n'), 4);

  std::vector<RawMessage> b64 = test::split_text(test::read_file(t5100() / "nul-b64.in"));
  ASSERT_EQ(b64.size(), 1u);
  EXPECT_EQ(extract_mailinfo(b64[0].text(), {}).patch_text,
            test::read_file(t5100() / "nul-b64.expect"));
}

// quoted-cr.mbox: "%%" in the expected files marks a CR. Variant A drops it at line ends,
// variant B keeps every CR.
std::string with_cr(std::string text, bool keep_at_line_end) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "%%") == 0) {
      bool at_end = i + 2 < text.size() && text[i + 2] == '\n';
      if (!at_end || keep_at_line_end) out.push_back('\r');
      ++i;
      continue;
    }
    out.push_back(text[i]);
  }
  return out;
}

TEST(T5100Files, quoted_cr_actions) {
  REQUIRE_CORPUS();
  std::vector<RawMessage> messages = test::split_text(test::read_file(t5100() / "quoted-cr.mbox"));
  ASSERT_EQ(messages.size(), 2u);
  std::string msg = test::read_file(t5100() / "quoted-cr-msg");
  std::string patch = test::read_file(t5100() / "quoted-cr-patch");
  std::string info_text = test::read_file(t5100() / "quoted-cr-info");
  for (QuotedCr action : {QuotedCr::nowarn, QuotedCr::warn, QuotedCr::strip}) {
    MailInfoOptions o;
    o.quoted_cr = action;
    MailInfo first = extract_mailinfo(messages[0].text(), o);
    MailInfo second = extract_mailinfo(messages[1].text(), o);
    bool keep = action != QuotedCr::strip;
    EXPECT_EQ(format_info(first), info_text);
    EXPECT_EQ(first.message, with_cr(msg, false));
    EXPECT_EQ(first.patch_text, with_cr(patch, false));
    EXPECT_EQ(second.message, with_cr(msg, keep));
    EXPECT_EQ(second.patch_text, with_cr(patch, keep));
    EXPECT_FALSE(first.quoted_cr);
    EXPECT_TRUE(second.quoted_cr);
    bool warned = std::find(second.notes.begin(), second.notes.end(), "quoted CRLF detected") !=
                  second.notes.end();
    EXPECT_EQ(warned, action == QuotedCr::warn);
  }
}

}  // namespace
}  // namespace pt
