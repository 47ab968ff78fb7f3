// util: byte-string helpers with C-locale semantics (no triage knowledge).
// string_view in -> bool / position / trimmed view out.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

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
// The same on a string the caller owns: no copy when there is nothing to collapse.
void collapse_space_in_place(std::string& s);

// Position of the first '\n' at or after `pos`, or npos. Mail lines are short (~42 bytes
// on average): an inlined scan of 32 bytes a step, without memchr's set-up and without a
// call, is faster there (memchr was a fifth of the parse's cycles, the call 2%).
// g++ 12 warns (-Warray-bounds) where it inlines this into a caller that passes a short
// literal, about loads that the bounds check keeps from running.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Warray-bounds"
inline std::size_t find_newline(std::string_view text, std::size_t pos) {
  const char* d = text.data();
  const std::size_t n = text.size();
#ifdef __SSE2__
  const __m128i nl = _mm_set1_epi8('\n');
  for (; pos + 32 <= n; pos += 32) {
    __m128i lo = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + pos));
    __m128i hi = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + pos + 16));
    unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(lo, nl))) |
                    static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(hi, nl))) << 16;
    if (mask) return pos + static_cast<std::size_t>(__builtin_ctz(mask));
  }
  if (pos + 16 <= n) {
    __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + pos));
    if (int mask = _mm_movemask_epi8(_mm_cmpeq_epi8(block, nl)))
      return pos + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    pos += 16;
  }
#endif
  for (; pos < n; ++pos)
    if (d[pos] == '\n') return pos;
  return std::string_view::npos;
}
#pragma GCC diagnostic pop

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
