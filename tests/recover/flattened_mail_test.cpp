// recover: mails whose line breaks became spaces (user example 000, and clean mails this
// test flattens itself) -> mail text; round trip of the fields the triage reads.
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

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
fs::path source(const char* rel) { return fs::path(PATCHTRIAGE_SOURCE_DIR) / rel; }

#define READ_OR_SKIP(var, where)                                                  \
  std::optional<std::string> var##_opt = slurp(where);                            \
  if (!var##_opt) GTEST_SKIP() << "not found: " << fs::path(where).string();       \
  const std::string& var = *var##_opt

constexpr const char* k_000 = "corpus/user-examples/000_f89d226a7a37eadb.txt";
constexpr const char* k_usb = "corpus/lore-usb/linux-usb-stable-subset.mboxrd";

// ---- helpers -------------------------------------------------------------------------

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

bool starts(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::vector<std::string> tokens_of(std::string_view text) {
  std::vector<std::string> out;
  std::istringstream in{std::string(text)};
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// The rendering user example 000 went through: every `<letter...>` tag removed, whitespace
// runs made one space, ends trimmed.
std::string flatten(std::string_view text) {
  std::string stripped;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '<' && i + 1 < text.size() && std::isalpha(static_cast<unsigned char>(text[i + 1]))) {
      std::size_t close = text.find('>', i);
      if (close != std::string_view::npos) {
        i = close;
        continue;
      }
    }
    stripped += text[i];
  }
  std::string out;
  for (const std::string& w : tokens_of(stripped)) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::string header_of(const std::string& mail) { return mail.substr(0, mail.find("\n\n")); }
std::string body_of(const std::string& mail) {
  std::size_t p = mail.find("\n\n");
  return p == std::string::npos ? std::string() : mail.substr(p + 2);
}

bool has_line(const std::string& text, const std::string& line) {
  for (const std::string& l : lines_of(text))
    if (l == line) return true;
  return false;
}

int index_of(const std::vector<std::string>& lines, const std::string& line) {
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (lines[i] == line) return static_cast<int>(i);
  return -1;
}

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

// A header field's unfolded value (name matched ignoring case), skipping an mbox "From "
// line; nullopt when absent.
std::optional<std::string> header_value(const std::string& mail, std::string_view name) {
  std::optional<std::string> value;
  bool in_field = false;
  for (const std::string& l : lines_of(header_of(mail))) {
    if (!l.empty() && (l[0] == ' ' || l[0] == '\t')) {
      if (in_field) *value += l;
      continue;
    }
    in_field = false;
    std::size_t colon = l.find(':');
    if (!value && colon != std::string::npos && iequal(l.substr(0, colon), name)) {
      value = l.substr(colon + 1);
      in_field = true;
    }
  }
  return value;
}

// A name as the mail stage reads it, rendered and without quotes: the text before an
// "<address>" (a clean mail's, or the "<>" the unflattening puts where the renderer took
// one), else the value up to a "# comment" ("<stable@...> # 5.4" has no name).
std::string name_part(std::string_view value) {
  std::size_t lt = value.find('<');
  if (lt != std::string_view::npos && value.find('>', lt) == std::string_view::npos)
    lt = std::string_view::npos;
  std::string v = lt == std::string_view::npos ? std::string() : flatten(value.substr(0, lt));
  if (v.empty()) {
    v = flatten(value);
    v = v.substr(0, v.find(" <"));
    v = flatten(v.substr(0, v.find('#')));
  }
  std::string out;
  for (char c : v)
    if (c != '"') out += c;
  return out;
}

bool is_letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

// [A-Z][A-Za-z]+(-[A-Za-z]+)+ ("Signed-off-by", "Addresses-Coverity-ID"), or a plain key.
bool is_trailer_key(const std::string& key) {
  for (const char* k : {"Fixes", "Closes", "Link", "Cc", "CC", "cc", "BugLink", "CVE"})
    if (key == k) return true;
  if (key.empty() || !std::isupper(static_cast<unsigned char>(key[0]))) return false;
  std::size_t parts = 0, run = 0;
  for (char c : key) {
    if (c == '-') {
      if (run == 0) return false;
      ++parts;
      run = 0;
    } else if (is_letter(c)) {
      ++run;
    } else {
      return false;
    }
  }
  return parts > 0 && run > 0;
}

// "Key: value" split at the first ": " (or a final ':'), when Key is one word of letters,
// digits and dashes.
std::optional<std::pair<std::string, std::string>> key_line(const std::string& l) {
  std::size_t colon = l.find(':');
  if (colon == std::string::npos || colon == 0 || !is_letter(l[0])) return std::nullopt;
  for (std::size_t i = 0; i < colon; ++i)
    if (!is_letter(l[i]) && !std::isdigit(static_cast<unsigned char>(l[i])) && l[i] != '-')
      return std::nullopt;
  std::size_t value = colon + 1;
  if (value < l.size() && l[value] == ' ') ++value;
  return std::make_pair(l.substr(0, colon), l.substr(value));
}

// The commit message's trailer block as (key, name) pairs: from the end of the message
// (the "---" line or the diff) back over trailer lines, their continuations, "[ note ]" and
// "(cherry picked ...)" lines and empty lines.
std::vector<std::pair<std::string, std::string>> trailers_of(const std::string& body) {
  std::vector<std::string> lines = lines_of(body);
  std::size_t end = 0;
  while (end < lines.size() && lines[end] != "---" && !starts(lines[end], "diff --git ")) ++end;
  std::vector<std::pair<std::string, std::string>> out;
  std::string pending;  // continuation text seen below a key line
  for (std::size_t i = end; i-- > 0;) {
    const std::string& l = lines[i];
    std::optional<std::pair<std::string, std::string>> kv = key_line(l);
    if (kv && is_trailer_key(kv->first)) {
      out.insert(out.begin(), {kv->first, name_part(kv->second + pending)});
      pending.clear();
    } else if (l.empty() || l[0] == '[' || starts(l, "(cherry")) {
      pending.clear();
    } else if (l[0] == ' ' || l[0] == '\t') {
      pending = " " + l + pending;
    } else {
      break;
    }
  }
  return out;
}

// The body's in-body "From:" name, or "" when the body does not start with one.
std::string in_body_from(const std::string& body) {
  std::string first = body.substr(0, body.find('\n'));
  return starts(first, "From:") ? name_part(first.substr(5)) : std::string();
}

// Flattens one clean mail, unflattens it and compares what the triage reads. "" when it
// all round-trips, else what differs.
std::string round_trip(const std::string& clean) {
  std::optional<UnwrappedMail> u = unflatten_mail(flatten(clean));
  if (!u) return "nullopt";
  std::string why;
  for (const char* name : {"Subject", "Date", "Message-ID"}) {
    std::optional<std::string> want = header_value(clean, name);
    std::optional<std::string> got = header_value(u->mail, name);
    if (want && (!got || flatten(*want) != flatten(*got)))
      why += std::string(name) + ": want [" + flatten(*want) + "] got [" + got.value_or("-") + "]\n";
  }
  std::string want_from = in_body_from(body_of(clean)), got_from = in_body_from(body_of(u->mail));
  if (want_from != got_from) why += "in-body From: want [" + want_from + "] got [" + got_from + "]\n";
  auto want = trailers_of(body_of(clean)), got = trailers_of(body_of(u->mail));
  if (want != got) {
    why += "trailers differ:\n";
    for (auto& [k, v] : want) why += "  want " + k + ": " + v + "\n";
    for (auto& [k, v] : got) why += "  got  " + k + ": " + v + "\n";
  }
  return why;
}

// Messages of an mboxrd: each starts at a "From " line at the file start or after an empty
// line; the empty line before the next one is the separator.
std::vector<std::string> split_mbox(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = std::string::npos, pos = 0;
  bool prev_empty = true;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string::npos ? text.size() : nl + 1;
    std::string_view line(text.data() + pos, end - pos);
    if (prev_empty && starts(line, "From ")) {
      if (start != std::string::npos) out.push_back(text.substr(start, pos - 1 - start));
      start = pos;
    }
    prev_empty = line == "\n";
    pos = end;
  }
  if (start != std::string::npos) out.push_back(text.substr(start));
  return out;
}

bool is_patch_mail(const std::string& mail) {
  std::optional<std::string> subject = header_value(mail, "Subject");
  return subject && subject->find("PATCH") != std::string::npos &&
         body_of(mail).find("\ndiff --git ") != std::string::npos;
}

// Tokens of the hunks: from the first "@@" line to the "-- " signature line.
std::vector<std::string> hunk_tokens(const std::string& mail) {
  std::string text;
  bool in = false;
  for (const std::string& l : lines_of(body_of(mail))) {
    if (l == "-- ") break;
    in |= starts(l, "@@ ");
    if (in) text += l + "\n";
  }
  return tokens_of(flatten(text));
}

UnwrappedMail unflatten_000(const std::string& text) {
  std::optional<UnwrappedMail> u = unflatten_mail(text);
  EXPECT_TRUE(u.has_value());
  return u.value_or(UnwrappedMail{});
}

// ---- user example 000 ----------------------------------------------------------------

TEST(FlattenedMail, ExampleHeaders) {
  READ_OR_SKIP(text, shared(k_000));
  UnwrappedMail u = unflatten_000(text);
  EXPECT_EQ(u.form, RenderedForm::flattened);
  std::string h = header_of(u.mail);
  EXPECT_TRUE(has_line(h, "Subject: [PATCH AUTOSEL 7.0-6.6] nvme-loop: do not cancel I/O and "
                          "admin tagset during ctrl reset/shutdown")) << h;
  EXPECT_TRUE(has_line(h, "Date: Mon, 20 Apr 2026 09:08:18 -0400"));
  EXPECT_TRUE(has_line(h, "Message-ID: <20260420131539.986432-32-sashal@kernel.org>"));
  EXPECT_TRUE(has_line(h, "In-Reply-To: <20260420131539.986432-1-sashal@kernel.org>"));
  EXPECT_TRUE(has_line(h, "X-stable-base: Linux 7.0"));
  EXPECT_TRUE(has_line(h, "From: Sasha Levin <>"));  // "Name <>": a name without address
  EXPECT_TRUE(has_line(h, "Content-Transfer-Encoding: 8bit"));
  EXPECT_FALSE(starts(h, "From ")) << "the mbox envelope is dropped";
  EXPECT_NE(h.find("h=From:To:Cc:Subject:Date:In-Reply-To:References:From;"), std::string::npos)
      << "a DKIM header list is no field start";
}

TEST(FlattenedMail, ExampleBodyStart) {
  READ_OR_SKIP(text, shared(k_000));
  std::string body = body_of(unflatten_000(text).mail);
  EXPECT_TRUE(starts(body, "From: Nilay Shroff <>\n\n[ Upstream commit "
                           "886f35201591ded7958e16fe3750871d3ca0bcdf ]\n\n"))
      << body.substr(0, 200);
}

TEST(FlattenedMail, ExampleTrailers) {
  READ_OR_SKIP(text, shared(k_000));
  std::vector<std::string> b = lines_of(body_of(unflatten_000(text).mail));
  int first = index_of(b, "Reviewed-by: Christoph Hellwig");
  ASSERT_GT(first, 0);
  EXPECT_EQ(b[first - 1], "");
  std::vector<std::string> block(b.begin() + first, b.begin() + std::min<int>(first + 5, b.size()));
  EXPECT_EQ(block, (std::vector<std::string>{"Reviewed-by: Christoph Hellwig",
                                             "Signed-off-by: Nilay Shroff",
                                             "Signed-off-by: Keith Busch",
                                             "Signed-off-by: Sasha Levin", "---"}));
}

TEST(FlattenedMail, ExampleNotes) {
  READ_OR_SKIP(text, shared(k_000));
  std::vector<std::string> b = lines_of(body_of(unflatten_000(text).mail));
  int dashes = index_of(b, "---");
  ASSERT_GT(dashes, 0);
  ASSERT_LT(dashes + 2, static_cast<int>(b.size()));
  EXPECT_EQ(b[dashes + 1], "");
  EXPECT_TRUE(starts(b[dashes + 2], "LLM Generated explanations, may be completely bogus:"));
  EXPECT_TRUE(has_line(body_of(unflatten_000(text).mail), "## PHASE 1: COMMIT MESSAGE FORENSICS"));
  EXPECT_TRUE(has_line(body_of(unflatten_000(text).mail), " drivers/nvme/target/loop.c | 2 --"));
  EXPECT_TRUE(has_line(body_of(unflatten_000(text).mail), " 1 file changed, 2 deletions(-)"));
}

TEST(FlattenedMail, ExampleDiff) {
  READ_OR_SKIP(text, shared(k_000));
  READ_OR_SKIP(clean, source("testdata/autosel-nvme-loop.mbox"));
  UnwrappedMail u = unflatten_000(text);
  std::string body = body_of(u.mail);
  for (const char* line : {"diff --git a/drivers/nvme/target/loop.c b/drivers/nvme/target/loop.c",
                           "index 4b3f4f11928d4..d98d0cdc5d6fa 100644",
                           "--- a/drivers/nvme/target/loop.c", "+++ b/drivers/nvme/target/loop.c"})
    EXPECT_TRUE(has_line(body, line)) << line;
  int hunks = 0, deletions = 0;
  for (const std::string& l : lines_of(body)) {
    hunks += starts(l, "@@ -419,7 +419,6 @@") || starts(l, "@@ -427,7 +426,6 @@");
    deletions += starts(l, "- nvme_cancel");
  }
  EXPECT_EQ(hunks, 2);
  EXPECT_EQ(deletions, 2);
  EXPECT_EQ(hunk_tokens(u.mail), hunk_tokens(clean));
  EXPECT_TRUE(u.diff_whitespace_lost);
}

TEST(FlattenedMail, ExampleSignatureAndRepairs) {
  READ_OR_SKIP(text, shared(k_000));
  UnwrappedMail u = unflatten_000(text);
  ASSERT_GE(u.mail.size(), 11u);
  EXPECT_EQ(u.mail.substr(u.mail.size() - 11), "-- \n2.53.0\n");
  std::string all;
  for (const std::string& r : u.repairs) all += r + "\n";
  for (const char* phrase : {"header fields)", "in-body From separated", "4 trailers split",
                             "addresses lost in the rendering (HTML tag stripping)",
                             "diff headers split; hunk bodies need the target file to rebuild",
                             "format-patch signature restored"})
    EXPECT_NE(all.find(phrase), std::string::npos) << phrase << "\n" << all;
}

// The whole clean mail's tokens come back, in order (only the mbox line is dropped).
TEST(FlattenedMail, ExampleKeepsEveryToken) {
  READ_OR_SKIP(text, shared(k_000));
  std::vector<std::string> in = tokens_of(text), out = tokens_of(unflatten_000(text).mail);
  // "<>" marks a sender whose address the rendering removed: the one token added.
  std::erase(out, std::string("<>"));
  ASSERT_GT(in.size(), 7u);
  in.erase(in.begin(), in.begin() + 7);  // "From mboxrd@z Thu Jan 1 00:00:00 1970"
  EXPECT_EQ(in, out);
}

// ---- round trips of clean mails flattened here ----------------------------------------

TEST(FlattenedMail, RoundTripTestdata) {
  for (const char* rel : {"testdata/autosel-nvme-loop.mbox", "testdata/autosel-md-raid0.mbox"}) {
    READ_OR_SKIP(clean, source(rel));
    EXPECT_EQ(round_trip(clean), "") << rel;
  }
}

TEST(FlattenedMail, RoundTripLoreUsbFirst50Patches) {
  READ_OR_SKIP(mbox, shared(k_usb));
  int tried = 0, passed = 0;
  for (const std::string& mail : split_mbox(mbox)) {
    if (!is_patch_mail(mail)) continue;
    std::string why = round_trip(mail);
    passed += why.empty();
    EXPECT_EQ(why, "") << header_value(mail, "Subject").value_or("?");
    if (++tried == 50) break;
  }
  EXPECT_EQ(tried, 50);
  std::cout << "round trip: " << passed << "/" << tried << " patch mails\n";
}

// Every patch mail of the subset. One cannot round-trip: its wrapped "Fixes:" line is a
// paragraph of its own above the trailer block, which only the lost empty line showed.
TEST(FlattenedMail, RoundTripLoreUsbAllPatches) {
  READ_OR_SKIP(mbox, shared(k_usb));
  const std::string k_known_loss = " <20191018220525.9042-9-sashal@kernel.org>";
  int tried = 0, passed = 0;
  std::string failures;
  for (const std::string& mail : split_mbox(mbox)) {
    if (!is_patch_mail(mail) || header_value(mail, "Message-Id") == k_known_loss) continue;
    ++tried;
    std::string why = round_trip(mail);
    if (why.empty())
      ++passed;
    else if (failures.size() < 4000)
      failures += header_value(mail, "Subject").value_or("?") + "\n" + why;
  }
  std::cout << "round trip: " << passed << "/" << tried << " patch mails (+1 known loss)\n";
  EXPECT_GT(tried, 2000);
  EXPECT_EQ(passed, tried) << failures;
}

// ---- small cases ---------------------------------------------------------------------

TEST(FlattenedMail, BodyAfterOneTokenField) {
  std::optional<UnwrappedMail> u = unflatten_mail(
      "From: Ann Author Subject: [PATCH] usb: fix it Date: Tue, 7 May 2019 01:35:39 -0400 "
      "X-Mailing-List: linux-usb@vger.kernel.org Currently nothing checks the value. "
      "Cc: stable@vger.kernel.org Signed-off-by: Ann Author");
  ASSERT_TRUE(u);
  EXPECT_EQ(header_value(u->mail, "X-Mailing-List"), " linux-usb@vger.kernel.org");
  EXPECT_EQ(body_of(u->mail),
            "Currently nothing checks the value.\n\nCc: stable@vger.kernel.org\n"
            "Signed-off-by: Ann Author\n");
}

// Greg's stable review mails: the preamble and its dashes come before the in-body From and
// the upstream marker, which then get lines of their own (damage suite 01791).
TEST(FlattenedMail, StableReviewPreamble) {
  std::optional<UnwrappedMail> u = unflatten_mail(
      "From: Greg Kroah-Hartman Subject: [PATCH 5.15 001/690] uas: fix Date: Mon, 8 Apr 2024 "
      "14:48:00 +0200 Content-Transfer-Encoding: 8bit 5.15-stable review patch. If anyone has "
      "any objections, please let me know. ------------------ From: Bart Van Assche [ Upstream "
      "commit 5dfcf1ad933fe877cb44e9fb7a661dfc22190101 ] Set cmd_size. Signed-off-by: Bart Van "
      "Assche");
  ASSERT_TRUE(u);
  EXPECT_EQ(body_of(u->mail),
            "5.15-stable review patch. If anyone has any objections, please let me know.\n\n"
            "------------------\n\nFrom: Bart Van Assche <>\n\n"
            "[ Upstream commit 5dfcf1ad933fe877cb44e9fb7a661dfc22190101 ]\n\nSet cmd_size.\n\n"
            "Signed-off-by: Bart Van Assche\n");
}

// Next to "<>" the mail stage reads a name as written: quotes go (damage suite 00000).
TEST(FlattenedMail, QuotedSenderNameUnquoted) {
  std::optional<UnwrappedMail> u = unflatten_mail(
      "From: \"Levin, Sasha\" Subject: [PATCH] x Date: 1 Jan 2020 00:00 +0000 "
      "Content-Transfer-Encoding: 8bit From: \"Gustavo A. R. Silva\" Text. Signed-off-by: "
      "Gustavo A. R. Silva");
  ASSERT_TRUE(u);
  EXPECT_EQ(header_value(u->mail, "From"), " Levin, Sasha <>");
  EXPECT_TRUE(starts(body_of(u->mail), "From: Gustavo A. R. Silva <>\n\nText.\n")) << u->mail;
}

// A person trailer that lost its address gets "<>" where the address was when a quoted name
// or a comment after the address would otherwise read as part of the name (damage suite
// 00097, 02073); a name's own "(SUSE)" stays.
TEST(FlattenedMail, TrailerLostAddressMarked) {
  std::optional<UnwrappedMail> u = unflatten_mail(
      "From: A Subject: x Content-Transfer-Encoding: 8bit Text. Cc: Oliver Neukum "
      "(maintainer:USB CDC ETHERNET DRIVER) Cc: netdev@vger.kernel.org (open list:NETWORKING) "
      "Reviewed-by: Simon Horman (from v1) Signed-off-by: \"Eric W. Biederman\" Signed-off-by: "
      "Jiri Slaby (SUSE) Thanks-to: \"Q\"");
  ASSERT_TRUE(u);
  EXPECT_EQ(body_of(u->mail),
            "Text.\n\nCc: Oliver Neukum <> (maintainer:USB CDC ETHERNET DRIVER)\n"
            "Cc: netdev@vger.kernel.org (open list:NETWORKING)\n"
            "Reviewed-by: Simon Horman <> (from v1)\nSigned-off-by: \"Eric W. Biederman\" <>\n"
            "Signed-off-by: Jiri Slaby (SUSE)\nThanks-to: \"Q\"\n");
}

TEST(FlattenedMail, GluedArcValueKept) {
  std::optional<UnwrappedMail> u =
      unflatten_mail("ARC-Seal:i=1; a=rsa-sha256; cv=none Subject: hi Date: 1 Jan 2020 00:00 +0000");
  ASSERT_TRUE(u);
  EXPECT_TRUE(starts(u->mail, "ARC-Seal:i=1; a=rsa-sha256; cv=none\nSubject: hi\n")) << u->mail;
}

TEST(FlattenedMail, TrailerNotesOnTheirOwnLines) {
  std::optional<UnwrappedMail> u = unflatten_mail(
      "From: A Subject: x Content-Transfer-Encoding: 8bit Text. Signed-off-by: Johan Hovold "
      "[ johan: backport to 5.10 ] Signed-off-by: Greg KH (cherry picked from commit "
      "0123456789abcdef0123456789abcdef01234567) --- a.c | 1 + 1 file changed, 1 insertion(+)");
  ASSERT_TRUE(u);
  EXPECT_NE(u->mail.find("Signed-off-by: Johan Hovold\n[ johan: backport to 5.10 ]\n"
                         "Signed-off-by: Greg KH\n(cherry picked from commit "
                         "0123456789abcdef0123456789abcdef01234567)\n---\n a.c | 1 +\n"
                         " 1 file changed, 1 insertion(+)\n"),
            std::string::npos)
      << u->mail;
}

TEST(FlattenedMail, DiffHeadersDiffstatAndHunkLines) {
  std::optional<UnwrappedMail> u = unflatten_mail(
      "From: A Subject: [PATCH] x Content-Transfer-Encoding: 8bit Text. Signed-off-by: A --- "
      "a/{old => new}.c | 0 b.c | 3 ++- 2 files changed, 2 insertions(+), 1 deletion(-) "
      "create mode 100644 b.c diff --git a/old.c b/new.c similarity index 100% rename from "
      "old.c rename to new.c diff --git a/b.c b/b.c new file mode 100644 index 0000000..e69de29 "
      "--- /dev/null +++ b/b.c @@ -0,0 +1,3 @@ +#include +int f(void) +{ - return 0; + return 1; "
      "+} -- 2.43.0");
  ASSERT_TRUE(u);
  std::string body = body_of(u->mail);
  for (const char* line :
       {"---", " a/{old => new}.c | 0", " b.c | 3 ++-",
        " 2 files changed, 2 insertions(+), 1 deletion(-)", " create mode 100644 b.c",
        "diff --git a/old.c b/new.c", "similarity index 100%", "rename from old.c",
        "rename to new.c", "new file mode 100644", "index 0000000..e69de29", "--- /dev/null",
        "+++ b/b.c", "@@ -0,0 +1,3 @@", "+#include", "+int f(void)", "+{", "- return 0;",
        "+ return 1;", "+}", "-- ", "2.43.0"})
    EXPECT_TRUE(has_line(body, line)) << line << "\n" << body;
  EXPECT_TRUE(u->diff_whitespace_lost);
}

TEST(FlattenedMail, Base64BodyOneLinePerToken) {
  std::string line(76, 'Q');
  std::optional<UnwrappedMail> u = unflatten_mail(
      "From: A Subject: b Content-Transfer-Encoding: base64 " + line + " " + line + " QUJD");
  ASSERT_TRUE(u);
  EXPECT_EQ(body_of(u->mail), line + "\n" + line + "\nQUJD\n");
}

TEST(FlattenedMail, DecodedQuotedPrintableBodyIsMarked8bit) {
  std::optional<UnwrappedMail> u = unflatten_mail(
      "From: A Subject: b Content-Transfer-Encoding: quoted-printable x = 1; is fine.");
  ASSERT_TRUE(u);
  EXPECT_EQ(header_value(u->mail, "Content-Transfer-Encoding"), " 8bit");
  EXPECT_EQ(body_of(u->mail), "x = 1; is fine.\n");
}

TEST(FlattenedMail, NotAMail) {
  EXPECT_FALSE(unflatten_mail(""));
  EXPECT_FALSE(unflatten_mail("Subject:"));
  EXPECT_FALSE(unflatten_mail("hello world, this is prose: nothing else"));
  EXPECT_FALSE(unflatten_mail("From someone who wrote: hi"));
}

TEST(FlattenedMail, HeadersOnly) {
  std::optional<UnwrappedMail> u = unflatten_mail("From: A To: b@example.org Subject: hi");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->mail, "From: A <>\nTo: b@example.org\nSubject: hi\n\n");
  EXPECT_FALSE(u->diff_whitespace_lost);
}

TEST(FlattenedMail, HostileInputs) {
  EXPECT_FALSE(unflatten_mail(std::string(10 << 20, 'a')));
  std::string repeated;
  for (const char* unit : {"Subject: ", "Received: ", "X-Foo: ", "Signed-off-by: ", "diff --git ",
                           "@@ -1 +1 @@ ", "- ", "[ ", "--- ", "From: "}) {
    std::string text = "From: A Subject: b Date: Tue, 7 May 2019 01:35:39 -0400 MIME-Version: 1.0 ";
    while (text.size() < (1u << 20)) text += unit;
    std::optional<UnwrappedMail> u = unflatten_mail(text);
    ASSERT_TRUE(u) << unit;
    EXPECT_GE(u->mail.size(), text.size() / 2) << unit;
  }
  std::string subjects;
  while (subjects.size() < (1u << 20)) subjects += "Subject: ";
  EXPECT_FALSE(unflatten_mail(subjects));  // one field name, however often
}

}  // namespace
}  // namespace pt
