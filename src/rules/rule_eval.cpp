#include "rules/rule_eval.hpp"

#include "rules/check_catalog.hpp"
#include "rules/glob.hpp"
#include "rules/rule_checks.hpp"

namespace pt {

const char* to_string(Result result) {
  switch (result) {
    case Result::pass: return "pass";
    case Result::fail: return "fail";
    case Result::skip: return "skip";
  }
  return "skip";
}

const char* to_string(Verdict verdict) { return verdict == Verdict::no ? "NO" : "YES"; }

namespace {

std::string evidence_of(const std::vector<CheckOutcome>& outcomes, Result only) {
  std::vector<std::string> parts;
  for (const auto& o : outcomes)
    if (o.result == only) parts.push_back(o.evidence);
  return checks::join(parts);
}

std::string all_evidence(const std::vector<CheckOutcome>& outcomes) {
  std::vector<std::string> parts;
  for (const auto& o : outcomes) parts.push_back(o.evidence);
  return checks::join(parts);
}

}  // namespace

// Three-valued logic: a skip is "unknown". all: any fail fails, else any unknown is unknown;
// any: any pass passes, else any unknown is unknown; not: swaps pass and fail.
CheckOutcome evaluate(const CheckExpr& check, const RuleInput& input) {
  switch (check.op) {
    case CheckExpr::Op::check: {
      const CheckSpec* spec = find_check(check.kind);
      if (!spec) return {Result::skip, "unknown check kind " + check.kind};
      CheckOutcome o = spec->run(check.params, input);
      if (o.evidence.empty()) o.evidence = check.kind + ": " + to_string(o.result);
      return o;
    }
    case CheckExpr::Op::all:
    case CheckExpr::Op::any: {
      std::vector<CheckOutcome> outcomes;
      int passes = 0, fails = 0;
      for (const auto& c : check.children) {
        outcomes.push_back(evaluate(c, input));
        passes += outcomes.back().result == Result::pass;
        fails += outcomes.back().result == Result::fail;
      }
      const int n = static_cast<int>(outcomes.size());
      if (check.op == CheckExpr::Op::all) {
        if (fails) return {Result::fail, evidence_of(outcomes, Result::fail)};
        if (passes < n) return {Result::skip, all_evidence(outcomes)};
        return {Result::pass, all_evidence(outcomes)};
      }
      if (passes) return {Result::pass, evidence_of(outcomes, Result::pass)};
      if (fails < n) return {Result::skip, all_evidence(outcomes)};
      return {Result::fail, all_evidence(outcomes)};
    }
    case CheckExpr::Op::negate: {
      if (check.children.empty()) return {Result::skip, "not: no operand"};
      CheckOutcome o = evaluate(check.children.front(), input);
      if (o.result == Result::pass) o.result = Result::fail;
      else if (o.result == Result::fail) o.result = Result::pass;
      return o;
    }
  }
  return {Result::skip, "unknown combinator"};
}

std::string condition_mismatch(const Condition& when, const Patch& patch) {
  const Subject& s = patch.subject_info;
  if (!when.prefix.empty()) {
    bool any = false;
    for (const auto& p : when.prefix) any = any || checks::has_prefix(s, p);
    if (!any) return checks::prefix_text(s) + " has none of " + checks::join(when.prefix, ", ");
  }
  if (!when.paths.empty()) {
    bool any = false;
    for (const auto& f : checks::touched_files(patch))
      for (const auto& g : when.paths) any = any || match_glob(g, f);
    if (!any) return "no touched file matches " + checks::join(when.paths, ", ");
  }
  if (when.autosel && *when.autosel != s.autosel)
    return s.autosel ? "an AUTOSEL mail" : "not an AUTOSEL mail";
  const bool ranged = !s.stable_from.empty();
  if (when.stable_range && *when.stable_range != ranged)
    return ranged ? "the subject names stable " + s.stable_from +
                        (s.stable_to != s.stable_from ? "-" + s.stable_to : "")
                  : "the subject names no stable version";
  return "";
}

Decision evaluate(const RuleSet& rules, const RuleInput& input) {
  Decision d;
  d.rule_set = rules.name;
  for (const Rule& rule : rules.rules) {
    RuleResult r{rule.id, rule.severity, Result::skip, "", rule.message};
    std::string mismatch = condition_mismatch(rule.when, input.patch);
    if (!mismatch.empty()) {
      r.evidence = "not applicable: " + mismatch;
    } else {
      CheckOutcome o = evaluate(rule.check, input);
      r.result = o.result;
      r.evidence = std::move(o.evidence);
    }
    d.results.push_back(std::move(r));
  }
  for (Severity severity : {Severity::blocker, Severity::warning})
    for (const auto& r : d.results)
      if (r.result == Result::fail && r.severity == severity) d.reasons.push_back(r);
  if (!d.reasons.empty() && d.reasons.front().severity == Severity::blocker) d.verdict = Verdict::no;
  return d;
}

}  // namespace pt
