#include "facts/maintainers.hpp"

#include <algorithm>
#include <bitset>
#include <cstdint>
#include <regex>
#include <iterator>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "util/text.hpp"

namespace pt {

namespace {

// ---------------------------------------------------------------------------------------------
// Perl regular expressions (N:, K:, odd F: patterns) -> ECMAScript for std::regex.

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
char to_upper(char c) { return (c >= 'a' && c <= 'z') ? char(c - 'a' + 'A') : c; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_lower(c);
  return out;
}

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

std::optional<std::regex> compile_perl(std::string_view p, bool extended) {
  std::optional<std::string> ecma = perl_to_ecmascript(p, extended);
  if (!ecma) return std::nullopt;
  try {
    return std::regex(*ecma, std::regex::ECMAScript | std::regex::nosubs | std::regex::optimize);
  } catch (const std::regex_error&) {
    return std::nullopt;
  }
}

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

// requirement() as a list, with one "" when nothing is required (always possible).
std::vector<std::string> required_literals(std::string_view p) {
  std::optional<std::vector<std::string>> r = requirement(p);
  if (!r) return {""};
  return *r;
}

// ---------------------------------------------------------------------------------------------
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

std::string convert_glob(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '.') out += "\\.";
    else if (c == '*') out += ".*";
    else if (c == '?') out += '.';
    else out += c;
  }
  return out;
}

bool parse_class(std::string_view p, std::size_t& i, std::bitset<256>& set) {
  std::size_t j = i + 1;
  bool negated = false;
  if (j < p.size() && p[j] == '^') {
    negated = true;
    ++j;
  }
  bool first = true;
  while (j < p.size() && (p[j] != ']' || first)) {
    first = false;
    auto one = [&](std::size_t& k, unsigned char& out) {
      if (p[k] == '\\') {
        if (k + 1 >= p.size() || is_alnum(p[k + 1])) return false;
        out = static_cast<unsigned char>(p[k + 1]);
        k += 2;
      } else {
        if (p[k] == '[' && k + 1 < p.size() && p[k + 1] == ':') return false;
        out = static_cast<unsigned char>(p[k]);
        k += 1;
      }
      return true;
    };
    unsigned char lo = 0, hi = 0;
    if (!one(j, lo)) return false;
    hi = lo;
    if (j + 1 < p.size() && p[j] == '-' && p[j + 1] != ']') {
      ++j;
      if (!one(j, hi)) return false;
    }
    for (unsigned v = lo; v <= hi; ++v) set.set(v);
  }
  if (j >= p.size()) return false;
  if (negated) set.flip();
  i = j + 1;
  return true;
}

FilePattern compile_file_pattern(const std::string& converted) {
  FilePattern fp;
  fp.directory = !converted.empty() && converted.back() == '/';
  fp.slashes = static_cast<int>(std::count(converted.begin(), converted.end(), '/'));
  fp.depth = fp.slashes + (fp.directory ? 0 : 1);
  if (starts_with(converted, ".*")) fp.depth = -1;
  bool in_prefix = true;
  std::size_t i = 0;
  auto fallback = [&] {
    fp.use_fallback = true;
    fp.tokens.clear();
    fp.prefix.clear();
    // m@^$pattern@ has no /x.
    if (auto re = compile_perl("^" + converted, false)) fp.fallback = std::move(re);
    else fp.valid = false;  // Perl would have died on it; it matches nothing here
    return fp;
  };
  while (i < converted.size()) {
    char c = converted[i];
    FilePattern::Token t{FilePattern::literal};
    if (c == '\\') {
      if (i + 1 >= converted.size() || is_alnum(converted[i + 1])) return fallback();
      t.c = converted[i + 1];
      i += 2;
    } else if (c == '.') {
      bool star = i + 1 < converted.size() && converted[i + 1] == '*';
      t.kind = star ? FilePattern::star : FilePattern::any;
      i += star ? 2 : 1;
    } else if (c == '[') {
      std::bitset<256> set;
      if (!parse_class(converted, i, set)) return fallback();
      t.kind = FilePattern::cls;
      t.cls = static_cast<std::uint16_t>(fp.classes.size());
      fp.classes.push_back(set);
    } else if (std::string_view("+*(){}|^$").find(c) != std::string_view::npos) {
      return fallback();
    } else {
      t.c = c;
      ++i;
    }
    if (t.kind != FilePattern::literal) in_prefix = false;
    if (in_prefix) fp.prefix += t.c;
    fp.tokens.push_back(t);
  }
  return fp;
}

// Does tokens[ti..] match some prefix of s[si..]? Few stars per pattern: plain backtracking.
bool match_tokens(const FilePattern& fp, std::size_t ti, std::string_view s, std::size_t si) {
  for (; ti < fp.tokens.size(); ++ti) {
    const FilePattern::Token& t = fp.tokens[ti];
    if (t.kind == FilePattern::star) {
      if (ti + 1 == fp.tokens.size()) return true;
      for (std::size_t k = si; k <= s.size(); ++k) {
        if (k > si && s[k - 1] == '\n') break;  // Perl's '.' stops at a newline
        if (match_tokens(fp, ti + 1, s, k)) return true;
      }
      return false;
    }
    if (si >= s.size()) return false;
    unsigned char c = static_cast<unsigned char>(s[si]);
    bool ok = t.kind == FilePattern::literal ? s[si] == t.c
              : t.kind == FilePattern::any   ? c != '\n'
                                             : fp.classes[t.cls].test(c);
    if (!ok) return false;
    ++si;
  }
  return true;
}

