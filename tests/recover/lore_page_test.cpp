// recover: lore.kernel.org pages as text -> mail, and detect_form on pages and real mail.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "recover/rendered_mail.hpp"

namespace pt {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

fs::path shared(const char* rel) { return fs::path(PATCHTRIAGE_SHARED) / rel; }

// Reads a shared corpus file into `var`, or skips the test visibly when it is absent.
#define READ_OR_SKIP(var, file)                                            \
  std::optional<std::string> var##_opt = slurp(file);                      \
  if (!var##_opt) GTEST_SKIP() << "not found: " << fs::path(file).string(); \
  const std::string& var = *var##_opt

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    out.emplace_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return out;
}

std::string header_of(const std::string& mail) { return mail.substr(0, mail.find("\n\n")); }
std::string body_of(const std::string& mail) {
  std::size_t p = mail.find("\n\n");
  return p == std::string::npos ? std::string() : mail.substr(p + 2);
}

std::string no_space(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\r') out += c;
  return out;
}

// From the "diff --git" line to the end, whitespace removed, blank lines skipped.
std::vector<std::string> diff_tail(const std::string& body) {
  std::vector<std::string> out;
  bool in = false;
  for (const std::string& l : lines_of(body)) {
    in |= l.rfind("diff --git ", 0) == 0;
    if (in && !no_space(l).empty()) out.push_back(no_space(l));
  }
  return out;
}

bool has_line(const std::string& text, const std::string& line) {
  for (const std::string& l : lines_of(text))
    if (l == line) return true;
  return false;
}

// Index of the first line equal to `line`, or -1.
int index_of(const std::vector<std::string>& lines, const std::string& line) {
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (lines[i] == line) return static_cast<int>(i);
  return -1;
}

constexpr const char* k_001 = "corpus/user-examples/001_c95f20f49ed96493.txt";

UnwrappedMail unwrap_001(const std::string& page) {
  std::optional<UnwrappedMail> u = unwrap_lore_page(page);
  EXPECT_TRUE(u.has_value());
  return u.value_or(UnwrappedMail{});
}

// ---- user example 001 ---------------------------------------------------------------

TEST(LorePage, ExampleHeaders) {
  READ_OR_SKIP(page, shared(k_001));
  UnwrappedMail u = unwrap_001(page);
  EXPECT_EQ(u.form, RenderedForm::lore_page);
  std::string h = header_of(u.mail);
  EXPECT_TRUE(has_line(h, "From: Sasha Levin <sashal@kernel.org>")) << h;
  EXPECT_TRUE(has_line(h, "Subject: [PATCH AUTOSEL 7.0] md/raid0: use kvzalloc/kvfree for "
                          "strip_zone and devlist allocations"));
  EXPECT_TRUE(has_line(h, "Message-ID: <20260420132314.1023554-40-sashal@kernel.org>"));
  EXPECT_TRUE(has_line(h, "Date: Mon, 20 Apr 2026 09:17:14 -0400"));
  EXPECT_TRUE(has_line(h, "In-Reply-To: <20260420132314.1023554-1-sashal@kernel.org>"));
  EXPECT_TRUE(has_line(h, "Cc: Gregory Price <gourry@gourry.net>,"));
  EXPECT_TRUE(has_line(h, " syzbot+924649752adf0d3ac9dd@syzkaller.appspotmail.com,"));
  EXPECT_TRUE(has_line(h, " linux-kernel@vger.kernel.org"));
  EXPECT_EQ(h.find("thread overview"), std::string::npos);
  EXPECT_EQ(h.find("(raw)"), std::string::npos);
  EXPECT_EQ(h.find("Gregory Price <gourry@gourry.net>\n"), std::string::npos)
      << "in-body From must stay in the body";
}

TEST(LorePage, ExampleBodyParagraphs) {
  READ_OR_SKIP(page, shared(k_001));
  std::vector<std::string> b = lines_of(body_of(unwrap_001(page).mail));
  ASSERT_GE(b.size(), 6u);
  EXPECT_EQ(b[0], "From: Gregory Price <gourry@gourry.net>");
  EXPECT_EQ(b[1], "");
  EXPECT_EQ(b[2], "[ Upstream commit 078d1d8e688d75419abfedcae47eab8e42b991bb ]");
  EXPECT_EQ(b[3], "");
  EXPECT_EQ(b[4].rfind("syzbot reported a WARNING", 0), 0u) << b[4];
  int rep = index_of(b, "Reported-by: syzbot+924649752adf0d3ac9dd@syzkaller.appspotmail.com");
  ASSERT_GT(rep, 0);
  EXPECT_EQ(b[rep - 1], "");
  int dashes = index_of(b, "---");
  EXPECT_EQ(b[dashes - 1], "Signed-off-by: Sasha Levin <sashal@kernel.org>");
  EXPECT_EQ(b[dashes + 1], "LLM Generated explanations, may be completely bogus:");
}

TEST(LorePage, ExampleFooterAndSignature) {
  READ_OR_SKIP(page, shared(k_001));
  UnwrappedMail u = unwrap_001(page);
  std::string body = body_of(u.mail);
  ASSERT_GE(body.size(), 13u);
  EXPECT_EQ(body.substr(body.size() - 13), "}\n-- \n2.53.0\n");
  for (const char* gone : {"Thread overview", "Reply instructions", "public inbox", "[not found]",
                           "other threads", "git send-email"})
    EXPECT_EQ(u.mail.find(gone), std::string::npos) << gone;
  EXPECT_TRUE(u.diff_whitespace_lost);
}

TEST(LorePage, ExampleDiffMatchesCleanMail) {
  READ_OR_SKIP(page, shared(k_001));
  std::optional<std::string> clean =
      slurp(fs::path(PATCHTRIAGE_SOURCE_DIR) / "testdata/autosel-md-raid0.mbox");
  ASSERT_TRUE(clean.has_value());
  std::string body = body_of(unwrap_001(page).mail);
  // Every diff line of the page is still a line of its own.
  EXPECT_TRUE(has_line(body, "diff --git a/drivers/md/raid0.c b/drivers/md/raid0.c"));
  EXPECT_TRUE(has_line(body, "@@ -373,8 +373,8 @@ static void raid0_free(struct mddev *mddev, void *priv)"));
  EXPECT_TRUE(has_line(body, "+ kvfree(conf->devlist);"));
  std::vector<std::string> got = diff_tail(body), want = diff_tail(body_of(*clean));
  ASSERT_FALSE(want.empty());
  EXPECT_EQ(got, want);
}

TEST(LorePage, ExampleRepairsListed) {
  READ_OR_SKIP(page, shared(k_001));
  std::vector<std::string> r = unwrap_001(page).repairs;
  auto has = [&](const std::string& s) { return std::find(r.begin(), r.end(), s) != r.end(); };
  EXPECT_TRUE(has("lore page decorations removed from 2 header lines"));
  EXPECT_TRUE(has("5 address continuation lines re-indented"));
  EXPECT_TRUE(has("blank line put back after the header block"));
  EXPECT_TRUE(has("blank line put back before the trailers"));
  EXPECT_TRUE(has("whitespace collapsed by the page: indentation lost"));
  EXPECT_TRUE(std::any_of(r.begin(), r.end(), [](const std::string& s) {
    return s.rfind("page footer removed (", 0) == 0 && s.find("reply instructions") != s.npos;
  }));
}

// ---- synthetic pages ----------------------------------------------------------------

constexpr const char* k_patch_page =
    "From: Ann Dev <ann@example.org>\n"
    "To: linux-usb@vger.kernel.org\n"
    "Cc: Greg Kroah-Hartman <gregkh@linuxfoundation.org>,\n"
    "stable@vger.kernel.org\n"
    "Subject: [PATCH] usb: core: fix a leak\n"
    "Date: Tue, 1 Apr 2025 10:00:00 +0200 [thread overview]\n"
    "Message-ID: <20250401-leak@example.org> (raw)\n"
    "The probe path leaks the buffer on error.\n"
    "Free it.\n"
    "Fixes: 0123456789ab (\"usb: core: add buffer\")\n"
    "Cc: stable@vger.kernel.org\n"
    "Signed-off-by: Ann Dev <ann@example.org>\n"
    "---\n"
    "drivers/usb/core/hub.c | 1 +\n"
    "1 file changed, 1 insertion(+)\n"
    "diff --git a/drivers/usb/core/hub.c b/drivers/usb/core/hub.c\n"
    "index 1111111..2222222 100644\n"
    "--- a/drivers/usb/core/hub.c\n"
    "+++ b/drivers/usb/core/hub.c\n"
    "@@ -10,6 +10,7 @@ static int probe(void)\n"
    "if (err)\n"
    "+ kfree(buf);\n"
    "return err;\n"
    "--\n"
    "2.47.1\n";

TEST(LorePage, WithoutFooter) {
  std::optional<UnwrappedMail> u = unwrap_lore_page(k_patch_page);
  ASSERT_TRUE(u);
  EXPECT_EQ(detect_form(k_patch_page), RenderedForm::lore_page);
  EXPECT_EQ(header_of(u->mail),
            "From: Ann Dev <ann@example.org>\n"
            "To: linux-usb@vger.kernel.org\n"
            "Cc: Greg Kroah-Hartman <gregkh@linuxfoundation.org>,\n"
            " stable@vger.kernel.org\n"
            "Subject: [PATCH] usb: core: fix a leak\n"
            "Date: Tue, 1 Apr 2025 10:00:00 +0200\n"
            "Message-ID: <20250401-leak@example.org>");
  std::string body = body_of(u->mail);
  EXPECT_EQ(body.rfind("The probe path leaks the buffer on error.\nFree it.\n\nFixes: ", 0), 0u)
      << body;
  EXPECT_NE(body.find("return err;\n-- \n2.47.1\n"), std::string::npos) << body;
  for (const std::string& r : u->repairs) EXPECT_EQ(r.find("footer"), std::string::npos) << r;
}

TEST(LorePage, ReplyWithoutDiff) {
  std::string page =
      "From: Bob Reviewer <bob@example.org>\n"
      "To: Ann Dev <ann@example.org>\n"
      "Cc: linux-usb@vger.kernel.org\n"
      "Subject: Re: [PATCH] usb: core: fix a leak\n"
      "Date: Wed, 2 Apr 2025 08:00:00 +0000 [thread overview]\n"
      "Message-ID: <reply-1@example.org> (raw)\n"
      "In-Reply-To: <20250401-leak@example.org>\n"
      "References: <20250401-leak@example.org>\n"
      "On Tue, Apr 01, 2025, Ann Dev wrote:\n"
      "> Free it.\n"
      "Looks right.\n"
      "Reviewed-by: Bob Reviewer <bob@example.org>\n"
      "--\n"
      "Bob\n"
      "^ permalink raw reply\t[flat|nested] 2+ messages in thread\n"
      "2025-04-01 8:00 [PATCH] usb: core: fix a leak Ann Dev\n"
      "2025-04-02 8:00 ` Bob Reviewer [this message]\n";
  EXPECT_EQ(detect_form(page), RenderedForm::lore_page);
  std::optional<UnwrappedMail> u = unwrap_lore_page(page);
  ASSERT_TRUE(u);
  EXPECT_TRUE(has_line(header_of(u->mail), "References: <20250401-leak@example.org>"));
  EXPECT_EQ(body_of(u->mail),
            "On Tue, Apr 01, 2025, Ann Dev wrote:\n> Free it.\nLooks right.\n\n"
            "Reviewed-by: Bob Reviewer <bob@example.org>\n-- \nBob\n");
  EXPECT_EQ(u->mail.find("permalink"), std::string::npos);
}

TEST(LorePage, DecorationVariants) {
  std::string page =
      "search: help / color / mirror / Atom feed\n"
      "From: Ann Dev <ann@example.org>\n"
      "To: a@example.org\n"
      "Subject: Re: raw mode (raw)\n"
      "Date: Wed, 2 Apr 2025 08:00:00 +0000\t[thread overview]\n"
      "Message-ID: <x@example.org> (permalink / raw)\n"
      "In-Reply-To: <y@example.org> [this message]\n"
      "References: <w@example.org>\n"
      "<y@example.org>\n"
      "Thanks.\n";
  EXPECT_EQ(detect_form(page), RenderedForm::lore_page);
  std::optional<UnwrappedMail> u = unwrap_lore_page(page);
  ASSERT_TRUE(u);
  EXPECT_EQ(header_of(u->mail),
            "From: Ann Dev <ann@example.org>\n"
            "To: a@example.org\n"
            "Subject: Re: raw mode (raw)\n"
            "Date: Wed, 2 Apr 2025 08:00:00 +0000\n"
            "Message-ID: <x@example.org>\n"
            "In-Reply-To: <y@example.org>\n"
            "References: <w@example.org>\n"
            " <y@example.org>");
  EXPECT_EQ(body_of(u->mail), "Thanks.\n");
  EXPECT_EQ(u->repairs.front(), "page lines above the headers removed");
}

TEST(LorePage, WhitespaceKeptCopy) {
  // A copy that kept indentation and empty lines: only labels and footer go.
  std::string page =
      "From: Ann Dev <ann@example.org>\n"
      "To: a@example.org,\n"
      "\tb@example.org\n"
      "Subject: [PATCH] x\n"
      "Date: Wed, 2 Apr 2025 08:00:00 +0000\t[thread overview]\n"
      "Message-ID: <x@example.org> (raw)\n"
      "\n"
      "Body.\n"
      "\n"
      "Signed-off-by: Ann Dev <ann@example.org>\n"
      "---\n"
      "diff --git a/f b/f\n"
      "--- a/f\n"
      "+++ b/f\n"
      "@@ -1,2 +1,2 @@\n"
      " keep\n"
      "-old\n"
      "+new\n"
      "-- \n"
      "2.47.1\n"
      "\n"
      "Thread overview: 1+ messages\n"
      "Reply instructions:\n";
  EXPECT_EQ(detect_form(page), RenderedForm::lore_page);
  std::optional<UnwrappedMail> u = unwrap_lore_page(page);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->mail,
            "From: Ann Dev <ann@example.org>\nTo: a@example.org,\n b@example.org\n"
            "Subject: [PATCH] x\nDate: Wed, 2 Apr 2025 08:00:00 +0000\n"
            "Message-ID: <x@example.org>\n\nBody.\n\nSigned-off-by: Ann Dev <ann@example.org>\n"
            "---\ndiff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n keep\n-old\n+new\n"
            "-- \n2.47.1\n");
  EXPECT_FALSE(u->diff_whitespace_lost);
}

