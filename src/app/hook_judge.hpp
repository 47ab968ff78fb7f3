// app: the verdict of hook mode on one backport, and its card.
// Patch + PatchFacts + RuleSet -> Decision (with the stable queue's "[ ... ]" notes) -> card.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "facts/patch_facts.hpp"
#include "report/summary_text.hpp"
#include "rules/rule_result.hpp"
#include "rules/rule_set.hpp"

namespace pt {

// A backporter's note in a commit message: "[ Sasha: dropped the hunk for foo ]",
// "[gregkh: context fixup]", possibly over several lines (stable-kernel-rules.rst: a
// deviation from upstream "must be very clearly documented and justified in the patch
// description").
struct DeviationNote {
  std::string text;  // from '[' to ']', lines joined by one space
  int line = 0;      // where it starts, counting the commit message from its title (line 1)
};

// The first such note in `body` (the commit message after its title paragraph, as
// Patch::message holds it). Not a note: the upstream reference "[ Upstream commit X ]",
// kernel log lines ("[   12.345678] BUG: ..."), brackets inside a line, a bracket left
// open at a blank line. nullopt when there is none.
std::optional<DeviationNote> find_deviation_note(std::string_view body);

// Evaluates `rules` on one backport and prints its card to `out`.
class HookJudge {
 public:
  HookJudge(const RuleSet& rules, TextStyle style) : m_rules(rules), m_style(style) {}
  // The decision on `patch`, its card written to `out`. A failing patch_id_equals_upstream
  // rule passes when the commit message explains the deviation in a [ ... ] note (the
  // evidence keeps both the difference and the note).
  Decision judge(const Patch& patch, const PatchFacts& facts, std::ostream& out) const;

 private:
  const RuleSet& m_rules;
  TextStyle m_style;
};

}  // namespace pt
