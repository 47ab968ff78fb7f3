// Path names in diff headers. The rules follow git apply (apply.c of git 2.39): which blank
// ends a name, how a/ b/ prefixes are removed, how a diff timestamp is told from the name.
#include "patch/diff_paths.hpp"

#include <cstdint>

#include "util/text.hpp"

namespace pt::diff_paths {
namespace {

// git names end at the blanks `terminate` asks for, but always at CR, VT and FF.
bool name_terminates(char c, int terminate) {
  if (c == ' ') return (terminate & term_space) != 0;
  if (c == '\t') return (terminate & term_tab) != 0;
  return true;
}

// git collapses "a//b" to "a/b" so that index lookups work with sloppy names.
std::string squash_slash(std::string_view name) {
  size_t twice = 0;  // a plain loop: find("//") calls memchr at every '/' of a path
  while (twice + 1 < name.size() && !(name[twice] == '/' && name[twice + 1] == '/')) ++twice;
  if (twice + 1 >= name.size()) return std::string(name);  // nearly every name
  std::string out(name.substr(0, twice + 1));
  for (size_t i = twice + 1; i < name.size(); ++i) {
    if (name[i] == '/' && out.back() == '/') continue;
    out.push_back(name[i]);
  }
  return out;
}

std::optional<std::string> copy_def(const std::string* def) {
  if (!def) return std::nullopt;
  return squash_slash(*def);
}

// A quoted name ("new-style" GNU format): unquote, then drop p_value components.
std::optional<std::string> find_name_gnu(std::string_view line, int p_value) {
  auto name = unquote_c_style(line);
  if (!name) return std::nullopt;
  size_t cut = 0;
  for (; p_value > 0; --p_value) {
    size_t slash = name->find('/', cut);
    if (slash == std::string::npos) return std::nullopt;
    cut = slash + 1;
  }
  return squash_slash(std::string_view(*name).substr(cut));
}

// An unquoted name. With `bounded`, the whole line is the name (a timestamp was cut off);
// otherwise the name ends at a terminating blank.
std::optional<std::string> find_name_common(std::string_view line, const std::string* def,
                                            int p_value, bool bounded, int terminate) {
  bool have_start = p_value == 0;
  size_t start = 0, i = 0;
  // Counting down past zero never reaches zero again: only the p-th slash matters.
  bool ended = false;
  for (; i < line.size() && p_value > 0; ++i) {
    char c = line[i];
    if (!bounded && is_space(c) && name_terminates(c, terminate)) {
      ended = true;
      break;
    }
    if (c == '/' && --p_value == 0) {
      have_start = true;
      start = i + 1;
    }
  }
  // Past it only the end of the name is looked for, skipping the bytes above ' ' (every
  // blank is one of the bytes up to ' ').
  if (bounded) {
    i = line.size();
  } else if (!ended) {
    while (i < line.size()) {
      const char c = line[i];
      if (static_cast<unsigned char>(c) <= ' ' && is_space(c) && name_terminates(c, terminate))
        break;
      ++i;
    }
  }
  if (!have_start || i == start) return copy_def(def);
  std::string_view name = line.substr(start, i - start);
  // git prefers the shorter name when the other merely adds to it ("file.orig", "file~").
  if (def && def->size() < name.size() && name.substr(0, def->size()) == *def)
    return squash_slash(*def);
  return squash_slash(name);
}

// The timestamp helpers below return how many trailing bytes of line[0, len) they match.
size_t sane_tz_len(std::string_view s, size_t len) {  // " +0500"
  if (len < 6 || s[len - 6] != ' ' || (s[len - 5] != '+' && s[len - 5] != '-')) return 0;
  for (size_t i = len - 4; i < len; ++i)
    if (!is_digit(s[i])) return 0;
  return 6;
}

size_t tz_with_colon_len(std::string_view s, size_t len) {  // " +08:00"
  if (len < 7 || s[len - 3] != ':') return 0;
  size_t t = len - 7;
  if (s[t] != ' ' || (s[t + 1] != '+' && s[t + 1] != '-')) return 0;
  if (!is_digit(s[t + 2]) || !is_digit(s[t + 3]) || !is_digit(s[t + 5]) || !is_digit(s[t + 6]))
    return 0;
  return 7;
}

size_t date_len(std::string_view s, size_t len) {  // "72-02-05", or with a 4-digit year
  if (len < 8 || s[len - 3] != '-') return 0;
  size_t d = len - 8;
  if (!is_digit(s[d]) || !is_digit(s[d + 1]) || s[d + 2] != '-' || !is_digit(s[d + 3]) ||
      !is_digit(s[d + 4]) || s[d + 5] != '-' || !is_digit(s[d + 6]) || !is_digit(s[d + 7]))
    return 0;
  if (d >= 2 && is_digit(s[d - 1]) && is_digit(s[d - 2])) d -= 2;
  return len - d;
}

size_t short_time_len(std::string_view s, size_t len) {  // " 07:01:32"
  if (len < 9 || s[len - 3] != ':') return 0;
  size_t t = len - 9;
  if (s[t] != ' ' || !is_digit(s[t + 1]) || !is_digit(s[t + 2]) || s[t + 3] != ':' ||
      !is_digit(s[t + 4]) || !is_digit(s[t + 5]) || s[t + 6] != ':' || !is_digit(s[t + 7]) ||
      !is_digit(s[t + 8]))
    return 0;
  return 9;
}

size_t fractional_time_len(std::string_view s, size_t len) {  // " 19:41:17.620000023"
  if (len == 0 || !is_digit(s[len - 1])) return 0;
  size_t p = len - 1;
  while (p > 0 && is_digit(s[p])) --p;
  if (s[p] != '.') return 0;
  size_t n = short_time_len(s, p);
  return n ? len - p + n : 0;
}

size_t trailing_spaces_len(std::string_view s, size_t len) {
  size_t n = 0;
  while (n < len && s[len - 1 - n] == ' ') ++n;
  return n;
}

// POSIX "2010-07-05 19:41:17" or GNU "2010-07-05 19:41:17.620000023 -0500" after a tab
// (or, with whitespace damage, after spaces).
size_t diff_timestamp_len(std::string_view s) {
  size_t len = s.size(), end = len;
  if (len == 0 || !is_digit(s[len - 1])) return 0;
  size_t n = sane_tz_len(s, end);
  if (!n) n = tz_with_colon_len(s, end);
  end -= n;
  n = short_time_len(s, end);
  if (!n) n = fractional_time_len(s, end);
  end -= n;
  n = date_len(s, end);
  if (!n) return 0;
  end -= n;
  if (end == 0) return 0;
  if (s[end - 1] == '\t') return len - (end - 1);
  if (s[end - 1] != ' ') return 0;
  end -= trailing_spaces_len(s, end);
  return len - end;
}

}  // namespace

bool is_dev_null(std::string_view line) {
  // The line end counts as the blank git's "\n" would be.
  return line.substr(0, 9) == "/dev/null" && (line.size() == 9 || is_space(line[9]));
}

std::optional<std::string> unquote_c_style(std::string_view in, size_t* consumed) {
  if (in.empty() || in[0] != '"') return std::nullopt;
  std::string out;
  size_t i = 1;
  while (i < in.size()) {
    char c = in[i++];
    if (c == '"') {
      if (consumed) *consumed = i;
      return out;
    }
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    if (i >= in.size()) return std::nullopt;
    c = in[i++];
    switch (c) {
      case 'a': out.push_back('\a'); break;
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 't': out.push_back('\t'); break;
      case 'v': out.push_back('\v'); break;
      case '\\': case '"': out.push_back(c); break;
      case '0': case '1': case '2': case '3': {  // three octal digits, at most \377
        if (i + 2 > in.size()) return std::nullopt;
        char d1 = in[i], d2 = in[i + 1];
        if (d1 < '0' || d1 > '7' || d2 < '0' || d2 > '7') return std::nullopt;
        out.push_back(static_cast<char>(((c - '0') << 6) | ((d1 - '0') << 3) | (d2 - '0')));
        i += 2;
        break;
      }
      default: return std::nullopt;
    }
  }
  return std::nullopt;  // no closing quote on this line
}

std::optional<std::string_view> skip_tree_prefix(int p_value, std::string_view name) {
  if (p_value <= 0) {
    if (!name.empty() && name[0] == '/') return std::nullopt;  // absolute paths are refused
    return name;
  }
  int slashes = p_value;
  for (size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '/' && --slashes <= 0) {
      if (i == 0) return std::nullopt;
      return name.substr(i + 1);
    }
  }
  return std::nullopt;
}