TEST(LorePage, OrdinaryMailIsNotAPage) {
  EXPECT_FALSE(unwrap_lore_page("Hello,\nno headers here.\n"));
  EXPECT_FALSE(unwrap_lore_page("From: a@b\n\nbody\n"));
  EXPECT_FALSE(unwrap_lore_page("From: a@b\nTo: c@d\nSubject: s\nDate: d\n\nbody\n"));
}

TEST(LorePage, BodyOpeningWithKeyValue) {
  // A Cc ending in a comma does not swallow the next field; a body line shaped like a
  // field does not hide the page when the labels are there.
  std::string page =
      "From: Ann <a@example.org>\n"
      "Cc: b@example.org,\n"
      "Subject: [PATCH] x\n"
      "Date: Wed, 2 Apr 2025 08:00:00 +0000 [thread overview]\n"
      "Note: this applies on top of v2.\n";
  EXPECT_EQ(detect_form(page), RenderedForm::lore_page);
  std::optional<UnwrappedMail> u = unwrap_lore_page(page);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->mail,
            "From: Ann <a@example.org>\nCc: b@example.org,\nSubject: [PATCH] x\n"
            "Date: Wed, 2 Apr 2025 08:00:00 +0000\n\nNote: this applies on top of v2.\n");
}

TEST(LorePage, GarbageNeverCrashes) {
  std::string big;
  for (int i = 0; i < 100000; ++i) big += "Subject: ";
  for (std::string_view s : {std::string_view(""), std::string_view("From:"),
                             std::string_view("From: "), std::string_view("From: a\nTo:"),
                             std::string_view("From: a\nCc: x,\n"), std::string_view("\n\n\n"),
                             std::string_view("From: a\nDate: b\n--\n"), std::string_view(big)}) {
    (void)unwrap_lore_page(s);
    (void)unwrap_rendered(s);
    EXPECT_NE(detect_form(s), RenderedForm::flattened);
  }
  EXPECT_EQ(detect_form(big), RenderedForm::mail);
}

