// Rule evaluation: each check kind's pass, fail and skip on patches built from mail text with
// hand-made thread and repository facts, the combinators, conditions, and the verdict.
#include "rules/rule_eval.hpp"

#include <gtest/gtest.h>

#include "patch/patch_builder.hpp"
#include "rules/rule_loader.hpp"

namespace pt {
namespace {

const std::string k_rules_dir = std::string(PATCHTRIAGE_SOURCE_DIR) + "/rules";

const std::string k_upstream = "078d1d8e688d1234567890abcdef1234567890ab";
const std::string k_fixes_full = "e41f8c0222e3aaaabbbbccccddddeeeeffff0000";

// The AUTOSEL mail every test starts from; `edit` replaces text in it first.
std::string autosel_mail() {
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

Patch build(std::string text) {
  RawMessage raw;
  raw.source = "test";
  raw.bytes = std::move(text);
  return build_patch(raw, {});
}

Patch mail(const std::vector<std::pair<std::string, std::string>>& edits = {}) {
  std::string text = autosel_mail();
  for (const auto& [from, to] : edits) {
    std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
  }
  return build(text);
}

BranchPresence present(const std::string& how, const std::string& commit) {
  BranchPresence p;
  p.present = true;
  p.how = how;
  p.commit = commit;
  return p;
}

BranchPresence absent(bool known = true) {
  BranchPresence p;
  p.known = known;
  return p;
}

ApplyResult applied(ApplyStatus status, long offset = 0) {
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
PatchFacts good_facts() {
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
RuleResult judge(const std::string& check, const RuleInput& in, const std::string& when = "") {
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

// ---- trailer_present ----

TEST(RuleTrailerPresent, counts_patch_trailers_by_key) {
  Patch p = mail();
  EXPECT_OUTCOME(judge("trailer_present: {key: Fixes}", {p}), "pass",
                 "Fixes: e41f8c0222e3 (\"md: introduce bug\") (message line 9)");
  EXPECT_OUTCOME(judge("trailer_present: {key: Acked-by}", {p}), "fail", "no Acked-by");
  EXPECT_OUTCOME(judge("trailer_present: {key: Signed-off-by, max: 1}", {p}), "fail",
                 "2 Signed-off-by, at most 1 allowed; Signed-off-by: Dev One <dev@example.com> "
                 "(message line 12); Signed-off-by: Sasha Levin <sashal@kernel.org> (message line 13)");
  EXPECT_OUTCOME(judge("trailer_present: {key: Cc, value: \"^stable@\"}", {p}), "pass",
                 "Cc: stable@vger.kernel.org # 6.1+ (message line 10)");
  EXPECT_OUTCOME(judge("trailer_present: {key: Tested-by, min: 0, max: 0}", {p}), "pass",
                 "no Tested-by in the commit message or replies");
}

TEST(RuleTrailerPresent, counts_review_trailers_from_replies_once_per_person) {
  Patch p = mail();
  ThreadFacts t;
  ReviewTrailer again{"Reviewed-by", "Christoph Hellwig <hch@lst.de>", "Christoph Hellwig", "hch@lst.de",
                      "<r1@lst.de>", "Christoph Hellwig <hch@lst.de>", true, false};
  ReviewTrailer forged{"Reviewed-by", "Linus Torvalds <torvalds@linux-foundation.org>", "Linus Torvalds",
                       "torvalds@linux-foundation.org", "<r2@x>", "Mallory <m@x>", false, false};
  ReviewTrailer song{"Acked-by", "Song Liu <song@kernel.org>", "Song Liu", "song@kernel.org",
                     "<r3@kernel.org>", "Song Liu <song@kernel.org>", true, false};
  t.review_trailers = {again, forged, song};
  EXPECT_OUTCOME(judge("trailer_present: {key: [Reviewed-by, Acked-by], min: 2}", {p, &t}), "pass",
                 "Reviewed-by: Christoph Hellwig <hch@lst.de> (message line 11); "
                 "Acked-by: Song Liu <song@kernel.org> (reply <r3@kernel.org>)");
  EXPECT_OUTCOME(judge("trailer_present: {key: Reviewed-by, min: 2}", {p, &t}), "fail",
                 "1 Reviewed-by, 2 required; Reviewed-by: Christoph Hellwig <hch@lst.de> (message line 11); "
                 "Reviewed-by: Linus Torvalds <torvalds@linux-foundation.org> (reply <r2@x>) not counted: "
                 "sent by Mallory <m@x>");
  EXPECT_OUTCOME(judge("trailer_present: {key: Acked-by, replies: false}", {p, &t}), "fail", "no Acked-by");
}

TEST(RuleTrailerPresent, role_needs_maintainers_facts_and_names_the_section) {
  Patch p = mail();
  PatchFacts f = good_facts();
  const std::string check = "trailer_present: {key: [Reviewed-by, Acked-by], role: reviewer}";
  EXPECT_OUTCOME(judge(check, {p}), "skip", "no repository (-C)");
  EXPECT_OUTCOME(judge(check, {p, nullptr, &f}), "pass",
                 "Reviewed-by: Christoph Hellwig <hch@lst.de> - reviewer (SOFTWARE RAID (Multiple Disks) "
                 "SUPPORT) (message line 11)");
  EXPECT_OUTCOME(judge("trailer_present: {key: Reviewed-by, role: maintainer}", {p, nullptr, &f}), "fail",
                 "no Reviewed-by from a maintainer of the touched files; Reviewed-by: Christoph Hellwig "
                 "<hch@lst.de> (message line 11) holds only the role reviewer for the touched files");
  f.maintainers_branch.clear();
  EXPECT_OUTCOME(judge(check, {p, nullptr, &f}), "skip",
                 "no MAINTAINERS file in the target branches: roles unknown");
}

// ---- signoff_chain ----

TEST(RuleSignoffChain, author_and_sender_signed) {
  Patch p = mail();
  EXPECT_OUTCOME(judge("signoff_chain: {}", {p}), "pass",
                 "author signed: Signed-off-by: Dev One <dev@example.com> (message line 12); "
                 "sender signed last: Signed-off-by: Sasha Levin <sashal@kernel.org> (message line 13)");
}

TEST(RuleSignoffChain, missing_author_missing_sender_and_no_signoff_fail) {
  Patch no_author = mail({{"Signed-off-by: Dev One <dev@example.com>\n", ""}});
  EXPECT_OUTCOME(judge("signoff_chain: {}", {no_author}), "fail",
                 "NO_AUTHOR_SIGN_OFF: no Signed-off-by of the author Dev One <dev@example.com>");
  Patch no_sender = mail({{"Signed-off-by: Sasha Levin <sashal@kernel.org>\n", ""}});
  EXPECT_OUTCOME(judge("signoff_chain: {}", {no_sender}), "fail",
                 "sent by someone else (in-body From: Dev One <dev@example.com>) but only the author signed off");
  Patch none = mail({{"Signed-off-by: Dev One <dev@example.com>\n", ""},
                     {"Signed-off-by: Sasha Levin <sashal@kernel.org>\n", ""}});
  EXPECT_OUTCOME(judge("signoff_chain: {}", {none}), "fail",
                 "MISSING_SIGN_OFF: no Signed-off-by: line in the commit message");
  Patch other_address = mail({{"Signed-off-by: Dev One <dev@example.com>", "Signed-off-by: Dev One <dev@corp.example>"}});
  EXPECT_OUTCOME(judge("signoff_chain: {}", {other_address}), "pass",
                 "author signed under another address (FROM_SIGN_OFF_MISMATCH): Signed-off-by: Dev One "
                 "<dev@corp.example> (message line 12); sender signed last: Signed-off-by: Sasha Levin "
                 "<sashal@kernel.org> (message line 13)");
}

TEST(RuleSignoffChain, reads_every_line_of_the_message_as_checkpatch_does) {
  // git's trailer block is only the last paragraph; checkpatch finds the author's sign-off above it.
  Patch p = mail({{"Signed-off-by: Dev One <dev@example.com>\n",
                   "Signed-off-by: Dev One <dev@example.com>\n\nLink: https://lore.kernel.org/r/1@x\n"}});
  EXPECT_EQ(p.trailers.size(), 2u);
  EXPECT_OUTCOME(judge("signoff_chain: {}", {p}), "pass",
                 "author signed: Signed-off-by: Dev One <dev@example.com> (message line 12); "
                 "sender signed last: Signed-off-by: Sasha Levin <sashal@kernel.org> (message line 15)");
}

TEST(RuleSignoffChain, co_developed_by_must_be_followed_by_the_same_signoff) {
  Patch paired = mail({{"Signed-off-by: Dev One", "Co-developed-by: Dev Two <two@example.com>\n"
                                                  "Signed-off-by: Dev Two <two@example.com>\n"
                                                  "Signed-off-by: Dev One"}});
  EXPECT_EQ(judge("signoff_chain: {}", {paired}).result, Result::pass);
  EXPECT_NE(judge("signoff_chain: {}", {paired}).evidence.find(
                "co-developer signed: Signed-off-by: Dev Two <two@example.com> (message line 13)"),
            std::string::npos);
  Patch unpaired = mail({{"Signed-off-by: Dev One", "Co-developed-by: Dev Two <two@example.com>\n"
                                                    "Signed-off-by: Dev One"}});
  EXPECT_OUTCOME(judge("signoff_chain: {}", {unpaired}), "fail",
                 "BAD_SIGN_OFF: Co-developed-by and Signed-off-by: name/email do not match: "
                 "Co-developed-by: Dev Two <two@example.com> (message line 12), "
                 "Signed-off-by: Dev One <dev@example.com> (message line 13)");
  Patch last = mail({{"Signed-off-by: Sasha Levin <sashal@kernel.org>\n",
                      "Signed-off-by: Sasha Levin <sashal@kernel.org>\nCo-developed-by: Dev Two <two@example.com>\n"}});
  EXPECT_OUTCOME(judge("signoff_chain: {}", {last}), "fail",
                 "BAD_SIGN_OFF: Co-developed-by: must be immediately followed by Signed-off-by: "
                 "Co-developed-by: Dev Two <two@example.com> (message line 14)");
}

// ---- tag_syntax ----

TEST(RuleTagSyntax, fixes_style_and_title) {
  Patch p = mail();
  PatchFacts f = good_facts();
  EXPECT_OUTCOME(judge("tag_syntax: {key: Fixes}", {p}), "pass",
                 "well-formed: Fixes: e41f8c0222e3 (\"md: introduce bug\") (message line 9)");
  EXPECT_OUTCOME(judge("tag_syntax: {key: Fixes}", {p, nullptr, &f}), "pass",
                 "well-formed: Fixes: e41f8c0222e3 (\"md: introduce bug\") (message line 9) "
                 "(title matches e41f8c0222e3)");
  f.history.fixes[0].title = "md: the real title";
  f.history.fixes[0].title_matches = false;
  EXPECT_OUTCOME(judge("tag_syntax: {key: Fixes}", {p, nullptr, &f}), "fail",
                 "BAD_FIXES_TAG: Fixes: e41f8c0222e3 (\"md: introduce bug\") (message line 9): commit "
                 "e41f8c0222e3 is titled \"md: the real title\"");
  Patch short_sha = mail({{"Fixes: e41f8c0222e3", "Fixes: e41f8c02"}});
  EXPECT_OUTCOME(judge("tag_syntax: {key: Fixes}", {short_sha}), "fail",
                 "BAD_FIXES_TAG: Fixes: e41f8c02 (\"md: introduce bug\") (message line 9): use "
                 "'Fixes: <12+ chars of sha1> (\"<title line>\")'");
  Patch none = mail({{"Fixes: e41f8c0222e3 (\"md: introduce bug\")\n", ""}});
  EXPECT_OUTCOME(judge("tag_syntax: {key: Fixes}", {none}), "skip", "no Fixes: trailer in the commit message");
}

TEST(RuleTagSyntax, closes_link_cc_stable_and_reported_by) {
  Patch p = mail();
  EXPECT_OUTCOME(judge("tag_syntax: {key: Closes}", {p}), "pass",
                 "well-formed: Closes: https://syzkaller.appspot.com/bug?extid=abc (message line 8)");
  EXPECT_OUTCOME(judge("tag_syntax: {key: Cc}", {p}), "pass",
                 "well-formed: Cc: stable@vger.kernel.org # 6.1+ (message line 10)");
  EXPECT_OUTCOME(judge("tag_syntax: {key: Reported-by}", {p}), "pass",
                 "well-formed: Reported-by: syzbot+abc@syzkaller.appspotmail.com (message line 7) followed "
                 "by Closes: https://syzkaller.appspot.com/bug?extid=abc (message line 8)");
  EXPECT_OUTCOME(judge("tag_syntax: {key: Link}", {p}), "skip", "no Link: trailer in the commit message");

  Patch bad = mail({{"Closes: https://", "Closes: syzkaller bug "},
                    {"Cc: stable@vger.kernel.org # 6.1+", "Cc: stable <stable@vger.kernel.org> # 6.1+"}});
  EXPECT_OUTCOME(judge("tag_syntax: {key: Closes}", {bad}), "fail",
                 "COMMIT_LOG_WRONG_LINK: Closes: syzkaller bug syzkaller.appspot.com/bug?extid=abc (message "
                 "line 8): 'Closes:' should be followed by a public http(s) link");
  EXPECT_OUTCOME(judge("tag_syntax: {key: Cc}", {bad}), "fail",
                 "BAD_STABLE_ADDRESS_STYLE: Cc: stable <stable@vger.kernel.org> # 6.1+ (message line 10): "
                 "prefer 'stable@vger.kernel.org # <note>'");
  Patch reported = mail({{"Closes: https://syzkaller.appspot.com/bug?extid=abc\n", ""}});
  EXPECT_OUTCOME(judge("tag_syntax: {key: Reported-by}", {reported}), "fail",
                 "BAD_REPORTED_BY_LINK: Reported-by: syzbot+abc@syzkaller.appspotmail.com (message line 7): "
                 "Reported-by: should be immediately followed by Closes: with a URL to the report");
}

// ---- stable_version_hint ----

TEST(RuleStableVersionHint, target_branches_within_the_hint) {
  Patch p = mail();
  PatchFacts f = good_facts();
  EXPECT_OUTCOME(judge("stable_version_hint: {}", {p, nullptr, &f}), "pass",
                 "linux-6.6.y is within the 6.1+ of Cc: stable@vger.kernel.org # 6.1+ (message line 10); "
                 "linux-6.1.y is within the 6.1+ of Cc: stable@vger.kernel.org # 6.1+ (message line 10)");
  Patch newer = mail({{"# 6.1+", "# 6.6.x"}});
  EXPECT_OUTCOME(judge("stable_version_hint: {}", {newer}), "fail",
                 "6.1 (subject range) is older than the 6.6+ of Cc: stable@vger.kernel.org # 6.6.x (message "
                 "line 10)");
  Patch bare = mail({{" # 6.1+", ""}});
  EXPECT_OUTCOME(judge("stable_version_hint: {}", {bare}), "skip",
                 "Cc: stable@vger.kernel.org (message line 10) names no version");
  EXPECT_OUTCOME(judge("stable_version_hint: {required: true}", {bare}), "fail",
                 "Cc: stable@vger.kernel.org (message line 10) names no version");
}

// ---- diffstat, paths, prefix, regexes, no_nak ----

TEST(RuleDiffstat, limits_on_lines_context_and_files) {
  Patch p = mail();
  EXPECT_OUTCOME(judge("diffstat: {max_lines_with_context: 100}", {p}), "pass",
                 "1 file, +1 -1, 4 lines with context (at most 100 lines with context)");
  EXPECT_OUTCOME(judge("diffstat: {max_lines_with_context: 3, max_lines_changed: 1, max_files: 1}", {p}), "fail",
                 "2 lines changed, more than 1; 4 lines with context, more than 3 (diffstat: 1 file, +1 -1, "
                 "4 lines with context)");
  Patch cover = build("From: A <a@b>\nSubject: [PATCH 0/2] cover\nMessage-ID: <c@b>\n\nHello\n");
  EXPECT_OUTCOME(judge("diffstat: {max_files: 1}", {cover}), "skip", "no diff in the mail");
}

TEST(RulePaths, allowed_and_forbidden_globs) {
  Patch p = mail();
  EXPECT_OUTCOME(judge("paths: {allowed: [drivers/md/**]}", {p}), "pass",
                 "1 file (drivers/md/raid0.c): within drivers/md/**");
  EXPECT_OUTCOME(judge("paths: {allowed: [drivers/usb/**, Documentation/]}", {p}), "fail",
                 "drivers/md/raid0.c is outside the allowed paths (drivers/usb/**, Documentation/)");
  EXPECT_OUTCOME(judge("paths: {forbidden: ['*.c']}", {p}), "fail", "drivers/md/raid0.c matches forbidden *.c");
  EXPECT_OUTCOME(judge("paths: {forbidden: [drivers/md/*.h]}", {p}), "pass",
                 "1 file (drivers/md/raid0.c): none under drivers/md/*.h");
}

TEST(RulePrefix, forbidden_and_required_tokens) {
  Patch p = mail();
  Patch rfc = build("From: A <a@b>\nSubject: [RFC PATCH net-next v2 1/3] net: x\n\nBody\n");
  EXPECT_OUTCOME(judge("prefix: {forbidden: [RFC]}", {p}), "pass",
                 "subject prefix [PATCH AUTOSEL 6.12-6.1] has none of RFC");
  EXPECT_OUTCOME(judge("prefix: {forbidden: [RFC]}", {rfc}), "fail",
                 "subject prefix [RFC PATCH net-next v2 1/3] has RFC");
  EXPECT_OUTCOME(judge("prefix: {required: [net, net-next]}", {rfc}), "pass",
                 "subject prefix [RFC PATCH net-next v2 1/3] has net-next");
  EXPECT_OUTCOME(judge("prefix: {required: [net, net-next]}", {p}), "fail",
                 "subject prefix [PATCH AUTOSEL 6.12-6.1] has none of net, net-next");
}

TEST(RuleRegex, subject_and_title_patterns) {
  Patch p = mail();
  EXPECT_OUTCOME(judge("title_regex: {pattern: '^md/raid0: '}", {p}), "pass",
                 "title \"md/raid0: fix a crash\" matches /^md/raid0: /");
  EXPECT_OUTCOME(judge("title_regex: {pattern: 'crash', must_match: false}", {p}), "fail",
                 "title \"md/raid0: fix a crash\" matches /crash/");
  EXPECT_OUTCOME(judge("subject_regex: {pattern: '^\\[PATCH net'}", {p}), "fail",
                 "subject \"[PATCH AUTOSEL 6.12-6.1] md/raid0: fix a crash\" does not match /^\\[PATCH net/");
}

TEST(RuleNoNak, naks_in_replies_and_trailers) {
  Patch p = mail();
  EXPECT_OUTCOME(judge("no_nak: {}", {p}), "skip", "no Nacked-by in the commit message; replies not read");
  ThreadFacts quiet;
  quiet.replies = 2;
  EXPECT_OUTCOME(judge("no_nak: {}", {p, &quiet}), "pass",
                 "no NAK or Nacked-by in the commit message or the 2 replies in this input");
  ThreadFacts nak = quiet;
  nak.reply_facts.push_back({"nak", "<n@kernel.org>", "Greg KH <greg@kroah.com>", "NAK, this breaks 6.1"});
  nak.reply_facts.push_back({"applied", "<a@kernel.org>", "Sasha <s@k>", "Applied, thanks"});
  EXPECT_OUTCOME(judge("no_nak: {}", {p, &nak}), "fail",
                 "NAK from Greg KH <greg@kroah.com> (reply <n@kernel.org>): \"NAK, this breaks 6.1\"");
  Patch nacked = mail({{"Reviewed-by: Christoph", "Nacked-by: Christoph"}});
  EXPECT_OUTCOME(judge("no_nak: {}", {nacked, &quiet}), "fail",
                 "Nacked-by: Christoph Hellwig <hch@lst.de> (message line 11)");
}

// ---- repository checks ----

TEST(RuleUpstreamRef, present_resolvable_in_mainline) {
  Patch p = mail();
  PatchFacts f = good_facts();
  const std::string named = "upstream " + k_upstream + " (upstream-commit, message line 3)";
  EXPECT_OUTCOME(judge("upstream_ref: {}", {p}), "pass", named);
  EXPECT_OUTCOME(judge("upstream_ref: {in_mainline: true}", {p}), "skip", named + "; no repository (-C)");
  EXPECT_OUTCOME(judge("upstream_ref: {in_mainline: true}", {p, nullptr, &f}), "pass",
                 "078d1d8e688d \"md/raid0: fix a crash\" is in master");
  f.history.upstream[0].in_mainline = false;
  EXPECT_OUTCOME(judge("upstream_ref: {in_mainline: true}", {p, nullptr, &f}), "fail",
                 "078d1d8e688d \"md/raid0: fix a crash\" is not in master");
  EXPECT_OUTCOME(judge("upstream_ref: {resolvable: true}", {p, nullptr, &f}), "pass",
                 "upstream " + k_upstream + " resolves to 078d1d8e688d \"md/raid0: fix a crash\"");
  f.history.upstream[0].full.reset();
  EXPECT_OUTCOME(judge("upstream_ref: {resolvable: true}", {p, nullptr, &f}), "fail",
                 "upstream " + k_upstream + " is not in this repository");
  f.history.mainline_ref.clear();
  EXPECT_OUTCOME(judge("upstream_ref: {in_mainline: true}", {p, nullptr, &f}), "skip",
                 named + "; no mainline ref (master, origin/master) in the repository");
  Patch mainline_patch = mail({{"[ Upstream commit " + k_upstream + " ]\n\n", ""}});
  EXPECT_OUTCOME(judge("upstream_ref: {in_mainline: true}", {mainline_patch}), "fail",
                 "no upstream commit named in the commit message ([ Upstream commit X ], commit X upstream., "
                 "(cherry picked from commit X))");
}

TEST(RulePatchId, equal_different_unknown) {
  Patch p = mail();
  PatchFacts f = good_facts();
  EXPECT_OUTCOME(judge("patch_id_equals_upstream: {}", {p}), "skip", "no repository (-C)");
  EXPECT_OUTCOME(judge("patch_id_equals_upstream: {}", {p, nullptr, &f}), "pass",
                 "the mail's diff has the patch-id of upstream 078d1d8e688d \"md/raid0: fix a crash\"");
  f.history.upstream[0].patch_id_equal = false;
  f.history.upstream[0].only_upstream = {"drivers/md/raid0.h"};
  EXPECT_OUTCOME(judge("patch_id_equals_upstream: {}", {p, nullptr, &f}), "fail",
                 "the mail's diff differs from upstream 078d1d8e688d \"md/raid0: fix a crash\" (git patch-id); "
                 "only upstream: drivers/md/raid0.h");
  f.history.upstream[0].patch_id_equal.reset();
  EXPECT_OUTCOME(judge("patch_id_equals_upstream: {}", {p, nullptr, &f}), "skip",
                 "patch-id of 078d1d8e688d or of the mail not computable");
}

TEST(RuleApplies, modes_per_branch) {
  Patch p = mail();
  PatchFacts f = good_facts();
  EXPECT_OUTCOME(judge("applies: {}", {p}), "skip", "no repository (-C)");
  EXPECT_OUTCOME(judge("applies: {mode: clean}", {p, nullptr, &f}), "pass",
                 "applies cleanly to linux-6.6.y (1 hunk); linux-6.1.y not in repository");
  f.apply.by_branch["linux-6.6.y"].forward = applied(ApplyStatus::offset, 3);
  EXPECT_OUTCOME(judge("applies: {}", {p, nullptr, &f}), "pass",
                 "applies to linux-6.6.y (1 hunk, offset +3); linux-6.1.y not in repository");
  EXPECT_OUTCOME(judge("applies: {mode: clean}", {p, nullptr, &f}), "fail",
                 "applies to linux-6.6.y (1 hunk, offset +3); mode clean does not allow offset");
  f.apply.by_branch["linux-6.6.y"].forward = applied(ApplyStatus::reduced_context);
  EXPECT_OUTCOME(judge("applies: {}", {p, nullptr, &f}), "fail",
                 "applies to linux-6.6.y only with reduced context (git apply -C1, 1 hunk); mode offset does "
                 "not allow reduced_context");
  EXPECT_EQ(judge("applies: {mode: three_way}", {p, nullptr, &f}).result, Result::pass);
  f.apply.by_branch["linux-6.6.y"].forward = applied(ApplyStatus::conflict);
  EXPECT_OUTCOME(judge("applies: {mode: three_way}", {p, nullptr, &f}), "fail",
                 "does not apply to linux-6.6.y: drivers/md/raid0.c hunk at line 10, no match for \"\tint b;\"");
  f.apply.by_branch.clear();
  EXPECT_OUTCOME(judge("applies: {}", {p, nullptr, &f}), "skip",
                 "linux-6.6.y not in repository; linux-6.1.y not in repository");
}

TEST(RuleNotAlreadyApplied, upstream_ref_patch_id_and_reverse_apply) {
  Patch p = mail();
  PatchFacts f = good_facts();
  EXPECT_OUTCOME(judge("not_already_applied: {}", {p}), "skip", "no repository (-C)");
  EXPECT_OUTCOME(judge("not_already_applied: {}", {p, nullptr, &f}), "pass",
                 "not in linux-6.6.y: the reverse patch does not apply, no commit names the upstream commit; "
                 "linux-6.1.y not in repository");
  f.apply.by_branch["linux-6.6.y"].already_applied = true;
  EXPECT_OUTCOME(judge("not_already_applied: {}", {p, nullptr, &f}), "fail",
                 "already in linux-6.6.y: the reverse patch applies (git apply -R --check)");
  f.history.patch_id_in_branch["linux-6.6.y"] = std::string(40, 'b');
  EXPECT_OUTCOME(judge("not_already_applied: {}", {p, nullptr, &f}), "fail",
                 "already in linux-6.6.y: bbbbbbbbbbbb (same patch-id)");
  f.history.upstream_in_branch["linux-6.6.y"] = present("backport", std::string(40, 'c'));
  EXPECT_OUTCOME(judge("not_already_applied: {}", {p, nullptr, &f}), "fail",
                 "already in linux-6.6.y: cccccccccccc (names the upstream commit)");
}

TEST(RuleFixesTargetPresent, per_branch_presence) {
  Patch p = mail();
  PatchFacts f = good_facts();
  EXPECT_OUTCOME(judge("fixes_target_present: {}", {p}), "skip", "no repository (-C)");
  EXPECT_OUTCOME(judge("fixes_target_present: {}", {p, nullptr, &f}), "pass",
                 "Fixes: e41f8c0222e3 present in linux-6.6.y (ancestor); linux-6.1.y not in repository");
  f.history.fixes[0].in_branch["linux-6.6.y"] = present("backport", std::string(40, 'd'));
  EXPECT_OUTCOME(judge("fixes_target_present: {}", {p, nullptr, &f}), "pass",
                 "Fixes: e41f8c0222e3 present in linux-6.6.y (backport dddddddddddd); linux-6.1.y not in "
                 "repository");
  f.history.fixes[0].in_branch["linux-6.6.y"] = absent();
  EXPECT_OUTCOME(judge("fixes_target_present: {}", {p, nullptr, &f}), "fail",
                 "bug not present in linux-6.6.y: Fixes: e41f8c0222e3 \"md: introduce bug\" neither an "
                 "ancestor nor backported");
  f.history.fixes[0].full.reset();
  f.history.fixes[0].in_branch["linux-6.6.y"] = absent(false);
  EXPECT_OUTCOME(judge("fixes_target_present: {}", {p, nullptr, &f}), "skip",
                 "Fixes: e41f8c0222e3 does not resolve in this repository (linux-6.6.y); linux-6.1.y not in "
                 "repository");
  Patch no_fixes = mail({{"Fixes: e41f8c0222e3 (\"md: introduce bug\")\n", ""}});
  EXPECT_OUTCOME(judge("fixes_target_present: {}", {no_fixes, nullptr, &f}), "skip",
                 "no Fixes: trailer in the commit message");
}

TEST(RuleFollowUps, included_absent_and_missing) {
  Patch p = mail();
  PatchFacts f = good_facts();
  EXPECT_OUTCOME(judge("follow_ups: {}", {p}), "skip", "no repository (-C)");
  EXPECT_OUTCOME(judge("follow_ups: {}", {p, nullptr, &f}), "pass",
                 "no later commit in master fixes or reverts 078d1d8e688d");
  FollowUp fix;
  fix.commit = std::string(40, 'f');
  fix.title = "md/raid0: fix the fix";
  fix.kind = "fixes";
  fix.of = k_upstream;
  fix.in_branch["linux-6.6.y"] = present("backport", std::string(40, 'e'));
  f.history.follow_ups.push_back(fix);
  EXPECT_OUTCOME(judge("follow_ups: {mode: included_or_absent}", {p, nullptr, &f}), "pass",
                 "follow-up fix ffffffffffff \"md/raid0: fix the fix\" of 078d1d8e688d already in linux-6.6.y; "
                 "linux-6.1.y not in repository");
  EXPECT_OUTCOME(judge("follow_ups: {mode: absent}", {p, nullptr, &f}), "fail",
                 "follow-up fix ffffffffffff \"md/raid0: fix the fix\" of 078d1d8e688d exists in master");
  f.history.follow_ups[0].kind = "revert";
  f.history.follow_ups[0].title = "Revert \"md/raid0: fix a crash\"";
  f.history.follow_ups[0].in_branch["linux-6.6.y"] = absent();
  EXPECT_OUTCOME(judge("follow_ups: {}", {p, nullptr, &f}), "fail",
                 "revert ffffffffffff \"Revert \"md/raid0: fix a crash\"\" of 078d1d8e688d missing from linux-6.6.y");
  f.history.upstream[0].in_mainline = false;
  EXPECT_OUTCOME(judge("follow_ups: {}", {p, nullptr, &f}), "skip",
                 "upstream " + k_upstream + " (upstream-commit, message line 3) not in master: follow-ups not "
                 "searched");
}

TEST(RuleMaintainersInCc, everyone_get_maintainer_names) {
  Patch p = mail();
  PatchFacts f = good_facts();
  EXPECT_OUTCOME(judge("maintainers_in_cc: {}", {p}), "skip", "no repository (-C)");
  EXPECT_OUTCOME(judge("maintainers_in_cc: {}", {p, nullptr, &f}), "pass",
                 "in To/Cc: Song Liu <song@kernel.org> (supporter:SOFTWARE RAID (Multiple Disks) SUPPORT) "
                 "(MAINTAINERS of linux-6.6.y)");
  EXPECT_OUTCOME(judge("maintainers_in_cc: {roles: [maintainer, reviewer, list]}", {p, nullptr, &f}), "fail",
                 "not in To/Cc: Christoph Hellwig <hch@lst.de> (reviewer:SOFTWARE RAID (Multiple Disks) "
                 "SUPPORT) (MAINTAINERS of linux-6.6.y)");
  Patch cc_all = mail({{"Cc: Song Liu", "Cc: Christoph Hellwig <hch@lst.de>, Song Liu"}});
  EXPECT_EQ(judge("maintainers_in_cc: {roles: [maintainer, reviewer, list]}", {cc_all, nullptr, &f}).result,
            Result::pass);
}

// ---- combinators, conditions, decisions ----

TEST(RuleCombinators, three_valued_all_any_not) {
  Patch p = mail();
  // all: a failure decides; else an unknown (skip) makes it unknown.
  EXPECT_OUTCOME(judge("all: [{no_nak: {}}, {trailer_present: {key: Acked-by}}]", {p}), "fail", "no Acked-by");
  EXPECT_OUTCOME(judge("all: [{no_nak: {}}, {trailer_present: {key: Fixes}}]", {p}), "skip",
                 "no Nacked-by in the commit message; replies not read; Fixes: e41f8c0222e3 (\"md: introduce "
                 "bug\") (message line 9)");
  // any: a pass decides, with only the passing evidence.
  EXPECT_OUTCOME(judge("any: [{trailer_present: {key: Acked-by}}, {trailer_present: {key: Closes}}]", {p}),
                 "pass", "Closes: https://syzkaller.appspot.com/bug?extid=abc (message line 8)");
  EXPECT_OUTCOME(judge("any: [{trailer_present: {key: Acked-by}}, {trailer_present: {key: Tested-by}}]", {p}),
                 "fail", "no Acked-by; no Tested-by");
  EXPECT_OUTCOME(judge("not: {prefix: {required: [AUTOSEL]}}", {p}), "fail",
                 "subject prefix [PATCH AUTOSEL 6.12-6.1] has AUTOSEL");
  EXPECT_OUTCOME(judge("not: {no_nak: {}}", {p}), "skip", "no Nacked-by in the commit message; replies not read");
}

TEST(RuleConditions, a_rule_whose_when_fails_is_skipped_with_the_reason) {
  Patch p = mail();
  EXPECT_OUTCOME(judge("no_nak: {}", {p}, "{prefix: net}"), "skip",
                 "not applicable: subject prefix [PATCH AUTOSEL 6.12-6.1] has none of net");
  EXPECT_OUTCOME(judge("no_nak: {}", {p}, "{paths: [drivers/usb/**]}"), "skip",
                 "not applicable: no touched file matches drivers/usb/**");
  EXPECT_OUTCOME(judge("no_nak: {}", {p}, "{autosel: false}"), "skip", "not applicable: an AUTOSEL mail");
  EXPECT_OUTCOME(judge("no_nak: {}", {p}, "{stable_range: false}"), "skip",
                 "not applicable: the subject names stable 6.12-6.1");
  EXPECT_OUTCOME(judge("trailer_present: {key: Fixes}", {p}, "{autosel: true, paths: 'drivers/md/*.c'}"),
                 "pass", "Fixes: e41f8c0222e3 (\"md: introduce bug\") (message line 9)");
}

TEST(RuleDecision, blockers_decide_and_come_first_among_the_reasons) {
  Expected<RuleSet> set = parse_rule_set(
      "name: mixed\ndescription: d\nrules:\n"
      "  - {id: w, severity: warning, message: warn, trailer_present: {key: Acked-by}}\n"
      "  - {id: i, severity: info, message: info, trailer_present: {key: Tested-by}}\n"
      "  - {id: b, severity: blocker, message: block, prefix: {required: [net]}}\n"
      "  - {id: s, severity: blocker, message: skipped, applies: {}}\n"
      "  - {id: p, severity: blocker, message: passes, signoff_chain: {}}\n",
      "mixed.yaml", {});
  ASSERT_TRUE(set);
  Patch p = mail();
  Decision d = evaluate(*set, {p});
  EXPECT_EQ(d.verdict, Verdict::no);
  EXPECT_EQ(std::string(to_string(d.verdict)), "NO");
  EXPECT_EQ(d.rule_set, "mixed");
  ASSERT_EQ(d.results.size(), 5u);
  EXPECT_EQ(d.results[0].id, "w");
  EXPECT_EQ(d.results[3].result, Result::skip);
  EXPECT_EQ(d.results[4].result, Result::pass);
  ASSERT_EQ(d.reasons.size(), 2u);  // the failing info rule is not a reason
  EXPECT_EQ(d.reasons[0].id, "b");
  EXPECT_EQ(d.reasons[0].message, "block");
  EXPECT_EQ(d.reasons[1].id, "w");

  Patch net = mail({{"[PATCH AUTOSEL 6.12-6.1]", "[PATCH net]"}});
  d = evaluate(*set, {net});
  EXPECT_EQ(d.verdict, Verdict::yes);  // only a warning fails; the skip does not decide
  ASSERT_EQ(d.reasons.size(), 1u);
  EXPECT_EQ(d.reasons[0].id, "w");
}

// The shipped sets on the complete mail: YES with every fact in place, the right NO otherwise.
TEST(RuleShippedSets, autosel_on_a_good_backport_and_on_one_whose_bug_is_absent) {
  Expected<RuleSet> autosel = load_rule_set("autosel", {k_rules_dir});
  ASSERT_TRUE(autosel);
  Patch p = mail();
  ThreadFacts t;
  PatchFacts f = good_facts();
  Decision d = evaluate(*autosel, {p, &t, &f});
  for (const auto& r : d.results) {
    EXPECT_FALSE(r.evidence.empty()) << r.id;
    EXPECT_NE(r.result, Result::fail) << r.id << ": " << r.evidence;
  }
  EXPECT_EQ(d.verdict, Verdict::yes);
  EXPECT_TRUE(d.reasons.empty());

  f.history.fixes[0].in_branch["linux-6.6.y"] = absent();
  d = evaluate(*autosel, {p, &t, &f});
  EXPECT_EQ(d.verdict, Verdict::no);
  ASSERT_EQ(d.reasons.size(), 1u);
  EXPECT_EQ(d.reasons[0].id, "bug-present");
  EXPECT_EQ(d.reasons[0].evidence,
            "bug not present in linux-6.6.y: Fixes: e41f8c0222e3 \"md: introduce bug\" neither an ancestor "
            "nor backported");
}

TEST(RuleShippedSets, without_a_repository_repository_rules_skip_and_mail_rules_decide) {
  Expected<RuleSet> stable = load_rule_set("stable", {k_rules_dir});
  ASSERT_TRUE(stable);
  Patch p = mail();
  Decision d = evaluate(*stable, {p});
  EXPECT_EQ(d.verdict, Verdict::yes);
  for (const auto& r : d.results) {
    if (r.id == "applies" || r.id == "not-already-applied" || r.id == "same-as-upstream") {
      EXPECT_EQ(r.evidence, "no repository (-C)") << r.id;
    }
    if (r.id == "size" || r.id == "fixes-real-bug" || r.id == "signed-off") {
      EXPECT_EQ(r.result, Result::pass) << r.id << ": " << r.evidence;
    }
  }
  Patch rfc = mail({{"[PATCH AUTOSEL 6.12-6.1]", "[RFC PATCH 6.1]"},
                    {"Signed-off-by: Dev One <dev@example.com>\n", ""}});
  d = evaluate(*stable, {rfc});
  EXPECT_EQ(d.verdict, Verdict::no);
  ASSERT_EQ(d.reasons.size(), 2u);
  EXPECT_EQ(d.reasons[0].id, "signed-off");
  EXPECT_EQ(d.reasons[1].id, "not-rfc");
}

}  // namespace
}  // namespace pt

namespace pt {
namespace {

// ---- note_claims ----

TEST(RuleNoteClaims, contradicted_claims_fail_with_the_notes_line) {
  std::string text = autosel_mail();
  text.replace(text.find("---\n"), 4,
               "---\nLLM Generated explanations, may be completely bogus:\n\nOnly adds 3 lines of code.\n\n");
  Patch p = build(text);
  ASSERT_FALSE(p.notes.empty());
  // Skips without notes, or when the claims were not checked, or when there are none.
  EXPECT_OUTCOME(judge("note_claims: {}", {build(autosel_mail())}), "skip",
                 "no notes between --- and the diff");
  EXPECT_OUTCOME(judge("note_claims: {}", {p}), "skip", "the notes' claims were not checked");
  std::vector<CheckedClaim> none;
  EXPECT_OUTCOME(judge("note_claims: {}", {p, nullptr, nullptr, &none}), "skip",
                 "the notes make no checkable claim");
  // The real checker on this mail: 1 insertion, so "Only adds 3 lines" is contradicted.
  std::vector<CheckedClaim> claims = check_notes(p, ClaimOracle{});
  ASSERT_EQ(claims.size(), 1u);
  RuleResult r = judge("note_claims: {}", {p, nullptr, nullptr, &claims});
  EXPECT_EQ(to_string(r.result), std::string("fail"));
  EXPECT_EQ(r.evidence.rfind("notes line 3: \"", 0), 0u) << r.evidence;
  EXPECT_NE(r.evidence.find("(1 claim: 0 confirmed, 1 contradicted, 0 unverifiable)"), std::string::npos)
      << r.evidence;
  // A confirmed claim passes with the counts.
  claims[0].verdict.status = ClaimStatus::confirmed;
  EXPECT_OUTCOME(judge("note_claims: {}", {p, nullptr, nullptr, &claims}), "pass",
                 "1 claim: 1 confirmed, 0 contradicted, 0 unverifiable");
}

}  // namespace
}  // namespace pt
