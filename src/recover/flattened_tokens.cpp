// recover stage: a flattened mail's tokens, their shapes, and prose wrapped into lines.
#include "recover/flattened_tokens.hpp"

#include <array>

namespace pt::flattened {

Tokens split_tokens(std::string_view text, std::size_t limit) {
  Tokens out;
  std::size_t i = 0;
  while (i < text.size() && out.size() < limit) {
    while (i < text.size() && is_space(text[i])) ++i;
    std::size_t start = i;
    while (i < text.size() && !is_space(text[i])) ++i;
    if (i > start) out.push_back(text.substr(start, i - start));
  }
  return out;
}

bool is_version(std::string_view t) {
  if (t.empty() || !is_digit(t[0]) || t.find('.') == npos) return false;
  return std::all_of(t.begin(), t.end(), [](char c) {
    return is_digit(c) || is_alpha(c) || c == '.' || c == '-' || c == '+' || c == '_';
  });
}

std::string join(const Tokens& t, std::size_t b, std::size_t e) {
  std::string out;
  for (std::size_t k = b; k < e; ++k) {
    if (k > b) out += ' ';
    out += t[k];
  }
  return out;
}

bool is_trailer_key(std::string_view t) {
  if (t.size() < 3 || t.back() != ':') return false;
  std::string_view key = t.substr(0, t.size() - 1);
  static constexpr std::array k_plain = {"Fixes", "Closes", "Link", "Cc", "CC", "cc",
                                         "Bug",   "BugLink", "CVE", "Stable-dep-of"};
  for (std::string_view p : k_plain)
    if (key == p) return true;
  // [A-Z][a-z]+(-[A-Za-z]+)+
  if (!is_upper(key[0])) return false;
  std::size_t i = 1;
  while (i < key.size() && is_lower(key[i])) ++i;
  if (i < 2 || i == key.size()) return false;
  while (i < key.size()) {
    if (key[i] != '-') return false;
    std::size_t part = ++i;
    while (i < key.size() && is_alpha(key[i])) ++i;
    if (i == part) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Body landmarks.

std::size_t upstream_marker_len(const Tokens& t, std::size_t k, std::size_t e) {
  if (k >= e) return 0;
  if (t[k] == "commit" && k + 2 < e && all_hex(t[k + 1], 7) && istarts_with(t[k + 2], "upstream"))
    return 3;
  if (t[k].front() != '[') return 0;
  bool has_sha = false;
  for (std::size_t j = k; j < e && j < k + 40; ++j) {
    std::string_view w = t[j];
    if (j == k) w.remove_prefix(1);
    if (j > k && (iequals(t[j - 1], "commit") || iequals(t[j - 1], "[commit")) &&
        all_hex(w.back() == ']' ? w.substr(0, w.size() - 1) : w, 7))
      has_sha = true;
    if (!t[j].empty() && t[j].back() == ']') return has_sha ? j + 1 - k : 0;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Text layout.

namespace {

// A token that must not begin a wrapped line: at a line start it would read as a header,
// trailer, quote, list item, diff line or "From " line.
bool risky_line_start(std::string_view t) {
  static constexpr std::string_view k_lead = "-+>#[@*|=~`";
  if (k_lead.find(t.front()) != npos || t.back() == ':') return true;
  if (t == "From" || t == "diff" || t == "commit" || t == "index") return true;
  std::size_t d = 0;
  while (d < t.size() && is_digit(t[d])) ++d;
  return d > 0 && d + 1 == t.size() && (t[d] == '.' || t[d] == ')');
}

}  // namespace

void put_wrapped(std::string& out, const Tokens& t, std::size_t b, std::size_t e,
                 std::string_view indent, std::size_t width) {
  if (b >= e) return;
  std::size_t col = 0;
  for (std::size_t k = b; k < e; ++k) {
    if (k > b) {
      if (col + 1 + t[k].size() > width && !risky_line_start(t[k])) {
        out += '\n';
        out += indent;
        col = indent.size();
      } else {
        out += ' ';
        ++col;
      }
    }
    out += t[k];
    col += t[k].size();
  }
  out += '\n';
}

void ensure_blank(std::string& out) {
  if (out.empty() || ends_with(out, "\n\n")) return;
  out += ends_with(out, "\n") ? "\n" : "\n\n";
}

}  // namespace pt::flattened