// ---- collapsed pages: header folds and the trailer paragraph --------------------------

TEST(LorePage, AddressFoldedBeforeItsAngleAddress) {
  // lore folds a long name and its "<addr>" onto two lines; the page keeps no indentation
  // and the name line has no comma. The "<addr>" line still continues the Cc.
  std::string page =
      "From: Sasha Levin <sashal@kernel.org>\n"
      "To: stable@vger.kernel.org\n"
      "Cc: Josue David Hernandez Gutierrez\n"
      "<josue@example.com>,\n"
      "Stefan Wahren <stefan@example.com>,\n"
      "Raghuram Chary Jallipalli\n"
      "<raghuram@example.com>,\n"
      "linux-usb@vger.kernel.org\n"
      "Subject: [PATCH AUTOSEL 6.3 08/24] xhci: x\n"
      "Date: Sat, 6 May 2023 20:30:04 -0400 [thread overview]\n"
      "Message-ID: <8-sashal@kernel.org> (raw)\n"
      "In-Reply-To: <1-sashal@kernel.org>\n"
      "From: Josue David Hernandez Gutierrez <josue@example.com>\n"
      "Body.\n";
  std::optional<UnwrappedMail> u = unwrap_lore_page(page);
  ASSERT_TRUE(u);
  EXPECT_EQ(header_of(u->mail),
            "From: Sasha Levin <sashal@kernel.org>\n"
            "To: stable@vger.kernel.org\n"
            "Cc: Josue David Hernandez Gutierrez\n"
            " <josue@example.com>,\n"
            " Stefan Wahren <stefan@example.com>,\n"
            " Raghuram Chary Jallipalli\n"
            " <raghuram@example.com>,\n"
            " linux-usb@vger.kernel.org\n"
            "Subject: [PATCH AUTOSEL 6.3 08/24] xhci: x\n"
            "Date: Sat, 6 May 2023 20:30:04 -0400\n"
            "Message-ID: <8-sashal@kernel.org>\n"
            "In-Reply-To: <1-sashal@kernel.org>");
  EXPECT_EQ(body_of(u->mail),
            "From: Josue David Hernandez Gutierrez <josue@example.com>\n\nBody.\n");
}

