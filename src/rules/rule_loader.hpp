// rules stage: rule set files -> a validated RuleSet, or every error of every file at once.
// YAML text (+ the sets it extends) -> RuleSet | "file:line:col: message" diagnostics.
#pragma once

#include <string>
#include <vector>

#include "rules/diagnostic.hpp"
#include "rules/rule_set.hpp"

namespace pt {

// Loads a rule set by name (a shipped set, looked up in `dirs`) or by path (see
// is_rule_path; an existing file also counts), with the sets it extends merged in.
// Fails with every problem found: YAML syntax, unknown keys (with a did-you-mean hint),
// wrong types, unknown check kinds, bad parameters, extends cycles, missing files.
Expected<RuleSet> load_rule_set(const std::string& name_or_path, const std::vector<std::string>& dirs);

// The same for YAML text that claims to come from `file` (its directory anchors relative
// `extends:` paths).
Expected<RuleSet> parse_rule_set(const std::string& text, const std::string& file,
                                 const std::vector<std::string>& dirs);

}  // namespace pt
