#include "mail/mailinfo_rules.hpp"

#include <cstring>

#include "mail/mailinfo.hpp"
#include "util/text.hpp"

// git's rules (mailinfo.c, v2.39), byte for byte: see mailinfo.cpp.

namespace pt {

namespace mailinfo_rules {

bool slurp_attr(std::string_view value, std::string_view name, std::string& attr) {
  attr.clear();
  std::size_t at = ifind(value, name);
  if (at == std::string_view::npos) return false;
  std::string_view rest = value.substr(at + name.size());
  const char* ends = "; \t";
  if (!rest.empty() && rest[0] == '"') {
    rest.remove_prefix(1);
    ends = "\"";
  }
  std::size_t n = 0;
  while (n < rest.size() && rest[n] != '\0' && !std::strchr(ends, rest[n])) ++n;
  attr.assign(rest.substr(0, n));
  return true;
}

bool patchbreak(std::string_view line) {
  if (starts_with(line, "diff -") || starts_with(line, "Index: ")) return true;
  if (line.size() < 4 || !starts_with(line, "---")) return false;
  if (line[3] == ' ' && !is_space(line[4])) return true;  // "--- <filename>"
  for (std::size_t i = 3; i < line.size(); ++i) {          // "---" and blanks only
    if (line[i] == '\n') return true;
    if (!is_space(line[i])) break;
  }
  return false;
}

bool is_format_patch_separator(std::string_view line) {
  static constexpr std::string_view k_sample =
      "From e6807f3efca28b30decfecb1732a56c7db1137ee Mon Sep 17 00:00:00 2001\n";
  if (line.size() != k_sample.size() || !starts_with(line, "From ")) return false;
  for (std::size_t i = 5; i < 45; ++i)
    if (!is_digit(line[i]) && !(line[i] >= 'a' && line[i] <= 'f')) return false;
  return line.substr(45) == k_sample.substr(45);
}

std::string cleanup_subject(std::string s) {
  std::size_t at = 0;
  while (at < s.size()) {
    char c = s[at];
    if (c == 'r' || c == 'R') {
      if (s.size() <= at + 3) break;
      if ((s[at + 1] == 'e' || s[at + 1] == 'E') && s[at + 2] == ':') {
        s.erase(at, 3);
        continue;
      }
      break;
    }
    if (c == ' ' || c == '\t' || c == ':') {
      s.erase(at, 1);
      continue;
    }
    if (c == '[') {
      std::size_t close = s.find(']', at);
      if (close == std::string::npos) break;
      s.erase(at, close - at + 1);
      continue;
    }
    break;
  }
  std::string_view kept = trim(s);  // trimmed in place: no second string
  std::size_t lead = static_cast<std::size_t>(kept.data() - s.data()), size = kept.size();
  s.erase(0, lead);
  s.resize(size);
  return s;
}

}  // namespace mailinfo_rules

std::string unfold_header(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  std::size_t nl = text.find('\n');
  out.append(rtrim(text.substr(0, nl)));
  while (nl != std::string_view::npos) {
    pos = nl + 1;
    nl = text.find('\n', pos);
    // A continuation line's first byte (the blank that folded it) becomes one space; a
    // line of blanks only adds nothing.
    std::string_view rest = text.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    if (rest.empty()) continue;
    rest = rtrim(rest.substr(1));
    if (rest.empty()) continue;
    out.push_back(' ');
    out.append(rest);
  }
  return out;
}

std::string HeaderField::value() const {
  std::string scratch;
  std::string_view v = value(scratch);
  if (v.data() == scratch.data() && v.size() == scratch.size()) return scratch;
  return std::string(v);
}

std::string_view HeaderField::value(std::string& scratch) const {
  if (text.find('\n') == std::string_view::npos) return trim(text);
  scratch = unfold_header(text);
  return ltrim(scratch);
}

bool is_scissors_line(std::string_view line) {
  int scissors = 0, gap = 0, perforation = 0;
  bool in_perforation = false;
  std::size_t first = std::string_view::npos, last = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (is_space(c)) {
      if (in_perforation) {
        ++perforation;
        ++gap;
      }
      continue;
    }
    last = i;
    if (first == std::string_view::npos) first = i;
    if (c == '-') {
      in_perforation = true;
      ++perforation;
      continue;
    }
    std::string_view two = line.substr(i, 2);
    if (two == ">8" || two == "8<" || two == ">%" || two == "%<") {
      in_perforation = true;
      perforation += 2;
      scissors += 2;
      ++i;
      continue;
    }
    in_perforation = false;
  }
  // The mark is at least 8 bytes ("-- >8 --"); the perforation must take more than a third
  // of the visible width, and dashes and scissors more than half of the perforation.
  int visible = first == std::string_view::npos ? 0 : static_cast<int>(last - first + 1);
  return scissors && visible >= 8 && visible < perforation * 3 && gap * 2 < perforation;
}

std::string format_info(const MailInfo& info) {
  std::string out;
  if (info.has_from) out += "Author: " + info.author_name + "\nEmail: " + info.author_email + "\n";
  if (info.has_subject) out += "Subject: " + info.title + "\n";
  if (info.has_date) out += "Date: " + info.date + "\n";
  out += "\n";
  return out;
}

}  // namespace pt