bool file_match(const FilePattern& fp, std::string_view file) {
  if (!fp.valid) return false;
  bool matched;
  if (fp.use_fallback) {
    matched = std::regex_search(file.begin(), file.end(), *fp.fallback);
  } else {
    if (!starts_with(file, fp.prefix)) return false;
    matched = match_tokens(fp, 0, file, 0);
  }
  if (!matched) return false;
  if (fp.directory) return true;
  return std::count(file.begin(), file.end(), '/') == fp.slashes;
}

// ---------------------------------------------------------------------------------------------
// Addresses: get_maintainer's parse_email(), format_email() and escape_name(). Names are kept
// unquoted; the quoting comes back when a line is formatted.

struct Address {
  std::string name;
  std::string address;
};

// Perl's s/^\s+|\s+$//g (\s is is_space's set).
std::string perl_trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

Address parse_email(std::string_view s) {
  Address a;
  std::size_t nl = s.find('\n');
  if (nl != std::string_view::npos) s = s.substr(0, nl);  // '.' stops at a newline
  std::size_t lt = s.find('<');
  bool done = false;
  // /^([^<]+)<(.+\@.*)>.*$/: the address runs to the last '>'.
  if (lt != std::string_view::npos && lt > 0) {
    std::size_t gt = s.rfind('>');
    if (gt != std::string_view::npos && gt > lt) {
      std::string_view inner = s.substr(lt + 1, gt - lt - 1);
      std::size_t at = inner.find('@', 1);
      if (at != std::string_view::npos) {
        a.name = std::string(s.substr(0, lt));
        a.address = std::string(inner);
        done = true;
      }
    }
  }
  if (!done) {
    // /^\s*<(.+\@\S*)>.*$/
    std::size_t b = 0;
    while (b < s.size() && is_space(s[b])) ++b;
    if (b < s.size() && s[b] == '<') {
      for (std::size_t at = s.rfind('@'); at != std::string_view::npos && at >= b + 2;
           at = at == 0 ? std::string_view::npos : s.rfind('@', at - 1)) {
        std::size_t gt = std::string_view::npos;
        for (std::size_t k = at + 1; k < s.size() && !is_space(s[k]); ++k)
          if (s[k] == '>') gt = k;
        if (gt != std::string_view::npos) {
          a.address = std::string(s.substr(b + 1, gt - b - 1));
          done = true;
          break;
        }
      }
    }
  }
  if (!done) {
    // /^(.+\@\S*).*$/: up to the last '@' (not the first character), then non-blanks.
    std::size_t at = s.rfind('@');
    if (at != std::string_view::npos && at >= 1) {
      std::size_t end = at + 1;
      while (end < s.size() && !is_space(s[end])) ++end;
      a.address = std::string(s.substr(0, end));
    }
  }
  a.name = perl_trim(a.name);
  // s/^\"|\"$//g
  if (!a.name.empty() && a.name.front() == '"') a.name.erase(0, 1);
  if (!a.name.empty() && a.name.back() == '"') a.name.pop_back();
  a.address = perl_trim(a.address);
  return a;
}

// Quotes a name holding anything but ASCII word characters, spaces and '-' (escape_name).
std::string escape_name(std::string_view name) {
  bool must_quote = false;
  for (char c : name)
    if (!(is_alnum(c) || c == '_' || c == ' ' || c == '-')) must_quote = true;
  if (!must_quote) return std::string(name);
  std::string out = "\"";
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '"' && (i == 0 || name[i - 1] != '\\')) out += '\\';
    out += name[i];
  }
  out += '"';
  return out;
}

std::string format_email(const Address& a) {
  std::string name = perl_trim(a.name);
  if (!name.empty() && name.front() == '"') name.erase(0, 1);
  if (!name.empty() && name.back() == '"') name.pop_back();
  std::string address = perl_trim(a.address);
  if (name.empty()) return address;
  return escape_name(name) + " <" + address + ">";
}

