// recover stage: a flattened mail's header block read and written back (see flattened_headers.hpp).
#include "recover/flattened_headers.hpp"

#include <algorithm>

namespace pt::flattened {
namespace {

// Tokens that cannot be inside a header value: the body has begun at or before them.
bool is_body_marker(const Tokens& t, std::size_t k, std::size_t e) {
  return t[k] == "---" || is_diff_git(t, k, e) || upstream_marker_len(t, k, e) > 0;
}

constexpr std::size_t k_max_value_tokens = 512;  // far more than any folded DKIM or ARC value

// How the scan for a field's value stopped.
enum class Stop { next_field, in_body_from, marker, other };

bool seen_field(const std::vector<Field>& fields, const FieldSpec* spec) {
  for (const Field& f : fields)
    if (f.spec == spec) return true;
  return false;
}

// Two tokens name the same word once quotes and list commas are ignored.
bool same_word(std::string_view a, std::string_view b) {
  auto clean = [](std::string_view s) {
    while (!s.empty() && s.front() == '"') s.remove_prefix(1);
    while (!s.empty() && (s.back() == '"' || s.back() == ',')) s.remove_suffix(1);
    return s;
  };
  return clean(a) == clean(b);
}

}  // namespace

// Where the header block of `t` starts: token 0, or after an mbox "From <who> <date>" line.
std::optional<std::size_t> header_start(const Tokens& t) {
  if (t.empty()) return std::nullopt;
  if (header_token(t[0])) return 0;
  if (t[0] != "From") return std::nullopt;
  for (std::size_t k = 1; k < t.size() && k < 12; ++k)
    if (header_token(t[k])) return k;
  return std::nullopt;
}

// The longest of `names` that the tokens at k start with: its length, 0 when none.
std::size_t longest_name_at(const Tokens& t, std::size_t k, std::size_t e,
                            const std::vector<Name>& names) {
  std::size_t best = 0;
  for (const Name& name : names) {
    if (name.size() <= best || k + name.size() > e) continue;
    bool match = true;
    for (std::size_t i = 0; i < name.size() && match; ++i) match = same_word(t[k + i], name[i]);
    if (match) best = name.size();
  }
  return best;
}

// The entries of the From/To/Cc fields, split at commas.
std::vector<Name> names_in_fields(const Tokens& t, const std::vector<Field>& fields) {
  std::vector<Name> names;
  for (const auto& f : fields) {
    if (!iequals(f.name, "From") && !iequals(f.name, "To") && !iequals(f.name, "Cc")) continue;
    Name cur;
    for (std::size_t k = f.begin; k < f.end; ++k) {
      if (t[k] != ",") cur.push_back(t[k]);
      if (t[k].back() == ',') {
        if (!cur.empty()) names.push_back(cur);
        cur.clear();
      }
    }
    if (!cur.empty()) names.push_back(cur);
  }
  return names;
}

namespace {

// How many of the tokens [b, e) the last header field keeps; the rest is body. `fit` is
// its shape's answer (npos: free text); `stop` what ended the scan at e.
std::size_t last_value_len(const Tokens& t, const HeaderToken& ht, std::size_t b, std::size_t e,
                           std::size_t fit, Stop stop, const std::vector<Field>& fields) {
  bool strict = ht.spec && ht.spec->strict;
  bool landmark = stop == Stop::in_body_from || stop == Stop::marker;
  if (fit != npos && (strict || !landmark)) return std::min(fit, e - b);
  // "Sender: Mauro Carvalho Chehab" (address stripped): the name From or Cc gave.
  if (ht.spec && ht.spec->shape == Shape::address)
    if (std::size_t name = longest_name_at(t, b, e, names_in_fields(t, fields))) return name;
  // Free text: a reply's or greeting's first words end it, else the landmark does, unless
  // a machine-written field would hold sentences.
  std::size_t opener = body_opener(t, ht.glued.empty() ? b + 1 : b, e);
  if (opener < e) return opener - b;
  if (landmark && (ht.spec || !has_prose_run(t, b, e))) return e - b;
  if (!ht.glued.empty()) return 0;
  return generic_fit(t, b, e);
}

}  // namespace

// Splits the header tokens into fields and finds the first body token. A field's value runs
// to the next field name; the block ends at the first sure sign of a body (a repeated
// single field such as the in-body From, a trailer key, "---", "diff --git", an upstream
// marker), and the last field keeps only what its value shape allows.
HeaderBlock read_headers(const Tokens& t, std::size_t start) {
  HeaderBlock hb;
  std::size_t h = start;
  const std::size_t n = t.size();
  while (true) {
    HeaderToken ht = *header_token(t[h]);
    std::size_t j = h + 1;
    Stop stop = Stop::other;
    std::optional<HeaderToken> next;
    for (; j < n; ++j) {
      if (j - h > k_max_value_tokens) break;
      if (is_body_marker(t, j, n)) {
        stop = Stop::marker;
        break;
      }
      if (is_body_trailer_key(t[j])) break;
      // A DKIM header list written with spaces: "h=Message-ID: Date: Subject: Cc: To: From;".
      if (starts_with(t[j], "h=") && t[j].back() == ':') {
        while (j + 1 < n && t[j + 1].back() == ':' && header_token(t[j + 1])) ++j;
        continue;
      }
      next = header_token(t[j]);
      if (!next) continue;
      // People write Subject/From/To/Cc ("CDC-NCM: fix"): only a well-known or X- field
      // ends them.
      bool human = ht.spec && ht.spec->shape == Shape::free && ht.spec->single;
      if (human && !next->spec && !istarts_with(next->name, "X-")) continue;
      if (next->spec && next->spec->single &&
          (seen_field(hb.fields, next->spec) || next->spec == ht.spec)) {
        stop = iequals(next->name, "From") ? Stop::in_body_from : Stop::other;
      } else {
        stop = Stop::next_field;
      }
      break;
    }
    Field f{ht.name, ht.glued, h + 1, j, ht.spec};
    Shape shape = ht.spec ? ht.spec->shape : Shape::free;
    bool strict = ht.spec && ht.spec->strict;
    std::size_t avail = j - f.begin;
    std::size_t fit = shape_fit(shape, t, f.begin, j);
    if (stop == Stop::next_field && !(strict && fit != npos && fit < avail)) {
      hb.fields.push_back(f);
      h = j;
      continue;
    }
    // The last field: its value ends where its shape says, else at the landmark found.
    f.end = f.begin + last_value_len(t, ht, f.begin, j, fit, stop, hb.fields);
    hb.fields.push_back(f);
    hb.body_begin = f.end;
    break;
  }
  for (const Field& f : hb.fields)
    if (f.spec) ++hb.known;
  return hb;
}

std::string field_value(const Tokens& t, const Field& f) {
  std::string v(f.glued);
  if (!v.empty() && f.begin < f.end) v += ' ';
  v += join(t, f.begin, f.end);
  return v;
}

const Field* find_header(const HeaderBlock& hb, std::string_view name) {
  for (const Field& f : hb.fields)
    if (iequals(f.name, name)) return &f;
  return nullptr;
}

// A display name whose address the renderer took, as the mail stage must read it next to
// "<>": git mailinfo reads a From without '@' as written, so "\"Gustavo A. R. Silva\"" would
// keep its quotes, which the clean mail's parse drops. Quoted strings lose their quotes and
// backslash escapes; an encoded word ("=?UTF-8?q?...?=") or a name holding '<', '>' or '@'
// stays as it is.
std::string unquoted_name(std::string_view name) {
  if (name.find('"') == npos || find_bytes(name, "=?") != npos ||
      name.find_first_of("<>@") != npos)
    return std::string(name);
  std::string out;
  bool quoted = false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c == '"') {
      quoted = !quoted;
    } else if (quoted && c == '\\' && i + 1 < name.size()) {
      out += name[++i];
    } else {
      out += c;
    }
  }
  return std::string(trim(out));
}

