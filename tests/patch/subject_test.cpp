#include "patch/subject.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace pt {
namespace {

namespace fs = std::filesystem;
using Tokens = std::vector<std::string>;

#ifdef PATCHTRIAGE_SHARED
const fs::path k_shared = PATCHTRIAGE_SHARED;
#else
const fs::path k_shared;
#endif

TEST(Subject, plain_subject_has_no_prefixes) {
  Subject s = parse_subject("meep");
  EXPECT_EQ(s.title, "meep");
  EXPECT_TRUE(s.prefixes.empty());
  EXPECT_FALSE(s.is_reply);
  EXPECT_FALSE(s.patch);
  EXPECT_EQ(s.version, 1);
  EXPECT_FALSE(s.index.has_value());
  EXPECT_FALSE(s.total.has_value());
}

// README 2.4, Patchwork's subject cleaning table (our title has no re-emitted prefixes).
TEST(Subject, patchwork_cleaning_table) {
  struct Case {
    const char* subject;
    const char* title;
    Tokens prefixes;
  } cases[] = {
      {"Re: meep", "meep", {}},
      {"[PATCH] meep", "meep", {"PATCH"}},
      {"[PATCH] meep \n meep", "meep meep", {"PATCH"}},
      {"[PATCH] meep,\n meep", "meep, meep", {"PATCH"}},
      {"[PATCH RFC] meep", "meep", {"PATCH", "RFC"}},
      {"[PATCH,RFC] meep", "meep", {"PATCH", "RFC"}},
      {"[PATCH,1/2] meep", "meep", {"PATCH", "1/2"}},
      {"[PATCH RFC 1/2] meep", "meep", {"PATCH", "RFC", "1/2"}},
      {"[PATCH] [RFC,1/2] meep", "meep", {"PATCH", "RFC", "1/2"}},
      {"[PATCH] [RFC] [1/2] meep", "meep", {"PATCH", "RFC", "1/2"}},
      {"[PATCH] rewrite [a-z] regexes", "rewrite [a-z] regexes", {"PATCH"}},
      {"[PATCH] [RFC] rewrite [a-z] regexes", "rewrite [a-z] regexes", {"PATCH", "RFC"}},
      {"[foo] [bar] meep", "meep", {"foo", "bar"}},
      {"[FOO] [bar] meep", "meep", {"FOO", "bar"}},
      {"test s\xc3\xbc"
       "bject",
       "test s\xc3\xbc"
       "bject",
       {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.subject);
    Subject s = parse_subject(c.subject);
    EXPECT_EQ(s.title, c.title);
    EXPECT_EQ(s.prefixes, c.prefixes);
  }
  EXPECT_TRUE(parse_subject("[PATCH RFC 1/2] meep").rfc);
  EXPECT_EQ(parse_subject("[PATCH] [RFC] [1/2] meep").total, 2);
}

TEST(Subject, reply_and_forward_markers_are_stripped) {
  for (const char* subject : {"Re: x", "RE: x", "re: x", "Aw: x", "AW: x", "Sv: x", "RE x", "Re x",
                              "re x", "Re: Re: RE: x", "Re:x"}) {
    SCOPED_TRACE(subject);
    Subject s = parse_subject(subject);
    EXPECT_TRUE(s.is_reply);
    EXPECT_FALSE(s.is_forward);
    EXPECT_EQ(s.title, "x");
  }
  for (const char* subject : {"Fwd: x", "FW: x", "Fw: x", "fwd: Fwd: x"}) {
    SCOPED_TRACE(subject);
    Subject s = parse_subject(subject);
    EXPECT_TRUE(s.is_forward);
    EXPECT_FALSE(s.is_reply);
    EXPECT_EQ(s.title, "x");
  }
  Subject both = parse_subject("Fwd: Re: [PATCH] x");
  EXPECT_TRUE(both.is_forward);
  EXPECT_TRUE(both.is_reply);
  EXPECT_FALSE(parse_subject("Reenable foo").is_reply);
  EXPECT_FALSE(parse_subject("re-enable foo").is_reply);
  EXPECT_FALSE(parse_subject("[PATCH] re work the code").is_reply);
  EXPECT_EQ(parse_subject("[PATCH] re work the code").title, "re work the code");
}

TEST(Subject, git_am_example_strips_everything_before_the_title) {
  Subject s = parse_subject("Re: Re: Re: [PATCH 1/5 v2] [foo] third");
  EXPECT_TRUE(s.is_reply);
  EXPECT_EQ(s.title, "third");
  EXPECT_EQ(s.prefixes, (Tokens{"PATCH", "1/5", "v2", "foo"}));
  EXPECT_EQ(s.version, 2);
  EXPECT_EQ(s.index, 1);
  EXPECT_EQ(s.total, 5);
  EXPECT_TRUE(s.patch);
}

TEST(Subject, version_and_series_marker) {
  Subject s = parse_subject("[PATCH v3 2/7] usb: fix it");
  EXPECT_EQ(s.version, 3);
  EXPECT_EQ(s.index, 2);
  EXPECT_EQ(s.total, 7);
  EXPECT_EQ(s.title, "usb: fix it");
  EXPECT_EQ(parse_subject("[PATCH V6] x").version, 6);
  EXPECT_EQ(parse_subject("[PATCH v10 00/12] x").version, 10);
  EXPECT_EQ(parse_subject("[PATCH v10 00/12] x").index, 0);
  EXPECT_EQ(parse_subject("[PATCH v10 00/12] x").total, 12);
  EXPECT_EQ(parse_subject("[PATCH version 2] x").version, 1);
  EXPECT_EQ(parse_subject("[PATCH] x (v2)").version, 2);
  EXPECT_EQ(parse_subject("[PATCH] x (V6)").version, 6);
  EXPECT_EQ(parse_subject("[PATCH] x (v2)").title, "x (v2)");
  EXPECT_EQ(parse_subject("[PATCH] x (version 2)").version, 1);
  EXPECT_EQ(parse_subject("[PATCHv4 3/3] x").version, 4);
  EXPECT_TRUE(parse_subject("[PATCHv4 3/3] x").patch);
  EXPECT_FALSE(parse_subject("[PATCH] x").index.has_value());
}

TEST(Subject, flags_from_prefix_words) {
  Subject rfc = parse_subject("[RFC PATCH] x");
  EXPECT_TRUE(rfc.rfc);
  EXPECT_TRUE(rfc.patch);
  EXPECT_EQ(rfc.prefixes, (Tokens{"RFC", "PATCH"}));
  Subject resend = parse_subject("[PATCH RESEND] x");
  EXPECT_TRUE(resend.resend);
  EXPECT_FALSE(resend.rfc);
  Subject rfcv2 = parse_subject("[RFCv2 1/3] x");
  EXPECT_TRUE(rfcv2.rfc);
  EXPECT_EQ(rfcv2.version, 2);
  Subject tree = parse_subject("[PATCH net-next] x");
  EXPECT_EQ(tree.prefixes, (Tokens{"PATCH", "net-next"}));
  EXPECT_TRUE(tree.stable_from.empty());
  EXPECT_FALSE(parse_subject("[PATCHES] x").patch);
}

TEST(Subject, comma_separated_and_nested_groups) {
  Subject s = parse_subject("[net,v2,1/2] x");
  EXPECT_EQ(s.prefixes, (Tokens{"net", "v2", "1/2"}));
  EXPECT_EQ(s.version, 2);
  EXPECT_EQ(s.index, 1);
  EXPECT_FALSE(s.patch);
  Subject n = parse_subject("[PATCH [net] 1/2] x");
  EXPECT_EQ(n.prefixes, (Tokens{"PATCH", "net", "1/2"}));
  EXPECT_EQ(n.index, 1);
  EXPECT_EQ(n.title, "x");
  // An unclosed group is part of the title.
  Subject open = parse_subject("[PATCH x");
  EXPECT_TRUE(open.prefixes.empty());
  EXPECT_EQ(open.title, "[PATCH x");
}

// README 2.4 "Other facts": glued and Mercurial series markers.
TEST(Subject, glued_and_mercurial_series_markers) {
  struct Case {
    const char* subject;
    int index, total;
  } cases[] = {
      {"[1/2] x", 1, 2},
      {"[0/12] x", 0, 12},
      {"[1 of 2] x", 1, 2},
      {"[0 of 12] x", 0, 12},
      {"[PATCH1/8] x", 1, 8},
      {"[PATCH1 of 8] x", 1, 8},
      {"[PATCH100/123] x", 100, 123},
      {"[v2PATCH1/4] x", 1, 4},
      {"[v2.3PATCH1/4] x", 1, 4},
      {"[PATCH 0 of 2] x", 0, 2},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.subject);
    Subject s = parse_subject(c.subject);
    EXPECT_EQ(s.index, c.index);
    EXPECT_EQ(s.total, c.total);
    EXPECT_EQ(s.title, "x");
  }
  EXPECT_EQ(parse_subject("[v2PATCH1/4] x").version, 2);
  EXPECT_TRUE(parse_subject("[v2PATCH1/4] x").patch);
  EXPECT_EQ(parse_subject("[v2.3PATCH1/4] x").version, 2);
  EXPECT_FALSE(parse_subject("[PATCH foo] x").index.has_value());
}

TEST(Subject, stable_ranges) {
  struct Case {
    const char* subject;
    bool autosel;
    const char* from;
    const char* to;
  } cases[] = {
      {"[PATCH AUTOSEL 7.0-6.6] usb: x", true, "7.0", "6.6"},
      {"[PATCH AUTOSEL 6.19-5.10] usb: x", true, "6.19", "5.10"},
      {"[PATCH AUTOSEL 6.6 58/59] usb: x", true, "6.6", "6.6"},
      {"[PATCH AUTOSEL 4.19] usb: x", true, "4.19", "4.19"},
      {"[PATCH 6.1 12/80] usb: x", false, "6.1", "6.1"},
      {"[PATCH 6.1.y] usb: x", false, "6.1", "6.1"},
      {"[PATCH 5.15.y 1/2] usb: x", false, "5.15", "5.15"},
      {"[PATCH 4.19.y v2 3/9] usb: x", false, "4.19", "4.19"},
      {"[BACKPORT 4.14.y 1/2] usb: x", false, "4.14", "4.14"},
      {"[linux-6.12.y 1/3] usb: x", false, "6.12", "6.12"},
      {"[PATCH stable-5.10] usb: x", false, "5.10", "5.10"},
      {"[PATCH stable 5.4] usb: x", false, "5.4", "5.4"},
      {"[PATCH v5.4.y] usb: x", false, "5.4", "5.4"},
      {"[PATCH 1/2 v5.10-v6.1] usb: x", false, "6.1", "5.10"},
      {"[PATCH 6.6 & 5.10] usb: x", false, "6.6", "5.10"},
      {"[PATCH v2 1/3] usb: x", false, "", ""},
      {"[PATCH v2.1 1/3] usb: x", false, "", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.subject);
    Subject s = parse_subject(c.subject);
    EXPECT_EQ(s.autosel, c.autosel);
    EXPECT_EQ(s.stable_from, c.from);
    EXPECT_EQ(s.stable_to, c.to);
    EXPECT_EQ(s.title, "usb: x");
  }
  // Bare numbers need a patch or backport subject; ".y" names a branch by itself.
  EXPECT_EQ(parse_subject("[Bug 219824] [6.13 regression] x").stable_from, "");
  EXPECT_EQ(parse_subject("[REGRESSION 6.16] x").stable_from, "");
  EXPECT_EQ(parse_subject("[6.12.y] x").stable_from, "6.12");
  EXPECT_EQ(parse_subject("[BACKPORT 4.14 1/2] x").stable_from, "4.14");
  EXPECT_EQ(parse_subject("[PATCH 6.12 1/2] x").stable_from, "6.12");

  Subject s = parse_subject("[PATCH AUTOSEL 6.6 58/59] usb: x");
  EXPECT_EQ(s.index, 58);
  EXPECT_EQ(s.total, 59);
  EXPECT_TRUE(s.patch);
  EXPECT_EQ(s.version, 1);
  EXPECT_EQ(s.prefixes, (Tokens{"PATCH", "AUTOSEL", "6.6", "58/59"}));
}

TEST(Subject, odd_input_never_fails) {
  for (const char* subject :
       {"", "   ", "[", "]", "[]", "[[[]]", "Re:", "Re: [", "[PATCH 99999999/1] x", "[v] x",
        "[PATCH 1/] x", "(v", "x (v99999999)"}) {
    SCOPED_TRACE(subject);
    Subject s = parse_subject(subject);
    EXPECT_GE(s.version, 0);
  }
  EXPECT_EQ(parse_subject("[]").title, "");
  EXPECT_FALSE(parse_subject("[PATCH 99999999/1] x").index.has_value());
}

// "6.12" -> 6012, so that 6.12 sorts after 6.6 (as a double it would not).
int series_key(const std::string& series) {
  std::size_t dot = series.find('.');
  if (dot == std::string::npos) return -1;
  return std::stoi(series.substr(0, dot)) * 1000 + std::stoi(series.substr(dot + 1));
}

// Every AUTOSEL subject of the stable subset names the stable series it targets; folded
// or RFC 2047-encoded Subject headers are left to the mail stage and skipped here.
TEST(Subject, stable_subset_autosel_subjects_name_a_series) {
  const fs::path path = k_shared / "corpus/lore-usb/linux-usb-stable-subset.mboxrd";
  if (k_shared.empty() || !fs::exists(path)) GTEST_SKIP() << "shared corpus not found at " << path;
  SCOPED_TRACE(path.filename().string());
  std::ifstream in(path, std::ios::binary);
  std::string line, subject;
  bool in_headers = false, folded = false;
  int messages = 0, autosel = 0, review = 0, skipped = 0;
  auto check = [&] {
    if (subject.empty()) return;
    if (folded || subject.find("=?") != std::string::npos) {
      ++skipped;
      return;
    }
    SCOPED_TRACE(subject);
    Subject s = parse_subject(subject);
    EXPECT_FALSE(s.is_reply);
    EXPECT_TRUE(s.patch || !s.stable_from.empty());
    EXPECT_FALSE(s.title.empty());
    if (subject.find("AUTOSEL") != std::string::npos) {
      ++autosel;
      EXPECT_TRUE(s.autosel);
      EXPECT_FALSE(s.stable_from.empty());
      EXPECT_FALSE(s.stable_to.empty());
      EXPECT_LE(series_key(s.stable_to), series_key(s.stable_from));
    } else if (subject.compare(0, 7, "[PATCH ") == 0 && subject.size() > 7 &&
               std::isdigit(static_cast<unsigned char>(subject[7]))) {
      ++review;  // Greg's "[PATCH 6.1 12/80]" and backports "[PATCH 5.15.y]"
      EXPECT_FALSE(s.stable_from.empty());
      EXPECT_LE(series_key(s.stable_to), series_key(s.stable_from));
    }
  };
  bool subject_open = false;  // the last header line read was the Subject
  while (std::getline(in, line)) {
    if (line.rfind("From mboxrd@z", 0) == 0) {
      check();
      subject.clear();
      folded = false;
      in_headers = true;
      ++messages;
      continue;
    }
    if (!in_headers) continue;
    bool continuation = !line.empty() && (line[0] == ' ' || line[0] == '\t');
    if (line.empty()) {
      in_headers = false;
    } else if (continuation) {
      folded |= subject_open;
      continue;
    } else if (line.rfind("Subject: ", 0) == 0) {
      subject = line.substr(9);
    }
    subject_open = in_headers && line.rfind("Subject: ", 0) == 0;
  }
  check();
  RecordProperty("autosel", autosel);
  RecordProperty("review", review);
  RecordProperty("skipped", skipped);
  EXPECT_EQ(messages, 2279);
  // README 4.2: 2,058 AUTOSEL messages; none of their Subject headers is folded or encoded.
  EXPECT_EQ(skipped, 0);
  EXPECT_EQ(autosel, 2058);
  EXPECT_EQ(review, 189);  // counted on the raw file: subjects starting "[PATCH <digit>"
}

}  // namespace
}  // namespace pt
