// rules stage: the value types of a loaded rule set.
// (rule file YAML, validated by the loader) -> RuleSet: named rules, each a check expression.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace pt {

// blocker: failing makes the verdict NO; warning: shown, verdict kept; info: shown only.
enum class Severity { blocker, warning, info };

const char* to_string(Severity severity);

// One parameter of a check, as the loader validated it against the check's schema.
struct ParamValue {
  std::variant<bool, long, std::string, std::vector<std::string>> value;
  std::shared_ptr<const std::regex> regex;  // compiled once, for pattern parameters
};

// The parameters of one check, by name; readers take the default for an absent one.
class Params {
 public:
  void set(std::string name, ParamValue value) { m_values[std::move(name)] = std::move(value); }
  bool has(std::string_view name) const { return m_values.find(name) != m_values.end(); }
  // A boolean parameter, or `fallback`.
  bool flag(std::string_view name, bool fallback) const;
  // An integer parameter, or nullopt.
  std::optional<long> number(std::string_view name) const;
  // A string parameter, or `fallback`.
  std::string text(std::string_view name, std::string fallback = {}) const;
  // A list parameter (a single string is a list of one); empty when absent.
  std::vector<std::string> list(std::string_view name) const;
  // A compiled pattern parameter, or nullptr.
  const std::regex* regex(std::string_view name) const;
  bool empty() const { return m_values.empty(); }

 private:
  std::map<std::string, ParamValue, std::less<>> m_values;
};

// A check, or a combinator over checks: `all:`, `any:`, `not:`.
struct CheckExpr {
  enum class Op { check, all, any, negate };
  Op op = Op::check;
  std::string kind;                 // the check kind ("applies"), or "all"/"any"/"not"
  Params params;
  std::vector<CheckExpr> children;  // all/any: the operands; not: exactly one
};

// `when:`: the rule applies only to patches matching every condition given.
struct Condition {
  std::vector<std::string> prefix;  // the subject has one of these bracket tokens
  std::vector<std::string> paths;   // a touched file matches one of these globs
  std::optional<bool> autosel;      // [PATCH AUTOSEL ...] or not
  std::optional<bool> stable_range; // the subject names a stable version range or not
  bool empty() const {
    return prefix.empty() && paths.empty() && !autosel && !stable_range;
  }
};

struct Rule {
  std::string id;
  Severity severity = Severity::blocker;
  std::string message;
  Condition when;
  CheckExpr check;
  std::string origin;  // "stable.yaml:12": where it was defined (after extends, the child's)
};

// Target defaults: how stable versions map to branch names, and the mainline ref.
struct TargetDefaults {
  std::string branch_pattern = "linux-{major}.{minor}.y";
  std::string mainline = "master";
};

struct RuleSet {
  std::string name, description;
  std::string path;                  // the file it was loaded from
  std::vector<std::string> extends;  // the chain of parents, nearest first ("stable")
  TargetDefaults targets;
  std::vector<Rule> rules;           // in evaluation order: parent's first, overrides in place
};

// The branch name of a stable version under `pattern` ("linux-{major}.{minor}.y", "6.6" ->
// "linux-6.6.y"); "" when `version` is not "major.minor".
std::string branch_for_version(const std::string& pattern, const std::string& version);

}  // namespace pt