// "Name: value"; lines over RFC 5322's 998 are folded at a space (" " continuation, so
// unfolding gives the same text back).
void put_field(std::string& out, std::string_view name, std::string_view glued,
               const std::string& value) {
  std::string line(name);
  line += ':';
  if (glued.empty() && !value.empty()) line += ' ';
  line += value;
  // A sender whose <address> the renderer took: "Name <>" keeps the name readable.
  if (iequals(name, "From") && !value.empty() && value.find('@') == npos) {
    line.resize(line.size() - value.size());
    line += unquoted_name(value);
    line += " <>";
  }
  std::size_t start = 0;
  while (line.size() - start > 998) {
    std::size_t cut = line.rfind(' ', start + 998);
    if (cut == npos || cut <= start) cut = line.find(' ', start + 998);
    if (cut == npos) break;
    out.append(line, start, cut - start);
    out += '\n';
    start = cut;  // the continuation starts with that space
  }
  out.append(line, start, npos);
  out += '\n';
}

// Names in From/To/Cc without any address: the renderer removed "<user@host>" as a tag.
bool addresses_lost(const Tokens& t, const HeaderBlock& hb) {
  for (const Field& f : hb.fields) {
    if (!iequals(f.name, "From") && !iequals(f.name, "To") && !iequals(f.name, "Cc")) continue;
    bool entry_has_at = false, entry_nonempty = false;
    for (std::size_t k = f.begin; k <= f.end; ++k) {
      bool end_of_entry = k == f.end || t[k] == "," || t[k].back() == ',';
      if (k < f.end && t[k] != ",") {
        entry_nonempty = true;
        if (t[k].find('@') != npos) entry_has_at = true;
      }
      if (end_of_entry) {
        if (entry_nonempty && !entry_has_at) return true;
        entry_has_at = entry_nonempty = false;
      }
    }
  }
  return false;
}

}  // namespace pt::flattened