// An M:/R: value holding several addresses ("a <x@y>, b <z@w>") splits like
// rfc822_validlist(); anything else is one address (a comma inside a name keeps it whole, as
// rfc822_valid rejects the halves). Comments in parentheses do not count.
std::vector<std::string> split_address_list(std::string_view value) {
  std::string stripped;
  int paren = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (c == '\\' && i + 1 < value.size()) {
      if (!paren) stripped.append(value.substr(i, 2));
      ++i;
      continue;
    }
    if (!paren && c == '"') quoted = !quoted;
    if (!quoted && c == '(') {
      ++paren;
      continue;
    }
    if (!quoted && c == ')' && paren) {
      if (--paren == 0) stripped += ' ';
      continue;
    }
    if (!paren) stripped += c;
  }
  std::vector<std::string> parts;
  std::string cur;
  quoted = false;
  int angle = 0;
  for (char c : stripped) {
    if (c == '"') quoted = !quoted;
    if (!quoted && c == '<') ++angle;
    if (!quoted && c == '>' && angle) --angle;
    if (!quoted && !angle && c == ',') {
      parts.push_back(cur);
      cur.clear();
      continue;
    }
    cur += c;
  }
  parts.push_back(cur);
  if (parts.size() < 2) return {std::string(value)};
  std::vector<std::string> out;
  for (const std::string& part : parts) {
    std::string t = perl_trim(part);
    if (t.empty()) continue;  // null list items are valid
    bool bracketed = t.find('<') != std::string::npos && t.back() == '>';
    bool bare = t.find(' ') == std::string::npos && t.find('\t') == std::string::npos;
    if (t.find('@') == std::string::npos || !(bracketed || bare)) return {std::string(value)};
    out.push_back(t);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// .mailmap, read as get_maintainer's read_mailmap() does (four line forms).

struct Mailmap {
  std::unordered_map<std::string, std::string> names;      // key -> real name (unquoted)
  std::unordered_map<std::string, std::string> addresses;  // key -> real address
};

Mailmap parse_mailmap(std::string_view text) {
  Mailmap mm;
  static const std::regex form1(R"(^([^<]+)<([^>]+)>$)");
  static const std::regex form2(R"(^<([^>]+)>\s*<([^>]+)>$)");
  static const std::regex form3(R"(^(.+)<([^>]+)>\s*<([^>]+)>$)");
  static const std::regex form4(R"(^(.+)<([^>]+)>\s*(.+)\s*<([^>]+)>$)");
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::string_view raw = next_line(text, pos);
    if (!raw.empty() && raw.back() == '\n') raw.remove_suffix(1);
    std::size_t hash = raw.find('#');
    if (hash != std::string_view::npos) raw = raw.substr(0, hash);
    std::string line = perl_trim(raw);
    if (line.empty()) continue;
    std::smatch m;
    if (std::regex_match(line, m, form1)) {
      Address real = parse_email(perl_trim(m[1].str()) + " <" + m[2].str() + ">");
      mm.names[real.address] = real.name;
    } else if (std::regex_match(line, m, form2)) {
      mm.addresses[m[2].str()] = m[1].str();
    } else if (std::regex_match(line, m, form3)) {
      Address real = parse_email(perl_trim(m[1].str()) + " <" + m[2].str() + ">");
      mm.names[m[3].str()] = real.name;
      mm.addresses[m[3].str()] = real.address;
    } else if (std::regex_match(line, m, form4)) {
      Address real = parse_email(perl_trim(m[1].str()) + " <" + m[2].str() + ">");
      Address wrong = parse_email(perl_trim(m[3].str()) + " <" + m[4].str() + ">");
      std::string key = format_email(wrong);
      mm.names[key] = real.name;
      mm.addresses[key] = real.address;
    }
  }
  return mm;
}

// mailmap_email(): "Name <addr>" looked up first, then the bare address.
Address apply_mailmap(const Mailmap& mm, const Address& in) {
  Address out = in;
  std::string key = format_email(in);
  auto n = mm.names.find(key);
  auto a = mm.addresses.find(key);
  if (n != mm.names.end() || a != mm.addresses.end()) {
    if (n != mm.names.end()) out.name = n->second;
    if (a != mm.addresses.end()) out.address = a->second;
  } else {
    n = mm.names.find(in.address);
    a = mm.addresses.find(in.address);
    if (n != mm.names.end()) out.name = n->second;
    if (a != mm.addresses.end()) out.address = a->second;
  }
  // format_email() then parse_email(), as the Perl round trip does.
  return parse_email(format_email(out));
}

// ---------------------------------------------------------------------------------------------
// Lines of a patch, classified as get_maintainer's reading loop does (its elsif chain: a line
// that names a file, a Fixes: tag or a hunk is never searched for keywords).

enum class LineKind { other, paths, fixes, file_header, hunk };

// (\S+)\s*$ at s[i]: one non-space run and nothing but whitespace after it.
bool last_token(std::string_view s, std::size_t i, std::string_view& token) {
  std::size_t e = i;
  while (e < s.size() && !is_space(s[e])) ++e;
  if (e == i) return false;
  for (std::size_t k = e; k < s.size(); ++k)
    if (!is_space(s[k])) return false;
  token = s.substr(i, e - i);
  return true;
}

bool octal_run(std::string_view s, std::size_t& i) {
  std::size_t b = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '7') ++i;
  return i > b;
}

