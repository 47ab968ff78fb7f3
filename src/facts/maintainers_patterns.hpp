// facts stage (internal to maintainers): F: and X: patterns, matched as get_maintainer does.
// F:/X: value -> compiled pattern; (pattern, path) -> does it cover the path
#pragma once

#include <bitset>
#include <cstdint>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace pt::maintainers {

// F: and X: patterns. get_maintainer turns '.' into '\.', '*' into '.*' and '?' into '.',
// adds a '/' when the pattern names a directory, then file_match_pattern(): a pattern ending
// in '/' matches every path it is a prefix of (wildcards may cross '/'); any other pattern
// must match a prefix of the path that has as many '/' as the pattern, so its wildcards stay
// inside one path component (THE REST's "*" is every top-level file, "*/" everything else).

struct FilePattern {
  enum Kind : std::uint8_t { literal, any, star, cls };
  struct Token {
    Kind kind;
    char c = 0;
    std::uint16_t cls = 0;
  };
  std::vector<Token> tokens;
  std::vector<std::bitset<256>> classes;
  std::string prefix;                   // literal start: the cheap first test
  std::optional<std::regex> fallback;   // for patterns using other regex syntax
  bool use_fallback = false;
  bool valid = true;
  bool directory = false;               // ends in '/'
  int slashes = 0;                      // '/' in the converted pattern
  int depth = 0;                        // get_maintainer's $value_pd
};

// The F:/X: value as get_maintainer converts it to a regex: '.' -> '\.', '*' -> '.*', '?' -> '.'.
std::string convert_glob(std::string_view value);
// The converted pattern compiled (a '/' already appended when the tree says it is a directory).
FilePattern compile_file_pattern(const std::string& converted);
// True when the pattern covers `file` (file_match_pattern()).
bool file_match(const FilePattern& fp, std::string_view file);

}  // namespace pt::maintainers
