// facts stage: MAINTAINERS F: and X: patterns compiled and matched (see maintainers_patterns.hpp).
#include "facts/maintainers_patterns.hpp"

#include <algorithm>

#include "facts/maintainers_regex.hpp"

namespace pt::maintainers {

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

namespace {

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

}  // namespace

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

namespace {

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

}  // namespace

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

}  // namespace pt::maintainers
