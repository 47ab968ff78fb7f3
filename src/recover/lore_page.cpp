// recover stage: a lore.kernel.org message page as text -> mail text.
//
// What a copied lore page looks like (user example 001): the header fields lore shows
// (From, To, Cc, Subject, Date, Message-ID, In-Reply-To, References) with link labels
// appended ("[thread overview]", "(raw)"), then the body, then the page footer (thread
// links, thread overview, reply instructions). Browsers often collapse the whitespace:
// every line is trimmed, runs of blanks become one space and empty lines vanish, so
// continuation lines lose their indentation and the header block its closing empty line.
#include <initializer_list>

#include "recover/rendered_mail.hpp"
#include "util/text.hpp"

namespace pt {
namespace {

using Lines = std::vector<std::string_view>;

// Page chrome (title, search box) a user may copy above the headers.
constexpr std::size_t k_max_chrome_lines = 10;
// The git signature ("-- " + version) sits in the last few lines of the body.
constexpr std::size_t k_signature_reach = 10;
// A bracketed note among trailers spans at most this many lines.
constexpr std::size_t k_note_reach = 6;
constexpr std::size_t k_none = static_cast<std::size_t>(-1);

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_one_of(std::string_view s, std::initializer_list<std::string_view> set) {
  for (std::string_view x : set)
    if (iequals(s, x)) return true;
  return false;
}

// "Name" of a "Name: value" line (RFC 5322 field name characters), or "".
std::string_view field_name(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && line[i] > ' ' && line[i] < 127 && line[i] != ':') ++i;
  if (i == 0 || i >= line.size() || line[i] != ':') return {};
  return line.substr(0, i);
}

bool is_blank(std::string_view line) { return trim(line).empty(); }

// ---- header block -------------------------------------------------------------------

// The fields lore shows above a message, in no particular order.
constexpr std::string_view k_lore_fields[] = {"From",       "To",          "Cc",        "Bcc",
                                              "Reply-To",   "Subject",     "Date",      "Message-ID",
                                              "In-Reply-To", "References"};
constexpr std::size_t k_field_count = sizeof k_lore_fields / sizeof k_lore_fields[0];

std::size_t lore_field_index(std::string_view name) {
  for (std::size_t i = 0; i < k_field_count; ++i)
    if (iequals(name, k_lore_fields[i])) return i;
  return k_field_count;
}

bool is_address_field(std::string_view name) {
  return is_one_of(name, {"From", "To", "Cc", "Bcc", "Reply-To"});
}

// Link labels lore appends to header values; never part of the value itself.
constexpr std::string_view k_decorations[] = {"[thread overview]", "(permalink / raw)", "(raw)",
                                              "[this message]"};

// The value without lore's labels; `changed` tells whether there were any.
std::string_view strip_decorations(std::string_view name, std::string_view value, bool& changed) {
  value = trim(value);
  if (iequals(name, "Subject")) return value;  // a subject may really end in "(raw)"
  for (bool again = true; again;) {
    again = false;
    for (std::string_view d : k_decorations) {
      if (!ends_with(value, d)) continue;
      value = rtrim(value.substr(0, value.size() - d.size()));
      changed = again = true;
    }
  }
  // A message id is one <...>; anything after it is a label we do not know yet.
  if (iequals(name, "Message-ID") && starts_with(value, "<")) {
    std::size_t gt = value.find('>');
    if (gt != std::string_view::npos && gt + 1 < value.size()) {
      value = value.substr(0, gt + 1);
      changed = true;
    }
  }
  return value;
}

// The first "From: " line followed by other lore fields: where the headers start.
std::optional<std::size_t> find_header_start(const Lines& lines) {
  for (std::size_t i = 0; i < lines.size() && i <= k_max_chrome_lines; ++i) {
    if (!starts_with(lines[i], "From: ")) continue;
    for (std::size_t j = i + 1; j < lines.size() && j <= i + 6; ++j)
      if (is_one_of(field_name(lines[j]), {"To", "Cc", "Subject", "Date"})) return i;
  }
  return std::nullopt;
}

struct HeaderBlock {
  std::string text;            // fields, continuations indented, no final newline
  std::size_t body_start = 0;  // first body line
  bool blank_after = false;    // the page kept the empty line after the headers
  bool from = false, subject_or_date = false;
  int decorated = 0, reindented = 0;
};

// The last address of an address line still waits for its "<addr>": the line ends with a
// display name alone ("Raghuram Chary Jallipalli"), which lore wrapped before "<...>".
bool awaits_address(std::string_view prev) {
  std::string_view t = rtrim(prev);
  std::size_t comma = t.rfind(',');
  std::string_view last = trim(comma == std::string_view::npos ? t : t.substr(comma + 1));
  if (std::string_view name = field_name(last); !name.empty() && lore_field_index(name) != k_field_count)
    last = trim(last.substr(name.size() + 1));
  return !last.empty() && last.find('@') == std::string_view::npos &&
         last.find('<') == std::string_view::npos;
}

// A line that continues the previous field: indented (whitespace kept), or, after the
// page collapsed it, an address after a line ending in a comma, the "<addr>" of a name
// that ended the line above, or a further message id.
bool continues_field(std::string_view field, std::string_view prev, std::string_view line) {
  if (is_space(line[0])) return true;
  if (lore_field_index(field_name(line)) != k_field_count) return false;
  if (is_address_field(field))
    return ends_with(rtrim(prev), ",") || (starts_with(line, "<") && awaits_address(prev));
  if (is_one_of(field, {"References", "In-Reply-To"}))
    return starts_with(line, "<") && field_name(line).empty();
  return false;
}

// Reads lore's fields from `start`. The block ends at an empty line, at a line that is not
// a lore field, or at a field seen before (the in-body "From:" of a forwarded patch).
HeaderBlock read_headers(const Lines& lines, std::size_t start) {
  HeaderBlock h;
  bool seen[k_field_count] = {};
  std::string_view field, prev;
  std::size_t i = start;
  for (; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (is_blank(line)) {
      h.blank_after = true;
      ++i;
      break;
    }
    if (!field.empty() && continues_field(field, prev, line)) {
      h.text += "\n ";
      h.text += trim(line);
      if (!is_space(line[0])) ++h.reindented;
      prev = line;
      continue;
    }
    std::string_view name = field_name(line);
    std::size_t f = lore_field_index(name);
    if (f == k_field_count || seen[f]) break;
    seen[f] = true;
    field = name;
    prev = line;
    bool changed = false;
    std::string_view value = strip_decorations(name, line.substr(name.size() + 1), changed);
    h.decorated += changed;
    h.from |= iequals(name, "From");
    h.subject_or_date |= iequals(name, "Subject") || iequals(name, "Date");
    if (!h.text.empty()) h.text += '\n';
    h.text += name;
    h.text += ": ";
    h.text += value;
  }
  h.body_start = i;
  return h;
}

// ---- footer -------------------------------------------------------------------------

// First line of lore's page footer, in any of its variants.
bool opens_footer(std::string_view line) {
  return find_bytes(line, "other threads:[~") != std::string_view::npos ||
         starts_with(line, "^ permalink raw reply") || starts_with(line, "permalink raw reply") ||
         starts_with(line, "Thread overview: ") || rtrim(line) == "Reply instructions:" ||
         starts_with(line, "This is a public inbox, see mirroring instructions");
}

// "page footer removed (thread overview, reply instructions)" for the parts present.
std::string footer_note(const Lines& lines, std::size_t from) {
  bool links = false, permalink = false, overview = false, reply = false, mirror = false;
  for (std::size_t i = from; i < lines.size(); ++i) {
    std::string_view l = lines[i];
    links |= find_bytes(l, "other threads:[~") != std::string_view::npos;
    permalink |= find_bytes(l, "permalink raw reply") != std::string_view::npos;
    overview |= starts_with(l, "Thread overview: ");
    reply |= rtrim(l) == "Reply instructions:";
    mirror |= starts_with(l, "This is a public inbox");
  }
  std::string parts;
  auto add = [&](bool on, const char* what) {
    if (!on) return;
    if (!parts.empty()) parts += ", ";
    parts += what;
  };
  add(links, "thread links");
  add(permalink, "permalink line");
  add(overview, "thread overview");
  add(reply, "reply instructions");
  add(mirror, "mirroring note");
  return "page footer removed (" + parts + ")";
}

// ---- body ---------------------------------------------------------------------------

bool is_hex_id(std::string_view w) {
  if (w.size() < 12) return false;
  for (char c : w)
    if (!is_hex(c)) return false;
  return true;
}

// Space-separated words of s (at most `max`).
std::vector<std::string_view> words(std::string_view s, std::size_t max) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (out.size() < max) {
    while (pos < s.size() && s[pos] == ' ') ++pos;
    if (pos >= s.size()) break;
    std::size_t start = pos;
    while (pos < s.size() && s[pos] != ' ') ++pos;
    out.push_back(s.substr(start, pos - start));
  }
  return out;
}

