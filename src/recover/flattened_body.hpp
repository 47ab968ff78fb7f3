// recover stage (internal to flattened_mail): the body of a flattened mail laid out as lines.
// (body tokens, names the mail gives) -> review preamble, in-body From, upstream marker,
// prose, trailers, "---", notes, diffstat, diff, format-patch signature
#pragma once

#include <string>
#include <vector>

#include "recover/flattened_headers.hpp"
#include "recover/flattened_tokens.hpp"

namespace pt::flattened {

// What put_body found and restored.
struct BodyResult {
  bool in_body_from = false;
  int trailers = 0;
  bool diff = false;
  bool signature = false;
};

// People named in the mail: the From/To/Cc entries (split at commas) and the values of the
// body's trailer keys (up to an address or note). The in-body From is usually one of them.
std::vector<Name> known_names(const Tokens& t, const HeaderBlock& hb, const Tokens& body);

// The body tokens `t` as lines; `names` tell where the in-body From's name ends.
BodyResult put_body(std::string& out, const Tokens& t, const std::vector<Name>& names);

}  // namespace pt::flattened
