// The note_claims check: the claims an LLM analysis below "---" makes about the patch
// (sizes, trailers, tags, roles, file:line quotes), each already checked against the mail and
// the repository (facts/claim_check); a contradicted claim fails the rule.
#include <fmt/format.h>

#include "rules/rule_checks.hpp"

namespace pt::checks {

CheckOutcome note_claims(const Params&, const RuleInput& in) {
  if (in.patch.notes.empty()) return skip("no notes between --- and the diff");
  if (!in.claims) return skip("the notes' claims were not checked");
  if (in.claims->empty()) return skip("the notes make no checkable claim");
  std::size_t confirmed = 0, unverifiable = 0;
  std::vector<std::string> contradicted;
  for (const CheckedClaim& c : *in.claims) {
    switch (c.verdict.status) {
      case ClaimStatus::confirmed: ++confirmed; break;
      case ClaimStatus::unverifiable: ++unverifiable; break;
      case ClaimStatus::contradicted:
        contradicted.push_back(fmt::format("notes line {}: \"{}\" but {}", c.claim.line,
                                           c.claim.phrase.empty() ? c.claim.text : c.claim.phrase,
                                           c.verdict.evidence));
        break;
    }
  }
  std::string counts = fmt::format("{} claim{}: {} confirmed, {} contradicted, {} unverifiable",
                                   in.claims->size(), in.claims->size() == 1 ? "" : "s", confirmed,
                                   contradicted.size(), unverifiable);
  if (!contradicted.empty()) return fail(fmt::format("{} ({})", join(contradicted), counts));
  return pass(counts);
}

}  // namespace pt::checks
