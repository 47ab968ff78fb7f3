// facts stage: Perl regexes of MAINTAINERS translated for std::regex (see maintainers_regex.hpp).
#include "facts/maintainers_regex.hpp"

#include <cstddef>

namespace pt::maintainers {
namespace {

char to_upper(char c) { return (c >= 'a' && c <= 'z') ? char(c - 'a' + 'A') : c; }

// A character inside an ECMAScript bracket expression, escaped when it is special there.
void append_class_char(std::string& out, char c) {
  if (c == ']' || c == '\\' || c == '^' || c == '-' || c == '[') out += '\\';
  out += c;
}

// Translates a Perl character class starting at p[i] == '['; advances i past its ']'.
// Under (?i) letters and letter ranges get their other case too, since ECMAScript has no
// scoped case folding.
bool translate_class(std::string_view p, std::size_t& i, bool icase, std::string& out) {
  std::size_t j = i + 1;
  bool negated = false;
  if (j < p.size() && p[j] == '^') {
    negated = true;
    ++j;
  }
  std::string items;
  bool first = true;
  while (j < p.size() && (p[j] != ']' || first)) {
    first = false;
    char c = p[j];
    if (c == '[' && j + 1 < p.size() && p[j + 1] == ':') {  // POSIX [:alpha:]
      std::size_t end = p.find(":]", j + 2);
      if (end == std::string_view::npos) return false;
      items.append(p.substr(j, end + 2 - j));
      j = end + 2;
      continue;
    }
    char lo = 0;
    if (c == '\\') {
      if (j + 1 >= p.size()) return false;
      char d = p[j + 1];
      if (is_alnum(d)) {
        // \d \s \w and friends are the same in ECMAScript; other letter escapes are not.
        if (std::string_view("dDsSwWntrfv").find(d) == std::string_view::npos) return false;
        items += '\\';
        items += d;
        j += 2;
        continue;
      }
      lo = d;
      j += 2;
    } else {
      lo = c;
      ++j;
    }
    char hi = lo;
    if (j + 1 < p.size() && p[j] == '-' && p[j + 1] != ']') {
      char d = p[j + 1];
      if (d == '\\') {
        if (j + 2 >= p.size() || is_alnum(p[j + 2])) return false;
        hi = p[j + 2];
        j += 3;
      } else {
        hi = d;
        j += 2;
      }
    }
    append_class_char(items, lo);
    if (hi != lo) {
      items += '-';
      append_class_char(items, hi);
    }
    if (icase) {
      bool lower_range = lo >= 'a' && hi <= 'z' && lo <= hi;
      bool upper_range = lo >= 'A' && hi <= 'Z' && lo <= hi;
      if (lower_range || upper_range) {
        char a = lower_range ? to_upper(lo) : to_lower(lo);
        char b = lower_range ? to_upper(hi) : to_lower(hi);
        items += a;
        if (b != a) {
          items += '-';
          items += b;
        }
      }
    }
  }
  if (j >= p.size()) return false;  // unterminated class
  out += '[';
  if (negated) out += '^';
  out += items;
  out += ']';
  i = j + 1;
  return true;
}

// True when p[i] == '{' starts a quantifier {n}, {n,} or {n,m}; Perl takes any other '{'
// literally, ECMAScript rejects it.
bool is_quantifier(std::string_view p, std::size_t i) {
  std::size_t j = i + 1;
  std::size_t digits = 0;
  while (j < p.size() && is_digit(p[j])) ++j, ++digits;
  if (digits == 0) return false;
  if (j < p.size() && p[j] == ',') {
    ++j;
    while (j < p.size() && is_digit(p[j])) ++j;
  }
  return j < p.size() && p[j] == '}';
}

// The ECMAScript form of a Perl regex (with /x when `extended`, as get_maintainer matches
// N: and K:), nullopt for constructs ECMAScript lacks (lookbehind, \A, \z, named groups...).
std::optional<std::string> perl_to_ecmascript(std::string_view p, bool extended) {
  std::string out;
  std::vector<bool> saved;  // the case flag outside each open group
  bool icase = false;
  std::size_t i = 0;
  while (i < p.size()) {
    char c = p[i];
    if (extended && is_space(c)) {
      ++i;
      continue;
    }
    if (extended && c == '#') {  // /x comment up to the end of the line
      std::size_t nl = p.find('\n', i);
      if (nl == std::string_view::npos) break;
      i = nl;
      continue;
    }
    if (c == '\\') {
      if (i + 1 >= p.size()) return std::nullopt;
      char d = p[i + 1];
      if (is_alpha(d) && std::string_view("bBdDsSwWntrfv").find(d) == std::string_view::npos)
        return std::nullopt;
      out += '\\';
      out += d;
      i += 2;
      continue;
    }
    if (c == '[') {
      if (!translate_class(p, i, icase, out)) return std::nullopt;
      continue;
    }
    if (c == '(') {
      std::string_view rest = p.substr(i);
      if (starts_with(rest, "(?i)")) {  // case folding for the rest of the enclosing group
        icase = true;
        i += 4;
        continue;
      }
      if (starts_with(rest, "(?#")) {
        std::size_t end = p.find(')', i);
        if (end == std::string_view::npos) return std::nullopt;
        i = end + 1;
        continue;
      }
      saved.push_back(icase);
      if (starts_with(rest, "(?i:")) {
        icase = true;
        out += "(?:";
        i += 4;
      } else if (starts_with(rest, "(?:") || starts_with(rest, "(?=") ||
                 starts_with(rest, "(?!")) {
        out.append(rest.substr(0, 3));
        i += 3;
      } else if (starts_with(rest, "(?")) {
        return std::nullopt;
      } else {
        out += '(';
        ++i;
      }
      continue;
    }
    if (c == ')') {
      if (saved.empty()) return std::nullopt;
      icase = saved.back();
      saved.pop_back();
      out += ')';
      ++i;
      continue;
    }
    if (c == '{' && !is_quantifier(p, i)) {
      out += "\\{";
      ++i;
      continue;
    }
    if (c == '}') {  // a quantifier's '}' was copied with its '{' below
      out += "\\}";
      ++i;
      continue;
    }
    if (c == '{') {
      std::size_t end = p.find('}', i);
      out.append(p.substr(i, end + 1 - i));
      i = end + 1;
      continue;
    }
    if (icase && is_alpha(c)) {
      out += '[';
      out += to_lower(c);
      out += to_upper(c);
      out += ']';
      ++i;
      continue;
    }
    out += c;
    ++i;
  }
  if (!saved.empty()) return std::nullopt;
  return out;
}

}  // namespace

std::optional<std::regex> compile_perl(std::string_view p, bool extended) {
  std::optional<std::string> ecma = perl_to_ecmascript(p, extended);
  if (!ecma) return std::nullopt;
  try {
    return std::regex(*ecma, std::regex::ECMAScript | std::regex::nosubs | std::regex::optimize);
  } catch (const std::regex_error&) {
    return std::nullopt;
  }
}

namespace {

// Skips a group or class starting at p[i]; returns the index after it.
std::size_t skip_construct(std::string_view p, std::size_t i) {
  if (p[i] == '[') {
    std::size_t j = i + 1;
    if (j < p.size() && p[j] == '^') ++j;
    if (j < p.size() && p[j] == ']') ++j;
    while (j < p.size() && p[j] != ']') j += (p[j] == '\\') ? 2 : 1;
    return std::min(j + 1, p.size());
  }
  int depth = 0;
  std::size_t j = i;
  while (j < p.size()) {
    char c = p[j];
    if (c == '\\') {
      j += 2;
      continue;
    }
    if (c == '[') {
      j = skip_construct(p, j);
      continue;
    }
    if (c == '(') ++depth;
    if (c == ')' && --depth == 0) return j + 1;
    ++j;
  }
  return p.size();
}

std::optional<std::vector<std::string>> requirement(std::string_view p);

// What one alternative (no top-level '|') requires: its best literal run, or the requirement
// of a group that is not optional; nullopt when nothing is certain.
std::optional<std::vector<std::string>> sequence_requirement(std::string_view p) {
  std::optional<std::vector<std::string>> best;
  std::size_t best_score = 0;
  auto consider = [&](std::vector<std::string> candidate) {
    std::size_t score = std::string::npos;
    for (const std::string& c : candidate) score = std::min(score, c.size());
    if (!candidate.empty() && score > best_score) {
      best_score = score;
      best = std::move(candidate);
    }
  };
  std::string run;
  auto close_run = [&] {
    if (!run.empty()) consider({run});
    run.clear();
  };
  std::size_t i = 0;
  while (i < p.size()) {
    char c = p[i];
    if (is_space(c)) {
      ++i;
    } else if (c == '#') {
      std::size_t nl = p.find('\n', i);
      i = nl == std::string_view::npos ? p.size() : nl;
    } else if (c == '(') {
      close_run();
      std::size_t end = skip_construct(p, i);
      bool optional = end < p.size() && (p[end] == '?' || p[end] == '*' || p[end] == '{');
      std::string_view inner = p.substr(i + 1, end > i + 2 ? end - i - 2 : 0);
      if (starts_with(inner, "?:")) inner.remove_prefix(2);
      else if (starts_with(inner, "?i:")) inner.remove_prefix(3);
      else if (starts_with(inner, "?")) optional = true;  // (?i), lookarounds, comments
      if (!optional)
        if (auto r = requirement(inner)) consider(std::move(*r));
      i = end;
    } else if (c == '[') {
      close_run();
      i = skip_construct(p, i);
    } else if (c == '?' || c == '*' || c == '{') {
      if (!run.empty()) run.pop_back();  // the character before is optional
      close_run();
      i = (c == '{') ? std::min(p.find('}', i), p.size()) + 1 : i + 1;
    } else if (c == '+') {
      close_run();  // repeated: what follows is no longer adjacent
      ++i;
    } else if (c == '\\') {
      if (i + 1 < p.size() && !is_alnum(p[i + 1])) {
        run += to_lower(p[i + 1]);
      } else {
        close_run();
      }
      i += 2;
    } else if (c == '.' || c == '^' || c == '$' || c == ')') {
      close_run();
      ++i;
    } else {
      run += to_lower(c);
      ++i;
    }
  }
  close_run();
  return best;
}

// Literals (lower case) of which every match of a Perl /x regex contains at least one;
// nullopt when no such set is known. A line holding none of them cannot match: the cheap
// test that spares most std::regex calls.
std::optional<std::vector<std::string>> requirement(std::string_view p) {
  std::vector<std::string> all;
  std::size_t start = 0, i = 0;
  auto alternative = [&](std::size_t end) {
    std::optional<std::vector<std::string>> r = sequence_requirement(p.substr(start, end - start));
    if (!r) return false;
    all.insert(all.end(), r->begin(), r->end());
    return true;
  };
  while (i < p.size()) {
    char c = p[i];
    if (c == '\\') {
      i += 2;
    } else if (c == '(' || c == '[') {
      i = skip_construct(p, i);
    } else if (c == '|') {
      if (!alternative(i)) return std::nullopt;
      start = ++i;
    } else {
      ++i;
    }
  }
  if (!alternative(p.size())) return std::nullopt;
  return all;
}

}  // namespace

// requirement() as a list, with one "" when nothing is required (always possible).
std::vector<std::string> required_literals(std::string_view p) {
  std::optional<std::vector<std::string>> r = requirement(p);
  if (!r) return {""};
  return *r;
}

}  // namespace pt::maintainers