std::optional<std::string> find_name(std::string_view line, const std::string* def, int p_value,
                                     int terminate) {
  if (!line.empty() && line[0] == '"') {
    if (auto name = find_name_gnu(line, p_value)) return name;
  }
  return find_name_common(line, def, p_value, false, terminate);
}

std::optional<std::string> find_name_traditional(std::string_view line, const std::string* def,
                                                 int p_value) {
  if (!line.empty() && line[0] == '"') {
    if (auto name = find_name_gnu(line, p_value)) return name;
  }
  size_t stamp = diff_timestamp_len(line);
  if (!stamp) return find_name_common(line, def, p_value, false, term_tab);
  // With a recognised timestamp the name may hold any blank; it ends where the stamp starts.
  return find_name_common(line.substr(0, line.size() - stamp), def, p_value, true, 0);
}

std::optional<std::string> git_header_name(int p_value, std::string_view rest) {
  if (!rest.empty() && rest[0] == '"') {
    size_t used = 0;
    auto first = unquote_c_style(rest, &used);
    if (!first) return std::nullopt;
    auto first_name = skip_tree_prefix(p_value, *first);
    if (!first_name) return std::nullopt;
    std::string result(*first_name);
    size_t second = used;
    while (second < rest.size() && is_space(rest[second])) ++second;
    if (second >= rest.size()) return std::nullopt;
    if (rest[second] == '"') {
      auto sp = unquote_c_style(rest.substr(second));
      if (!sp) return std::nullopt;
      auto second_name = skip_tree_prefix(p_value, *sp);
      if (!second_name || *second_name != result) return std::nullopt;
      return result;
    }
    // git 2.39 compares the unquoted second name including its '\n' with the first, so a
    // quoted-then-unquoted pair never matches (verified: such a header has no default name).
    return std::nullopt;
  }

  auto name = skip_tree_prefix(p_value, rest);
  if (!name) return std::nullopt;
  // Since the first name is unquoted, a '"' can only start the second (quoted) name.
  if (size_t q = name->find('"'); q != std::string_view::npos) {
    auto sp = unquote_c_style(name->substr(q));
    if (!sp) return std::nullopt;
    auto np = skip_tree_prefix(p_value, *sp);
    if (!np) return std::nullopt;
    size_t len = np->size();
    if (len < q && name->substr(0, len) == *np && is_space((*name)[len])) return std::string(*np);
    return std::nullopt;
  }
  // Accept a name only if it shows up twice in exactly the same form, split at a blank.
  for (size_t len = 0; len < name->size(); ++len) {
    char c = (*name)[len];
    if (c != ' ' && c != '\t') continue;
    if (len + 1 < name->size() && (*name)[len + 1] == '\0') return std::nullopt;
    auto second = skip_tree_prefix(p_value, name->substr(len + 1));
    if (!second) return std::nullopt;  // git gives up, it does not try a later blank
    if (second->size() == len && name->substr(0, len) == *second) return std::string(*second);
  }
  return std::nullopt;
}

