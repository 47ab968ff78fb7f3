// recover stage: an lkml.iu.edu message page as text -> mail text.
//
// A copied hypermail page (user example 002) is: the subject as a title line, "From: <name>"
// (no address), "Date: Thu Aug 10 2017 - 18:45:26 EST", navigation ("Next message: ...",
// "Messages sorted by: ..."), the body with whitespace collapsed, navigation again. Copies
// of lkml.org pages add their own chrome ("[lkml] [2017] [Aug] [10]", "Last update: ...").
#include <initializer_list>

#include "recover/rendered_mail.hpp"
#include "util/text.hpp"

namespace pt {
namespace {

using Lines = std::vector<std::string_view>;

// The title, From and Date sit in the first lines of the page.
constexpr std::size_t k_max_lines_above_from = 40;
// Footer navigation is looked for only this close to the end.
constexpr std::size_t k_footer_reach = 40;
constexpr std::size_t k_signature_reach = 10;

bool is_blank(std::string_view line) { return trim(line).empty(); }

bool all_digits(std::string_view s) {
  for (char c : s)
    if (!is_digit(c)) return false;
  return !s.empty();
}

// ---- date ---------------------------------------------------------------------------

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos < s.size()) {
    while (pos < s.size() && is_space(s[pos])) ++pos;
    std::size_t start = pos;
    while (pos < s.size() && !is_space(s[pos])) ++pos;
    if (pos > start) out.push_back(s.substr(start, pos - start));
  }
  return out;
}

struct Zone {
  std::string_view name, offset;
};
// The zone names hypermail prints (US zones: the archive runs in Indiana).
constexpr Zone k_zones[] = {{"EST", "-0500"}, {"EDT", "-0400"}, {"CST", "-0600"}, {"CDT", "-0500"},
                            {"MST", "-0700"}, {"MDT", "-0600"}, {"PST", "-0800"}, {"PDT", "-0700"},
                            {"UTC", "+0000"}, {"GMT", "+0000"}, {"UT", "+0000"},  {"Z", "+0000"}};

// "HH:MM:SS" from "H:MM:SS" or "HH:MM:SS", or "" when it is not a time.
std::string normal_time(std::string_view t) {
  std::string s(t.size() == 7 ? "0" : "");
  s += t;
  bool ok = s.size() == 8 && s[2] == ':' && s[5] == ':' && all_digits(s.substr(0, 2)) &&
            all_digits(s.substr(3, 2)) && all_digits(s.substr(6, 2));
  return ok ? s : std::string();
}

struct LkmlDate {
  std::string rfc2822;
  std::string zone_note;  // set when the zone was not understood
};

// "Thu Aug 10 2017 - 18:45:26 EST" -> "Thu, 10 Aug 2017 18:45:26 -0500".
std::optional<LkmlDate> convert_date(std::string_view value) {
  std::vector<std::string_view> w = words(value);
  if (w.size() < 6 || w[4] != "-") return std::nullopt;
  std::string time = normal_time(w[5]);
  if (w[0].size() != 3 || w[1].size() != 3 || w[2].size() > 2 || !all_digits(w[2]) ||
      w[3].size() != 4 || !all_digits(w[3]) || time.empty())
    return std::nullopt;
  LkmlDate d;
  std::string_view zone = w.size() > 6 ? w[6] : std::string_view{};
  std::string offset;
  for (const Zone& z : k_zones)
    if (iequals(zone, z.name)) offset = z.offset;
  bool numeric = zone.size() == 5 && (zone[0] == '+' || zone[0] == '-') && all_digits(zone.substr(1));
  if (numeric) offset = zone;
  if (offset.empty()) {
    offset = "+0000";
    d.zone_note = "lkml date zone \"" + std::string(zone) + "\" unknown: +0000 assumed";
  }
  d.rfc2822 = std::string(w[0]) + ", " + std::string(w[2]) + " " + std::string(w[1]) + " " +
              std::string(w[3]) + " " + time + " " + offset;
  return d;
}

// ---- navigation ---------------------------------------------------------------------

bool starts_with_any(std::string_view s, std::initializer_list<std::string_view> prefixes) {
  for (std::string_view p : prefixes)
    if (starts_with(s, p)) return true;
  return false;
}

// Lines that only ever open the archive's navigation or footer.
bool opens_navigation(std::string_view line) {
  std::string_view t = trim(line);
  return starts_with_any(t, {"Next message:", "Previous message:", "Messages sorted by:",
                             "Last update:", "[lkml] [", "Messages in this thread",
                             "Patch in this message"}) ||
         t == "Loading..." || find_bytes(t, "Jasper Spaans") != std::string_view::npos;
}

// Any navigation line, including the weaker ones that only occur next to the strong ones.
bool is_navigation(std::string_view line) {
  std::string_view t = trim(line);
  return opens_navigation(t) ||
         starts_with_any(t, {"In reply to:", "Next in thread:", "Reply:", "Maybe in reply to:",
                             "Maybe reply:"}) ||
         (t.size() >= 2 && t.front() == '|' && t.back() == '|');
}

