#include "rules/rule_files.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <system_error>

namespace pt {

namespace fs = std::filesystem;

namespace {

bool is_dir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

std::string executable_dir() {
  char buf[4096];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return "";
  return fs::path(std::string(buf, static_cast<std::size_t>(n))).parent_path().string();
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

std::vector<std::string> rule_search_dirs() {
  std::vector<std::string> dirs;
  auto add = [&dirs](const fs::path& p) {
    if (p.empty() || !is_dir(p)) return;
    std::error_code ec;
    std::string canonical = fs::weakly_canonical(p, ec).string();
    if (ec) canonical = p.string();
    if (std::find(dirs.begin(), dirs.end(), canonical) == dirs.end()) dirs.push_back(canonical);
  };
  if (const char* env = std::getenv("PATCHTRIAGE_RULES_DIR")) {
    std::string list = env;
    std::size_t start = 0;
    while (start <= list.size()) {
      std::size_t colon = list.find(':', start);
      if (colon == std::string::npos) colon = list.size();
      add(list.substr(start, colon - start));
      start = colon + 1;
    }
  }
  std::string exe = executable_dir();
  if (!exe.empty()) add(fs::path(exe) / ".." / "share" / "patchtriage" / "rules");
#ifdef PATCHTRIAGE_RULES_DIR_DEFAULT
  add(PATCHTRIAGE_RULES_DIR_DEFAULT);
#endif
  return dirs;
}

std::vector<RuleSetFile> list_rule_sets(const std::vector<std::string>& dirs) {
  std::map<std::string, std::string> by_name;
  for (const auto& dir : dirs) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      const fs::path& p = it->path();
      if (p.extension() != ".yaml") continue;
      by_name.emplace(p.stem().string(), p.string());  // the first directory wins
    }
  }
  std::vector<RuleSetFile> out;
  for (auto& [name, path] : by_name) out.push_back({name, path});
  return out;
}

std::string find_rule_set(const std::string& name, const std::vector<std::string>& dirs) {
  for (const auto& dir : dirs) {
    std::string file = name;
    file += ".yaml";  // (not name + ".yaml": g++ 12 warns falsely, -Wrestrict, PR 105329)
    fs::path p = fs::path(dir) / file;
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) return p.string();
  }
  return "";
}

bool is_rule_path(const std::string& spec) {
  return spec.find('/') != std::string::npos || ends_with(spec, ".yaml") || ends_with(spec, ".yml");
}

}  // namespace pt
