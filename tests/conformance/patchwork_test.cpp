// Patchwork's mail fixtures (the outcomes its README lists) and its fuzz crashers (parsing
// must end normally). One ctest entry per file.
#include <gtest/gtest.h>

#include "patch/patch_builder.hpp"
#include "test_support.hpp"

namespace pt {
namespace {

namespace fs = std::filesystem;

fs::path data_dir() { return test::corpus_dir() / "patchwork/patchwork/tests/data"; }

Patch parse_one(const fs::path& file) {
  std::vector<RawMessage> messages = test::split_text(test::read_file(file));
  if (messages.empty()) return {};
  return build_patch(messages[0], {});
}

int count_lines_starting(std::string_view text, std::string_view prefix) {
  int n = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (text.compare(pos, prefix.size(), prefix) == 0) ++n;
    std::size_t nl = text.find('\n', pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
  }
  return n;
}

struct MailCase {
  std::string file;
  bool has_diff;
  std::string diff_starts;   // "" = do not check
  std::string pull_url;      // "" = no pull request expected; "*" = any
};

// ctest names each case after its file instead of dumping the struct's bytes.
void PrintTo(const MailCase& c, std::ostream* os) { *os << c.file; }

class PatchworkMail : public testing::TestWithParam<MailCase> {};

TEST_P(PatchworkMail, outcome_matches_patchwork) {
  REQUIRE_CORPUS();
  const MailCase& c = GetParam();
  Patch p = parse_one(data_dir() / "mail" / c.file);
  EXPECT_EQ(p.is_patch, c.has_diff);
  if (!c.diff_starts.empty()) {
    EXPECT_EQ(p.diff.text().substr(0, c.diff_starts.size()), c.diff_starts);
  }
  if (c.pull_url.empty()) {
    EXPECT_FALSE(p.pull_request.has_value());
  } else {
    ASSERT_TRUE(p.pull_request.has_value());
    if (c.pull_url != "*") {
      std::string got = p.pull_request->url;
      if (!p.pull_request->ref.empty()) got += " " + p.pull_request->ref;
      EXPECT_EQ(got, c.pull_url);
    }
  }
  EXPECT_FALSE(p.message.empty() && p.patch_text.empty()) << "nothing extracted";
}

const std::vector<MailCase> k_mail_cases = {
    {"0001-git-pull-request.mbox", false, "", "git://git.kernel.org/pub/scm/linux/kernel/git/benh/powerpc.git next"},
    {"0002-git-pull-request-wrapped.mbox", false, "", "git://git.kernel.org/pub/scm/linux/kernel/git/benh/powerpc.git next"},
    {"0003-git-pull-request-with-diff.mbox", true, "diff --git a/arch/x86/include/asm/smp.h",
     "git://git.kernel.org/pub/scm/linux/kernel/git/tip/linux-2.6-tip.git x86-fixes-for-linus"},
    {"0004-git-pull-request-git+ssh.mbox", false, "", "*"},
    {"0005-git-pull-request-ssh.mbox", false, "", "*"},
    {"0006-git-pull-request-http.mbox", false, "", "*"},
    {"0007-cvs-format-diff.mbox", true, "Index", ""},
    {"0008-git-rename.mbox", true, "", ""},
    {"0009-git-rename-with-diff.mbox", true, "", ""},
    {"0010-invalid-charset.mbox", true, "", ""},
    {"0011-no-newline-at-end-of-file.mbox", true, "diff --git a/tools/testing/selftests/powerpc/Makefile", ""},
    {"0012-invalid-header-char.mbox", true, "", ""},
    {"0013-with-utf8-body.mbox", true, "", ""},
    {"0014-with-unencoded-utf8-headers.mbox", true, "", ""},
    {"0015-with-invalid-utf8-headers.mbox", true, "", ""},
    {"0016-no-subject.mbox", true, "", ""},
    {"0017-git-pull-request-git-2-14-3.mbox", false, "", "git://git.kernel.org/pub/scm/linux/kernel/git/davem/net"},
    {"0019-multipart-patch.mbox", true, "", ""},
    {"0020-multipart-comment.mbox", false, "", ""},
    {"0021-git-empty-new-file.mbox", true, "", ""},
    {"0022-git-mode-change.mbox", true, "", ""},
    {"0023-git-pull-request-newline-in-url.mbox", false, "",
     "https://git.kernel.org/pub/scm/linux/kernel/git/matthias.bgg/linux.git/ tags/v5.4-next-soc"},
    {"0024-git-pull-request-trailing-space.mbox", false, "",
     "git://git.kernel.org/pub/scm/linux/kernel/git/nsekhar/linux-davinci.git tags/davinci-for-v5.6/soc"},
    {"0025-git-add-binary-file.mbox", true, "diff --git pixel.bmp pixel.bmp", ""},
    {"0026-git-add-mixed-binary-text-files.mbox", true, "diff --git pixel.bmp pixel.bmp", ""},
    {"0027-git-modify-binary-file.mbox", true, "diff --git pixel.bmp pixel.bmp", ""},
};

INSTANTIATE_TEST_SUITE_P(Patchwork, PatchworkMail, testing::ValuesIn(k_mail_cases),
                         [](const auto& info) { return "mail" + info.param.file.substr(0, 4); });

TEST(PatchworkMailDetails, renames_are_files_with_both_names) {
  REQUIRE_CORPUS();
  Patch p = parse_one(data_dir() / "mail/0008-git-rename.mbox");
  EXPECT_EQ(count_lines_starting(p.diff.text(), "rename from "), 2);
  EXPECT_EQ(count_lines_starting(p.diff.text(), "rename to "), 2);
  ASSERT_EQ(p.diff.files.size(), 2u);
  for (const auto& f : p.diff.files) EXPECT_EQ(f.status, FileStatus::renamed);
}

TEST(PatchworkMailDetails, html_alternative_is_not_in_the_diff) {
  REQUIRE_CORPUS();
  Patch p = parse_one(data_dir() / "mail/0019-multipart-patch.mbox");
  EXPECT_EQ(p.diff.text().find("<div"), std::string_view::npos);
  EXPECT_FALSE(p.parts.empty());
}

TEST(PatchworkMailDetails, no_newline_marker_ends_the_diff) {
  REQUIRE_CORPUS();
  Patch p = parse_one(data_dir() / "mail/0011-no-newline-at-end-of-file.mbox");
  std::string marker = "\\ No newline at end of file";
  EXPECT_EQ(count_lines_starting(p.diff.text(), marker), 2);
  EXPECT_EQ(p.message.find(marker), std::string::npos);
}

TEST(PatchworkMailDetails, binary_files_are_marked_binary) {
  REQUIRE_CORPUS();
  Patch p = parse_one(data_dir() / "mail/0026-git-add-mixed-binary-text-files.mbox");
  ASSERT_EQ(p.diff.files.size(), 2u);
  EXPECT_TRUE(p.diff.files[0].binary);
  EXPECT_FALSE(p.diff.files[1].binary);
}

std::vector<std::string> fuzz_files() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(
           fs::path(PATCHTRIAGE_SHARED) / "corpus/patchwork/patchwork/tests/data/fuzz", ec))
    names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  if (names.empty()) names.push_back("corpus_absent");
  return names;
}

class PatchworkFuzz : public testing::TestWithParam<std::string> {};

TEST_P(PatchworkFuzz, parses_to_an_end) {
  REQUIRE_CORPUS();
  std::vector<RawMessage> messages =
      test::split_text(test::read_file(data_dir() / "fuzz" / GetParam()));
  ASSERT_FALSE(messages.empty());
  for (const auto& m : messages) {
    Patch p = build_patch(m, {});
    // Whatever it is, it has a kind, and odd dates never produce a bogus UTC value.
    EXPECT_FALSE(std::string(to_string(p.kind)).empty());
    if (!p.date_utc.empty()) {
      EXPECT_EQ(p.date_utc.size(), 20u);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Patchwork, PatchworkFuzz, testing::ValuesIn(fuzz_files()),
                         [](const auto& info) { return test::case_name(info.param); });

}  // namespace
}  // namespace pt
