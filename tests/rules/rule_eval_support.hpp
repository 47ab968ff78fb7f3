// tests: what the rule evaluation tests share: the AUTOSEL mail they start from, hand-made
// repository facts of it, and one rule around a check evaluated with its outcome.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "patch/patch_builder.hpp"
#include "rules/rule_eval.hpp"
#include "rules/rule_loader.hpp"

namespace pt::rule_eval_test {

inline const std::string k_rules_dir = std::string(PATCHTRIAGE_SOURCE_DIR) + "/rules";

inline const std::string k_upstream = "078d1d8e688d1234567890abcdef1234567890ab";
inline const std::string k_fixes_full = "e41f8c0222e3aaaabbbbccccddddeeeeffff0000";

// The AUTOSEL mail every test starts from; `edit` replaces text in it first.
inline std::string autosel_mail() {
  return "From: Sasha Levin <sashal@kernel.org>\n"
         "To: stable@vger.kernel.org\n"
         "Cc: Song Liu <song@kernel.org>, linux-raid@vger.kernel.org\n"
         "Subject: [PATCH AUTOSEL 6.12-6.1] md/raid0: fix a crash\n"
         "Message-ID: <autosel-1@kernel.org>\n"
         "\n"
         "From: Dev One <dev@example.com>\n"
         "\n"
         "[ Upstream commit " + k_upstream + " ]\n"
         "\n"
         "Fix the crash.\n"
         "\n"
         "Reported-by: syzbot+abc@syzkaller.appspotmail.com\n"
         "Closes: https://syzkaller.appspot.com/bug?extid=abc\n"
         "Fixes: e41f8c0222e3 (\"md: introduce bug\")\n"
         "Cc: stable@vger.kernel.org # 6.1+\n"
         "Reviewed-by: Christoph Hellwig <hch@lst.de>\n"
         "Signed-off-by: Dev One <dev@example.com>\n"
         "Signed-off-by: Sasha Levin <sashal@kernel.org>\n"
         "---\n"
         " drivers/md/raid0.c | 2 +-\n"
         " 1 file changed, 1 insertion(+), 1 deletion(-)\n"
         "\n"
         "diff --git a/drivers/md/raid0.c b/drivers/md/raid0.c\n"
         "index 1111111..2222222 100644\n"
         "--- a/drivers/md/raid0.c\n"
         "+++ b/drivers/md/raid0.c\n"
         "@@ -10,3 +10,3 @@ static int raid0_run(struct mddev *mddev)\n"
         " \tint a;\n"
         "-\tint b;\n"
         "+\tint c;\n"
         " \tint d;\n";
}

inline Patch build(std::string text) {
  RawMessage raw;
  raw.source = "test";
  raw.bytes = std::move(text);
  return build_patch(raw, {});
}

inline Patch mail(const std::vector<std::pair<std::string, std::string>>& edits = {}) {
  std::string text = autosel_mail();
  for (const auto& [from, to] : edits) {
    std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
  }
  return build(text);
}

inline BranchPresence present(const std::string& how, const std::string& commit) {
  BranchPresence p;
  p.present = true;
  p.how = how;
  p.commit = commit;
  return p;
}

inline BranchPresence absent(bool known = true) {
  BranchPresence p;
  p.known = known;
  return p;
}

inline ApplyResult applied(ApplyStatus status, long offset = 0) {
  ApplyResult r;
  r.status = status;
  FileResult f;
  f.path = "drivers/md/raid0.c";
  f.status = status;
  HunkResult h;
  h.status = status;
  h.expected_line = 10;
  h.applied_line = status == ApplyStatus::conflict ? 0 : 10 + offset;
  h.offset = offset;
  if (status == ApplyStatus::conflict) h.first_mismatch = "\tint b;";
  f.hunks.push_back(h);
  r.files.push_back(f);
  return r;
}

// Repository facts of the mail on linux-6.6.y (present) and linux-6.1.y (absent from the
// repository): applies cleanly, not there yet, upstream in mainline, Fixes target an
// ancestor, no follow-ups, MAINTAINERS naming Song Liu (M) and Christoph Hellwig (R).
inline PatchFacts good_facts() {
  PatchFacts f;
  f.apply.targets = {{"linux-6.6.y", std::string(40, '6'), "subject range 6.12-6.1"},
                     {"linux-6.1.y", std::nullopt, "subject range 6.12-6.1"}};
  BranchApplyFacts b;
  b.forward = applied(ApplyStatus::clean);
  b.reverse = applied(ApplyStatus::conflict);
  f.apply.by_branch["linux-6.6.y"] = b;
  f.history.mainline_ref = "master";
  UpstreamFact u;
  u.sha = k_upstream;
  u.full = k_upstream;
  u.in_mainline = true;
  u.title = "md/raid0: fix a crash";
  u.patch_id_equal = true;
  f.history.upstream.push_back(u);
  FixesFact x;
  x.value = "e41f8c0222e3 (\"md: introduce bug\")";
  x.sha = "e41f8c0222e3";
  x.quoted_title = "md: introduce bug";
  x.valid = true;
  x.full = k_fixes_full;
  x.title = "md: introduce bug";
  x.title_matches = true;
  x.in_branch["linux-6.6.y"] = present("ancestor", k_fixes_full);
  f.history.fixes.push_back(x);
  f.maintainers_branch = "linux-6.6.y";
  MaintainerEntry song;
  song.name = "Song Liu";
  song.email = "song@kernel.org";
  song.role = "supporter";
  song.section = "SOFTWARE RAID (Multiple Disks) SUPPORT";
  song.from = 'M';
  MaintainerEntry hch;
  hch.name = "Christoph Hellwig";
  hch.email = "hch@lst.de";
  hch.role = "reviewer";
  hch.section = "SOFTWARE RAID (Multiple Disks) SUPPORT";
  hch.from = 'R';
  MaintainerEntry list;
  list.email = "linux-raid@vger.kernel.org";
  list.role = "open list";
  list.section = "SOFTWARE RAID (Multiple Disks) SUPPORT";
  list.from = 'L';
  MaintainerEntry lkml;
  lkml.email = "linux-kernel@vger.kernel.org";
  lkml.role = "open list";
  lkml.section = "THE REST";
  lkml.from = 'L';
  f.maintainers = {song, hch, list, lkml};
  return f;
}

// One rule around `check` (YAML of a check expression), evaluated on `in`.
inline RuleResult judge(const std::string& check, const RuleInput& in, const std::string& when = "") {
  std::string text = "name: t\ndescription: t\nrules:\n  - id: r\n    severity: blocker\n"
                     "    message: m\n    " + check + "\n";
  if (!when.empty()) text += "    when: " + when + "\n";
  Expected<RuleSet> set = parse_rule_set(text, "t.yaml", {});
  EXPECT_TRUE(set) << (set ? "" : to_string(set.error().front()));
  if (!set) return {};
  Decision d = evaluate(*set, in);
  EXPECT_EQ(d.results.size(), 1u);
  EXPECT_FALSE(d.results.at(0).evidence.empty());
  return d.results.at(0);
}

#define EXPECT_OUTCOME(rule_result, expected_result, expected_evidence) \
  do {                                                                  \
    RuleResult r_ = (rule_result);                                      \
    EXPECT_EQ(to_string(r_.result), std::string(expected_result));      \
    EXPECT_EQ(r_.evidence, expected_evidence);                          \
  } while (0)

}  // namespace pt::rule_eval_test
