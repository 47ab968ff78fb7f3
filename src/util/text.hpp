// util: byte-string helpers with C-locale semantics (no triage knowledge).
// string_view in -> bool / position / trimmed view out.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pt {

// isspace() of the C locale, for any byte value (safe for bytes >= 0x80).
inline bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
inline char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }

inline bool starts_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}
inline bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}
// Position of `needle` in `hay`, or npos. glibc's memmem: string_view::find calls memchr
// once per occurrence of the needle's first byte, which is slow on long text.
std::size_t find_bytes(std::string_view hay, std::string_view needle);

// Case-insensitive (ASCII) prefix test.
bool istarts_with(std::string_view s, std::string_view p);
// Case-insensitive (ASCII) equality.
bool iequals(std::string_view a, std::string_view b);
// Position of `needle` in `hay` ignoring ASCII case (strcasestr), or npos.
std::size_t ifind(std::string_view hay, std::string_view needle);

// Leading and trailing C-locale whitespace removed.
std::string_view trim(std::string_view s);
std::string_view rtrim(std::string_view s);
std::string_view ltrim(std::string_view s);
// Runs of whitespace turned into one space (git's cleanup_space; no trimming).
std::string collapse_space(std::string_view s);

// Position of the first '\n' at or after `pos`, or npos. Mail lines are short: a 16-byte
// scan without memchr's set-up is faster there (memchr was a fifth of the parse's cycles).
std::size_t find_newline(std::string_view text, std::size_t pos);

// The number of '\n' bytes in `text`.
std::size_t count_newlines(std::string_view text);

// The line starting at `pos` including its '\n' (or up to the end); advances pos.
inline std::string_view next_line(std::string_view text, std::size_t& pos) {
  std::size_t start = pos;
  std::size_t nl = find_newline(text, pos);
  pos = (nl == std::string_view::npos) ? text.size() : nl + 1;
  return text.substr(start, pos - start);
}

// The lines of `text` without their LF or CRLF ends.
std::vector<std::string_view> text_lines(std::string_view text);

// Parses the hexadecimal digit value of c, or -1.
inline int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace pt
