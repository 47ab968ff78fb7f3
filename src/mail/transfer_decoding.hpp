// mail stage: content-transfer-encoding decoders with git mailinfo's line semantics.
// one encoded line (or RFC 2047 word) -> decoded bytes.
#pragma once

#include <string>
#include <string_view>

namespace pt {

enum class TransferEncoding { none, base64, quoted_printable };

// Decodes quoted-printable as git's decode_q_segment: "=XX" becomes a byte, "=" before the
// end of line is a soft break (drops the rest), a malformed "=" stays literal, trailing
// blanks and CRs are kept. With `rfc2047`, '_' stands for a space (RFC 2047 4.2).
// We do not use mimetic's QP decoder here: it strips trailing blanks and control bytes
// (CR included), which git keeps and its conformance outputs show.
std::string decode_quoted_printable(std::string_view in, bool rfc2047);
// The same, appended to `out` (no buffer of its own per line).
void append_quoted_printable(std::string& out, std::string_view in, bool rfc2047);

// Decodes base64 (mimetic's decoder); characters outside the alphabet are skipped.
std::string decode_base64(std::string_view in);

}  // namespace pt
