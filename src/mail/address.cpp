#include "mail/address.hpp"

#include <array>

#include "util/text.hpp"

namespace pt {

namespace {

// Copies a comment, keeping its parentheses and dropping backslash escapes; returns the
// position after it. Nested comments are counted, not recursed into, as git's
// unquote_comment since "mailinfo: avoid recursion when unquoting From headers": a From
// value of 250,000 '(' overflowed the stack here (found with tests/fuzz, fuzz_headers).
std::size_t unquote_comment(std::string_view in, std::size_t i, std::string& out) {
  out.push_back('(');
  std::size_t depth = 1;
  bool literal = false;
  while (i < in.size()) {
    char c = in[i++];
    if (literal) {
      literal = false;
    } else if (c == '\\') {
      literal = true;
      continue;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')' && --depth == 0) {
      out.push_back(')');
      return i;
    }
    out.push_back(c);
  }
  return i;
}

// Copies a quoted string without its quotes and escapes; returns the position after it.
std::size_t unquote_string(std::string_view in, std::size_t i, std::string& out) {
  bool literal = false;
  while (i < in.size()) {
    char c = in[i++];
    if (literal) {
      literal = false;
    } else if (c == '\\') {
      literal = true;
      continue;
    } else if (c == '"') {
      return i;
    }
    out.push_back(c);
  }
  return i;
}

// True when `s` holds any byte of `set` (string_view::find_first_of calls memchr on the
// set once per byte of `s`).
bool holds_any(std::string_view s, std::string_view set) {
  for (char c : s)
    for (char x : set)
      if (c == x) return true;
  return false;
}

std::string unquote_pairs(std::string_view in) {
  // Most From values have neither quotes nor comments: nothing to undo.
  if (!holds_any(in, "\"(")) return std::string(in);
  std::string out;
  out.reserve(in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    char c = in[i++];
    if (c == '"') i = unquote_string(in, i, out);
    else if (c == '(') i = unquote_comment(in, i, out);
    else out.push_back(c);
  }
  return out;
}

std::string sane_name(std::string_view name, const std::string& email) {
  if (name.empty() || name.size() > 60 || holds_any(name, "@<>"))
    return email;
  return std::string(name);
}

}  // namespace

Address parse_author(std::string_view from) {
  Address a;
  if (auto nul = from.find('\0'); nul != std::string_view::npos) from = from.substr(0, nul);
  std::string f = unquote_pairs(from);
  std::size_t at = f.find('@');
  if (at == std::string::npos) {
    // "John Doe <johndoe>": an address without '@' between angle brackets.
    std::size_t bra = from.find('<');
    if (bra == std::string_view::npos) return a;
    std::size_t ket = from.find('>', bra);
    if (ket == std::string_view::npos) return a;
    a.email.assign(from.substr(bra + 1, ket - bra - 1));
    a.name = sane_name(trim(from.substr(0, bra)), a.email);
    return a;
  }
  // The address is the run of non-blanks around '@', possibly opened by '<'.
  std::size_t start = at;
  while (start > 0) {
    char c = f[start - 1];
    if (is_space(c)) break;
    if (c == '<') {
      f[start - 1] = ' ';
      break;
    }
    --start;
  }
  std::size_t len = 0;
  // The address ends at a blank or '>' (or a NUL, as git's strchr-based scan).
  auto ends_address = [](char c) { return is_space(c) || c == '>' || c == '\0'; };
  while (start + len < f.size() && !ends_address(f[start + len])) ++len;
  a.email = f.substr(start, len);
  f.erase(start, len + (start + len < f.size() ? 1 : 0));
  collapse_space_in_place(f);
  std::string_view trimmed = trim(f);
  std::string name = trimmed.size() == f.size() ? std::move(f) : std::string(trimmed);
  if (name.size() >= 2 && name.front() == '(' && name.back() == ')')
    name = name.substr(1, name.size() - 2);
  a.name = sane_name(name, a.email);
  return a;
}

// The bytes that matter when a recipient list is split.
constexpr std::array<bool, 256> k_list_special = [] {
  std::array<bool, 256> t{};
  for (unsigned char c : {'"', '<', '>', ',', '\n'}) t[c] = true;
  return t;
}();

std::vector<std::string_view> split_recipients(std::string_view value) {
  std::vector<std::string_view> out;
  bool quoted = false;
  int angle = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= value.size(); ++i) {
    while (i < value.size() && !k_list_special[static_cast<unsigned char>(value[i])]) ++i;
    const bool end = i == value.size() || value[i] == '\n';
    const char c = end ? ',' : value[i];
    if (c == '"') quoted = !quoted;
    else if (!quoted && c == '<') ++angle;
    else if (!quoted && c == '>' && angle) --angle;
    else if (c == ',' && ((!quoted && !angle) || end)) {
      std::string_view item = trim(value.substr(start, i - start));
      if (!item.empty()) out.push_back(item);
      start = i + 1;
      if (end) quoted = false, angle = 0;
    }
  }
  return out;
}

}  // namespace pt
