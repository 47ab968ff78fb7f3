#include "patch/patch_builder.hpp"

#include <gtest/gtest.h>

#include "mail/address.hpp"

namespace pt {
namespace {

TEST(PatchBuilder, notes_and_diffstat_are_split_from_the_patch_text) {
  std::string notes, stat;
  split_notes(
      "---\n\nLLM Generated explanations, may be completely bogus:\n\nYES.\n\n"
      " drivers/usb/x.c | 5 +++++\n 1 file changed, 5 insertions(+)\n\n"
      "diff --git a/drivers/usb/x.c b/drivers/usb/x.c\n",
      notes, stat);
  EXPECT_EQ(notes, "LLM Generated explanations, may be completely bogus:\n\nYES.");
  EXPECT_EQ(stat, " drivers/usb/x.c | 5 +++++\n 1 file changed, 5 insertions(+)\n");
}

TEST(PatchBuilder, split_notes_says_where_the_diff_starts) {
  std::string notes, stat;
  const std::string text = "---\nnotes\n\ndiff --git a/x b/x\n--- a/x\n+++ b/x\n";
  EXPECT_EQ(split_notes(text, notes, stat), text.find("diff --git"));
  EXPECT_EQ(split_notes("diff --git a/x b/x\n", notes, stat), 0u);
  EXPECT_EQ(split_notes("---\nonly notes\n", notes, stat), 15u);
  EXPECT_EQ(split_notes("> a quoted reply\n", notes, stat), std::string_view::npos);
}

// request-pull's text after a "---" line makes a pull request; the same text as lines of
// a file in a diff does not.
TEST(PatchBuilder, pull_request_text_counts_after_the_notes_line_but_not_inside_a_diff) {
  const std::string request =
      "The following changes since commit abc:\n\n  x\n\nare available in the Git repository at:\n\n"
      "  git://git.kernel.org/pub/scm/x.git tags/usb-6.1\n";
  auto mail = [](const std::string& body) {
    std::string bytes = "From: A <a@b.c>\nSubject: [GIT PULL] x\nMessage-ID: <1@b.c>\n\nHi,\n---\n";
    bytes += body;  // (+=: g++ 12 warns falsely on "lit" + std::string)
    return RawMessage{"t", 0, "", bytes};
  };
  Patch before_diff = build_patch(mail(request), {});
  ASSERT_TRUE(before_diff.pull_request);
  EXPECT_EQ(before_diff.pull_request->url, "git://git.kernel.org/pub/scm/x.git");
  std::string in_file;
  for (std::size_t pos = 0; pos < request.size();) {
    std::size_t nl = request.find('\n', pos);
    in_file += '+';
    in_file += request.substr(pos, nl + 1 - pos);
    pos = nl + 1;
  }
  Patch inside = build_patch(
      mail(std::string("diff --git a/t b/t\nnew file mode 100644\n--- /dev/null\n+++ b/t\n"
                       "@@ -0,0 +1,7 @@\n")
               .append(in_file)),
      {});
  EXPECT_TRUE(inside.is_patch);
  EXPECT_FALSE(inside.pull_request);
}

TEST(PatchBuilder, no_separator_means_no_notes) {
  std::string notes, stat;
  split_notes("diff --git a/x b/x\n--- a/x\n+++ b/x\n", notes, stat);
  EXPECT_EQ(notes, "");
  EXPECT_EQ(stat, "");
}

TEST(PatchBuilder, pull_request_url_and_ref) {
  auto pr = find_pull_request(
      "The following changes since commit abc:\n\n  x\n\nare available in the Git repository at:\n\n"
      "  git://git.kernel.org/pub/scm/x.git tags/usb-6.1\n\nfor you to fetch changes up to def:\n");
  ASSERT_TRUE(pr);
  EXPECT_EQ(pr->url, "git://git.kernel.org/pub/scm/x.git");
  EXPECT_EQ(pr->ref, "tags/usb-6.1");
  EXPECT_FALSE(find_pull_request("no pull request here"));
}

TEST(PatchBuilder, message_ids_keep_order_and_drop_duplicates) {
  EXPECT_EQ(parse_message_ids("<a@x> (comment) <b@y>\n <a@x>"),
            (std::vector<std::string>{"<a@x>", "<b@y>"}));
  EXPECT_EQ(parse_message_ids("no-brackets@x"), (std::vector<std::string>{"no-brackets@x"}));
  for (std::string_view v : {"<a@x> <b@y>", " no-brackets@x ", "<unclosed@x", "", "x <a@x>"}) {
    std::vector<std::string> all = parse_message_ids(v);
    EXPECT_EQ(first_message_id(v), all.empty() ? "" : all.front()) << v;
  }
}

TEST(PatchBuilder, autosel_mail_becomes_a_patch_object) {
  RawMessage raw;
  raw.source = "mem";
  raw.bytes =
      "From: Sasha Levin <sashal@kernel.org>\nSubject: [PATCH AUTOSEL 6.12-5.4] usb: fix it\n"
      "Message-Id: <1@kernel.org>\nDate: Thu, 30 Jan 2025 12:12:34 -0800\n"
      "X-stable-base: Linux 6.12.10\n\n"
      "From: Jane Dev <jane@example.com>\n\n[ Upstream commit 0123456789abcdef0123456789abcdef01234567 ]\n\n"
      "Fix it.\n\nSigned-off-by: Jane Dev <jane@example.com>\nSigned-off-by: Sasha Levin <sashal@kernel.org>\n"
      "---\n x | 1 +\n 1 file changed, 1 insertion(+)\n\ndiff --git a/x b/x\n--- a/x\n+++ b/x\n"
      "@@ -1 +1,2 @@\n a\n+b\n-- \n2.43.0\n";
  Patch p = build_patch(raw, {});
  EXPECT_TRUE(p.is_patch);
  EXPECT_EQ(p.kind, PatchKind::patch);
  EXPECT_EQ(p.author.name, "Jane Dev");
  EXPECT_EQ(p.message_id, "<1@kernel.org>");
  EXPECT_EQ(p.stable_base, "Linux 6.12.10");
  EXPECT_EQ(p.date_utc, "2025-01-30T20:12:34Z");
  ASSERT_EQ(p.upstream.size(), 1u);
  EXPECT_EQ(p.upstream[0].sha, "0123456789abcdef0123456789abcdef01234567");
  ASSERT_EQ(p.trailers.size(), 2u);
  EXPECT_EQ(p.trailers[0].email, "jane@example.com");
  EXPECT_EQ(p.diff.insertions, 1);
  EXPECT_TRUE(p.subject_info.autosel);
}

// To/Cc are kept as the fields' values and listed on demand: commas inside quotes or angle
// brackets do not split, and a second Cc field is a list of its own (its quote state too).
TEST(PatchBuilder, recipients_of_several_fields_split_as_before) {
  RawMessage raw;
  raw.source = "mem";
  raw.bytes =
      "From: A <a@x>\nSubject: [PATCH] x\nTo: \"Doe, Jane\" <jane@x>, <odd,one@x>,\n bob@x\n"
      "Cc: \"unbalanced <c@x>\nCc: =?UTF-8?Q?J=C3=B6rg?= <j@x>,, stable@vger.kernel.org\n\nbody\n";
  Patch p = build_patch(raw, {});
  EXPECT_EQ(split_recipients(p.to),
            (std::vector<std::string_view>{"\"Doe, Jane\" <jane@x>", "<odd,one@x>", "bob@x"}));
  EXPECT_EQ(split_recipients(p.cc),
            (std::vector<std::string_view>{"\"unbalanced <c@x>", "J\xC3\xB6rg <j@x>",
                                           "stable@vger.kernel.org"}));
  EXPECT_TRUE(split_recipients("").empty());
}

}  // namespace
}  // namespace pt