LineKind classify_line(std::string_view line, std::vector<std::string>* files) {
  std::string_view tok, tok2;
  if (starts_with(line, " mode change ")) {
    std::size_t i = 13;
    if (octal_run(line, i) && line.substr(i, 4) == " => " && (i += 4, octal_run(line, i)) &&
        i < line.size() && line[i] == ' ' && last_token(line, i + 1, tok)) {
      if (files) files->emplace_back(tok);
      return LineKind::paths;
    }
  }
  if (starts_with(line, "rename from ") || starts_with(line, "rename to ")) {
    std::size_t i = line[7] == 'f' ? 12 : 10;
    if (last_token(line, i, tok)) {
      if (files) files->emplace_back(tok);
      return LineKind::paths;
    }
  }
  if (starts_with(line, "diff --git a/")) {
    std::size_t i = 13, e = i;
    while (e < line.size() && !is_space(line[e])) ++e;
    if (e > i && line.substr(e, 3) == " b/" && last_token(line, e + 3, tok2)) {
      if (files) {
        files->emplace_back(line.substr(i, e - i));
        files->emplace_back(tok2);
      }
      return LineKind::paths;
    }
  }
  if (starts_with(line, "Fixes:")) {
    std::size_t i = 6, b;
    while (i < line.size() && is_space(line[i])) ++i;
    b = i;
    while (i < line.size() && is_hex(line[i])) ++i;
    if (b > 6 && i - b >= 6) return LineKind::fixes;
  }
  if (starts_with(line, "+++") || starts_with(line, "---")) {
    std::size_t i = 3;
    while (i < line.size() && is_space(line[i])) ++i;
    if (i > 3 && i < line.size()) {
      std::size_t e = i;
      while (e < line.size() && !is_space(line[e])) ++e;
      std::string_view name = line.substr(i, e - i);
      std::size_t slash = name.find('/');
      if (slash != std::string_view::npos) name.remove_prefix(slash + 1);  // s@^[^/]*/@@
      if (files) files->emplace_back(name);
      return LineKind::file_header;
    }
  }
  if (starts_with(line, "@@ -")) {
    std::size_t i = 4, b = i;
    while (i < line.size() && is_digit(line[i])) ++i;
    if (i > b && i < line.size() && line[i] == ',' && i + 1 < line.size() &&
        is_digit(line[i + 1]))
      return LineKind::hunk;
  }
  return LineKind::other;
}

