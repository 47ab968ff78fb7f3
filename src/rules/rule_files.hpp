// rules stage: where rule set files are and what they are called.
// environment + executable location + source tree -> directories; name -> file.
#pragma once

#include <string>
#include <vector>

namespace pt {

// The directories shipped rule sets are looked up in, in order, those that exist:
// $PATCHTRIAGE_RULES_DIR (':'-separated), <executable dir>/../share/patchtriage/rules
// (an installed tool), the source tree's rules/ (a build that was not installed).
std::vector<std::string> rule_search_dirs();

struct RuleSetFile {
  std::string name;  // the file name without .yaml: what `--rules NAME` and `extends:` take
  std::string path;
};

// The *.yaml files of `dirs` by name, sorted; a name in an earlier directory hides later ones.
std::vector<RuleSetFile> list_rule_sets(const std::vector<std::string>& dirs);

// The path of rule set `name` in `dirs`, or "" when none has it.
std::string find_rule_set(const std::string& name, const std::vector<std::string>& dirs);

// True when `spec` names a file rather than a shipped set: it holds '/' or ends in .yaml/.yml.
bool is_rule_path(const std::string& spec);

}  // namespace pt
