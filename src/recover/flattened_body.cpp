// recover stage: the body of a flattened mail laid out as lines (see flattened_body.hpp).
#include "recover/flattened_body.hpp"

#include <algorithm>
#include <optional>

#include "recover/flattened_diff.hpp"

namespace pt::flattened {

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

namespace {

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
// The body.

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

}  // namespace

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

}  // namespace pt::flattened