void sort_unique(std::vector<std::string>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

// ---------------------------------------------------------------------------------------------
// Yaml bindings name their maintainers; get_maintainer adds every address in a touched
// *.yaml file ("in file"), with a best-effort name: maintainers_in_file() and
// clean_file_emails(). Non-ASCII bytes count as letters (\p{L} on UTF-8 text).

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

bool name_char(char c) {
  return is_alpha(c) || static_cast<unsigned char>(c) >= 0x80 || c == '\'' || c == ',' ||
         c == '.' || c == '+' || c == '-';
}

std::string clean_file_email(std::string text) {
  static const std::regex addr(R"([(<{]?([A-Za-z0-9_.+\-]+@[A-Za-z0-9.\-]+)[)>}]?)");
  text = std::regex_replace(text, addr, "<$1>");
  Address a = parse_email(text);
  std::string name = escape_name(a.name);
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
    name = name.substr(1, name.size() - 2);  // s/^"(.*)"$/$1/
  // split(/[^\p{L}\'\,\.\+-]/, $name): empty fields kept except at the end.
  std::vector<std::string> words;
  if (!name.empty()) {
    std::string cur;
    for (char c : name) {
      if (name_char(c)) {
        cur += c;
      } else {
        words.push_back(cur);
        cur.clear();
      }
    }
    words.push_back(cur);
    while (!words.empty() && words.back().empty()) words.pop_back();
  }
  std::vector<std::string> nw;
  for (const std::string& w : words)
    if (!(w.size() == 1 && std::string_view("',.+-").find(w[0]) != std::string_view::npos))
      nw.push_back(w);
  std::string result;
  if (nw.size() > 2) {
    const std::string& first = nw[nw.size() - 3];
    const std::string& middle = nw[nw.size() - 2];
    const std::string& last = nw[nw.size() - 1];
    std::size_t lf = utf8_length(first), lm = utf8_length(middle);
    bool first_initial = (lf == 1 && (is_alpha(first[0]) || static_cast<unsigned char>(first[0]) >= 0x80)) ||
                         (lf == 2 && first.back() == '.');
    bool middle_initial = lm == 1 || (lm == 2 && middle.back() == '.');
    result = (first_initial || middle_initial) ? first + " " + middle + " " + last
                                               : middle + " " + last;
  } else {
    for (std::size_t k = 0; k < nw.size(); ++k) result += (k ? " " : "") + nw[k];
  }
  if (!result.empty() && (result.back() == ',' || result.back() == '.')) result.pop_back();
  if (!result.empty() && (result.front() == ',' || result.front() == '.')) result.erase(0, 1);
  return format_email(Address{result, a.address});
}

std::vector<std::string> file_emails(std::string_view text) {
  // The poss_addr regex of maintainers_in_file(), run on a copy whose non-ASCII bytes are
  // letters (\p{L}) so std::regex needs no Unicode.
  static const std::regex poss(
      R"([A-Za-z"' ,.+\-]*\s*,*\s*[(<{]?[A-Za-z0-9_.+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z0-9]+[)>}]?)");
  std::string shadow(text);
  for (char& c : shadow)
    if (static_cast<unsigned char>(c) >= 0x80) c = 'a';
  // Every character the pattern can match is in this set, so no match crosses a character
  // outside it: searching only the runs of such characters that hold an '@' finds the same
  // matches in the same order, without trying the pattern at every byte of the file (that
  // was half of a batch run's time, on the DT bindings' YAML).
  auto can_match = [](char c) {
    return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || std::string_view("_.+-\"' ,(<{)>}@\t\n\r\f\v").find(c) != std::string_view::npos;
  };
  std::vector<std::string> out;
  std::size_t pos = 0;
  while ((pos = shadow.find('@', pos)) != std::string::npos) {
    std::size_t begin = pos, end = pos;
    while (begin > 0 && can_match(shadow[begin - 1])) --begin;
    while (end < shadow.size() && can_match(shadow[end])) ++end;
    for (auto it = std::sregex_iterator(shadow.begin() + static_cast<std::ptrdiff_t>(begin),
                                        shadow.begin() + static_cast<std::ptrdiff_t>(end), poss);
         it != std::sregex_iterator(); ++it) {
      std::size_t at = begin + static_cast<std::size_t>(it->position());
      out.push_back(clean_file_email(std::string(text.substr(at, static_cast<std::size_t>(it->length())))));
    }
    pos = end;
  }
  return out;
}

// get_maintainer_role(): the section's S: word turned into a role.
std::string maintainer_role(const std::string& status, bool has_status) {
  if (!has_status) return "unknown";
  std::string s = lower(status);
  if (s == "supported") return "supporter";
  if (s == "maintained") return "maintainer";
  if (s == "odd fixes") return "odd fixer";
  if (s == "orphan") return "orphan minder";
  if (s == "obsolete") return "obsolete minder";
  if (s == "buried alive in reporters") return "chief penguin";
  return s;
}

}  // namespace

// ---------------------------------------------------------------------------------------------

struct MaintainersIndex {
  struct PathRule {
    char type;  // 'F' or 'N', in the section's line order (the last match sets the depth)
    FilePattern glob;
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
    std::vector<FilePattern> excludes;
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
  Mailmap mailmap;
  // F: rules by their literal start cut after its second '/' (or first, or ""): a path only
  // needs the buckets of its own first one or two directories, not all ~8,000 patterns.
  std::unordered_map<std::string, std::vector<RuleRef>> f_buckets;
  std::vector<RuleRef> n_rules;
};

namespace {

// `s` up to and including its second '/' (or its first with max_slashes 1), "" without one.
std::string bucket_key(std::string_view s, int max_slashes) {
  std::size_t first = s.find('/');
  if (first == std::string_view::npos) return "";
  std::size_t second = max_slashes > 1 ? s.find('/', first + 1) : std::string_view::npos;
  return std::string(s.substr(0, (second == std::string_view::npos ? first : second) + 1));
}

MaintainersFile parse_impl(std::string_view text, const MaintainersTree* tree) {
  // read_maintainer_file(): type lines "X:\s*value"; blank and '#' lines vanish, every other
  // line is kept. A section is a run of type lines, named by the kept line before it, so a
  // blank line inside a section does not split it.
  struct Item {
    bool typed;
    char type;
    std::string value;
  };
  std::vector<Item> items;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::string_view line = next_line(text, pos);
    std::string_view body = line;
    if (!body.empty() && body.back() == '\n') body.remove_suffix(1);
    if (body.size() >= 2 && body[0] >= 'A' && body[0] <= 'Z' && body[1] == ':') {
      std::size_t i = 2;
      while (i < body.size() && is_space(body[i])) ++i;
      items.push_back({true, body[0], std::string(body.substr(i))});
      continue;
    }
    std::string_view t = ltrim(line);
    if (t.empty() || t[0] == '#') continue;
    items.push_back({false, 0, std::string(body)});
  }

  MaintainersFile mf;
  auto index = std::make_shared<MaintainersIndex>();
  if (tree && tree->read_file)
    if (std::optional<std::string> mm = tree->read_file(".mailmap"))
      index->mailmap = parse_mailmap(*mm);
  std::vector<std::pair<std::string, std::size_t>> keyword_order;  // (line index text, keyword)
  for (std::size_t i = 0; i < items.size();) {
    if (!items[i].typed) {
      ++i;
      continue;
    }
    MaintainerSection sec;
    MaintainersIndex::Section six;
    if (i > 0) sec.name = items[i - 1].value;
    bool has_status = false;
    std::size_t section_no = mf.sections.size();
    for (; i < items.size() && items[i].typed; ++i) {
      const Item& it = items[i];
      const std::string& v = it.value;
      switch (it.type) {
        case 'S':
          sec.status = v;
          has_status = true;
          break;
        case 'M':
          sec.maintainers.push_back(v);
          six.contacts.push_back({'M', v});
          break;
        case 'R':
          sec.reviewers.push_back(v);
          six.contacts.push_back({'R', v});
          break;
        case 'L': {
          std::size_t b = 0;
          while (b < v.size() && is_space(v[b])) ++b;
          std::size_t e = b;
          while (e < v.size() && !is_space(v[e])) ++e;
          std::size_t n = e;
          while (n < v.size() && is_space(v[n])) ++n;
          sec.lists.push_back(n > e ? v.substr(b, e - b) : v);
          sec.list_notes.push_back(n > e ? v.substr(n) : std::string());
          six.contacts.push_back({'L', v});
          break;
        }
        case 'F':
        case 'X': {
          (it.type == 'F' ? sec.files : sec.excludes).push_back(v);
          std::string converted = convert_glob(v);
          // "if pattern is a directory and it lacks a trailing slash, add one"
          if (!converted.empty() && converted.back() != '/' && tree && tree->is_directory &&
              tree->is_directory(converted))
            converted += '/';
          FilePattern fp = compile_file_pattern(converted);
          if (it.type == 'X') six.excludes.push_back(std::move(fp));
          else six.rules.push_back({'F', std::move(fp), std::nullopt, {}});
          break;
        }
        case 'N': {
          sec.regexes.push_back(v);
          MaintainersIndex::PathRule rule{'N', {}, compile_perl(v, true), required_literals(v)};
          six.rules.push_back(std::move(rule));
          break;
        }
        case 'K': {
          sec.keywords.push_back(v);
          MaintainersIndex::Keyword kw;
          kw.section = section_no;
          kw.text = v;
          kw.plain = compile_perl(v, true);
          kw.in_diff = compile_perl("^[+-].*" + v, true);
          kw.literals = required_literals(v);
          keyword_order.emplace_back(std::to_string(i), index->keywords.size());
          index->keywords.push_back(std::move(kw));
          break;
        }
        default:
          break;
      }
    }
    six.role = maintainer_role(sec.status, has_status);
    for (std::size_t r = 0; r < six.rules.size(); ++r) {
      MaintainersIndex::RuleRef ref{static_cast<std::uint32_t>(section_no),
                                    static_cast<std::uint32_t>(r)};
      const auto& rule = six.rules[r];
      if (rule.type == 'N') {
        if (rule.regex) index->n_rules.push_back(ref);
      } else if (rule.glob.valid) {
        index->f_buckets[bucket_key(rule.glob.prefix, 2)].push_back(ref);
      }
    }
    mf.sections.push_back(std::move(sec));
    index->sections.push_back(std::move(six));
  }
  // keyword matches are added in sort_and_uniq() order of their line numbers: as strings.
  std::sort(keyword_order.begin(), keyword_order.end());
  std::vector<MaintainersIndex::Keyword> ordered;
  for (const auto& [key, k] : keyword_order) ordered.push_back(std::move(index->keywords[k]));
  index->keywords = std::move(ordered);
  mf.index = std::move(index);
  return mf;
}

}  // namespace

MaintainersFile parse_maintainers(std::string_view text) { return parse_impl(text, nullptr); }

MaintainersFile parse_maintainers(std::string_view text, const MaintainersTree& tree) {
  return parse_impl(text, &tree);
}

std::vector<std::string> patch_paths(std::string_view patch_text) {
  std::vector<std::string> files;
  std::size_t pos = 0;
  while (pos < patch_text.size()) {
    std::string_view line = next_line(patch_text, pos);
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    classify_line(line, &files);
  }
  sort_unique(files);
  return files;
}

namespace {

// The K: lines that match `patch_text`, read line by line as get_maintainer reads a patch:
// before the first ---/+++ line a keyword may match anywhere (mail headers, commit message),
// after it only as "^[+-].*" . $keyword (so only the first alternative of a keyword with
// a top-level '|' is held to added and removed lines).
std::vector<std::size_t> matching_keywords(const MaintainersIndex& ix, std::string_view patch_text) {
  std::vector<std::size_t> candidates;
  std::string folded = lower(patch_text);
  for (std::size_t k = 0; k < ix.keywords.size(); ++k) {
    const auto& kw = ix.keywords[k];
    if (!kw.plain && !kw.in_diff) continue;
    bool possible = false;
    for (const std::string& lit : kw.literals)
      if (lit.empty() || find_bytes(folded, lit) != std::string_view::npos) possible = true;
    if (possible) candidates.push_back(k);
  }
  std::vector<bool> matched(ix.keywords.size(), false);
  if (candidates.empty()) return {};
  bool in_diff = false;
  std::size_t pos = 0;
  while (pos < patch_text.size()) {
    std::size_t start = pos;
    std::string_view line = next_line(patch_text, pos);
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    LineKind kind = classify_line(line, nullptr);
    if (kind == LineKind::file_header) in_diff = true;
    if (kind != LineKind::other) continue;
    std::string_view folded_line = std::string_view(folded).substr(start, line.size());
    for (std::size_t k : candidates) {
      if (matched[k]) continue;
      bool possible = false;
      for (const std::string& lit : ix.keywords[k].literals)
        if (lit.empty() || folded_line.find(lit) != std::string_view::npos) possible = true;
      if (!possible) continue;
      const auto& re = in_diff ? ix.keywords[k].in_diff : ix.keywords[k].plain;
      if (re && std::regex_search(line.begin(), line.end(), *re)) matched[k] = true;
    }
  }
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < matched.size(); ++k)
    if (matched[k]) out.push_back(k);
  return out;
}

std::vector<MaintainerEntry> find_impl(const MaintainersFile& m,
                                       const std::vector<std::string>& files_in,
                                       std::string_view patch_text, const MaintainersTree* tree) {
  if (!m.index) return {};
  const MaintainersIndex& ix = *m.index;
  std::vector<std::string> files = files_in;
  sort_unique(files);  // @files = sort_and_uniq(@files)

  std::vector<MaintainerEntry> people, lists;
  std::unordered_set<std::string> name_used, address_used, list_used;  // lower case
  // One entry per (section, address, line type): a section reached again through another
  // path or keyword adds nothing new.
  std::set<std::tuple<std::string, std::string, std::string>> listed;

  auto add_section = [&](std::size_t s, const std::string& keyword) {
    const MaintainerSection& sec = m.sections[s];
    for (const auto& c : ix.sections[s].contacts) {
      if (c.type == 'L') {
        // "([^\s]+)\s+(.*)$": the address, then a note; subscribers-only lists are left out.
        std::size_t b = 0;
        while (b < c.value.size() && is_space(c.value[b])) ++b;
        std::size_t e = b;
        while (e < c.value.size() && !is_space(c.value[e])) ++e;
        std::size_t n = e;
        while (n < c.value.size() && is_space(c.value[n])) ++n;
        std::string address = n > e ? c.value.substr(b, e - b) : c.value;
        std::string note = n > e ? c.value.substr(n) : std::string();
        if (note.find("subscribers-only") != std::string::npos) continue;
        MaintainerEntry e_{"", address,
                           note.find("moderated") != std::string::npos ? "moderated list"
                                                                       : "open list",
                           sec.name, keyword, 'L'};
        e_.printed = list_used.insert(lower(address)).second;
        if (!e_.printed && !listed.emplace(sec.name, lower(address), "L").second) continue;
        if (e_.printed) listed.emplace(sec.name, lower(address), "L");
        lists.push_back(std::move(e_));
        continue;
      }
      for (const std::string& one : split_address_list(c.value)) {
        Address a = parse_email(one);
        if (a.address.empty()) continue;  // "Invalid MAINTAINERS address"
        MaintainerEntry e_{a.name, a.address,
                           c.type == 'M' ? ix.sections[s].role : std::string("reviewer"),
                           sec.name, keyword, c.type};
        // email_inuse(): a name or an address seen before (any case) is not pushed again.
        bool used = (!a.name.empty() && name_used.count(lower(escape_name(a.name)))) ||
                    address_used.count(lower(a.address));
        e_.printed = !used;
        std::string kind(1, c.type);
        if (used && !listed.emplace(sec.name, lower(a.address), kind).second) continue;
        if (!used) {
          listed.emplace(sec.name, lower(a.address), kind);
          if (!a.name.empty()) name_used.insert(lower(escape_name(a.name)));
          address_used.insert(lower(a.address));
        }
        people.push_back(std::move(e_));
      }
    }
  };

  for (const std::string& file : files) {
    // Every F: and N: line matching the path, then per section: skipped when an X: matches
    // (exclusions come first), else its depth is that of its last matching line, as
    // get_maintainer's loop overwrites $hash{$tvi} line by line.
    std::vector<MaintainersIndex::RuleRef> matched;
    std::string keys[3] = {"", bucket_key(file, 1), bucket_key(file, 2)};
    for (int k = 0; k < 3; ++k) {
      if (k > 0 && (keys[k].empty() || keys[k] == keys[k - 1])) continue;
      auto bucket = ix.f_buckets.find(keys[k]);
      if (bucket == ix.f_buckets.end()) continue;
      for (const auto& ref : bucket->second)
        if (file_match(ix.sections[ref.section].rules[ref.rule].glob, file)) matched.push_back(ref);
    }
    std::string folded_file = lower(file);
    for (const auto& ref : ix.n_rules) {
      const auto& rule = ix.sections[ref.section].rules[ref.rule];
      bool possible = false;
      for (const std::string& lit : rule.literals)
        if (lit.empty() || folded_file.find(lit) != std::string::npos) possible = true;
      if (possible && std::regex_search(file, *rule.regex)) matched.push_back(ref);
    }
    std::sort(matched.begin(), matched.end());
    std::vector<std::pair<int, std::size_t>> hits;  // (depth, section) in MAINTAINERS order
    for (std::size_t i = 0; i < matched.size();) {
      std::size_t j = i;
      while (j + 1 < matched.size() && matched[j + 1].section == matched[i].section) ++j;
      const auto& six = ix.sections[matched[i].section];
      bool excluded = std::any_of(six.excludes.begin(), six.excludes.end(),
                                  [&](const FilePattern& x) { return file_match(x, file); });
      if (!excluded) {
        const auto& last = six.rules[matched[j].rule];
        hits.emplace_back(last.type == 'F' ? last.glob.depth : 0, matched[i].section);
      }
      i = j + 1;
    }
    // Deepest pattern first. get_maintainer orders equal depths by Perl's hash order, which
    // changes from run to run (PERL_HASH_SEED); MAINTAINERS order is the stable choice here.
    std::stable_sort(hits.begin(), hits.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [depth, s] : hits) add_section(s, "");
  }

  for (std::size_t k : matching_keywords(ix, patch_text))
    add_section(ix.keywords[k].section, ix.keywords[k].text);

  // deduplicate_email(): .mailmap, then the first name or address seen wins.
  std::unordered_map<std::string, Address> dedup_name, dedup_address;
  auto deduplicate = [&](MaintainerEntry& e) {
    Address a = apply_mailmap(ix.mailmap, Address{e.name, e.email});
    if (!e.printed) {
      e.name = a.name;
      e.email = a.address;
      return;
    }
    std::string ln = lower(escape_name(a.name)), la = lower(a.address);
    if (!a.name.empty() && dedup_name.count(ln)) {
      a = dedup_name[ln];
    } else if (dedup_address.count(la)) {
      a = dedup_address[la];
    } else {
      dedup_name[ln] = a;
      dedup_address[la] = a;
    }
    a = apply_mailmap(ix.mailmap, a);
    e.name = a.name;
    e.email = a.address;
  };
  for (auto& e : people) deduplicate(e);
  for (auto& e : lists) deduplicate(e);

  // Linus is THE REST's maintainer, and get_maintainer drops him unless --git-chief-penguins.
  for (auto& e : people)
    if (format_email(Address{e.name, e.email})
            .find("Linus Torvalds <torvalds@linux-foundation.org>") != std::string::npos)
      e.printed = false;

  if (tree && tree->read_file) {
    for (const std::string& file : files) {
      // maintainers_in_file(): not MAINTAINERS itself, only *.yaml without --file-emails.
      if (file.size() >= 11 && file.compare(file.size() - 11, 11, "MAINTAINERS") == 0) {
        std::size_t b = file.size() - 11;
        if (b == 0 || !is_alnum(file[b - 1])) continue;  // \bMAINTAINERS$
      }
      if (file.size() < 5 || file.compare(file.size() - 5, 5, ".yaml") != 0) continue;
      std::optional<std::string> content = tree->read_file(file);
      if (!content) continue;
      for (const std::string& found : file_emails(*content)) {
        Address a = apply_mailmap(ix.mailmap, parse_email(found));
        if (a.address.empty()) continue;
        bool used = (!a.name.empty() && name_used.count(lower(escape_name(a.name)))) ||
                    address_used.count(lower(a.address));
        if (!used) {
          if (!a.name.empty()) name_used.insert(lower(escape_name(a.name)));
          address_used.insert(lower(a.address));
          MaintainerEntry e_{a.name, a.address, "in file", "", "", 'F'};
          e_.in_file = true;
          people.push_back(std::move(e_));
        }
        // add_role(): every pushed entry with this name or this address gets ",in file".
        for (auto& e : people)
          if (e.printed && (e.name == a.name || e.email == a.address)) e.in_file = true;
      }
    }
  }

  // merge_email(): one line per formatted address.
  std::unordered_set<std::string> seen;
  for (auto& e : people)
    if (e.printed) e.printed = seen.insert(format_email(Address{e.name, e.email})).second;
  for (auto& e : lists)
    if (e.printed) e.printed = seen.insert(format_email(Address{e.name, e.email})).second;

  people.insert(people.end(), std::make_move_iterator(lists.begin()),
                std::make_move_iterator(lists.end()));
  return people;
}

}  // namespace

