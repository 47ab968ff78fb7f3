// fuzz target: mail stage header values (RFC 2047 words, author addresses, dates).
// one header value -> decode_rfc2047 -> parse_author; to_utc_iso8601 -> iso8601_to_unix.
#include <string>

#include "fuzz_support.hpp"
#include "mail/address.hpp"
#include "mail/date.hpp"
#include "mail/rfc2047.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = pt::fuzz::as_text(data, size);
  pt::DecodedHeader decoded = pt::decode_rfc2047(text);
  (void)pt::parse_author(text);
  (void)pt::parse_author(decoded.text);
  for (std::string_view value : {text, std::string_view(decoded.text)}) {
    std::string iso = pt::to_utc_iso8601(value);
    // date.hpp: a value to_utc_iso8601 produced always converts back.
    if (!iso.empty()) pt::fuzz::require(pt::iso8601_to_unix(iso).has_value(), "produced ISO date converts");
  }
  (void)pt::iso8601_to_unix(text);
  return 0;
}
