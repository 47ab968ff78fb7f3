// fuzz target: mail stage on a whole message (MIME outline, transfer decodings, charsets,
// git mailinfo's extraction). message bytes -> MailInfo, info text, MIME parts.
#include <string>

#include "fuzz_support.hpp"
#include "mail/charset.hpp"
#include "mail/mailinfo.hpp"
#include "mail/mime_outline.hpp"
#include "mail/transfer_decoding.hpp"

namespace {

constexpr std::string_view k_charsets[] = {"",         "utf-8",      "iso-8859-1", "iso-2022-jp",
                                           "utf-7",    "utf-16",     "gb2312",     "koi8-r",
                                           "windows-1252", "shift_jis", "x-unknown"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = pt::fuzz::as_text(data, size);
  unsigned bits = pt::fuzz::option_bits(text);
  pt::MailInfoOptions options;
  options.scissors = bits & 1;
  options.inbody_headers = !(bits & 2);
  options.add_message_id = bits & 4;
  options.quoted_cr = static_cast<pt::QuotedCr>((bits >> 3) % 3);
  options.body_already_decoded = bits & 32;
  pt::MailInfo info = pt::extract_mailinfo(text, options);
  (void)pt::format_info(info);
  for (std::string_view line : pt::fuzz::lines_of(info.message)) (void)pt::is_scissors_line(line);

  (void)pt::outline_mime(text);

  // The decoders and the charset conversion on the raw bytes too (mailinfo only hands them
  // what a header selects).
  (void)pt::decode_quoted_printable(text, bits & 64);
  (void)pt::decode_base64(text);
  std::string out;
  (void)pt::convert_to_utf8(text, k_charsets[size % std::size(k_charsets)], out);
  (void)pt::is_valid_utf8(text);
  return 0;
}