std::vector<MaintainerEntry> find_maintainers(const MaintainersFile& m,
                                              const std::vector<std::string>& files,
                                              std::string_view patch_text) {
  return find_impl(m, files, patch_text, nullptr);
}

std::vector<MaintainerEntry> find_maintainers(const MaintainersFile& m,
                                              const std::vector<std::string>& files,
                                              std::string_view patch_text,
                                              const MaintainersTree& tree) {
  return find_impl(m, files, patch_text, &tree);
}

std::string role_of(const std::vector<MaintainerEntry>& entries, std::string_view email) {
  std::string role = "none";
  for (const MaintainerEntry& e : entries) {
    if (!iequals(e.email, email)) continue;
    if (e.from == 'M') return "maintainer";
    if (e.from == 'R') role = "reviewer";
  }
  return role;
}

std::vector<std::string> get_maintainer_lines(const std::vector<MaintainerEntry>& entries,
                                              bool keyword_suffix) {
  // get_subsystem_name(): past 50 characters, the first 47 (trailing blanks dropped) + "...".
  auto cut = [](const std::string& name) {
    if (utf8_length(name) <= 50) return name;
    std::size_t bytes = 0;
    for (std::size_t chars = 0; bytes < name.size(); ++bytes) {
      if ((static_cast<unsigned char>(name[bytes]) & 0xC0) != 0x80 && chars++ == 47) break;
    }
    return std::string(rtrim(std::string_view(name).substr(0, bytes))) + "...";
  };
  std::vector<std::string> out;
  for (const MaintainerEntry& e : entries) {
    if (!e.printed) continue;
    std::string role;
    if (e.from == 'F') {
      role = "in file";
    } else {
      std::string section = cut(e.section);
      role = e.role;
      if (!(e.from == 'L' && section == "THE REST")) role += ":" + section;
      if (keyword_suffix && !e.keyword.empty()) role += ":Keyword:" + e.keyword;
      if (e.in_file) role += ",in file";
    }
    out.push_back(format_email(Address{e.name, e.email}) + " (" + role + ")");
  }
  return out;
}

}  // namespace pt
