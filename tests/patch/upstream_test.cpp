#include "patch/upstream.hpp"

#include <gtest/gtest.h>

#include <algorithm>
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

const std::string k_sha1 = "0123456789abcdef0123456789abcdef01234567";
const std::string k_sha2 = "fedcba9876543210fedcba9876543210fedcba98";

TEST(UpstreamRef, upstream_commit_bracket_line) {
  auto refs = find_upstream_refs("usb: fix\n\n[ Upstream commit " + k_sha1 + " ]\n\nBody.\n");
  ASSERT_EQ(refs.size(), 1u);
  EXPECT_EQ(refs[0].sha, k_sha1);
  EXPECT_EQ(refs[0].form, "upstream-commit");
  EXPECT_EQ(refs[0].line, 3);
  // Spacing variants seen on the list, and an abbreviated id with its title.
  EXPECT_EQ(find_upstream_refs("[Upstream commit " + k_sha1 + "]").size(), 1u);
  auto abbrev = find_upstream_refs("[ Upstream commit 0123456789ab (\"usb: x\") ]");
  ASSERT_EQ(abbrev.size(), 1u);
  EXPECT_EQ(abbrev[0].sha, "0123456789ab");
}

TEST(UpstreamRef, commit_upstream_line_as_stable_review_mails_write_it) {
  auto refs = find_upstream_refs("From: A <a@b>\n\ncommit " + k_sha1 + " upstream.\n\nBody.\n");
  ASSERT_EQ(refs.size(), 1u);
  EXPECT_EQ(refs[0].form, "commit-upstream");
  EXPECT_EQ(refs[0].line, 3);
  EXPECT_EQ(find_upstream_refs("commit " + k_sha1 + " upstream").size(), 1u);
  EXPECT_EQ(find_upstream_refs("Commit " + k_sha1 + " upstream.\r\n").size(), 1u);
  EXPECT_TRUE(find_upstream_refs("commit " + k_sha1 + " upstreamed by x").empty());
  EXPECT_TRUE(find_upstream_refs("commit " + k_sha1 + " is upstream.").empty());
}

TEST(UpstreamRef, cherry_picked_line) {
  auto refs = find_upstream_refs("x\n\nSigned-off-by: A <a@b>\n(cherry picked from commit " +
                                 k_sha2 + ")\n");
  ASSERT_EQ(refs.size(), 1u);
  EXPECT_EQ(refs[0].sha, k_sha2);
  EXPECT_EQ(refs[0].form, "cherry-picked");
  EXPECT_EQ(refs[0].line, 4);
}

TEST(UpstreamRef, order_kept_and_duplicates_removed) {
  auto refs = find_upstream_refs("commit " + k_sha2 + " upstream.\n\n[ Upstream commit " + k_sha1 +
                                 " ]\n(cherry picked from commit " + k_sha2 + ")\n" +
                                 "[ Upstream commit " + k_sha1 + " ]\n");
  ASSERT_EQ(refs.size(), 2u);
  EXPECT_EQ(refs[0].sha, k_sha2);
  EXPECT_EQ(refs[0].form, "commit-upstream");
  EXPECT_EQ(refs[1].sha, k_sha1);
  EXPECT_EQ(refs[1].line, 3);
}

TEST(UpstreamRef, sha_length_and_case) {
  std::string sha256(64, 'a');
  EXPECT_EQ(find_upstream_refs("[ Upstream commit " + sha256 + " ]").size(), 1u);
  EXPECT_TRUE(find_upstream_refs("[ Upstream commit " + std::string(41, 'a') + " ]").empty());
  EXPECT_TRUE(find_upstream_refs("[ Upstream commit " + std::string(11, 'a') + " ]").empty());
  EXPECT_TRUE(find_upstream_refs("[ Upstream commit 0123456789abcdefg ]").empty());
  auto upper = find_upstream_refs("[ Upstream commit 0123456789ABCDEF ]");
  ASSERT_EQ(upper.size(), 1u);
  EXPECT_EQ(upper[0].sha, "0123456789abcdef");
}

