#include "mail/transfer_decoding.hpp"

#include <mimetic/codec/base64.h>

#include <iterator>

#include "util/text.hpp"

namespace pt {

std::string decode_quoted_printable(std::string_view in, bool rfc2047) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '\0') break;  // git works on C strings
    if (c == '=') {
      if (i + 1 >= in.size() || in[i + 1] == '\n' || in[i + 1] == '\0') break;  // soft break
      if (i + 2 < in.size() || i + 2 == in.size()) {
        int hi = hex_value(in[i + 1]);
        int lo = (i + 2 < in.size()) ? hex_value(in[i + 2]) : -1;
        if (hi >= 0 && lo >= 0) {
          out.push_back(static_cast<char>(hi << 4 | lo));
          i += 2;
          continue;
        }
      }
      // malformed: keep the '=' literally
    }
    if (rfc2047 && c == '_') c = ' ';
    out.push_back(c);
  }
  return out;
}

std::string decode_base64(std::string_view in) {
  std::string out;
  out.reserve(in.size() * 3 / 4 + 3);
  mimetic::Base64::Decoder decoder;
  decoder.process(in.begin(), in.end(), std::back_inserter(out));
  return out;
}

}  // namespace pt
