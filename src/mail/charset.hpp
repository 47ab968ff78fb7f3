// mail stage: charset conversion to UTF-8 through iconv.
// bytes in a named charset -> UTF-8 bytes (never drops input silently).
#pragma once

#include <string>
#include <string_view>

namespace pt {

// True when `charset` names UTF-8 ("utf-8", "UTF8", ...), as git's same_encoding().
bool is_utf8_charset(std::string_view charset);

// True when every byte of `s` is below 0x80.
bool is_ascii(std::string_view s);

// True when `s` is well-formed UTF-8.
bool is_valid_utf8(std::string_view s);

// True for charsets in which ASCII bytes may not stand for themselves (UTF-7, ISO-2022-*,
// UTF-16/32): text in them always goes through iconv.
bool charset_may_change_ascii(std::string_view charset);

// Converts `in` from `charset` to UTF-8 into `out`. Returns false when iconv does not know
// the charset or the bytes are invalid in it; then `out` holds the input unchanged
// (invalid bytes kept, so they show up as U+FFFD later rather than vanishing).
// An empty charset or a UTF-8 one is no conversion and returns true.
bool convert_to_utf8(std::string_view in, std::string_view charset, std::string& out);

}  // namespace pt
