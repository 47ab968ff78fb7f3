#include "mail/rfc2047.hpp"

#include "mail/charset.hpp"
#include "mail/transfer_decoding.hpp"
#include "util/text.hpp"

namespace pt {

DecodedHeader decode_rfc2047(std::string_view value) {
  DecodedHeader result;
  // git treats the value as a C string.
  if (auto nul = value.find('\0'); nul != std::string_view::npos) value = value.substr(0, nul);
  std::string out;
  std::size_t in = 0;
  bool after_word = false;
  while (in <= value.size()) {
    std::size_t ep = value.find("=?", in);
    if (ep == std::string_view::npos) break;
    if (ep != in) {
      std::string_view gap = value.substr(in, ep - in);
      // Whitespace between two encoded words vanishes; anything else is kept.
      if (!trim(gap).empty() || !after_word) out.append(gap);
    }
    std::size_t cs_begin = ep + 2;
    std::size_t q1 = value.find('?', cs_begin);
    if (cs_begin >= value.size() || q1 == std::string_view::npos || q1 + 3 > value.size() ||
        q1 + 2 >= value.size() || value[q1 + 2] != '?') {
      result.ok = false;
      result.text.assign(value);
      return result;
    }
    std::string_view charset = value.substr(cs_begin, q1 - cs_begin);
    char encoding = to_lower(value[q1 + 1]);
    std::size_t end = value.find("?=", q1 + 3);
    if (end == std::string_view::npos || (encoding != 'b' && encoding != 'q')) {
      result.ok = false;
      result.text.assign(value);
      return result;
    }
    std::string_view payload = value.substr(q1 + 3, end - q1 - 3);
    std::string decoded = encoding == 'b' ? decode_base64(payload)
                                          : decode_quoted_printable(payload, true);
    // RFC 2231 allows "charset*language"; iconv knows only the charset.
    if (auto star = charset.find('*'); star != std::string_view::npos)
      charset = charset.substr(0, star);
    std::string utf8;
    if (!convert_to_utf8(decoded, charset, utf8)) result.converted = false;
    out += utf8;
    in = end + 2;
    after_word = true;
  }
  if (in < value.size()) out.append(value.substr(in));
  result.text = std::move(out);
  return result;
}

}  // namespace pt
