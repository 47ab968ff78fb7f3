#include "app/rule_sets.hpp"

#include <iostream>

#include "rules/rule_files.hpp"
#include "rules/rule_loader.hpp"

namespace pt {

RuleSets::RuleSets(std::string wanted) : m_wanted(std::move(wanted)), m_dirs(rule_search_dirs()) {}

const RuleSet* RuleSets::for_patch(const Patch& patch) {
  return load(!m_wanted.empty() ? m_wanted : patch.subject_info.autosel ? "autosel" : "stable");
}

const RuleSet* RuleSets::load(const std::string& name) {
  auto it = m_sets.find(name);
  if (it == m_sets.end()) {
    Expected<RuleSet> set = load_rule_set(name, m_dirs);
    if (!set) {
      for (const auto& d : set.error()) std::cerr << to_string(d) << "\n";
      if (set.error().empty()) std::cerr << "patchtriage: rule set " << name << " not found\n";
      it = m_sets.emplace(name, std::nullopt).first;
    } else {
      it = m_sets.emplace(name, std::move(*set)).first;
    }
  }
  return it->second ? &*it->second : nullptr;
}

}  // namespace pt