// A collapsed patch page whose commit message is `message` (no empty lines).
std::string collapsed_patch_page(const std::string& message) {
  return "From: Ann Dev <ann@example.org>\n"
         "To: linux-usb@vger.kernel.org\n"
         "Subject: [PATCH] usb: x\n"
         "Date: Tue, 1 Apr 2025 10:00:00 +0200 [thread overview]\n"
         "Message-ID: <x@example.org> (raw)\n" +
         message +
         "---\n"
         "drivers/usb/x.c | 1 +\n"
         "diff --git a/drivers/usb/x.c b/drivers/usb/x.c\n"
         "--- a/drivers/usb/x.c\n"
         "+++ b/drivers/usb/x.c\n"
         "@@ -1 +1,2 @@\n"
         "a\n"
         "+b\n";
}

// The commit message of the unwrapped page: the body up to the "---" line.
std::string message_of(const std::string& page) {
  std::optional<UnwrappedMail> u = unwrap_lore_page(page);
  EXPECT_TRUE(u);
  if (!u) return {};
  std::string body = body_of(u->mail);
  return body.substr(0, body.find("\n---\n") + 1);
}

TEST(LorePage, TrailerBlockStartsAtAnyKeyShapedToken) {
  // git counts every "Token: value" line; keys outside the usual *-by set still open the
  // trailer paragraph: Addresses-Coverity-ID, Thanks-to, CVE.
  EXPECT_EQ(message_of(collapsed_patch_page(
                "Fix the check.\n"
                "Addresses-Coverity-ID: 1443899 (\"Improper use of negative value\")\n"
                "Thanks-to: Hillf Danton <hdanton@example.com>\n"
                "CVE: CVE-2023-22995\n"
                "Signed-off-by: Ann Dev <ann@example.org>\n")),
            "Fix the check.\n\n"
            "Addresses-Coverity-ID: 1443899 (\"Improper use of negative value\")\n"
            "Thanks-to: Hillf Danton <hdanton@example.com>\n"
            "CVE: CVE-2023-22995\n"
            "Signed-off-by: Ann Dev <ann@example.org>\n");
}

