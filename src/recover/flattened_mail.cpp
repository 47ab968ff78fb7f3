// recover stage: a raw mail whose line breaks became spaces -> mail text.
// (one line of space-separated tokens, `<letter...>` tags stripped) -> header fields one per
// line, empty line, body with in-body From, upstream marker, prose, trailers, "---", notes,
// diffstat, diff headers and best-effort hunk lines, format-patch signature.
//
// Nothing here can know where the original lines broke; every decision is made from the
// shape of the tokens (a header name, a date, a trailer key, a hunk header). Tokens are never
// dropped or changed (apart from the mboxrd ">From" unquoting, the transfer encoding of a
// body the renderer already decoded, and the "<>" put where a sender's or trailer's address
// was taken, with a sender name's quotes dropped): only the whitespace between them is
// chosen, so a later stage (hunk_rebuild) can re-join and realign them.
//
// The stages, each in its file: tokens and their shapes (flattened_tokens), header fields and
// value shapes (flattened_fields), the header block (flattened_headers), the body
// (flattened_body) with its diffstat and diff (flattened_diff).
#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "recover/flattened_body.hpp"
#include "recover/flattened_headers.hpp"
#include "recover/flattened_tokens.hpp"
#include "recover/rendered_mail.hpp"
#include "util/text.hpp"

namespace pt {
namespace {

using flattened::Tokens;
using flattened::npos;

// ---------------------------------------------------------------------------------------------
// Transfer encodings.

bool is_base64_token(std::string_view w) {
  return std::all_of(w.begin(), w.end(), [](char c) {
    return flattened::is_alpha(c) || is_digit(c) || c == '+' || c == '/' || c == '=';
  });
}

// A base64 body's lines never hold spaces: each token is one line, byte for byte. All lines
// but the last have the encoder's width; a decoded body (as some renderers show it) has not.
bool body_is_base64(const Tokens& body) {
  if (body.empty() || !std::all_of(body.begin(), body.end(), is_base64_token)) return false;
  if (body.size() == 1) return body[0].size() % 4 == 0;
  std::size_t width = body[0].size();
  return width >= 40 && std::all_of(body.begin(), body.end() - 1,
                                    [&](std::string_view w) { return w.size() == width; });
}

// Quoted-printable text always writes '=' as "=3D" and long lines end in "=".
bool body_is_quoted_printable(const Tokens& body) {
  for (std::string_view w : body)
    if (find_bytes(w, "=3D") != npos || find_bytes(w, "=20") != npos || find_bytes(w, "=09") != npos)
      return true;
  return false;
}

}  // namespace

std::optional<UnwrappedMail> unflatten_mail(std::string_view bytes) {
  // Decide from the first tokens before splitting a possibly huge input.
  Tokens head = flattened::split_tokens(bytes, 16);
  if (!flattened::header_start(head)) return std::nullopt;
  Tokens t = flattened::split_tokens(bytes);
  std::size_t start = *flattened::header_start(t);
  bool mboxrd = start > 1 && t[0] == "From" && t[1] == "mboxrd@z";
  flattened::HeaderBlock hb = flattened::read_headers(t, start);
  if (hb.known < 2) return std::nullopt;

  UnwrappedMail m;
  m.form = RenderedForm::flattened;
  Tokens body(t.begin() + static_cast<std::ptrdiff_t>(hb.body_begin), t.end());
  // mboxrd quoted body lines starting "From " as ">From "; reading the mbox undoes it.
  if (mboxrd)
    for (std::string_view& w : body)
      if (w.size() > 4 && w[0] == '>' && ends_with(w, "From") &&
          w.find_first_not_of('>') == w.size() - 4)
        w.remove_prefix(1);

  // A body the renderer already decoded must not be decoded again by the mail stage.
  const flattened::Field* cte = flattened::find_header(hb, "Content-Transfer-Encoding");
  std::string cte_value = cte ? flattened::field_value(t, *cte) : std::string();
  bool base64 = iequals(cte_value, "base64") && body_is_base64(body);
  bool decoded = (iequals(cte_value, "base64") && !base64) ||
                 (iequals(cte_value, "quoted-printable") && !body_is_quoted_printable(body));

  for (const flattened::Field& f : hb.fields) {
    std::string value = flattened::field_value(t, f);
    if (&f == cte && decoded) value = "8bit";
    flattened::put_field(m.mail, f.name, f.glued, value);
  }
  m.mail += '\n';
  m.repairs.push_back("line breaks restored from the token stream (" +
                      std::to_string(hb.fields.size()) + " header fields)");
  if (flattened::addresses_lost(t, hb)) m.repairs.push_back("addresses lost in the rendering (HTML tag stripping)");
  if (decoded) m.repairs.push_back("transfer encoding set to 8bit (the body was already decoded)");

  if (base64) {
    for (std::string_view w : body) m.mail += std::string(w) + '\n';
    m.repairs.push_back("base64 body lines restored (one per token)");
    return m;
  }
  flattened::BodyResult r = flattened::put_body(m.mail, body, flattened::known_names(t, hb, body));
  if (r.in_body_from) m.repairs.push_back("in-body From separated");
  if (r.trailers > 0) m.repairs.push_back(std::to_string(r.trailers) + " trailers split");
  if (r.diff) {
    m.diff_whitespace_lost = true;
    m.repairs.push_back("diff headers split; hunk bodies need the target file to rebuild");
  }
  if (r.signature) m.repairs.push_back("format-patch signature restored");
  return m;
}

}  // namespace pt
