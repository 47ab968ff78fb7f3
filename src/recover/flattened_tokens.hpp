// recover stage (internal to flattened_mail): the tokens of a flattened mail and their shapes.
// (mail text whose line breaks became spaces) -> tokens, what each looks like, lines laid out
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "util/text.hpp"

namespace pt::flattened {

using Tokens = std::vector<std::string_view>;
constexpr std::size_t npos = std::string_view::npos;

// Whitespace-separated tokens of `text`; at most `limit` of them (a cheap look at the start
// decides whether the whole input is worth splitting).
Tokens split_tokens(std::string_view text, std::size_t limit = npos);

inline bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
inline bool is_name_char(char c) { return is_alpha(c) || is_digit(c) || c == '-' || c == '_'; }

inline bool all_digits(std::string_view t) {
  return !t.empty() && std::all_of(t.begin(), t.end(), is_digit);
}
inline bool all_hex(std::string_view t, std::size_t min_len) {
  return t.size() >= min_len && std::all_of(t.begin(), t.end(), is_hex);
}
// "2.53.0", "2.34.1.windows.1": git's version as format-patch prints it under "-- ".
bool is_version(std::string_view t);
// A message id or address that survived tag stripping: "<2026...@kernel.org>".
inline bool is_angle(std::string_view t) {
  return t.size() >= 2 && t.front() == '<' && t.back() == '>';
}
inline bool is_comment_start(std::string_view t) { return !t.empty() && t.front() == '('; }

// Tokens [b, e) joined by single spaces.
std::string join(const Tokens& t, std::size_t b, std::size_t e);

// A trailer key of a commit message: "Signed-off-by:", "Reported-and-tested-by:",
// "Addresses-Coverity-ID:", "Fixes:", "Link:", "Cc:"...
bool is_trailer_key(std::string_view t);

// Body landmarks.
// "[ Upstream commit <sha> ]" (with an optional subject) or Greg's "commit <sha> upstream.":
// the token count at k, 0 when none.
std::size_t upstream_marker_len(const Tokens& t, std::size_t k, std::size_t e);
inline bool is_diff_git(const Tokens& t, std::size_t k, std::size_t e) {
  return k + 1 < e && t[k] == "diff" && t[k + 1] == "--git";
}

// Text layout.
// Tokens [b, e) as lines of about `width` columns; continuation lines get `indent`.
void put_wrapped(std::string& out, const Tokens& t, std::size_t b, std::size_t e,
                 std::string_view indent = {}, std::size_t width = 72);
// Makes `out` end with an empty line (unless it is empty).
void ensure_blank(std::string& out);

}  // namespace pt::flattened
