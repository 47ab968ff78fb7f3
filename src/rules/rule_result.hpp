// rules stage: what evaluation reads and what it returns.
// Patch (+ thread facts, + repository facts) -> one RuleResult per rule -> Decision.
#pragma once

#include <string>
#include <vector>

#include "facts/patch_facts.hpp"
#include "patch/patch.hpp"
#include "rules/rule_set.hpp"
#include "thread/thread_types.hpp"

namespace pt {

// The facts one patch is judged on. `thread` is nullptr when the caller built no threads;
// `facts` is nullptr without a repository (-C): repository checks then result `skip`.
struct RuleInput {
  const Patch& patch;
  const ThreadFacts* thread = nullptr;
  const PatchFacts* facts = nullptr;
  // The notes' claims, checked (with a repository: facts->claims; without one, checked
  // against the mail alone). nullptr: not checked.
  const std::vector<CheckedClaim>* claims = nullptr;
};

// pass: proven to hold; fail: proven not to hold; skip: cannot be decided from these facts.
enum class Result { pass, fail, skip };

// The result of one check or combinator, with the evidence that decides it.
struct CheckOutcome {
  Result result = Result::skip;
  std::string evidence;  // never empty: names the git object or mail line that proves it
};

struct RuleResult {
  std::string id;
  Severity severity = Severity::blocker;
  Result result = Result::skip;
  std::string evidence;
  std::string message;
};

enum class Verdict { yes, no };

struct Decision {
  Verdict verdict = Verdict::yes;
  std::string rule_set;               // its name
  std::vector<RuleResult> results;    // one per rule, in the set's order
  std::vector<RuleResult> reasons;    // the failing blockers, then the failing warnings
};

const char* to_string(Result result);    // "pass", "fail", "skip"
const char* to_string(Verdict verdict);  // "YES", "NO"

}  // namespace pt
