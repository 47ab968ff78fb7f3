#include "mail/transfer_decoding.hpp"

#include <mimetic/codec/base64.h>

#include <iterator>

#include "util/text.hpp"

namespace pt {

std::string decode_quoted_printable(std::string_view in, bool rfc2047) {
  std::string out;
  out.reserve(in.size());
  append_quoted_printable(out, in, rfc2047);
  return out;
}

void append_quoted_printable(std::string& out, std::string_view in, bool rfc2047) {
  const std::size_t n = in.size();
  std::size_t i = 0;
  while (i < n) {
    // Plain bytes are copied as one run up to the next byte that means something.
    std::size_t run = i;
    while (run < n && in[run] != '=' && in[run] != '\0' && !(rfc2047 && in[run] == '_')) ++run;
    out.append(in.data() + i, run - i);
    i = run;
    if (i >= n || in[i] == '\0') break;  // git works on C strings
    if (in[i] == '_') {                  // only with rfc2047
      out.push_back(' ');
      ++i;
      continue;
    }
    if (i + 1 >= n || in[i + 1] == '\n' || in[i + 1] == '\0') break;  // soft break
    int hi = hex_value(in[i + 1]);
    int lo = i + 2 < n ? hex_value(in[i + 2]) : -1;
    if (hi >= 0 && lo >= 0) {
      out.push_back(static_cast<char>(hi << 4 | lo));
      i += 3;
      continue;
    }
    out.push_back('=');  // malformed: keep the '=' literally
    ++i;
  }
}

std::string decode_base64(std::string_view in) {
  std::string out;
  out.reserve(in.size() * 3 / 4 + 3);
  mimetic::Base64::Decoder decoder;
  decoder.process(in.begin(), in.end(), std::back_inserter(out));
  return out;
}

}  // namespace pt
