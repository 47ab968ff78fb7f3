// `patchtriage rules check FILE|NAME...` and `patchtriage rules list`.
#include <ostream>

#include "app/commands.hpp"
#include "rules/rule_files.hpp"
#include "rules/rule_loader.hpp"

namespace pt {

namespace {

std::string summary(const RuleSet& set) {
  std::string out = "rule set '" + set.name + "'";
  if (!set.extends.empty()) {
    out += " (extends";
    for (const auto& e : set.extends) out += " " + e;
    out += ")";
  }
  return out + ", " + std::to_string(set.rules.size()) + (set.rules.size() == 1 ? " rule" : " rules");
}

}  // namespace

int run_rules_check(const std::vector<std::string>& specs, std::ostream& out, std::ostream& err) {
  // Each file is loaded whole (with what it extends); all errors of all files are printed.
  const std::vector<std::string> dirs = rule_search_dirs();
  int exit_code = k_exit_yes;
  for (const auto& spec : specs) {
    Expected<RuleSet> set = load_rule_set(spec, dirs);
    if (!set) {
      for (const auto& d : set.error()) err << to_string(d) << "\n";
      exit_code = k_exit_usage;
      continue;
    }
    out << set->path << ": ok: " << summary(*set) << "\n";
  }
  return exit_code;
}

int run_rules_list(std::ostream& out, std::ostream& err) {
  const std::vector<std::string> dirs = rule_search_dirs();
  const std::vector<RuleSetFile> files = list_rule_sets(dirs);
  if (files.empty()) {
    err << "patchtriage: no rule sets found (looked in:";
    for (const auto& d : dirs) err << " " << d;
    err << (dirs.empty() ? " no directory exists; set PATCHTRIAGE_RULES_DIR)\n" : ")\n");
    return k_exit_usage;
  }
  int exit_code = k_exit_yes;
  for (const auto& f : files) {
    Expected<RuleSet> set = load_rule_set(f.path, dirs);
    if (!set) {
      out << f.name << "  BROKEN (" << set.error().size() << " errors: patchtriage rules check "
          << f.path << ")\n";
      exit_code = k_exit_usage;
      continue;
    }
    out << f.name << "  " << summary(*set) << "  " << f.path << "\n";
    out << "    " << set->description << "\n";
  }
  return exit_code;
}

}  // namespace pt
