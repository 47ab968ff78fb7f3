// recover stage (internal to flattened_mail): the header fields a flattened mail may hold.
// (a token) -> the field it opens; (a field's value tokens) -> how many its value shape takes
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "recover/flattened_tokens.hpp"

namespace pt::flattened {

// How a header's value looks, so the last header can be told from the body text after it.
enum class Shape {
  free,          // any text (Subject, Received, DKIM...)
  one_token,     // "8bit", "bulk", "linux-usb@vger.kernel.org"
  angle_ids,     // "<id>" tokens (stripped ones leave nothing)
  date,          // "Mon, 20 Apr 2026 09:08:18 -0400 (UTC)"
  params,        // "text/plain; charset=UTF-8"
  mime_version,  // "1.0" and an optional comment
  address,       // one "user@host" token when the address survived
  stable_base,   // "Linux 7.0"
  mailer,        // "git-send-email 2.53.0"
  rspamd_action, // "no action"
  key_values,    // "rule=x policy=y score=0"
  list_urls,     // "<mailto:...>, <https://...>" (mostly stripped to "" or ",")
  tag_list,      // DKIM/ARC "v=1; a=rsa-sha256; ... b=<base64 folded over tokens>"
  stars,         // X-Spam-Level: "***" or nothing
  relay,         // b4's X-Endpoint-Received: "by B4 Relay for x/y with auth_id=306"
};

struct FieldSpec {
  std::string_view name;
  Shape shape;
  bool strict;  // the value never has more tokens than its shape: extra tokens are body text
  bool single;  // a mail has it once: a second one is body text (in-body From, trailer Cc)
};

// A key no mail header has: "...-by:", "Fixes:", "Link:"... Where one appears the body has
// begun. ("Received-SPF:" looks like a trailer key but is a header.)
bool is_body_trailer_key(std::string_view t);

// A token that opens a header field: "Subject:" or, for ARC fields whose value follows the
// colon without a space, "ARC-Seal:i=1;". `glued` is that value start.
struct HeaderToken {
  std::string_view name;
  std::string_view glued;
  const FieldSpec* spec = nullptr;  // nullptr: an X-/unknown field
};
// The header field token `t` opens, nullopt when it opens none.
std::optional<HeaderToken> header_token(std::string_view t);

// How many of the tokens [b, e) a field's value of `shape` takes; npos when the shape does
// not recognise them (then the value is free text).
std::size_t shape_fit(Shape shape, const Tokens& t, std::size_t b, std::size_t e);
// An unknown field's value when nothing marks where the body starts: one token, and more
// only while they read as "key=value;" parameters.
std::size_t generic_fit(const Tokens& t, std::size_t b, std::size_t e);
// Four plain lower-case words in a row ("just noticed your patch"): a sentence, which the
// machine-written X- fields never hold.
bool has_prose_run(const Tokens& t, std::size_t b, std::size_t e);
// The first words of a body that a free-text last field may have swallowed: a reply's
// "On <date>, <name> wrote:", a greeting "Hi Rob,", a MIME preamble. Its index, or e.
std::size_t body_opener(const Tokens& t, std::size_t b, std::size_t e);

}  // namespace pt::flattened