// "[ Upstream commit <sha> ]", "[ commit <sha> upstream ]" or "commit <sha> upstream.":
// the stable backport's first paragraph.
bool is_upstream_line(std::string_view line) {
  std::string_view t = trim(line);
  if (starts_with(t, "[") && ends_with(t, "]")) t = trim(t.substr(1, t.size() - 2));
  if (ends_with(t, ".")) t.remove_suffix(1);
  std::vector<std::string_view> w = words(t, 4);
  if (w.size() != 3) return false;
  if (iequals(w[0], "Upstream") && iequals(w[1], "commit")) return is_hex_id(w[2]);
  return iequals(w[0], "commit") && is_hex_id(w[1]) && iequals(w[2], "upstream");
}

// git's find_separator (trailer.c): a token of letters, digits and '-', optional blanks,
// then ':'. git counts every such line as a trailer ("https://...", "0x1031: tty"), not
// only the known keys. Leading whitespace never starts a token.
bool is_git_trailer(std::string_view line) {
  bool blank_seen = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == ':') return i > 0;
    bool token = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                 c == '-';
    if (!blank_seen && token) continue;
    if (i > 0 && (c == ' ' || c == '\t')) {
      blank_seen = true;
      continue;
    }
    return false;
  }
  return false;
}

// A trailer line as a page shows it above the "---". git counts every `Token: value` line,
// but the page lost the empty line that kept prose such as "v2: fix typo", "0x1050: tty,
// adb" or a bare "https://..." link out of the trailer paragraph, and in real mail such a
// line is far more often a paragraph of its own than a trailer. So only tokens shaped like
// trailer keys count: "Xxx-yyy" (Signed-off-by, Addresses-Coverity-ID, Thanks-to) and the
// one-word keys kernel commits use.
bool is_trailer(std::string_view line) {
  if (!is_git_trailer(line)) return false;
  std::size_t colon = line.find(':');
  std::string_view key = rtrim(line.substr(0, colon));
  if (trim(line.substr(colon + 1)).empty()) return false;
  if (key.find('-') != std::string_view::npos)
    return is_letter(key.front()) && is_letter(key.back());
  return is_one_of(key, {"Fixes", "Closes", "Link", "Cc", "To", "Bug", "BugLink", "CVE"});
}

