// rules stage: the check kinds, their parameters, and the function that runs each.
// kind name -> CheckSpec (used by the loader to validate and by evaluation to run).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rules/rule_result.hpp"
#include "rules/rule_set.hpp"

namespace pt {

enum class ParamType {
  text,         // a string
  text_list,    // a string or a list of strings
  integer,      // a non-negative integer
  boolean,      // true or false
  pattern,      // a regular expression (ECMAScript), compiled at load time
  choice,       // one of `choices`
  choice_list,  // a list of `choices` (a single one allowed)
};

struct ParamSpec {
  ParamSpec(std::string_view name_, ParamType type_ = ParamType::text, bool required_ = false,
            std::vector<std::string_view> choices_ = {})
      : name(name_), type(type_), required(required_), choices(std::move(choices_)) {}
  std::string_view name;
  ParamType type = ParamType::text;
  bool required = false;
  std::vector<std::string_view> choices;
};

using CheckFunction = CheckOutcome (*)(const Params& params, const RuleInput& input);

struct CheckSpec {
  std::string_view kind;
  std::vector<ParamSpec> params;
  std::vector<std::string_view> one_of;  // at least one of these must be given ("" none)
  bool needs_repository = false;         // for documentation: skips without -C
  CheckFunction run = nullptr;
};

// Every check kind, sorted by name.
const std::vector<CheckSpec>& check_catalog();
// The spec of `kind`, or nullptr for an unknown kind.
const CheckSpec* find_check(std::string_view kind);
// The kind names, sorted (for "known kinds: ..." and did-you-mean hints).
std::vector<std::string> check_kinds();

}  // namespace pt
