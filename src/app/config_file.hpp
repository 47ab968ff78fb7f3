// app: the user's defaults file, $XDG_CONFIG_HOME/patchtriage/config.yaml (else
// ~/.config/patchtriage/config.yaml). YAML text -> key/value defaults | file:line:col errors.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pt {

// The keys the file may hold (the options they default): repo, mainline, branch_pattern,
// rules, color.
struct ConfigFile {
  std::string path;                          // "" when there is no file
  std::map<std::string, std::string> values;  // key -> value as written
};

// Where the file is looked for; "" when neither XDG_CONFIG_HOME nor HOME is set.
std::string config_file_path();

// Reads `path` (a missing file is an empty config). Errors (bad YAML, an unknown key with a
// did-you-mean hint, a value that is not a string) come back as "file:line:col: message".
ConfigFile read_config_file(const std::string& path, std::vector<std::string>& errors);

}  // namespace pt
