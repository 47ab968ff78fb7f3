// yaml-cpp outside src/rules: the config file sets Options, which only app/ knows.
#include "app/config_file.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>

#include "rules/diagnostic.hpp"

namespace pt {

namespace {

const std::vector<std::string> k_keys = {"repo", "mainline", "branch_pattern", "rules", "color"};

std::string at(const std::string& path, const YAML::Mark& m) {
  std::string out = path;
  out += ':';
  out += std::to_string(m.line + 1);
  out += ':';
  out += std::to_string(m.column + 1);
  out += ": ";
  return out;
}

}  // namespace

std::string config_file_path() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg && *xdg) return std::string(xdg) + "/patchtriage/config.yaml";
  const char* home = std::getenv("HOME");
  if (home && *home) return std::string(home) + "/.config/patchtriage/config.yaml";
  return {};
}

ConfigFile read_config_file(const std::string& path, std::vector<std::string>& errors) {
  ConfigFile out;
  std::error_code ec;
  if (path.empty() || !std::filesystem::exists(path, ec)) return out;
  out.path = path;
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::Exception& e) {
    errors.push_back(at(path, e.mark) + e.msg);
    return out;
  }
  if (root.IsNull()) return out;
  if (!root.IsMap()) {
    errors.push_back(at(path, root.Mark()) + "expected a mapping of defaults (repo, mainline, "
                                             "branch_pattern, rules, color)");
    return out;
  }
  for (auto it = root.begin(); it != root.end(); ++it) {
    const YAML::Node key = it->first, value = it->second;
    std::string name = key.IsScalar() ? key.Scalar() : "";
    if (std::find(k_keys.begin(), k_keys.end(), name) == k_keys.end()) {
      errors.push_back(at(path, key.Mark()) + "unknown key '" + name + "'" + did_you_mean(name, k_keys) +
                       " (known: repo, mainline, branch_pattern, rules, color)");
      continue;
    }
    if (!value.IsScalar()) {
      errors.push_back(at(path, value.Mark()) + name + ": expected a string");
      continue;
    }
    out.values[name] = value.Scalar();
  }
  return out;
}

}  // namespace pt
