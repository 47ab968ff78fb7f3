// rules stage: evaluation of a rule set on one patch.
// RuleSet + RuleInput (patch, thread facts, repository facts) -> Decision.
#pragma once

#include "rules/rule_result.hpp"
#include "rules/rule_set.hpp"

namespace pt {

// Runs every rule of `rules` on `input`: a rule whose `when:` does not hold results `skip`
// ("not applicable: ..."). The verdict is NO when a blocker fails. Never throws.
Decision evaluate(const RuleSet& rules, const RuleInput& input);

// One check expression (with its combinators) on `input`.
CheckOutcome evaluate(const CheckExpr& check, const RuleInput& input);

// Why `when` does not hold for the patch ("" when it holds).
std::string condition_mismatch(const Condition& when, const Patch& patch);

}  // namespace pt
