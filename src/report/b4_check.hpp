// report stage: b4's external review-check format (b4.review-perpatch-check-cmd).
// Patch + Decision -> one entry {tool, status, summary, url, details} of b4's JSON list.
#pragma once

#include <string>
#include <vector>

#include "patch/patch.hpp"
#include "rules/rule_result.hpp"

namespace pt {

struct B4Entry {
  const Patch* patch;
  const Decision* decision;
};

// The JSON list b4 reads: per patch, status "pass" (YES, no failed warning), "warn" (YES
// with failed warnings) or "fail" (NO); the summary says why; details is a JSON string
// holding the list of rule results. All values are strings, as b4 wants them; one tool
// name per entry ("patchtriage", then "patchtriage 2/3" ... when several patches).
std::string b4_check_json(const std::vector<B4Entry>& entries);

}  // namespace pt
