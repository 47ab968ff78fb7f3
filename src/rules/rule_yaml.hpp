// rules stage (internal): one YAML document -> one rule set draft, checked against the schema.
// YAML::Node -> Draft (its own rules, what it extends and disables) + diagnostics.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

#include "rules/diagnostic.hpp"
#include "rules/rule_set.hpp"

namespace pt {

// A name with the place it was written.
struct Located {
  std::string text;
  YAML::Mark mark;
};

// What one file says, before the set it extends is merged in.
struct Draft {
  RuleSet set;                     // name, description, targets, the file's own rules
  bool has_branch_pattern = false, has_mainline = false;
  std::optional<Located> extends;
  std::vector<Located> disable;
  std::vector<YAML::Mark> rule_marks;  // parallel to set.rules: where each rule starts
};

// Appends "file:line:col: message" (YAML marks are 0-based; diagnostics 1-based).
void add_error(Diagnostics& errors, const std::string& file, const YAML::Mark& mark,
               std::string message);

// Reads one parsed document of `file`; every problem goes to `errors`.
Draft read_rule_document(const YAML::Node& root, const std::string& file, Diagnostics& errors);

}  // namespace pt
