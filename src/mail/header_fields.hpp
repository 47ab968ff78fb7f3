// mail stage: header lines by name. A line -> where its field name ends (RFC 5322
// field-name), which of the fields git reads it is, and its value after "Name:".
// Inline: mailinfo looks at every header line of every mail (lore mail has 30-60).
#pragma once

#include <string_view>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "util/text.hpp"

namespace pt::header_line {

constexpr std::size_t k_mbox_from = std::string_view::npos - 1;

// RFC 5322 3.6.8 ftext: printable ASCII (33..126) but the colon.
inline bool is_ftext(char c) {
  return static_cast<unsigned char>(c) >= 33 && static_cast<unsigned char>(c) <= 126 && c != ':';
}

// RFC 5322 3.6.8: field-name = 1*ftext ":". The colon's position; k_mbox_from for an mbox
// "From " line (a header too, for git, but not a field); npos for anything else.
inline std::size_t header_colon(std::string_view line) {
  if (starts_with(line, "From ") || starts_with(line, ">From ")) return k_mbox_from;
  std::size_t i = 0;
#ifdef __SSE2__
  // Sixteen bytes a step while the line has them: the first byte that is not ftext.
  // As signed bytes, everything below 33 or from 128 up is "< 33".
  const __m128i low = _mm_set1_epi8(33), del = _mm_set1_epi8(127), colon = _mm_set1_epi8(':');
  for (; i + 16 <= line.size(); i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(line.data() + i));
    __m128i stop = _mm_or_si128(_mm_cmplt_epi8(v, low),
                                _mm_or_si128(_mm_cmpeq_epi8(v, del), _mm_cmpeq_epi8(v, colon)));
    if (int mask = _mm_movemask_epi8(stop)) {
      i += static_cast<std::size_t>(__builtin_ctz(mask));
      return line[i] == ':' ? i : std::string_view::npos;
    }
  }
#endif
  while (i < line.size() && is_ftext(line[i])) ++i;
  return i < line.size() && line[i] == ':' ? i : std::string_view::npos;
}

// "Name:" (any case) then blanks; the value as a C string, as git reads it.
bool skip_header(std::string_view line, std::string_view name, std::string_view& value);

// The header fields git reads, found by their first byte: most lore headers (Received,
// ARC-*, DKIM-Signature, X-*) are ruled out without a comparison.
enum class Field { none, from, subject, date, content_type, transfer_encoding, message_id };

inline bool has_name(std::string_view line, std::string_view name) {
  return line.size() > name.size() && line[name.size()] == ':' && istarts_with(line, name);
}

// Which field `line` ("Name:" in any case; the name is always on the first line) is.
inline Field field_of(std::string_view line) {
  if (line.empty()) return Field::none;
  // Compares, not a switch: a jump table on the first byte mispredicts on every field.
  // (b | 0x20) == 'f' holds for 'F' and 'f' only, and so on.
  const char c = static_cast<char>(line[0] | 0x20);
  if (c == 'f') return has_name(line, "From") ? Field::from : Field::none;
  if (c == 's') return has_name(line, "Subject") ? Field::subject : Field::none;
  if (c == 'd') return has_name(line, "Date") ? Field::date : Field::none;
  if (c == 'c') {
    if (has_name(line, "Content-Type")) return Field::content_type;
    return has_name(line, "Content-Transfer-Encoding") ? Field::transfer_encoding : Field::none;
  }
  if (c == 'm') return has_name(line, "Message-Id") ? Field::message_id : Field::none;
  return Field::none;
}

}  // namespace pt::header_line
