// recover: lkml.iu.edu pages as text -> mail.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "recover/rendered_mail.hpp"

namespace pt {
namespace {

std::optional<std::string> slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string header_of(const std::string& mail) { return mail.substr(0, mail.find("\n\n")); }
std::string body_of(const std::string& mail) {
  std::size_t p = mail.find("\n\n");
  return p == std::string::npos ? std::string() : mail.substr(p + 2);
}

bool has_repair(const UnwrappedMail& u, const std::string& what) {
  for (const std::string& r : u.repairs)
    if (r == what) return true;
  return false;
}

// A small hypermail page with the given date line.
std::string page_with_date(const std::string& date) {
  return "Re: [PATCH] mm: fix a race\n\nFrom: Jane Hacker\nDate: " + date +
         "\n\n\nOn Mon, Jan 02, 2017 at 10:00:00AM, Joe wrote:\n> patch\n\nLooks good.\n";
}

TEST(LkmlPage, UserExample) {
  std::filesystem::path path =
      std::filesystem::path(PATCHTRIAGE_SHARED) / "corpus/user-examples/002_ac2528cdfa243043.txt";
  std::optional<std::string> page = slurp(path);
  if (!page) GTEST_SKIP() << "not found: " << path.string();
  EXPECT_EQ(detect_form(*page), RenderedForm::lkml_page);
  std::optional<UnwrappedMail> u = unwrap_rendered(*page);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->form, RenderedForm::lkml_page);
  EXPECT_EQ(header_of(u->mail),
            "From: Benjamin Block <>\n"
            "Subject: Re: [RFC PATCH 1/6] bsg: fix kernel panic resulting from missing "
            "allocation of a reply-buffer\n"
            "Date: Thu, 10 Aug 2017 18:45:26 -0500");
  std::string body = body_of(u->mail);
  EXPECT_EQ(body.rfind("On Fri, Aug 11, 2017 at 12:10:38AM +0200, Benjamin Block wrote:\n", 0), 0u);
  EXPECT_NE(body.find("\n\nJust some more brain-dump here.\n\n"), std::string::npos);
  EXPECT_NE(body.find("\n- Benjamin Block\n-- \nLinux on z Systems"), std::string::npos);
  EXPECT_EQ(body.back(), '\n');
  EXPECT_TRUE(has_repair(*u, "lkml date converted"));
  EXPECT_TRUE(u->diff_whitespace_lost);
}

TEST(LkmlPage, EdtDate) {
  std::optional<UnwrappedMail> u = unwrap_lkml_page(page_with_date("Mon Jul 03 2017 - 09:05:01 EDT"));
  ASSERT_TRUE(u);
  EXPECT_NE(u->mail.find("\nDate: Mon, 03 Jul 2017 09:05:01 -0400\n"), std::string::npos) << u->mail;
}

TEST(LkmlPage, PdtDateShortHour) {
  std::string page = page_with_date("Tue Jun 6 2017 - 8:05:01 PDT");
  EXPECT_EQ(detect_form(page), RenderedForm::lkml_page);
  std::optional<UnwrappedMail> u = unwrap_lkml_page(page);
  ASSERT_TRUE(u);
  EXPECT_NE(u->mail.find("\nDate: Tue, 6 Jun 2017 08:05:01 -0700\n"), std::string::npos) << u->mail;
  EXPECT_EQ(body_of(u->mail),
            "On Mon, Jan 02, 2017 at 10:00:00AM, Joe wrote:\n> patch\n\nLooks good.\n");
}

TEST(LkmlPage, OtherZones) {
  for (auto [zone, offset] : {std::pair{"PST", "-0800"}, {"CST", "-0600"}, {"CDT", "-0500"},
                              {"MST", "-0700"}, {"MDT", "-0600"}, {"UTC", "+0000"},
                              {"GMT", "+0000"}, {"+0200", "+0200"}}) {
    std::optional<UnwrappedMail> u =
        unwrap_lkml_page(page_with_date(std::string("Wed Jan 04 2017 - 23:59:59 ") + zone));
    ASSERT_TRUE(u) << zone;
    EXPECT_NE(u->mail.find(std::string("Date: Wed, 04 Jan 2017 23:59:59 ") + offset + "\n"),
              std::string::npos)
        << zone;
  }
}

TEST(LkmlPage, UnknownZoneNoted) {
  std::optional<UnwrappedMail> u = unwrap_lkml_page(page_with_date("Wed Jan 04 2017 - 23:59:59 CEST"));
  ASSERT_TRUE(u);
  EXPECT_NE(u->mail.find("Date: Wed, 04 Jan 2017 23:59:59 +0000\n"), std::string::npos);
  EXPECT_TRUE(has_repair(*u, "lkml date zone \"CEST\" unknown: +0000 assumed"));
}

TEST(LkmlPage, NavigationRemoved) {
  std::string page =
      "[lkml] [2017] [Aug] [10] [lasturl]\n"
      "Re: [PATCH] x\n"
      "From: Jane Hacker\n"
      "Date: Thu Aug 10 2017 - 18:45:26 EST\n"
      "Next message: Joe: \"Re: y\"\n"
      "Previous message: Ann: \"z\"\n"
      "In reply to: Joe: \"[PATCH] x\"\n"
      "Messages sorted by: [ date ] [ thread ] [ subject ] [ author ]\n"
      "\n"
      "Fine by me.\n"
      "\n"
      "Next message: Joe: \"Re: y\"\n"
      "Messages sorted by: [ date ] [ thread ] [ subject ] [ author ]\n"
      "Last update: 2017-08-11 00:48 [W:0.1 / U:0.2 seconds]\n"
      "Loading...\n";
  EXPECT_EQ(detect_form(page), RenderedForm::lkml_page);
  std::optional<UnwrappedMail> u = unwrap_lkml_page(page);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->mail,
            "From: Jane Hacker <>\nSubject: Re: [PATCH] x\nDate: Thu, 10 Aug 2017 18:45:26 -0500\n\n"
            "Fine by me.\n");
  EXPECT_TRUE(has_repair(*u, "page navigation removed"));
}

