// facts stage (internal to maintainers): the Perl regexes of MAINTAINERS (N:, K:, odd F:).
// Perl pattern -> std::regex (ECMAScript) or nothing; literals every match must contain
#pragma once

#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "util/text.hpp"

namespace pt::maintainers {

// ASCII classes and case as Perl sees them without a locale; shared by the MAINTAINERS readers.
inline bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
inline std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_lower(c);
  return out;
}

// A Perl regex compiled for std::regex (with /x when `extended`, as get_maintainer matches
// N: and K:), nullopt for constructs ECMAScript lacks (lookbehind, \A, \z, named groups...)
// or a pattern it rejects.
std::optional<std::regex> compile_perl(std::string_view p, bool extended);

// Literals (lower case) of which every match of a Perl /x regex contains at least one, or one
// "" when nothing is required. A text holding none of them cannot match: the cheap test that
// spares most std::regex calls.
std::vector<std::string> required_literals(std::string_view p);

}  // namespace pt::maintainers