// Notes that live among trailers: "[ Sasha: fixed conflict ]", "(cherry picked from ...)".
bool is_trailer_note(std::string_view line) {
  std::string_view t = trim(line);
  return (starts_with(t, "[") && ends_with(t, "]")) || starts_with(t, "(cherry picked from commit");
}

bool is_version(std::string_view s) {
  if (s.empty() || !is_digit(s[0]) || s.find('.') == std::string_view::npos) return false;
  for (char c : s)
    if (!(is_digit(c) || c == '.' || c == '-' || (c >= 'a' && c <= 'z'))) return false;
  return true;
}

bool has_diff(const Lines& body) {
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (starts_with(body[i], "diff --git ")) return true;
    if (starts_with(body[i], "--- ") && i + 1 < body.size() && starts_with(body[i + 1], "+++ "))
      return true;
  }
  return false;
}

// Body repairs for a page that dropped its empty lines. Each puts back a paragraph break
// the mail stage relies on; each is a no-op when the break is still there.
class BodyRepair {
 public:
  BodyRepair(Lines body, std::vector<std::string>& repairs)
      : body_(std::move(body)), repairs_(repairs) {}

  Lines run() {
    std::size_t msg = after_inbody_headers();
    msg = after_upstream_line(msg);
    separate_trailers(msg);
    restore_signature();
    return std::move(body_);
  }

