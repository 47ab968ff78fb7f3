#include "rules/glob.hpp"

#include <string>

namespace pt {

namespace {

// `[...]` at the start of `p` against `c`: sets `length` to the class's size in `p`;
// false when `c` is not in it. An unclosed '[' is a literal.
bool match_class(std::string_view p, char c, std::size_t& length) {
  std::size_t i = 1;
  bool negate = i < p.size() && (p[i] == '!' || p[i] == '^');
  if (negate) ++i;
  bool found = false;
  std::size_t first = i;
  for (; i < p.size() && (p[i] != ']' || i == first); ++i) {
    if (i + 2 < p.size() && p[i + 1] == '-' && p[i + 2] != ']') {
      if (c >= p[i] && c <= p[i + 2]) found = true;
      i += 2;
    } else if (p[i] == c) {
      found = true;
    }
  }
  if (i >= p.size()) {  // no closing ']'
    length = 1;
    return c == '[';
  }
  length = i + 1;
  return found != negate;
}

bool match_here(std::string_view p, std::string_view s) {
  while (!p.empty()) {
    if (p.substr(0, 2) == "**") {
      std::string_view rest = p.substr(2);
      if (!rest.empty() && rest[0] == '/') {
        // "**/x": x at the start or after any '/'.
        rest.remove_prefix(1);
        for (std::size_t i = 0; i <= s.size(); ++i)
          if ((i == 0 || s[i - 1] == '/') && match_here(rest, s.substr(i))) return true;
        return false;
      }
      for (std::size_t i = 0; i <= s.size(); ++i)
        if (match_here(rest, s.substr(i))) return true;
      return false;
    }
    if (p[0] == '*') {
      std::string_view rest = p.substr(1);
      for (std::size_t i = 0; i <= s.size(); ++i) {
        if (match_here(rest, s.substr(i))) return true;
        if (i < s.size() && s[i] == '/') break;
      }
      return false;
    }
    if (s.empty()) return false;
    if (p[0] == '?') {
      if (s[0] == '/') return false;
      p.remove_prefix(1);
    } else if (p[0] == '[') {
      std::size_t length = 1;
      if (s[0] == '/' || !match_class(p, s[0], length)) return false;
      p.remove_prefix(length);
    } else {
      if (p[0] != s[0]) return false;
      p.remove_prefix(1);
    }
    s.remove_prefix(1);
  }
  return s.empty();
}

}  // namespace

bool match_glob(std::string_view glob, std::string_view path) {
  if (glob.empty()) return false;
  if (glob.back() == '/') return match_here(std::string(glob) + "**", path);
  if (glob.find('/') == std::string_view::npos) {
    std::size_t slash = path.rfind('/');
    return match_here(glob, slash == std::string_view::npos ? path : path.substr(slash + 1));
  }
  return match_here(glob, path);
}

}  // namespace pt