TEST(LorePage, ProseShapedLikeATrailerStaysOut) {
  // "v2: ...", "0x1050: ..." and a bare link are git tokens too, but in real mail they
  // end the prose, an empty line before the trailers.
  for (std::string prose : {"v2: fix syntax error\n", "0x1050: tty, adb, rmnet, tty\n",
                            "https://syzkaller.appspot.com/bug?id=0037\n",
                            "Reference: USB 3.2 spec 7.2.4.2.3\n"}) {
    EXPECT_EQ(message_of(collapsed_patch_page("Add it.\n" + prose +
                                              "Signed-off-by: Ann Dev <ann@example.org>\n")),
              "Add it.\n" + prose + "\nSigned-off-by: Ann Dev <ann@example.org>\n");
  }
}

TEST(LorePage, MultiLineNoteAmongTrailers) {
  // A "[name: ...]" note wrapped over lines (continuation indent lost) stays inside the
  // trailer paragraph; the trailers above it belong to the paragraph too.
  EXPECT_EQ(message_of(collapsed_patch_page(
                "Fix the stall.\n"
                "Cc: Felipe Balbi <balbi@example.org>\n"
                "Signed-off-by: Anurag <anurag@example.com>\n"
                "[jstultz: forward ported to mainline, reworked\n"
                "to only check trb->ctrl as suggested by Felipe]\n"
                "Signed-off-by: John Stultz <john@example.org>\n"
                "(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)\n"
                "Signed-off-by: Greg <greg@example.org>\n")),
            "Fix the stall.\n\n"
            "Cc: Felipe Balbi <balbi@example.org>\n"
            "Signed-off-by: Anurag <anurag@example.com>\n"
            "[jstultz: forward ported to mainline, reworked\n"
            "to only check trb->ctrl as suggested by Felipe]\n"
            "Signed-off-by: John Stultz <john@example.org>\n"
            "(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)\n"
            "Signed-off-by: Greg <greg@example.org>\n");
}

