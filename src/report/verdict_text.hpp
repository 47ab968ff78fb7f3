// report stage: the verdict block of a card: YES/NO with the rule set, the reasons for a
// NO first, then the verification list, one line per rule with its evidence.
// Decision -> lines of text (inside the card's box), coloured with rang when asked.
#pragma once

#include <ostream>

#include "report/summary_text.hpp"
#include "rules/rule_result.hpp"

namespace pt {

void render_verdict(std::ostream& out, const Decision& decision, const TextStyle& style);

// One line per patch for a series' tail and --format summary:
// "NO   [PATCH 2/3] title  (applies: does not apply to linux-6.1.y ...)".
std::string verdict_line(const Patch& patch, const Decision& decision);

}  // namespace pt