int guess_p_value(std::string_view line) {
  if (is_dev_null(line)) return -1;
  auto name = find_name_traditional(line, nullptr, 0);
  if (!name) return -1;
  // git at the top of a work tree: only a name without any '/' gives a sure guess (-p0).
  return name->find('/') == std::string::npos ? 0 : -1;
}

bool has_epoch_timestamp(std::string_view line) {
  size_t tab = line.rfind('\t');
  if (tab == std::string_view::npos) return false;
  std::string_view ts = line.substr(tab + 1);
  int epoch_hour;
  if (ts.substr(0, 11) == "1969-12-31 ")
    epoch_hour = 24;  // west of GMT
  else if (ts.substr(0, 11) == "1970-01-01 ")
    epoch_hour = 0;  // east of GMT
  else
    return false;
  ts.remove_prefix(11);
  // hh:mm:00(.0+)? [-+]hh:?mm at the end of the line; any non-zero fraction is not an epoch.
  auto d = [&](size_t i, char lo, char hi) { return i < ts.size() && ts[i] >= lo && ts[i] <= hi; };
  auto at = [&](size_t i, char c) { return i < ts.size() && ts[i] == c; };
  if (!d(0, '0', '2') || !d(1, '0', '9') || !at(2, ':') || !d(3, '0', '5') || !d(4, '0', '9') ||
      !at(5, ':') || !at(6, '0') || !at(7, '0'))
    return false;
  size_t i = 8;
  if (at(i, '.') && at(i + 1, '0')) {
    i += 1;
    while (at(i, '0')) ++i;
  }
  if (!at(i, ' ') || !(at(i + 1, '+') || at(i + 1, '-'))) return false;
  bool negative = ts[i + 1] == '-';
  i += 2;
  if (!d(i, '0', '2') || !d(i + 1, '0', '9')) return false;
  int zone_hours = (ts[i] - '0') * 10 + (ts[i + 1] - '0');
  i += 2;
  bool colon = at(i, ':');
  if (colon) ++i;
  if (!d(i, '0', '5') || !d(i + 1, '0', '9') || i + 2 != ts.size()) return false;
  int zone_minutes = (ts[i] - '0') * 10 + (ts[i + 1] - '0');
  int zone = zone_hours * 60 + zone_minutes;
  if (negative) zone = -zone;
  int hour = (ts[0] - '0') * 10 + (ts[1] - '0');
  int minute = (ts[3] - '0') * 10 + (ts[4] - '0');
  return hour * 60 + minute - zone == epoch_hour * 60;
}

}  // namespace pt::diff_paths