TEST(LorePage, WrappedTrailerLineEndsTheRun) {
  // Nothing tells a wrapped value's unindented tail from prose: the run of trailers stops
  // there (real mail 00206: that Fixes: was a paragraph of its own, outside the block).
  EXPECT_EQ(message_of(collapsed_patch_page(
                "Fix it.\n"
                "Fixes: 0123456789ab (\"usb: a rather long title that\n"
                "wrapped\")\n"
                "Tested-by: Bob <bob@example.org>\n"
                "Signed-off-by: Ann Dev <ann@example.org>\n")),
            "Fix it.\n"
            "Fixes: 0123456789ab (\"usb: a rather long title that\n"
            "wrapped\")\n\n"
            "Tested-by: Bob <bob@example.org>\n"
            "Signed-off-by: Ann Dev <ann@example.org>\n");
}

// ---- detect_form --------------------------------------------------------------------

TEST(DetectForm, UserExamples) {
  READ_OR_SKIP(lore, shared(k_001));
  EXPECT_EQ(detect_form(lore), RenderedForm::lore_page);
  if (auto lkml = slurp(shared("corpus/user-examples/002_ac2528cdfa243043.txt"))) {
    EXPECT_EQ(detect_form(*lkml), RenderedForm::lkml_page);
  }
  if (auto flat = slurp(shared("corpus/user-examples/000_f89d226a7a37eadb.txt"))) {
    EXPECT_EQ(detect_form(*flat), RenderedForm::flattened);
  }
  std::optional<UnwrappedMail> u = unwrap_rendered(lore);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->form, RenderedForm::lore_page);
}

