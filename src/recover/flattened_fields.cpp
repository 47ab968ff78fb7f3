// recover stage: a flattened mail's header fields and value shapes (see flattened_fields.hpp).
#include "recover/flattened_fields.hpp"

#include <algorithm>
#include <array>

namespace pt::flattened {
namespace {

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

}  // namespace

// A key no mail header has: "...-by:", "Fixes:", "Link:"... Where one appears the body has
// begun. ("Received-SPF:" looks like a trailer key but is a header.)
bool is_body_trailer_key(std::string_view t) {
  if (!is_trailer_key(t)) return false;
  static constexpr std::array k_body = {"Fixes:", "Closes:", "Link:", "BugLink:", "Stable-dep-of:"};
  for (std::string_view k : k_body)
    if (t == k) return true;
  return t.size() > 4 && iequals(t.substr(t.size() - 4), "-by:");
}

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
// Value shapes.

namespace {

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

}  // namespace

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

}  // namespace pt::flattened
