#include "rules/rule_loader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>

#include "rules/rule_files.hpp"
#include "rules/rule_yaml.hpp"

namespace pt {

namespace fs = std::filesystem;

namespace {

std::string base_name(const std::string& path) { return fs::path(path).filename().string(); }

std::string canonical(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(path, ec);
  return ec ? path : p.string();
}

// Reads a whole file; false (with errno's text in `why`) when it cannot.
bool read_whole(const std::string& path, std::string& out, std::string& why) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    why = "is a directory";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    why = std::strerror(errno);
    return false;
  }
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

class Loader {
 public:
  Loader(const std::vector<std::string>& dirs, Diagnostics& errors) : m_dirs(dirs), m_errors(errors) {}

  // One file's text with everything it extends; nullopt when something failed.
  std::optional<RuleSet> load(const std::string& text, const std::string& file) {
    YAML::Node root;
    try {
      root = YAML::Load(text);
    } catch (const YAML::ParserException& e) {
      add_error(m_errors, file, e.mark, "invalid YAML: " + e.msg);
      return std::nullopt;
    }
    const std::size_t before = m_errors.size();
    Draft draft = read_rule_document(root, file, m_errors);
    draft.set.path = file;
    m_chain.push_back(canonical(file));
    std::optional<RuleSet> parent;
    if (draft.extends) parent = load_parent(*draft.extends, file);
    m_chain.pop_back();
    if (draft.extends && !parent) return std::nullopt;
    RuleSet out = parent ? merge(std::move(*parent), draft, file) : std::move(draft.set);
    if (m_errors.size() != before) return std::nullopt;
    return out;
  }

 private:
  std::optional<RuleSet> load_parent(const Located& extends, const std::string& file) {
    std::string path;
    if (is_rule_path(extends.text)) {
      fs::path p(extends.text);
      path = p.is_absolute() ? p.lexically_normal().string()
                             : (fs::path(file).parent_path() / p).lexically_normal().string();
    } else {
      path = find_rule_set(extends.text, m_dirs);
      if (path.empty()) {
        std::vector<std::string> names;
        for (const auto& s : list_rule_sets(m_dirs)) names.push_back(s.name);
        std::string hint = did_you_mean(extends.text, names);
        if (hint.empty() && !names.empty()) {
          hint = "; shipped sets:";
          for (const auto& n : names) hint += " " + n;
        }
        add_error(m_errors, file, extends.mark, "extends: no rule set named '" + extends.text + "'" + hint);
        return std::nullopt;
      }
    }
    std::string key = canonical(path);
    auto seen = std::find(m_chain.begin(), m_chain.end(), key);
    if (seen != m_chain.end()) {
      std::string cycle;
      for (auto it = seen; it != m_chain.end(); ++it) cycle += base_name(*it) + " -> ";
      add_error(m_errors, file, extends.mark, "extends cycle: " + cycle + base_name(key));
      return std::nullopt;
    }
    std::string text, why;
    if (!read_whole(path, text, why)) {
      add_error(m_errors, file, extends.mark, "extends: cannot read " + path + ": " + why);
      return std::nullopt;
    }
    return load(text, path);
  }

  // The parent's rules with the child's disables removed, overrides put in place and new
  // rules appended; the child's name, description and the targets it sets.
  RuleSet merge(RuleSet parent, Draft& child, const std::string& file) {
    RuleSet out = std::move(child.set);
    out.extends = {parent.name};
    out.extends.insert(out.extends.end(), parent.extends.begin(), parent.extends.end());
    if (!child.has_branch_pattern) out.targets.branch_pattern = parent.targets.branch_pattern;
    if (!child.has_mainline) out.targets.mainline = parent.targets.mainline;
    std::vector<Rule> rules = std::move(parent.rules);
    for (const Located& id : child.disable) {
      auto it = std::find_if(rules.begin(), rules.end(), [&](const Rule& r) { return r.id == id.text; });
      if (it == rules.end()) {
        std::vector<std::string> ids;
        for (const auto& r : rules) ids.push_back(r.id);
        add_error(m_errors, file, id.mark,
                  "disable: no rule '" + id.text + "' in rule set '" + parent.name + "'" +
                      did_you_mean(id.text, ids));
        continue;
      }
      rules.erase(it);
    }
    for (Rule& r : out.rules) {
      auto it = std::find_if(rules.begin(), rules.end(), [&](const Rule& p) { return p.id == r.id; });
      if (it != rules.end())
        *it = std::move(r);
      else
        rules.push_back(std::move(r));
    }
    out.rules = std::move(rules);
    return out;
  }

  const std::vector<std::string>& m_dirs;
  Diagnostics& m_errors;
  std::vector<std::string> m_chain;  // canonical paths of the files being loaded
};

}  // namespace

Expected<RuleSet> parse_rule_set(const std::string& text, const std::string& file,
                                 const std::vector<std::string>& dirs) {
  Diagnostics errors;
  std::optional<RuleSet> set = Loader(dirs, errors).load(text, file);
  if (!set || !errors.empty()) {
    if (errors.empty()) errors.push_back({file, 0, 0, "rule set not loaded"});
    // In the order of the files, and of the places in each file.
    std::vector<std::string> files;
    for (const auto& d : errors)
      if (std::find(files.begin(), files.end(), d.file) == files.end()) files.push_back(d.file);
    auto rank = [&files](const Diagnostic& d) {
      return std::make_tuple(std::find(files.begin(), files.end(), d.file) - files.begin(), d.line, d.column);
    };
    std::stable_sort(errors.begin(), errors.end(),
                     [&](const Diagnostic& a, const Diagnostic& b) { return rank(a) < rank(b); });
    return Unexpected<Diagnostics>{std::move(errors)};
  }
  return std::move(*set);
}

Expected<RuleSet> load_rule_set(const std::string& name_or_path, const std::vector<std::string>& dirs) {
  std::string path = name_or_path;
  std::error_code ec;
  if (!is_rule_path(name_or_path) && !fs::is_regular_file(name_or_path, ec)) {
    path = find_rule_set(name_or_path, dirs);
    if (path.empty()) {
      std::vector<std::string> names;
      for (const auto& s : list_rule_sets(dirs)) names.push_back(s.name);
      std::string message = "no rule set named '" + name_or_path + "'";
      std::string hint = did_you_mean(name_or_path, names);
      if (!hint.empty()) {
        message += hint;
      } else {
        message += " (shipped sets:";
        for (const auto& n : names) message += " " + n;
        message += names.empty() ? " none found)" : ")";
      }
      return Unexpected<Diagnostics>{{{name_or_path, 0, 0, message}}};
    }
  }
  std::string text, why;
  if (!read_whole(path, text, why))
    return Unexpected<Diagnostics>{{{path, 0, 0, "cannot read rule set: " + why}}};
  return parse_rule_set(text, path, dirs);
}

}  // namespace pt