TEST(DetectForm, CleanMailIsMail) {
  std::optional<std::string> clean =
      slurp(fs::path(PATCHTRIAGE_SOURCE_DIR) / "testdata/autosel-md-raid0.mbox");
  ASSERT_TRUE(clean);
  EXPECT_EQ(detect_form(*clean), RenderedForm::mail);
  EXPECT_EQ(detect_form(clean->substr(clean->find('\n') + 1)), RenderedForm::mail);
  EXPECT_FALSE(unwrap_rendered(*clean));
}

TEST(DetectForm, SmallOrdinaryInputs) {
  for (std::string_view s : {
           "From 1234abcd Mon Sep 17 00:00:00 2001\nFrom: A <a@b>\nDate: x\nSubject: [PATCH] y\n\nz\n",
           "From: A <a@b>\nTo: c@d\nSubject: s\nDate: Mon, 1 Jan 2024 00:00:00 +0000\n\nbody\n",
           "Return-Path: <a@b>\nFrom: A <a@b>\nTo: c@d\nSubject: s\n\nbody\n",
           "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n",
           "From: A U Thor <a@example.com>\n\nin-body from only\n", "", "From:", "x"})
    EXPECT_EQ(detect_form(s), RenderedForm::mail) << s;
}

// Splits an mboxrd at "From " lines that start the file or follow an empty line.
std::vector<std::string_view> split_mbox(std::string_view text) {
  std::vector<std::size_t> starts;
  std::size_t pos = 0;
  bool after_blank = true;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    std::string_view line = text.substr(pos, end - pos);
    if (after_blank && line.rfind("From ", 0) == 0) starts.push_back(pos);
    after_blank = line == "\n";
    pos = end;
  }
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < starts.size(); ++i) {
    std::size_t end = i + 1 < starts.size() ? starts[i + 1] : text.size();
    out.push_back(text.substr(starts[i], end - starts[i]));
  }
  return out;
}

TEST(DetectForm, LoreUsbSubsetIsMail) {
  READ_OR_SKIP(mbox, shared("corpus/lore-usb/linux-usb-stable-subset.mboxrd"));
  std::vector<std::string_view> msgs = split_mbox(mbox);
  EXPECT_GT(msgs.size(), 100u);
  for (std::string_view m : msgs) {
    std::string_view without_envelope = m.substr(std::min(m.size(), m.find('\n') + 1));
    ASSERT_EQ(detect_form(m), RenderedForm::mail) << m.substr(0, 300);
    ASSERT_EQ(detect_form(without_envelope), RenderedForm::mail) << m.substr(0, 300);
  }
}

// Every regular file under dir is ordinary mail (or not mail at all), never a page.
void expect_all_mail(const fs::path& dir) {
  std::size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::optional<std::string> text = slurp(e.path());
    if (!text) continue;
    ++files;
    EXPECT_EQ(detect_form(*text), RenderedForm::mail) << e.path();
  }
  EXPECT_GT(files, 10u);
}

TEST(DetectForm, GitT5100IsMail) {
  if (!fs::is_directory(shared("corpus/git-t5100"))) GTEST_SKIP() << "no corpus/git-t5100";
  expect_all_mail(shared("corpus/git-t5100"));
}

TEST(DetectForm, PatchworkIsMail) {
  if (!fs::is_directory(shared("corpus/patchwork"))) GTEST_SKIP() << "no corpus/patchwork";
  expect_all_mail(shared("corpus/patchwork"));
}

TEST(DetectForm, LoreRawSamplesAreMail) {
  if (!fs::is_directory(shared("corpus/lore-usb/raw-samples")))
    GTEST_SKIP() << "no corpus/lore-usb/raw-samples";
  expect_all_mail(shared("corpus/lore-usb/raw-samples"));
}

}  // namespace
}  // namespace pt
