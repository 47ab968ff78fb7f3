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
#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "recover/rendered_mail.hpp"
#include "util/text.hpp"

namespace pt {
namespace {

using Tokens = std::vector<std::string_view>;
constexpr std::size_t npos = std::string_view::npos;

// ---------------------------------------------------------------------------------------------
// Tokens and their shapes.

// Whitespace-separated tokens of `text`; at most `limit` of them (a cheap look at the start
// decides whether the whole input is worth splitting).
Tokens split_tokens(std::string_view text, std::size_t limit = npos) {
  Tokens out;
  std::size_t i = 0;
  while (i < text.size() && out.size() < limit) {
    while (i < text.size() && is_space(text[i])) ++i;
    std::size_t start = i;
    while (i < text.size() && !is_space(text[i])) ++i;
    if (i > start) out.push_back(text.substr(start, i - start));
  }
  return out;
}

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

bool all_digits(std::string_view t) {
  return !t.empty() && std::all_of(t.begin(), t.end(), is_digit);
}
bool all_hex(std::string_view t, std::size_t min_len) {
  return t.size() >= min_len && std::all_of(t.begin(), t.end(), is_hex);
}
// "2.53.0", "2.34.1.windows.1": git's version as format-patch prints it under "-- ".
bool is_version(std::string_view t) {
  if (t.empty() || !is_digit(t[0]) || t.find('.') == npos) return false;
  return std::all_of(t.begin(), t.end(), [](char c) {
    return is_digit(c) || is_alpha(c) || c == '.' || c == '-' || c == '+' || c == '_';
  });
}
// A message id or address that survived tag stripping: "<2026...@kernel.org>".
bool is_angle(std::string_view t) { return t.size() >= 2 && t.front() == '<' && t.back() == '>'; }
bool is_comment_start(std::string_view t) { return !t.empty() && t.front() == '('; }

// Tokens joined by single spaces.
std::string join(const Tokens& t, std::size_t b, std::size_t e) {
  std::string out;
  for (std::size_t k = b; k < e; ++k) {
    if (k > b) out += ' ';
    out += t[k];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Header names and the shape of their values.

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

constexpr std::array k_fields = {
    FieldSpec{"From", Shape::free, false, true},
    FieldSpec{"To", Shape::free, false, true},
    FieldSpec{"Cc", Shape::free, false, true},
    FieldSpec{"Bcc", Shape::free, false, true},
    FieldSpec{"Subject", Shape::free, false, true},
    FieldSpec{"Date", Shape::date, true, true},
    FieldSpec{"Message-ID", Shape::angle_ids, true, true},
    FieldSpec{"In-Reply-To", Shape::angle_ids, true, true},
    FieldSpec{"References", Shape::angle_ids, true, true},
    FieldSpec{"Reply-To", Shape::address, false, true},
    FieldSpec{"Sender", Shape::address, false, true},
    FieldSpec{"Return-Path", Shape::angle_ids, true, false},
    FieldSpec{"Delivered-To", Shape::one_token, true, false},
    FieldSpec{"X-Original-To", Shape::one_token, true, false},
    FieldSpec{"Received", Shape::free, false, false},
    FieldSpec{"X-Received", Shape::free, false, false},
    FieldSpec{"Authentication-Results", Shape::free, false, false},
    FieldSpec{"ARC-Seal", Shape::tag_list, false, false},
    FieldSpec{"ARC-Message-Signature", Shape::tag_list, false, false},
    FieldSpec{"ARC-Authentication-Results", Shape::free, false, false},
    FieldSpec{"DKIM-Signature", Shape::tag_list, false, false},
    FieldSpec{"DKIM-Filter", Shape::free, false, false},
    FieldSpec{"Precedence", Shape::one_token, true, false},
    FieldSpec{"X-Mailing-List", Shape::one_token, true, false},
    FieldSpec{"List-Id", Shape::list_urls, false, false},
    FieldSpec{"List-Subscribe", Shape::list_urls, false, false},
    FieldSpec{"List-Unsubscribe", Shape::list_urls, false, false},
    FieldSpec{"List-Unsubscribe-Post", Shape::free, false, false},
    FieldSpec{"List-Post", Shape::list_urls, false, false},
    FieldSpec{"List-Help", Shape::list_urls, false, false},
    FieldSpec{"List-Archive", Shape::list_urls, false, false},
    FieldSpec{"List-Owner", Shape::list_urls, false, false},
    FieldSpec{"MIME-Version", Shape::mime_version, true, true},
    FieldSpec{"Content-Type", Shape::params, true, true},
    FieldSpec{"Content-Transfer-Encoding", Shape::one_token, true, true},
    FieldSpec{"Content-Disposition", Shape::params, true, true},
    FieldSpec{"Content-Language", Shape::one_token, false, false},
    FieldSpec{"User-Agent", Shape::free, false, false},
    FieldSpec{"Organization", Shape::free, false, false},
    FieldSpec{"Autocrypt", Shape::free, false, false},
    FieldSpec{"Openpgp", Shape::free, false, false},
    FieldSpec{"Priority", Shape::one_token, false, false},
    FieldSpec{"Lines", Shape::one_token, true, false},
    FieldSpec{"Keywords", Shape::free, false, false},
    FieldSpec{"Comments", Shape::free, false, false},
    FieldSpec{"Thread-Topic", Shape::free, false, false},
    FieldSpec{"Thread-Index", Shape::one_token, false, false},
    FieldSpec{"Accept-Language", Shape::free, false, false},
    FieldSpec{"Importance", Shape::one_token, false, false},
    FieldSpec{"X-Mailer", Shape::mailer, false, false},
    FieldSpec{"X-stable", Shape::one_token, true, false},
    FieldSpec{"X-Patchwork-Hint", Shape::one_token, true, false},
    FieldSpec{"X-stable-base", Shape::stable_base, false, false},
    FieldSpec{"X-Rspamd-Action", Shape::rspamd_action, false, false},
    FieldSpec{"X-Rspamd-Server", Shape::one_token, false, false},
    FieldSpec{"X-Rspamd-Queue-Id", Shape::one_token, false, false},
    FieldSpec{"X-Proofpoint-Spam-Details", Shape::key_values, false, false},
    FieldSpec{"X-Google-DKIM-Signature", Shape::tag_list, false, false},
    FieldSpec{"X-Spam-Level", Shape::stars, true, false},
    FieldSpec{"X-Endpoint-Received", Shape::relay, false, false},
};

const FieldSpec* find_field(std::string_view name) {
  for (const FieldSpec& f : k_fields)
    if (iequals(f.name, name)) return &f;
  return nullptr;
}

bool is_name_char(char c) { return is_alpha(c) || is_digit(c) || c == '-' || c == '_'; }

// A trailer key of a commit message: "Signed-off-by:", "Reported-and-tested-by:",
// "Addresses-Coverity-ID:", "Fixes:", "Link:", "Cc:"...
bool is_trailer_key(std::string_view t) {
  if (t.size() < 3 || t.back() != ':') return false;
  std::string_view key = t.substr(0, t.size() - 1);
  static constexpr std::array k_plain = {"Fixes", "Closes", "Link", "Cc", "CC", "cc",
                                         "Bug",   "BugLink", "CVE", "Stable-dep-of"};
  for (std::string_view p : k_plain)
    if (key == p) return true;
  // [A-Z][a-z]+(-[A-Za-z]+)+
  if (!is_upper(key[0])) return false;
  std::size_t i = 1;
  while (i < key.size() && is_lower(key[i])) ++i;
  if (i < 2 || i == key.size()) return false;
  while (i < key.size()) {
    if (key[i] != '-') return false;
    std::size_t part = ++i;
    while (i < key.size() && is_alpha(key[i])) ++i;
    if (i == part) return false;
  }
  return true;
}

// A key no mail header has: "...-by:", "Fixes:", "Link:"... Where one appears the body has
// begun. ("Received-SPF:" looks like a trailer key but is a header.)
bool is_body_trailer_key(std::string_view t) {
  if (!is_trailer_key(t)) return false;
  static constexpr std::array k_body = {"Fixes:", "Closes:", "Link:", "BugLink:", "Stable-dep-of:"};
  for (std::string_view k : k_body)
    if (t == k) return true;
  return t.size() > 4 && iequals(t.substr(t.size() - 4), "-by:");
}

// A token that opens a header field: "Subject:" or, for ARC fields whose value follows the
// colon without a space, "ARC-Seal:i=1;". `glued` is that value start.
struct HeaderToken {
  std::string_view name;
  std::string_view glued;
  const FieldSpec* spec = nullptr;  // nullptr: an X-/unknown field
};

std::optional<HeaderToken> header_token(std::string_view t) {
  std::size_t colon = t.find(':');
  if (colon == npos || colon == 0 || !is_alpha(t[0])) return std::nullopt;
  std::string_view name = t.substr(0, colon);
  if (!std::all_of(name.begin(), name.end(), is_name_char)) return std::nullopt;
  HeaderToken h{name, t.substr(colon + 1), find_field(name)};
  // Lower-case "from:" is prose inside a value ("Envelope from: x@y"); lower-case dashed
  // names are real fields some servers write ("dkim-signature:").
  if (h.spec && !is_upper(name[0]) && name.find('-') == npos) return std::nullopt;
  // A value glued to the colon ("ARC-Seal:i=1;", "X-CM-TRANSID:_____wD3") is kept, but not
  // a folded DKIM header list ("Message-ID:In-Reply-To;"): its rest is a name then ':'/';'.
  if (!h.glued.empty()) {
    bool x_field = name.size() > 2 && (name[0] == 'X' || name[0] == 'x') && name[1] == '-';
    if (!h.spec && !x_field) return std::nullopt;
    std::size_t run = 0;
    while (run < h.glued.size() && is_name_char(h.glued[run])) ++run;
    if (run > 0 && (run == h.glued.size() || h.glued[run] == ':' || h.glued[run] == ';'))
      return std::nullopt;
    return h;
  }
  if (h.spec) return h;
  // X-Anything (any case: Exchange writes "x-ms-exchange-..."), or a capitalised dashed name
  // (IronPort-SDR, X-KSE-...), which is not a trailer key (those end the header block).
  if (name.size() > 2 && (name[0] == 'X' || name[0] == 'x') && name[1] == '-') return h;
  if (is_upper(name[0]) && name.find('-') != npos && !is_body_trailer_key(t)) return h;
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Value shapes: how many of the tokens [b, e) a field's value takes; npos when the shape does
// not recognise them (then the value is free text).

std::size_t comment_len(const Tokens& t, std::size_t k, std::size_t e) {
  if (k >= e || !is_comment_start(t[k])) return 0;
  for (std::size_t j = k; j < e && j < k + 16; ++j)
    if (t[j].back() == ')') return j + 1 - k;
  return 0;
}

bool is_month(std::string_view t) {
  static constexpr std::array k_months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (std::string_view m : k_months)
    if (iequals(t, m)) return true;
  return false;
}

// "Mon, 20 Apr 2026 09:08:18 -0400 (UTC)" (weekday, zone and comment optional).
std::size_t date_fit(const Tokens& t, std::size_t b, std::size_t e) {
  std::size_t k = b;
  if (k < e && t[k].back() == ',' && is_alpha(t[k][0])) ++k;
  if (k + 2 >= e) return npos;
  if (!all_digits(t[k]) || !is_month(t[k + 1]) || !all_digits(t[k + 2])) return npos;
  k += 3;
  if (k >= e || t[k].find(':') == npos || !is_digit(t[k][0])) return npos;
  ++k;
  if (k < e && (((t[k][0] == '+' || t[k][0] == '-') && all_digits(t[k].substr(1))) ||
                (t[k].size() <= 5 && std::all_of(t[k].begin(), t[k].end(), is_upper))))
    ++k;
  return k + comment_len(t, k, e) - b;
}

// "text/plain; charset=UTF-8; format=flowed": a parameter follows each ';'.
std::size_t params_fit(const Tokens& t, std::size_t b, std::size_t e) {
  if (b >= e) return 0;
  std::size_t k = b + 1;
  while (k < e && t[k - 1].back() == ';' && t[k].find('=') != npos) ++k;
  return k - b;
}

std::size_t angle_fit(const Tokens& t, std::size_t b, std::size_t e) {
  std::size_t k = b;
  while (k < e && (is_angle(t[k]) || t[k] == ",")) ++k;
  return k + comment_len(t, k, e) - b;
}

// "tag=value;" tokens; the signature "b=" comes last, its base64 folded over several tokens.
std::size_t tag_list_fit(const Tokens& t, std::size_t b, std::size_t e) {
  // A chunk of the signature, not a word of the body after it.
  auto base64 = [](std::string_view w) {
    bool b64 = std::all_of(w.begin(), w.end(), [](char c) {
      return is_alpha(c) || is_digit(c) || c == '+' || c == '/' || c == '=' || c == ';';
    });
    bool marked = std::any_of(w.begin(), w.end(),
                              [](char c) { return is_digit(c) || c == '+' || c == '/' || c == '='; });
    return b64 && w.size() >= 8 && marked;
  };
  std::size_t k = b;
  // Every tag has '='; an "h=From:To:" list may go on in the next token.
  while (k < e && (t[k].find('=') != npos || (k > b && t[k - 1].back() == ':'))) {
    bool signature = starts_with(t[k], "b=") && t[k].back() != ';';
    ++k;
    if (signature)
      while (k < e && base64(t[k]) && t[k - 1].back() != ';' && t[k].find('=') == npos) ++k;
  }
  return k == b ? npos : k - b;
}

std::size_t shape_fit(Shape shape, const Tokens& t, std::size_t b, std::size_t e) {
  std::size_t avail = e - b;
  switch (shape) {
    case Shape::free:
      return npos;
    case Shape::one_token:
      return std::min<std::size_t>(1, avail);
    case Shape::angle_ids:
    case Shape::list_urls:
      return angle_fit(t, b, e);
    case Shape::date:
      return date_fit(t, b, e);
    case Shape::params:
      return params_fit(t, b, e);
    case Shape::mime_version:
      if (avail == 0) return 0;
      return 1 + comment_len(t, b + 1, e);
    case Shape::address:
      return avail > 0 && t[b].find('@') != npos ? 1 : npos;
    case Shape::stable_base:
      return avail >= 2 && t[b] == "Linux" && is_version(t[b + 1]) ? 2 : npos;
    case Shape::mailer:  // "git-send-email 2.53.0", "b4 0.14.1", "Apple Mail (2.3826)"
      for (std::size_t k = b; k < e && k < b + 6; ++k) {
        if (is_version(t[k])) return k + 1 - b + comment_len(t, k + 1, e);
        if (is_comment_start(t[k])) return k - b + comment_len(t, k, e);
      }
      return npos;
    case Shape::rspamd_action:
      if (avail >= 2 && (t[b] == "no" || t[b] == "add" || t[b] == "soft")) return 2;
      return std::min<std::size_t>(1, avail);
    case Shape::tag_list:
      return tag_list_fit(t, b, e);
    case Shape::stars:
      return avail > 0 && std::all_of(t[b].begin(), t[b].end(), [](char c) { return c == '*'; });
    case Shape::relay:
      for (std::size_t k = b; k < e && k < b + 12; ++k)
        if (t[k].find('=') != npos) return k + 1 - b;
      return npos;
    case Shape::key_values: {
      std::size_t k = b;
      while (k < e && t[k].find('=') != npos) ++k;
      return k - b;
    }
  }
  return npos;
}

// An unknown field's value when nothing marks where the body starts: one token, and more
// only while they read as "key=value;" parameters.
std::size_t generic_fit(const Tokens& t, std::size_t b, std::size_t e) {
  if (b >= e) return 0;
  std::size_t k = b + 1;
  while (k < e && (t[k].find('=') != npos || t[k - 1].back() == ';')) ++k;
  return k - b;
}

// Four plain lower-case words in a row ("just noticed your patch"): a sentence, which the
// machine-written X- fields never hold.
bool has_prose_run(const Tokens& t, std::size_t b, std::size_t e) {
  int run = 0;
  for (std::size_t k = b; k < e; ++k) {
    std::string_view w = t[k];
    if (!w.empty() && (w.back() == ',' || w.back() == '.')) w.remove_suffix(1);
    bool plain = !w.empty() && std::all_of(w.begin(), w.end(), is_lower);
    run = plain ? run + 1 : 0;
    if (run == 4) return true;
  }
  return false;
}

// The first words of a body that a free-text last field may have swallowed: a reply's
// "On <date>, <name> wrote:", a greeting "Hi Rob,", a MIME preamble. Its index, or e.
std::size_t body_opener(const Tokens& t, std::size_t b, std::size_t e) {
  static constexpr std::array k_greetings = {"Hi", "Hello", "Hey", "Dear"};
  for (std::size_t k = b; k < e; ++k) {
    if (t[k] == "On")
      for (std::size_t j = k + 1; j < e && j < k + 30; ++j)
        if (t[j] == "wrote:") return k;
    for (std::string_view g : k_greetings) {
      if (!starts_with(t[k], g)) continue;
      std::string_view rest = t[k].substr(g.size());
      if (rest == "," || rest == ":" || (rest.empty() && k + 1 < e && t[k + 1].back() == ','))
        return k;
    }
    if (t[k] == "This" && k + 3 < e && t[k + 1] == "is" && t[k + 2] == "a" &&
        t[k + 3] == "multi-part")
      return k;
  }
  return e;
}

// ---------------------------------------------------------------------------------------------
// Body landmarks.

// "[ Upstream commit <sha> ]" (with an optional subject) or Greg's "commit <sha> upstream.":
// the token count at k, 0 when none.
std::size_t upstream_marker_len(const Tokens& t, std::size_t k, std::size_t e) {
  if (k >= e) return 0;
  if (t[k] == "commit" && k + 2 < e && all_hex(t[k + 1], 7) && istarts_with(t[k + 2], "upstream"))
    return 3;
  if (t[k].front() != '[') return 0;
  bool has_sha = false;
  for (std::size_t j = k; j < e && j < k + 40; ++j) {
    std::string_view w = t[j];
    if (j == k) w.remove_prefix(1);
    if (j > k && (iequals(t[j - 1], "commit") || iequals(t[j - 1], "[commit")) &&
        all_hex(w.back() == ']' ? w.substr(0, w.size() - 1) : w, 7))
      has_sha = true;
    if (!t[j].empty() && t[j].back() == ']') return has_sha ? j + 1 - k : 0;
  }
  return 0;
}

bool is_diff_git(const Tokens& t, std::size_t k, std::size_t e) {
  return k + 1 < e && t[k] == "diff" && t[k + 1] == "--git";
}

// Tokens that cannot be inside a header value: the body has begun at or before them.
bool is_body_marker(const Tokens& t, std::size_t k, std::size_t e) {
  return t[k] == "---" || is_diff_git(t, k, e) || upstream_marker_len(t, k, e) > 0;
}

// ---------------------------------------------------------------------------------------------
// The header block.

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

constexpr std::size_t k_max_value_tokens = 512;  // far more than any folded DKIM or ARC value

// Where the header block of `t` starts: token 0, or after an mbox "From <who> <date>" line.
std::optional<std::size_t> header_start(const Tokens& t) {
  if (t.empty()) return std::nullopt;
  if (header_token(t[0])) return 0;
  if (t[0] != "From") return std::nullopt;
  for (std::size_t k = 1; k < t.size() && k < 12; ++k)
    if (header_token(t[k])) return k;
  return std::nullopt;
}

// How the scan for a field's value stopped.
enum class Stop { next_field, in_body_from, marker, other };

bool seen_field(const std::vector<Field>& fields, const FieldSpec* spec) {
  for (const Field& f : fields)
    if (f.spec == spec) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// Names: with addresses stripped, a display name's end is known only by meeting it elsewhere.

using Name = std::vector<std::string_view>;

// Two tokens name the same word once quotes and list commas are ignored.
bool same_word(std::string_view a, std::string_view b) {
  auto clean = [](std::string_view s) {
    while (!s.empty() && s.front() == '"') s.remove_prefix(1);
    while (!s.empty() && (s.back() == '"' || s.back() == ',')) s.remove_suffix(1);
    return s;
  };
  return clean(a) == clean(b);
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
template <typename Fields>
std::vector<Name> names_in_fields(const Tokens& t, const Fields& fields) {
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

// ---------------------------------------------------------------------------------------------
// Text layout.

// A token that must not begin a wrapped line: at a line start it would read as a header,
// trailer, quote, list item, diff line or "From " line.
bool risky_line_start(std::string_view t) {
  static constexpr std::string_view k_lead = "-+>#[@*|=~`";
  if (k_lead.find(t.front()) != npos || t.back() == ':') return true;
  if (t == "From" || t == "diff" || t == "commit" || t == "index") return true;
  std::size_t d = 0;
  while (d < t.size() && is_digit(t[d])) ++d;
  return d > 0 && d + 1 == t.size() && (t[d] == '.' || t[d] == ')');
}

// Tokens [b, e) as lines of about `width` columns; continuation lines get `indent`.
void put_wrapped(std::string& out, const Tokens& t, std::size_t b, std::size_t e,
                 std::string_view indent = {}, std::size_t width = 72) {
  if (b >= e) return;
  std::size_t col = 0;
  for (std::size_t k = b; k < e; ++k) {
    if (k > b) {
      if (col + 1 + t[k].size() > width && !risky_line_start(t[k])) {
        out += '\n';
        out += indent;
        col = indent.size();
      } else {
        out += ' ';
        ++col;
      }
    }
    out += t[k];
    col += t[k].size();
  }
  out += '\n';
}

// Makes `out` end with an empty line (unless it is empty).
void ensure_blank(std::string& out) {
  if (out.empty() || ends_with(out, "\n\n")) return;
  out += ends_with(out, "\n") ? "\n" : "\n\n";
}

// ---------------------------------------------------------------------------------------------
// In-body From.

// People named in the mail: the From/To/Cc entries (split at commas) and the values of the
// body's trailer keys (up to an address or note). The in-body From is usually one of them.
std::vector<Name> known_names(const Tokens& t, const HeaderBlock& hb, const Tokens& body) {
  std::vector<Name> names = names_in_fields(t, hb.fields);
  for (std::size_t k = 0; k < body.size(); ++k) {
    if (!is_trailer_key(body[k])) continue;
    Name cur;
    for (std::size_t j = k + 1; j < body.size() && j < k + 9; ++j) {
      std::string_view w = body[j];
      if (is_trailer_key(w) || w.front() == '<' || w.front() == '[' || w.front() == '(') break;
      cur.push_back(w);
    }
    if (!cur.empty()) names.push_back(cur);
  }
  return names;
}

// How many tokens from k make the in-body From's value: the longest known name there
// (plus a surviving "<address>"), else up to the upstream marker or an address nearby.
std::size_t in_body_from_len(const Tokens& t, std::size_t k, std::size_t e,
                             const std::vector<Name>& names) {
  std::size_t best = longest_name_at(t, k, e, names);
  if (best > 0) {
    // A quoted display name may say more than the trailer: "Guo Ren (Alibaba DAMO Academy)".
    if (t[k].front() == '"' && t[k + best - 1].back() != '"')
      for (std::size_t j = k + best; j < e && j < k + 12; ++j)
        if (t[j].back() == '"') {
          best = j + 1 - k;
          break;
        }
    if (k + best < e && is_angle(t[k + best]) && t[k + best].find('@') != npos) ++best;
    return best;
  }
  for (std::size_t j = k; j < e && j < k + 8; ++j) {
    if (is_angle(t[j]) && t[j].find('@') != npos) return j + 1 - k;
    if (upstream_marker_len(t, j, e) > 0) return j - k;
  }
  // Unknown name: two words at most, never a "Changelog:"-like word.
  std::size_t len = 0;
  while (len < 2 && k + len < e && t[k + len].back() != ':') ++len;
  return len;
}

// ---------------------------------------------------------------------------------------------
// Trailers.

// A note inside the trailer block that has a line of its own: "[ sashal: ... ]" or
// "(cherry picked from commit <sha>)". Its token count at k, 0 when none.
std::size_t trailer_note_len(const Tokens& t, std::size_t k, std::size_t e) {
  char close = 0;
  if (t[k].front() == '[')
    close = ']';
  else if (istarts_with(t[k], "(cherry") || istarts_with(t[k], "(backported"))
    close = ')';
  if (!close) return 0;
  bool has_colon = false;
  for (std::size_t j = k; j < e && j < k + 80; ++j) {
    if (t[j].find(':') != npos) has_colon = true;
    if (t[j].back() == close) {
      std::size_t len = j + 1 - k;
      return (close == ')' || has_colon || len >= 4) ? len : 0;
    }
  }
  return 0;
}

// A key's value [b, e) reads as a trailer (a name, an address, a link, "<sha> ("subject")"),
// not as prose that happens to follow a key-like word. Notes do not count.
bool trailer_value_ok(const Tokens& t, std::size_t key, std::size_t b, std::size_t e) {
  bool fixes = t[key] == "Fixes:" && b < e && all_hex(t[b], 7);
  const std::size_t limit = fixes ? 48 : 16;
  std::size_t words = 0;
  for (std::size_t k = b; k < e && words <= limit;) {
    std::size_t note = trailer_note_len(t, k, e);
    if (note > 0) {
      k += note;
      continue;
    }
    ++words;
    ++k;
  }
  return words <= limit;
}

// Start of the trailer block in [b, e): walking back from the last key, every key whose value
// reads as a trailer belongs to the block.
std::size_t trailer_block_start(const Tokens& t, std::size_t b, std::size_t e) {
  std::vector<std::size_t> keys;
  for (std::size_t k = b; k < e; ++k)
    if (is_trailer_key(t[k])) keys.push_back(k);
  std::size_t start = e;
  for (std::size_t i = keys.size(); i-- > 0;) {
    std::size_t value_end = i + 1 < keys.size() ? keys[i + 1] : e;
    if (!trailer_value_ok(t, keys[i], keys[i] + 1, value_end)) break;
    start = keys[i];
  }
  // Text between the prose and the first key (no key of its own) stays prose.
  return start;
}

// The "---" that ends the commit message: the first one right after a trailer (prose may
// hold a "---" of its own: "8<--- cut here ---"), else the first one.
std::size_t find_separator(const Tokens& t, std::size_t b, std::size_t e) {
  std::size_t first = e;
  for (std::size_t k = b; k < e; ++k) {
    if (t[k] != "---") continue;
    if (first == e) first = k;
    for (std::size_t key = k; key-- > b && key + 64 > k;) {
      if (!is_trailer_key(t[key])) continue;
      if (trailer_value_ok(t, key, key + 1, k)) return k;
      break;
    }
  }
  return first;
}

// A trailer key whose value is a person ("Signed-off-by:", "Cc:"), as the patch stage reads it.
bool is_person_key(std::string_view key) {
  return (key.size() > 4 && iequals(key.substr(key.size() - 4), "-by:")) || iequals(key, "Cc:") ||
         iequals(key, "To:");
}

// Where a person trailer's value [b, e) lost its "<address>": the index to put "<>" at, so
// that the patch stage reads the name as it reads the clean one; npos when nothing is needed.
// Two cases need it: a quoted name ("\"Eric W. Biederman\"", unquoted only before an
// address), and a comment after the address ("Oliver Neukum (maintainer:USB CDC ETHERNET
// DRIVER)", "Simon Horman (from v1)"), which without it would be part of the name. A
// comment that reads as part of a name ("Jiri Slaby (SUSE)": capitalised, no ':') stays.
std::size_t lost_address_at(const Tokens& t, std::size_t b, std::size_t e) {
  if (b >= e) return npos;
  for (std::size_t k = b; k < e; ++k)
    if (t[k].find_first_of("@<>") != npos) return npos;
  if (t[b].front() == '"') {
    for (std::size_t k = b; k < e; ++k) {
      std::string_view w = k == b ? t[k].substr(1) : t[k];
      if (!w.empty() && w.back() == '"' && !ends_with(w, "\\\"")) return k + 1;
    }
    return npos;
  }
  for (std::size_t k = b + 1; k < e; ++k) {
    if (!is_comment_start(t[k])) continue;
    bool comment = t[k].size() > 1 && is_lower(t[k][1]);
    std::size_t j = k;
    for (; j < e; ++j) {
      comment |= t[j].find(':') != npos;
      if (t[j].back() == ')') break;
    }
    if (comment) return k;
    k = j;
  }
  return npos;
}

// A value of two to four capitalised words ("Thanks-to: Hillf Danton"): under a key that
// is not a person's, only a name whose <address> the renderer took reads so.
bool reads_as_bare_name(const Tokens& t, std::size_t b, std::size_t e) {
  if (e - b < 2 || e - b > 4) return false;
  for (std::size_t k = b; k < e; ++k) {
    std::string_view w = t[k];
    if (w.empty() || !(is_upper(w[0]) || static_cast<unsigned char>(w[0]) >= 0x80)) return false;
    for (char c : w.substr(1))
      if (!(is_upper(c) || is_lower(c) || c == '-' || c == '.' || c == '\'' || static_cast<unsigned char>(c) >= 0x80))
        return false;
  }
  return true;
}

// One line per trailer, notes on lines of their own. Returns the trailer count.
int put_trailers(std::string& out, const Tokens& t, std::size_t b, std::size_t e) {
  int count = 0;
  std::string line;
  auto flush = [&] {
    if (!line.empty()) out += line + '\n';
    line.clear();
  };
  for (std::size_t k = b; k < e;) {
    if (is_trailer_key(t[k])) {
      flush();
      line = t[k];
      ++count;
      std::size_t value_end = k + 1;
      while (value_end < e && !is_trailer_key(t[value_end]) &&
             trailer_note_len(t, value_end, e) == 0)
        ++value_end;
      std::size_t gap = is_person_key(t[k])                        ? lost_address_at(t, k + 1, value_end)
                        : reads_as_bare_name(t, k + 1, value_end) ? value_end
                                                                  : npos;
      for (std::size_t j = k + 1; j < value_end; ++j) {
        if (j == gap) line += " <>";
        line += ' ';
        line += t[j];
      }
      if (gap == value_end) line += " <>";
      k = value_end;
      continue;
    }
    if (std::size_t note = trailer_note_len(t, k, e)) {
      flush();
      line = join(t, k, k + note);
      flush();
      k += note;
      continue;
    }
    if (!line.empty()) line += ' ';
    line += t[k++];
  }
  flush();
  return count;
}

// ---------------------------------------------------------------------------------------------
// Notes (Markdown, as AUTOSEL writes them).

enum class NoteBreak { none, rule, heading, item, numbered, record };

NoteBreak note_break(const Tokens& t, std::size_t k, std::size_t e) {
  std::string_view w = t[k];
  std::string_view next = k + 1 < e ? t[k + 1] : std::string_view{};
  if (w == "---") return NoteBreak::rule;
  if (w.size() <= 6 && std::all_of(w.begin(), w.end(), [](char c) { return c == '#'; }))
    return NoteBreak::heading;
  if (istarts_with(w, "**Record")) return NoteBreak::record;
  // "- " opens an item when what follows looks like an item's start, not a dash in prose.
  bool item_start = !next.empty() && (starts_with(next, "**") || next.front() == '`' ||
                                      next.front() == '[' || is_upper(next.front()));
  // "Name `` - maintainer": the stripped address left empty backticks before a dash.
  if (k > 0 && t[k - 1] == "``") item_start = false;
  if ((w == "-" || w == "*") && item_start) return NoteBreak::item;
  std::size_t d = 0;
  while (d < w.size() && is_digit(w[d])) ++d;
  if (d > 0 && d + 1 == w.size() && w[d] == '.' && item_start) return NoteBreak::numbered;
  return NoteBreak::none;
}

// AUTOSEL's notes open with this line.
constexpr std::string_view k_llm_intro = "LLM Generated explanations, may be completely bogus:";

void put_notes(std::string& out, const Tokens& t, std::size_t b, std::size_t e) {
  if (b + 7 <= e && join(t, b, b + 7) == k_llm_intro) {
    out += std::string(k_llm_intro) + "\n\n";
    b += 7;
    if (b == e) return;
  }
  std::size_t seg = b;
  NoteBreak kind = b < e ? note_break(t, b, e) : NoteBreak::none;
  for (std::size_t k = b + 1; k <= e; ++k) {
    NoteBreak next = k < e ? note_break(t, k, e) : NoteBreak::rule;
    if (k < e && next == NoteBreak::none) continue;
    switch (kind) {
      case NoteBreak::rule:
        ensure_blank(out);
        out += "---\n\n";
        put_wrapped(out, t, seg + 1, k);  // text after a rule before the next break
        break;
      case NoteBreak::heading:
        ensure_blank(out);
        put_wrapped(out, t, seg, k);
        break;
      case NoteBreak::item:
        put_wrapped(out, t, seg, k, "  ");
        break;
      case NoteBreak::numbered:
        put_wrapped(out, t, seg, k, "   ");
        break;
      case NoteBreak::none:
      case NoteBreak::record:
        put_wrapped(out, t, seg, k);
        break;
    }
    seg = k;
    kind = next;
  }
}

// ---------------------------------------------------------------------------------------------
// Diffstat: " path | N +-" entries, " N files changed, ..." and mode lines, before the diff.

struct Diffstat {
  std::size_t begin = 0;    // first entry token (== summary when no entry was recognised)
  std::size_t summary = 0;  // "N files changed, ..."
};

std::size_t summary_len(const Tokens& t, std::size_t k, std::size_t e) {
  if (!(k + 2 < e && all_digits(t[k]) && (t[k + 1] == "file" || t[k + 1] == "files") &&
        starts_with(t[k + 2], "changed")))
    return 0;
  std::size_t j = k + 3;
  while (j + 1 < e && all_digits(t[j]) &&
         (starts_with(t[j + 1], "insertion") || starts_with(t[j + 1], "deletion")))
    j += 2;
  return j - k;
}

// A " create mode 100644 path"-style line after the summary: its token count, 0 when none.
std::size_t mode_line_len(const Tokens& t, std::size_t k, std::size_t e) {
  if (k + 3 < e && (t[k] == "create" || t[k] == "delete") && t[k + 1] == "mode") return 4;
  if (k + 5 < e && t[k] == "mode" && t[k + 1] == "change") return 6;
  if (t[k] == "rename" || t[k] == "copy")
    for (std::size_t j = k + 1; j < e && j < k + 8; ++j)
      if (t[j].front() == '(' && ends_with(t[j], "%)")) return j + 1 - k;
  return 0;
}

// The entry " path | N +++--" (or "| Bin 0 -> 12 bytes") ending just before `end`: its
// first token, or npos.
std::size_t entry_before(const Tokens& t, std::size_t b, std::size_t end) {
  if (end < b + 3) return npos;
  std::size_t j = end - 1;
  if (std::all_of(t[j].begin(), t[j].end(), [](char c) { return c == '+' || c == '-'; })) --j;
  if (t[j] == "bytes" && j >= b + 6 && t[j - 4] == "Bin")
    j -= 4;
  else if (!all_digits(t[j]))
    return npos;
  if (j < b + 2 || t[j - 1] != "|") return npos;
  std::size_t path = j - 2;
  // "dir/{old => new}/file" keeps its spaces around "=>".
  if (t[path].find('}') != npos && path >= b + 2 && t[path - 1] == "=>" &&
      t[path - 2].find('{') != npos)
    path -= 2;
  return path;
}

std::optional<Diffstat> find_diffstat(const Tokens& t, std::size_t b, std::size_t e) {
  for (std::size_t k = e; k-- > b;) {
    std::size_t len = summary_len(t, k, e);
    if (len == 0) continue;
    for (std::size_t j = k + len; j < e;) {  // only mode lines may follow the summary
      std::size_t m = mode_line_len(t, j, e);
      if (m == 0) return std::nullopt;
      j += m;
    }
    Diffstat ds{k, k};
    for (std::size_t s; (s = entry_before(t, b, ds.begin)) != npos;) ds.begin = s;
    return ds;
  }
  return std::nullopt;
}

void put_diffstat(std::string& out, const Tokens& t, const Diffstat& ds, std::size_t e) {
  std::vector<std::string> entries;
  for (std::size_t end = ds.summary; end > ds.begin;) {
    std::size_t s = entry_before(t, ds.begin, end);
    if (s == npos) break;
    entries.push_back(' ' + join(t, s, end));
    end = s;
  }
  std::reverse(entries.begin(), entries.end());
  for (const std::string& line : entries) out += line + '\n';
  std::size_t len = summary_len(t, ds.summary, e);
  out += ' ' + join(t, ds.summary, ds.summary + len) + '\n';
  for (std::size_t j = ds.summary + len; j < e;) {
    std::size_t m = mode_line_len(t, j, e);
    out += ' ' + join(t, j, j + m) + '\n';
    j += m;
  }
}

// ---------------------------------------------------------------------------------------------
// The diff.

bool is_hunk_header(const Tokens& t, std::size_t k, std::size_t e) {
  return k + 3 < e && t[k] == "@@" && t[k + 1].size() > 1 && t[k + 1][0] == '-' &&
         is_digit(t[k + 1][1]) && t[k + 2].size() > 1 && t[k + 2][0] == '+' &&
         is_digit(t[k + 2][1]) && t[k + 3] == "@@";
}

// An extended header line of a file's diff ("index a..b 100644", "--- a/x", "new file mode
// 100644", "rename from x", "Binary files a/x and b/x differ"...): its token count, or 0.
std::size_t file_header_len(const Tokens& t, std::size_t k, std::size_t e) {
  auto at = [&](std::size_t i) { return k + i < e ? t[k + i] : std::string_view{}; };
  if ((at(0) == "old" || at(0) == "new") && at(1) == "mode") return 3;
  if ((at(0) == "new" || at(0) == "deleted") && at(1) == "file" && at(2) == "mode") return 4;
  if ((at(0) == "similarity" || at(0) == "dissimilarity") && at(1) == "index") return 3;
  if ((at(0) == "rename" || at(0) == "copy") && (at(1) == "from" || at(1) == "to")) return 3;
  if (at(0) == "index" && at(1).find("..") != npos)
    return all_digits(at(2)) && at(2).size() == 6 ? 3 : 2;
  if ((at(0) == "---" || at(0) == "+++") && !at(1).empty()) return 2;
  if (at(0) == "Binary" && at(1) == "files")
    for (std::size_t j = k + 2; j < e && j < k + 12; ++j)
      if (t[j] == "differ") return j + 1 - k;
  if (at(0) == "GIT" && at(1) == "binary" && at(2) == "patch") return 3;
  if ((at(0) == "literal" || at(0) == "delta") && all_digits(at(1))) return 2;
  return 0;
}

// Where a hunk-body line break most likely was: before a "-"/"+" marker or a preprocessor
// line, after a statement, brace, comment end or label.
bool starts_code_line(std::string_view w, std::string_view prev) {
  if (w == "-" || w == "+" || w == "\\") return true;
  std::string_view rest = w;
  if (w.front() == '+' || w.front() == '-') rest.remove_prefix(1);
  if (rest.size() > 1 && rest[0] == '#' && is_alpha(rest[1])) return true;
  // "+static ..." after "foo(void)", "*/", "#include" (its "<path>" stripped as a tag) or
  // "#include "x.h"": an unindented added/removed line.
  std::string_view prev_code = prev;
  if (!prev_code.empty() && (prev_code.front() == '+' || prev_code.front() == '-'))
    prev_code.remove_prefix(1);
  bool directive = prev_code.size() > 1 && prev_code[0] == '#' && is_alpha(prev_code[1]) &&
                   std::all_of(prev_code.begin() + 1, prev_code.end(), is_alpha);
  bool line_end = ends_with(prev, ")") || ends_with(prev, "*/") || ends_with(prev, "\"") ||
                  ends_with(prev, ">") || directive;
  return rest.size() < w.size() && !rest.empty() && !is_digit(rest[0]) && rest[0] != '-' &&
         rest[0] != '+' && rest[0] != '=' && line_end;
}

bool ends_code_line(std::string_view w) {
  char last = w.back();
  if (last == ';' || last == '{' || last == '}' || ends_with(w, "*/")) return true;
  // A label or case: "out_unlock:", "default:".
  if (last == ':' && w.size() > 1 && w[w.size() - 2] != ':') {
    std::string_view id = w.substr(0, w.size() - 1);
    if (id.front() == '+' || id.front() == '-') id.remove_prefix(1);
    return !id.empty() && (is_alpha(id[0]) || id[0] == '_') &&
           std::all_of(id.begin(), id.end(), [](char c) { return is_name_char(c); });
  }
  return false;
}

int paren_balance(std::string_view w) {
  int d = 0;
  for (char c : w) d += (c == '(') - (c == ')');
  return d;
}

// The line being built in a hunk body: its text, paren depth, and first code word ("if",
// "for"...) with the "+"/"-" marker set aside.
struct CodeLine {
  std::string text;
  int depth = 0;
  bool opened = false;  // a '(' was seen: a closing ')' at depth 0 may end the line
  std::string_view first;

  void add(std::string_view w) {
    if (!text.empty()) text += ' ';
    text += w;
    std::string_view code = w;
    if (first.empty() && (code.front() == '+' || code.front() == '-')) code.remove_prefix(1);
    if (first.empty() && !code.empty()) first = code;
    depth += paren_balance(w);
    opened |= w.find('(') != npos;
  }
  bool control() const {
    return first == "if" || first == "while" || first == "for" || first == "switch" ||
           first == "else";
  }
};

// A hunk: "@@ -a,b +c,d @@" with its section text, then the body split best effort into
// lines; context lines get their leading space back so the text still reads as a diff.
void put_hunk(std::string& out, const Tokens& t, std::size_t k, std::size_t e) {
  CodeLine line;
  line.text = join(t, k, k + 4);
  bool header_line = true;
  auto flush = [&] {
    if (line.text.empty()) return;
    char c = line.text[0];
    bool marked = header_line || c == '+' || c == '-' || c == '\\';
    out += marked ? line.text : ' ' + line.text;
    out += '\n';
    line = CodeLine{};
    header_line = false;
  };
  for (std::size_t j = k + 4; j < e; ++j) {
    std::string_view w = t[j];
    if (w == "\\" && j + 7 <= e && join(t, j, j + 7) == "\\ No newline at end of file") {
      flush();
      line.text = join(t, j, j + 7);
      flush();
      j += 6;
      continue;
    }
    if (!line.text.empty() && starts_code_line(w, t[j - 1])) flush();
    line.add(w);
    std::string_view next = j + 1 < e ? t[j + 1] : std::string_view{};
    // "for (i = 0; i < n; i++)" keeps its semicolons; a section "foo(struct x *y)" and an
    // "if (...)" without a brace end at their closing parenthesis.
    bool in_for = line.first == "for" && line.depth > 0;
    bool closed = line.opened && line.depth <= 0 && w.back() == ')';
    if ((ends_code_line(w) && !in_for) ||
        (closed && (header_line || (line.control() && next != "{"))))
      flush();
  }
  flush();
}

// "diff --git" sections to the end: file header lines, hunks, binary patch lines.
void put_diff(std::string& out, const Tokens& t, std::size_t b, std::size_t e) {
  std::size_t k = b;
  while (k < e) {
    if (is_diff_git(t, k, e)) {
      std::size_t len = std::min<std::size_t>(4, e - k);
      out += join(t, k, k + len) + '\n';
      k += len;
      while (k < e) {
        std::size_t h = file_header_len(t, k, e);
        if (h == 0) break;
        out += join(t, k, k + h) + '\n';
        k += h;
      }
      continue;
    }
    std::size_t next = k + 1;
    while (next < e && !is_diff_git(t, next, e) && !is_hunk_header(t, next, e) &&
           !((t[next] == "literal" || t[next] == "delta") && file_header_len(t, next, e)))
      ++next;
    if (is_hunk_header(t, k, e)) {
      put_hunk(out, t, k, next);
    } else {
      // GIT binary patch data (one base85 line per token) or stray text: token per line
      // for the former, as it came for the latter.
      bool binary = file_header_len(t, k, e) > 0;
      if (binary) {
        out += join(t, k, k + 2) + '\n';
        for (std::size_t j = k + 2; j < next; ++j) out += std::string(t[j]) + '\n';
      } else {
        out += join(t, k, next) + '\n';
      }
    }
    k = next;
  }
}

// ---------------------------------------------------------------------------------------------
// The body.

struct BodyResult {
  bool in_body_from = false;
  int trailers = 0;
  bool diff = false;
  bool signature = false;
};

// Greg's stable review mails open with "6.6-stable review patch.  If anyone has any
// objections, please let me know." and a "------------------" line, then the in-body From
// and the upstream marker: the token count up to and including the dashes, 0 when none.
std::size_t review_preamble_len(const Tokens& t, std::size_t k, std::size_t e) {
  if (!(k + 2 < e && ends_with(t[k], "-stable") && t[k + 1] == "review" &&
        starts_with(t[k + 2], "patch")))
    return 0;
  for (std::size_t j = k + 3; j < e && j < k + 40; ++j)
    if (t[j].size() >= 4 && t[j].find_first_not_of('-') == npos) return j + 1 - k;
  return 0;
}

// "-- " + git version near the end of the body: the index of "--", or e.
std::size_t find_signature(const Tokens& t, std::size_t e) {
  for (std::size_t k = e; k-- > 0 && k + 64 >= e;)
    if (t[k] == "--" && k + 1 < e && is_version(t[k + 1])) return k;
  return e;
}

BodyResult put_body(std::string& out, const Tokens& t, const std::vector<Name>& names) {
  BodyResult r;
  const std::size_t n = t.size();
  std::size_t sig = find_signature(t, n);
  std::size_t pos = 0;
  if (std::size_t m = review_preamble_len(t, pos, sig)) {
    out += join(t, pos, pos + m - 1);  // one line, as the stable scripts write it
    out += "\n\n";
    out += t[pos + m - 1];
    out += "\n\n";
    pos += m;
  }
  if (pos < sig && t[pos] == "From:") {
    std::size_t len = in_body_from_len(t, pos + 1, sig, names);
    out += "From:";
    if (len > 0) {
      std::string name = join(t, pos + 1, pos + 1 + len);
      out += ' ';
      // The renderer took the <address>: "Name <>" is read as a name without one (and
      // then as written, so a quoted name loses its quotes here).
      if (name.find('@') == npos) {
        out += unquoted_name(name);
        out += " <>";
      } else {
        out += name;
      }
    }
    out += "\n\n";
    pos += 1 + len;
    r.in_body_from = true;
  }
  if (std::size_t m = upstream_marker_len(t, pos, sig)) {
    out += join(t, pos, pos + m) + "\n\n";
    pos += m;
  }
  std::size_t diff = pos;
  while (diff < sig && !is_diff_git(t, diff, sig)) ++diff;
  std::size_t sep = find_separator(t, pos, diff);
  std::size_t msg_end = std::min(sep, diff);
  std::size_t trailers = trailer_block_start(t, pos, msg_end);
  put_wrapped(out, t, pos, trailers);
  if (trailers < msg_end) {
    ensure_blank(out);
    r.trailers = put_trailers(out, t, trailers, msg_end);
  }
  if (sep < diff) {
    out += "---\n";
    std::optional<Diffstat> ds = find_diffstat(t, sep + 1, diff);
    std::size_t notes_end = ds ? ds->begin : diff;
    if (sep + 1 < notes_end) {
      out += '\n';
      put_notes(out, t, sep + 1, notes_end);
      out += '\n';
    }
    if (ds) put_diffstat(out, t, *ds, diff);
  }
  if (diff < sig) {
    ensure_blank(out);
    put_diff(out, t, diff, sig);
    r.diff = true;
  }
  if (sig < n) {
    out += "-- \n" + std::string(t[sig + 1]) + '\n';
    r.signature = true;
    if (sig + 2 < n) {  // a list footer after the signature
      out += '\n';
      put_wrapped(out, t, sig + 2, n);
    }
  }
  return r;
}

// ---------------------------------------------------------------------------------------------
// Transfer encodings.

bool is_base64_token(std::string_view w) {
  return std::all_of(w.begin(), w.end(),
                     [](char c) { return is_alpha(c) || is_digit(c) || c == '+' || c == '/' || c == '='; });
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

}  // namespace

std::optional<UnwrappedMail> unflatten_mail(std::string_view bytes) {
  // Decide from the first tokens before splitting a possibly huge input.
  Tokens head = split_tokens(bytes, 16);
  if (!header_start(head)) return std::nullopt;
  Tokens t = split_tokens(bytes);
  std::size_t start = *header_start(t);
  bool mboxrd = start > 1 && t[0] == "From" && t[1] == "mboxrd@z";
  HeaderBlock hb = read_headers(t, start);
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
  const Field* cte = find_header(hb, "Content-Transfer-Encoding");
  std::string cte_value = cte ? field_value(t, *cte) : std::string();
  bool base64 = iequals(cte_value, "base64") && body_is_base64(body);
  bool decoded = (iequals(cte_value, "base64") && !base64) ||
                 (iequals(cte_value, "quoted-printable") && !body_is_quoted_printable(body));

  for (const Field& f : hb.fields) {
    std::string value = field_value(t, f);
    if (&f == cte && decoded) value = "8bit";
    put_field(m.mail, f.name, f.glued, value);
  }
  m.mail += '\n';
  m.repairs.push_back("line breaks restored from the token stream (" +
                      std::to_string(hb.fields.size()) + " header fields)");
  if (addresses_lost(t, hb)) m.repairs.push_back("addresses lost in the rendering (HTML tag stripping)");
  if (decoded) m.repairs.push_back("transfer encoding set to 8bit (the body was already decoded)");

  if (base64) {
    for (std::string_view w : body) m.mail += std::string(w) + '\n';
    m.repairs.push_back("base64 body lines restored (one per token)");
    return m;
  }
  BodyResult r = put_body(m.mail, body, known_names(t, hb, body));
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
