#include "rules/rule_set.hpp"

#include <cstdio>

#include "facts/apply_facts.hpp"

namespace pt {

const char* to_string(Severity severity) {
  switch (severity) {
    case Severity::blocker: return "blocker";
    case Severity::warning: return "warning";
    case Severity::info: return "info";
  }
  return "blocker";
}

bool Params::flag(std::string_view name, bool fallback) const {
  auto it = m_values.find(name);
  if (it == m_values.end()) return fallback;
  const bool* b = std::get_if<bool>(&it->second.value);
  return b ? *b : fallback;
}

std::optional<long> Params::number(std::string_view name) const {
  auto it = m_values.find(name);
  if (it == m_values.end()) return std::nullopt;
  const long* n = std::get_if<long>(&it->second.value);
  return n ? std::optional<long>(*n) : std::nullopt;
}

std::string Params::text(std::string_view name, std::string fallback) const {
  auto it = m_values.find(name);
  if (it == m_values.end()) return fallback;
  const std::string* s = std::get_if<std::string>(&it->second.value);
  return s ? *s : fallback;
}

std::vector<std::string> Params::list(std::string_view name) const {
  auto it = m_values.find(name);
  if (it == m_values.end()) return {};
  if (const auto* v = std::get_if<std::vector<std::string>>(&it->second.value)) return *v;
  if (const auto* s = std::get_if<std::string>(&it->second.value)) return {*s};
  return {};
}

const std::regex* Params::regex(std::string_view name) const {
  auto it = m_values.find(name);
  return it == m_values.end() ? nullptr : it->second.regex.get();
}

std::string branch_for_version(const std::string& pattern, const std::string& version) {
  int major = 0, minor = 0;
  char tail = 0;
  if (std::sscanf(version.c_str(), "%d.%d%c", &major, &minor, &tail) != 2) return "";
  return branch_for(pattern, major, minor);
}

}  // namespace pt