TEST(UpstreamRef, quoted_and_inline_mentions_are_not_references) {
  EXPECT_TRUE(find_upstream_refs("> [ Upstream commit " + k_sha1 + " ]\n").empty());
  EXPECT_TRUE(find_upstream_refs("> commit " + k_sha1 + " upstream.\n").empty());
  EXPECT_TRUE(find_upstream_refs("This reverts commit " + k_sha1 + ".\n").empty());
  EXPECT_TRUE(find_upstream_refs("").empty());
  // Indented lines (e.g. a quoted git log in a cover letter) still count.
  EXPECT_EQ(find_upstream_refs("    commit " + k_sha1 + " upstream.\n").size(), 1u);
}

// The stable subset (README 4.2) holds 2,279 messages. Its selection rule, a line that is
// exactly `[ Upstream commit <12-40 hex> ]` or `commit <40 hex> upstream[.]`, matches 2,255
// of them; six more carry spacing variants ("[Upstream commit X]", "[ Upstream commit X
// ("title")", a trailing blank after "upstream."), so 2,261 messages yield a reference.
// Counted on the raw bytes: the 15 quoted-printable mails show their lines unencoded.
bool is_hex_run(std::string_view s, std::size_t min, std::size_t max) {
  return s.size() >= min && s.size() <= max && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// The README's selection line, written out by hand; returns the sha or "".
std::string readme_reference(std::string_view line, std::string& form) {
  const std::string_view open = "[ Upstream commit ", close = " ]";
  if (line.substr(0, open.size()) == open && line.size() > open.size() + close.size() &&
      line.substr(line.size() - close.size()) == close) {
    std::string_view sha = line.substr(open.size(), line.size() - open.size() - close.size());
    form = "upstream-commit";
    return is_hex_run(sha, 12, 40) ? std::string(sha) : "";
  }
  if (line.substr(0, 7) == "commit " && line.size() >= 7 + 40 + 9) {
    std::string_view tail = line.substr(47);
    form = "commit-upstream";
    if (is_hex_run(line.substr(7, 40), 40, 40) && (tail == " upstream" || tail == " upstream."))
      return std::string(line.substr(7, 40));
  }
  return "";
}

TEST(UpstreamRef, stable_subset_messages_name_their_upstream_commit) {
  const fs::path path = k_shared / "corpus/lore-usb/linux-usb-stable-subset.mboxrd";
  if (k_shared.empty() || !fs::exists(path)) GTEST_SKIP() << "shared corpus not found at " << path;
  SCOPED_TRACE(path.filename().string());
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string data = ss.str();

  // Split on lines starting "From mboxrd@z" (mboxrd escapes body lines, so none is a body line).
  std::vector<std::string_view> messages;
  std::string_view all = data;
  std::size_t start = std::string_view::npos;
  for (std::size_t pos = 0; pos < all.size();) {
    std::size_t nl = all.find('\n', pos);
    std::size_t next = nl == std::string_view::npos ? all.size() : nl + 1;
    if (all.compare(pos, 13, "From mboxrd@z") == 0) {
      if (start != std::string_view::npos) messages.push_back(all.substr(start, pos - start));
      start = pos;
    }
    pos = next;
  }
  if (start != std::string_view::npos) messages.push_back(all.substr(start));
  ASSERT_EQ(messages.size(), 2279u);

  int with_refs = 0, readme_matches = 0;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    auto refs = find_upstream_refs(messages[i]);
    if (!refs.empty()) ++with_refs;
    // Every line the README's rule matches is found, with its form and line number.
    bool matched = false;
    int line_no = 0;
    for (std::size_t pos = 0; pos < messages[i].size();) {
      std::size_t nl = messages[i].find('\n', pos);
      std::size_t end = nl == std::string_view::npos ? messages[i].size() : nl;
      std::string_view line = messages[i].substr(pos, end - pos);
      pos = end + 1;
      ++line_no;
      std::string form;
      std::string sha = readme_reference(line, form);
      if (sha.empty()) continue;
      matched = true;
      auto it = std::find_if(refs.begin(), refs.end(),
                             [&](const UpstreamRef& r) { return r.sha == sha; });
      SCOPED_TRACE("message " + std::to_string(i) + " line " + std::to_string(line_no));
      ASSERT_NE(it, refs.end());
      if (it->line == line_no) {
        EXPECT_EQ(it->form, form);
      }
      EXPECT_LE(it->line, line_no);
    }
    if (matched) ++readme_matches;
  }
  EXPECT_EQ(readme_matches, 2255);
  EXPECT_EQ(with_refs, 2261);
}

}  // namespace
}  // namespace pt
