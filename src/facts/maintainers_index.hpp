// facts stage (internal to maintainers): what parse_maintainers compiles for find_maintainers.
// MAINTAINERS sections -> path rules bucketed by directory, excludes, contacts, roles, keywords
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "facts/maintainers.hpp"
#include "facts/maintainers_addresses.hpp"
#include "facts/maintainers_patterns.hpp"

namespace pt {

struct MaintainersIndex {
  struct PathRule {
    char type;  // 'F' or 'N', in the section's line order (the last match sets the depth)
    maintainers::FilePattern glob;
    std::optional<std::regex> regex;
    std::vector<std::string> literals;  // N: required_literals(), the cheap first test
  };
  struct RuleRef {
    std::uint32_t section;
    std::uint32_t rule;
    bool operator<(const RuleRef& o) const {
      return section != o.section ? section < o.section : rule < o.rule;
    }
  };
  struct Contact {
    char type;  // 'M', 'R', 'L', in the section's line order
    std::string value;
  };
  struct Section {
    std::vector<maintainers::FilePattern> excludes;
    std::vector<PathRule> rules;
    std::vector<Contact> contacts;
    std::string role;  // for M:
  };
  struct Keyword {
    std::size_t section;
    std::string text;                 // the K: value
    std::optional<std::regex> plain;      // before the first ---/+++ line: anywhere in a line
    std::optional<std::regex> in_diff;    // after it: "^[+-].*" . $keyword
    std::vector<std::string> literals;    // required_literals() of the value
  };
  std::vector<Section> sections;
  std::vector<Keyword> keywords;  // in get_maintainer's order: line index sorted as strings
  maintainers::Mailmap mailmap;
  // F: rules by their literal start cut after its second '/' (or first, or ""): a path only
  // needs the buckets of its own first one or two directories, not all ~8,000 patterns.
  std::unordered_map<std::string, std::vector<RuleRef>> f_buckets;
  std::vector<RuleRef> n_rules;
};

namespace maintainers {

// `s` up to and including its second '/' (or its first with max_slashes 1), "" without one.
inline std::string bucket_key(std::string_view s, int max_slashes) {
  std::size_t first = s.find('/');
  if (first == std::string_view::npos) return "";
  std::size_t second = max_slashes > 1 ? s.find('/', first + 1) : std::string_view::npos;
  return std::string(s.substr(0, (second == std::string_view::npos ? first : second) + 1));
}

}  // namespace maintainers
}  // namespace pt