 private:
  // Puts an empty line before body_[at] unless there already is one (or at the start).
  bool break_before(std::size_t at) {
    if (at == 0 || at > body_.size() || is_blank(body_[at - 1])) return false;
    if (at < body_.size() && is_blank(body_[at])) return false;
    body_.insert(body_.begin() + static_cast<std::ptrdiff_t>(at), std::string_view{});
    return true;
  }

  // An in-body "From:" (and "Subject:"/"Date:" after it) is its own first paragraph:
  // git mailinfo reads it only when an empty line ends it.
  std::size_t after_inbody_headers() {
    if (body_.empty() || !starts_with(body_[0], "From: ")) return 0;
    std::size_t k = 1;
    while (k < body_.size() && (starts_with(body_[k], "Subject: ") || starts_with(body_[k], "Date: ")))
      ++k;
    if (break_before(k)) repairs_.push_back("blank line put back after the in-body From header");
    while (k < body_.size() && is_blank(body_[k])) ++k;
    return k;
  }

  // The stable "[ Upstream commit <sha> ]" line is a paragraph of its own.
  std::size_t after_upstream_line(std::size_t msg) {
    for (std::size_t j = msg; j < body_.size() && j < msg + 2; ++j) {
      if (!is_upstream_line(body_[j])) continue;
      bool changed = break_before(j);
      if (changed) ++j;
      changed |= break_before(j + 1);
      if (changed) repairs_.push_back("upstream commit line made its own paragraph");
      std::size_t k = j + 1;
      while (k < body_.size() && is_blank(body_[k])) ++k;
      return k;
    }
    return msg;
  }

  // The trailers just above the first "---" (or the end of a reply) form the last
  // paragraph of the commit message: git interprets them only there.
  void separate_trailers(std::size_t msg) {
    std::size_t anchor = msg;
    while (anchor < body_.size() && rtrim(body_[anchor]) != "---") ++anchor;
    if (anchor == body_.size()) anchor = signature_index().value_or(body_.size());
    std::size_t top = anchor;
    for (std::size_t i = anchor; i > msg; --i) {
      std::string_view l = body_[i - 1];
      if (is_trailer(l)) {
        top = i - 1;
      } else if (std::size_t open = note_start(msg, i - 1); open != k_none) {
        i = open + 1;  // the whole note; the loop steps above it
      } else {
        break;
      }
    }
    if (top == anchor || top <= msg) return;
    if (break_before(top)) repairs_.push_back("blank line put back before the trailers");
  }