TEST(LkmlPage, AddressKeptWhenShown) {
  std::string page = "Subject line\nFrom: Jane Hacker <jane@example.org>\n"
                     "Date: Thu Aug 10 2017 - 18:45:26 EDT\n\nok\n";
  std::optional<UnwrappedMail> u = unwrap_lkml_page(page);
  ASSERT_TRUE(u);
  EXPECT_EQ(header_of(u->mail),
            "From: Jane Hacker <jane@example.org>\nSubject: Subject line\n"
            "Date: Thu, 10 Aug 2017 18:45:26 -0400");
  EXPECT_FALSE(has_repair(*u, "sender address not on the page: From has the name only"));
}

TEST(LkmlPage, NotAPage) {
  EXPECT_FALSE(unwrap_lkml_page("From: Jane\nDate: Mon, 1 Jan 2024 00:00:00 +0000\n\nx\n"));
  EXPECT_FALSE(unwrap_lkml_page("Title\nFrom: Jane\nDate: yesterday\n"));
  EXPECT_EQ(detect_form("Title\nFrom: Jane\nDate: Mon, 1 Jan 2024 00:00:00 +0000\n\nx\n"),
            RenderedForm::mail);
}

TEST(LkmlPage, GarbageNeverCrashes) {
  std::string big;
  for (int i = 0; i < 100000; ++i) big += "Subject: ";
  for (std::string_view s :
       {std::string_view(""), std::string_view("From:"), std::string_view("T\nFrom: \nDate: "),
        std::string_view("T\nFrom: x\nDate: Thu Aug 10 2017 - 18:45:26"),
        std::string_view("T\nFrom: x\nDate: Thu Aug 10 2017 - 18:45:26 EST"),
        std::string_view("T\nFrom: x\nDate: Thu Aug 10 2017 - 1:2:3 EST\n--\n"),
        std::string_view(big)}) {
    (void)unwrap_lkml_page(s);
    (void)unwrap_rendered(s);
  }
  std::optional<UnwrappedMail> u =
      unwrap_lkml_page("T\nFrom: x\nDate: Thu Aug 10 2017 - 18:45:26 EST");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->mail, "From: x <>\nSubject: T\nDate: Thu, 10 Aug 2017 18:45:26 -0500\n\n");
}

}  // namespace
}  // namespace pt
