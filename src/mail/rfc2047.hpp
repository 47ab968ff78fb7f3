// mail stage: RFC 2047 encoded words in header values.
// raw header value -> UTF-8 text, as git mailinfo's decode_header.
#pragma once

#include <string>
#include <string_view>

namespace pt {

struct DecodedHeader {
  std::string text;
  bool ok = true;         // false: a malformed encoded word (text then holds the raw value)
  bool converted = true;  // false: some word's charset could not be converted to UTF-8
};

// Decodes every `=?charset?B|Q?...?=` word; whitespace between two adjacent encoded words
// is dropped (RFC 2047 6.2), other text is kept as written.
DecodedHeader decode_rfc2047(std::string_view value);

}  // namespace pt
