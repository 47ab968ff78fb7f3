// recover stage (internal to flattened_mail): the header block of a flattened mail.
// (tokens from the first header name on) -> fields with their value tokens, the first body
// token, the names From/To/Cc give; fields written back one per line
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "recover/flattened_fields.hpp"
#include "recover/flattened_tokens.hpp"

namespace pt::flattened {

struct Field {
  std::string_view name;
  std::string_view glued;
  std::size_t begin = 0, end = 0;  // value tokens
  const FieldSpec* spec = nullptr;
};

struct HeaderBlock {
  std::vector<Field> fields;
  std::size_t body_begin = 0;
  int known = 0;  // fields with a well-known name
};

// Where the header block of `t` starts: token 0, or after an mbox "From <who> <date>" line;
// nullopt when `t` does not start with a header.
std::optional<std::size_t> header_start(const Tokens& t);

// Splits the header tokens into fields and finds the first body token. A field's value runs
// to the next field name; the block ends at the first sure sign of a body (a repeated
// single field such as the in-body From, a trailer key, "---", "diff --git", an upstream
// marker), and the last field keeps only what its value shape allows.
HeaderBlock read_headers(const Tokens& t, std::size_t start);

// The field's value as one string (a glued value start first).
std::string field_value(const Tokens& t, const Field& f);
// The first field named `name` (any case), nullptr when none.
const Field* find_header(const HeaderBlock& hb, std::string_view name);
// Names in From/To/Cc without any address: the renderer removed "<user@host>" as a tag.
bool addresses_lost(const Tokens& t, const HeaderBlock& hb);

// "Name: value"; lines over RFC 5322's 998 are folded at a space (" " continuation, so
// unfolding gives the same text back). A From without an address gets "<>" after the name.
void put_field(std::string& out, std::string_view name, std::string_view glued,
               const std::string& value);

// Names: with addresses stripped, a display name's end is known only by meeting it elsewhere.

using Name = std::vector<std::string_view>;

// The longest of `names` that the tokens at k start with: its length, 0 when none.
std::size_t longest_name_at(const Tokens& t, std::size_t k, std::size_t e,
                            const std::vector<Name>& names);
// The entries of the From/To/Cc fields, split at commas.
std::vector<Name> names_in_fields(const Tokens& t, const std::vector<Field>& fields);
// A display name whose address the renderer took, as the mail stage must read it next to
// "<>": git mailinfo reads a From without '@' as written, so "\"Gustavo A. R. Silva\"" would
// keep its quotes, which the clean mail's parse drops. Quoted strings lose their quotes and
// backslash escapes; an encoded word ("=?UTF-8?q?...?=") or a name holding '<', '>' or '@'
// stays as it is.
std::string unquoted_name(std::string_view name);

}  // namespace pt::flattened