// ---- page ---------------------------------------------------------------------------

struct PageHead {
  std::size_t from = 0, date = 0;
  std::optional<std::size_t> title;
};

// "From: " with the lkml date on the next non-empty line; the title is the last other
// line above it.
std::optional<PageHead> find_head(const Lines& lines) {
  for (std::size_t i = 0; i < lines.size() && i < k_max_lines_above_from; ++i) {
    if (!starts_with(lines[i], "From: ")) continue;
    std::size_t d = i + 1;
    while (d < lines.size() && d <= i + 2 && is_blank(lines[d])) ++d;
    if (d >= lines.size() || !starts_with(lines[d], "Date: ")) continue;
    PageHead h{i, d, std::nullopt};
    for (std::size_t t = i; t > 0; --t)
      if (!is_blank(lines[t - 1]) && !is_navigation(lines[t - 1])) {
        h.title = t - 1;
        break;
      }
    return h;
  }
  return std::nullopt;
}

bool has_diff(const Lines& body, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i)
    if (starts_with(body[i], "diff --git ") || starts_with(body[i], "@@ -")) return true;
  return false;
}

}  // namespace

std::optional<UnwrappedMail> unwrap_lkml_page(std::string_view bytes) {
  Lines lines = text_lines(bytes);
  std::optional<PageHead> head = find_head(lines);
  if (!head) return std::nullopt;
  std::optional<LkmlDate> date = convert_date(trim(lines[head->date].substr(6)));
  if (!date) return std::nullopt;

  UnwrappedMail u;
  u.form = RenderedForm::lkml_page;
  bool navigation = false;

  // Body: after the Date line and the navigation under it, up to the footer navigation.
  std::size_t begin = head->date + 1;
  while (begin < lines.size() && (is_blank(lines[begin]) || is_navigation(lines[begin]))) {
    navigation |= !is_blank(lines[begin]);
    ++begin;
  }
  std::size_t end = lines.size();
  for (std::size_t i = lines.size() > k_footer_reach ? lines.size() - k_footer_reach : 0;
       i < lines.size(); ++i)
    if (i >= begin && opens_navigation(lines[i])) {
      end = i;
      navigation = true;
      break;
    }
  while (end > begin && (is_blank(lines[end - 1]) || is_navigation(lines[end - 1]))) {
    navigation |= !is_blank(lines[end - 1]);
    --end;
  }
  navigation |= head->title && *head->title > 0;  // chrome above the title

  // The page shows the sender's name only. "Name <>" is how git mailinfo (and ours) reads
  // a name with an empty address; a bare "Name" without '@' would lose the name too.
  std::string_view from = trim(lines[head->from].substr(6));
  bool name_only = from.find('@') == std::string_view::npos && from.find('<') == std::string_view::npos;
  u.mail = "From: " + std::string(from) + (name_only && !from.empty() ? " <>\n" : "\n");
  if (head->title) {
    u.mail += "Subject: " + std::string(trim(lines[*head->title])) + "\n";
    u.repairs.push_back("page title turned into the Subject header");
  }
  u.mail += "Date: " + date->rfc2822 + "\n\n";
  u.repairs.push_back("lkml date converted");
  if (!date->zone_note.empty()) u.repairs.push_back(date->zone_note);
  if (name_only) u.repairs.push_back("sender address not on the page: From has the name only");
  if (navigation) u.repairs.push_back("page navigation removed");

  // The page trimmed the space of the "-- " signature separator; within a diff only the
  // git one ("--" then a version as the last line) is surely a separator.
  // (An index, not std::optional: g++ 12 warns falsely about the optional's value.)
  constexpr std::size_t k_none = static_cast<std::size_t>(-1);
  std::size_t sig = k_none;
  for (std::size_t i = end; i > begin && end - i < k_signature_reach; --i)
    if (trim(lines[i - 1]) == "--") {
      sig = i - 1;
      break;
    }
  if (sig != k_none && lines[sig] != "-- " && has_diff(lines, begin, end) && sig + 2 != end) sig = k_none;
  if (sig != k_none && lines[sig] != "-- ") u.repairs.push_back("signature separator restored as \"-- \"");

  bool any_indent = false, any_double_space = false;
  for (std::size_t i = begin; i < end; ++i) {
    std::string_view l = lines[i];
    u.mail += i == sig ? std::string_view("-- ") : l;
    u.mail += '\n';
    any_indent |= !l.empty() && is_space(l[0]);
    any_double_space |= find_bytes(l, "  ") != std::string_view::npos ||
                        l.find('\t') != std::string_view::npos;
  }
  // hypermail's copy keeps empty lines but trims and collapses every line.
  u.diff_whitespace_lost = begin < end && !any_indent && !any_double_space;
  if (u.diff_whitespace_lost)
    u.repairs.push_back("whitespace collapsed by the page: indentation lost");
  return u;
}

}  // namespace pt
