// Rule evaluation: each mail check's pass, fail and skip on patches built from mail text with
// hand-made thread facts, the combinators, conditions, the verdict, the shipped rule sets, and
// the notes' claims (rule_eval_repo_test.cpp: the checks on repository facts).
#include "rules/rule_eval.hpp"

#include <gtest/gtest.h>

#include "patch/patch_builder.hpp"
#include "rules/rule_eval_support.hpp"
#include "rules/rule_loader.hpp"

namespace pt {
namespace {

using namespace rule_eval_test;

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
