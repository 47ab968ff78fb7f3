// app: the rule sets of one run, loaded once each by name.
// --rules NAME|FILE (or the patch's kind) -> const RuleSet*; load errors printed to stderr.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "patch/patch.hpp"
#include "rules/rule_set.hpp"

namespace pt {

// The one set --rules names for every patch, else `autosel` for AUTOSEL mails and
// `stable` for the rest. Not thread-safe: load in one thread, then share the pointers
// (evaluation only reads a RuleSet).
class RuleSets {
 public:
  explicit RuleSets(std::string wanted);
  // The set for `patch`, nullptr when it does not load (its errors went to stderr).
  const RuleSet* for_patch(const Patch& patch);
  // The set `name` names, nullptr when it does not load (its errors went to stderr).
  const RuleSet* load(const std::string& name);

 private:
  std::string m_wanted;
  std::vector<std::string> m_dirs;
  std::map<std::string, std::optional<RuleSet>> m_sets;
};

}  // namespace pt
