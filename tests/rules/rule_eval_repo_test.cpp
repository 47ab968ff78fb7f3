// Rule evaluation: the checks on repository facts (upstream reference, patch id, applies, not
// already applied, Fixes target, follow-ups, MAINTAINERS), pass, fail and skip per branch.
#include "rules/rule_eval.hpp"

#include <gtest/gtest.h>

#include "rules/rule_eval_support.hpp"

namespace pt {
namespace {

using namespace rule_eval_test;

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

}  // namespace
}  // namespace pt