  // First line of a note among the trailers that ends at body_[last]: a one-line
  // "[ ... ]" or "(cherry picked from commit ...)", or a "[name: ...]" note the page
  // unwrapped over several lines (its indentation lost). k_none when there is none.
  std::size_t note_start(std::size_t msg, std::size_t last) const {
    std::string_view t = trim(body_[last]);
    if (is_trailer_note(t)) return last;
    if (!ends_with(t, "]") || starts_with(t, "[")) return k_none;
    for (std::size_t j = last; j > msg && last - j < k_note_reach;) {
      std::string_view u = trim(body_[--j]);
      if (ends_with(u, "]") || is_trailer(u)) return k_none;
      if (starts_with(u, "[")) return j;
    }
    return k_none;
  }

  // Last "--" line near the end: the mail signature separator.
  std::optional<std::size_t> signature_index() const {
    std::size_t n = body_.size();
    for (std::size_t i = n; i > 0 && n - i < k_signature_reach; --i)
      if (rtrim(body_[i - 1]) == "--") return i - 1;
    return std::nullopt;
  }

  // git format-patch ends with "-- \n<version>"; the page trimmed the space. Without a diff
  // any "--" near the end is the signature separator; within a diff only the git one is.
  void restore_signature() {
    std::optional<std::size_t> s = signature_index();
    if (!s || body_[*s] == "-- ") return;
    bool git_sig = *s + 2 == body_.size() && is_version(trim(body_[*s + 1]));
    if (!git_sig && has_diff(body_)) return;
    body_[*s] = "-- ";
    repairs_.push_back("signature separator restored as \"-- \"");
  }

  Lines body_;
  std::vector<std::string>& repairs_;
};

}  // namespace

std::optional<UnwrappedMail> unwrap_lore_page(std::string_view bytes) {
  Lines lines = text_lines(bytes);
  std::optional<std::size_t> start = find_header_start(lines);
  if (!start) return std::nullopt;
  HeaderBlock h = read_headers(lines, *start);
  if (!h.from || !h.subject_or_date) return std::nullopt;

  UnwrappedMail u;
  u.form = RenderedForm::lore_page;
  if (*start > 0) u.repairs.push_back("page lines above the headers removed");
  if (h.decorated)
    u.repairs.push_back("lore page decorations removed from " + std::to_string(h.decorated) +
                        " header line" + (h.decorated == 1 ? "" : "s"));
  if (h.reindented)
    u.repairs.push_back(std::to_string(h.reindented) + " address continuation line" +
                        (h.reindented == 1 ? "" : "s") + " re-indented");
  if (!h.blank_after) u.repairs.push_back("blank line put back after the header block");

  std::size_t end = h.body_start;
  while (end < lines.size() && !opens_footer(lines[end])) ++end;
  bool footer = end < lines.size();
  // Without labels, footer or collapsed headers this is a mail, not a page.
  if (!h.decorated && !h.reindented && h.blank_after && !footer) return std::nullopt;
  std::string note = footer ? footer_note(lines, end) : std::string();
  while (end > h.body_start && is_blank(lines[end - 1])) --end;
  Lines body(lines.begin() + static_cast<std::ptrdiff_t>(h.body_start),
             lines.begin() + static_cast<std::ptrdiff_t>(end));

  // Whitespace collapse is judged before repairs add empty lines of their own.
  bool any_indent = false, any_blank = h.blank_after;
  for (std::string_view l : body) {
    any_indent |= !l.empty() && is_space(l[0]);
    any_blank |= is_blank(l);
  }
  bool indent_lost = !body.empty() && !any_indent;
  bool blanks_lost = !body.empty() && !any_blank;

  body = BodyRepair(std::move(body), u.repairs).run();
  if (footer) u.repairs.push_back(note);
  if (indent_lost) u.repairs.push_back("whitespace collapsed by the page: indentation lost");
  if (blanks_lost) u.repairs.push_back("empty lines dropped by the page");
  u.diff_whitespace_lost = indent_lost || blanks_lost;

  u.mail = std::move(h.text);
  u.mail += "\n\n";
  for (std::string_view l : body) {
    u.mail += l;
    u.mail += '\n';
  }
  return u;
}

}  // namespace pt
