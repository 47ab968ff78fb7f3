// facts stage: MAINTAINERS role claims of AUTOSEL notes (see note_extractors.hpp).
#include <regex>

#include "facts/note_extractors.hpp"
#include "facts/note_words.hpp"

namespace pt::note_claims {
namespace {

// "NVMe subsystem co-" -> "NVMe subsystem"; "" when the qualifier disqualifies the claim.
bool clean_scope(std::string_view raw, std::string& scope) {
  std::string s(trim(raw));
  if (s.size() >= 3 && s.compare(s.size() - 3, 3, "co-") == 0) s.erase(s.size() - 3);
  std::string lower = lower_ascii(s);
  for (std::string_view w :
       {"past", "former", "ex-", "previous", "then-", "not ", "no longer", "retired", "emeritus"})
    if (lower.find(w) != std::string::npos) return false;
  for (std::string_view w : {" and ", " or ", " by ", " from ", " with ", " to "})
    if ((" " + lower + " ").find(w) != std::string::npos) return false;
  std::vector<std::string> words;
  std::size_t p = 0;
  while (p < s.size()) {
    std::size_t q = s.find(' ', p);
    if (q == std::string::npos) q = s.size();
    if (q > p) words.emplace_back(s.substr(p, q - p));
    p = q + 1;
  }
  static const char* const k_lead[] = {"who",   "is",   "both",    "the",       "a",
                                       "an",    "also", "current", "currently", "its",
                                       "their", "his",  "her",     "now",       "active"};
  std::size_t first = 0;
  while (first < words.size() &&
         std::any_of(std::begin(k_lead), std::end(k_lead),
                     [&](const char* l) { return iequals(words[first], l); }))
    ++first;
  if (words.size() - first > 5) return false;
  scope.clear();
  for (std::size_t i = first; i < words.size(); ++i) {
    if (!scope.empty()) scope += ' ';
    scope += words[i];
  }
  return true;
}

struct RoleMatch {
  std::string person, scope;       // scope as written, cleaned later
  std::size_t begin = 0, end = 0;  // the phrase
};

// "Christoph Hellwig (NVMe co-maintainer)": the word inside parentheses after a name.
bool role_in_parentheses(std::string_view t, std::size_t p, std::size_t e, RoleMatch& m) {
  std::size_t open = t.rfind('(', p);
  std::size_t close_before = t.rfind(')', p);
  if (open == std::string_view::npos ||
      (close_before != std::string_view::npos && close_before > open) || p - open >= 80 ||
      !read_name_before(t, open, m.person))
    return false;
  m.scope = std::string(t.substr(open + 1, p - open - 1));
  m.begin = t.rfind(m.person, open);
  std::size_t close = t.find(')', p);
  m.end = close == std::string_view::npos ? e : close + 1;
  return true;
}

// "the Realtek maintainer (Hayes Wang)", "USB maintainer Greg KH": a name right after it; the
// scope is the few words before it.
bool role_named_after(std::string_view t, std::string_view lower, std::size_t p, std::size_t e,
                      RoleMatch& m) {
  std::size_t q = e;
  if (q < t.size() && t[q] == ' ') ++q;
  if (q < t.size() && t[q] == '(') ++q;
  std::size_t name_end = 0;
  if (!read_name(t, q, name_end, m.person)) return false;
  if (!(name_end == t.size() || t[name_end] == ',' || t[name_end] == ')' || t[name_end] == ' ' ||
        t[name_end] == '.'))
    return false;
  std::size_t b = p >= 3 && lower.compare(p - 3, 3, "co-") == 0 ? p - 3 : p;
  std::size_t stop = b;
  for (int words = 0; stop > 0 && words < 4; ++words) {
    std::size_t w_end = stop;
    while (w_end > 0 && t[w_end - 1] == ' ') --w_end;
    std::size_t w_b = w_end;
    while (w_b > 0 && t[w_b - 1] != ' ' && t[w_b - 1] != ',' && t[w_b - 1] != '(' &&
           t[w_b - 1] != ':')
      --w_b;
    std::string w = lower_ascii(t.substr(w_b, w_end - w_b));
    if (w.empty() || w == "by" || w == "from" || w == "the" || w == "and" || w == "a" ||
        w == "an" || w == "with" || w == "of" || w == "to" || w == "is" || w == "was" || w == "as")
      break;
    stop = w_b;
  }
  m.scope = std::string(t.substr(stop, b - stop));
  m.begin = stop;
  m.end = name_end;
  return true;
}

// "Keith Busch - NVMe maintainer", "Mika Westerberg (...) is the Thunderbolt subsystem
// maintainer": a name, a dash / comma / "is", then the scope.
bool role_named_before(std::string_view t, std::size_t p, RoleMatch& m) {
  static const std::regex k_left(
      "([A-Z][^\\s,;:()<>\"*]+(?:\\s+[A-Za-z][^\\s,;:()<>\"*]+){0,3})\\s*(?:\\([^()]{0,40}\\)\\s*)?"
      "(?:-|,|is|who is)\\s+((?:[^\\s,;:()]+\\s+){0,5}?)(co-)?$",
      std::regex::ECMAScript | std::regex::optimize);
  std::size_t lb = p > 120 ? p - 120 : 0;
  std::string left(t.substr(lb, p - lb));
  std::smatch match;
  if (!std::regex_search(left, match, k_left)) return false;
  // The name must be the whole first group: "Keith Busch", not "Signed-off-by: Keith".
  std::string cand = match.str(1);
  for (std::size_t k = 0; k < cand.size(); ++k) {
    std::size_t name_end = 0;
    if ((k == 0 || cand[k - 1] == ' ') && read_name(cand, k, name_end, m.person) &&
        name_end == cand.size()) {
      m.scope = match.str(2) + match.str(3);
      m.begin = lb + match.position(0) + cand.size() - m.person.size();
      return true;
    }
  }
  m.person.clear();
  return false;
}

}  // namespace

void extract_roles(const Sentence& s, std::vector<Claim>& out) {
  const std::string& t = s.plain;
  const std::string& lower = s.lower;
  for (std::size_t p = lower.find("maintainer"); p != std::string::npos;
       p = lower.find("maintainer", p + 1)) {
    std::size_t e = p + 10;
    if (p > 0 && is_alnum(lower[p - 1])) continue;
    if (e < lower.size() && is_alnum(lower[e])) continue;  // "maintainers" names a group
    RoleMatch m;
    m.end = e;
    bool found = role_in_parentheses(t, p, e, m) || role_named_after(t, lower, p, e, m) ||
                 role_named_before(t, p, m);
    std::string scope;
    if (!found || !clean_scope(m.scope, scope)) continue;
    RoleClaim c;
    c.person = m.person;
    c.role = "maintainer";
    c.scope = scope;
    add_claim(out, ClaimKind::role, s, t.substr(m.begin, m.end - m.begin), c);
  }
}

}  // namespace pt::note_claims
