// facts stage: commit ids, names and paths as the claim extractors find them (see note_words.hpp).
#include "facts/note_words.hpp"

#include <algorithm>

namespace pt::note_claims {

// ---------------------------------------------------------------------------------------------
// Commit ids.

std::vector<std::pair<std::size_t, std::string>> find_shas(std::string_view s) {
  std::vector<std::pair<std::size_t, std::string>> out;
  std::size_t i = 0;
  while (i < s.size()) {
    if (!is_alnum(s[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && is_alnum(s[j])) ++j;
    std::string_view w = s.substr(i, j - i);
    bool hex = w.size() >= 7 && w.size() <= 40 &&
               std::all_of(w.begin(), w.end(), [](char c) { return is_hex(c) && !is_upper(c); });
    bool digit = std::any_of(w.begin(), w.end(), is_digit);
    bool letter = std::any_of(w.begin(), w.end(), [](char c) { return !is_digit(c); });
    bool in_word =
        (i > 0 && (s[i - 1] == '-' || s[i - 1] == '.' || s[i - 1] == '@' || s[i - 1] == '/')) ||
        (j < s.size() && (s[j] == '@' || (s[j] == '.' && j + 1 < s.size() && is_alnum(s[j + 1]))));
    if (hex && digit && letter && !in_word) out.emplace_back(i, std::string(w));
    i = j;
  }
  return out;
}

bool same_commit(std::string_view a, std::string_view b) {
  return !a.empty() && !b.empty() &&
         (starts_with(lower_ascii(a), lower_ascii(b)) ||
          starts_with(lower_ascii(b), lower_ascii(a)));
}

// A sentence about another commit (a prerequisite, the commit it fixes, a companion patch):
// its sizes and trailers are not the patch's.
bool about_other_commit(const Sentence& s, const std::vector<std::string>& own) {
  for (const auto& found : find_shas(s.plain)) {
    // Not a structured binding: clang before 16 cannot capture one in a lambda.
    const std::string& sha = found.second;
    bool mine = std::any_of(own.begin(), own.end(),
                            [&](const std::string& o) { return same_commit(o, sha); });
    if (!mine) return true;
  }
  static const char* const k_words[] = {
      "prerequisite",   "follow-up",      "followup",        "companion",    "original commit",
      "original patch", "earlier commit", "previous commit", "prior commit", "parent commit",
      "other patch",    "related fix",    "related commit",  "parallel",     "precedent",
      "patch 1/",       "patch 2/",       "patch 3/",        "many ",        "other commits",
      "similar",        "the series",     "previously",      "depends on",   "already present"};
  for (const char* w : k_words)
    if (s.lower.find(w) != std::string::npos) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// Names.

namespace {

bool is_name_word(std::string_view w) {
  if (w.size() < 2 || !is_upper(w[0])) return false;
  if (!is_lower(w[1]) && static_cast<unsigned char>(w[1]) < 0x80) return false;  // USB, NVMe
  for (char c : w)
    if (!(is_alnum(c) || c == '-' || c == '\'' || static_cast<unsigned char>(c) >= 0x80))
      return false;
  if (w.find("-by") != std::string_view::npos || w.back() == '-') return false;
  static const char* const k_not_names[] = {
      "The",       "This",     "That",   "These",      "Those",       "And",    "But",
      "Both",      "Record",   "Signed", "Reviewed",   "Acked",       "Tested", "Applied",
      "Committed", "Merged",   "Author", "Maintainer", "Maintainers", "Linux",  "Intel",
      "Subsystem", "Verified", "Yes",    "No",         "Note",        "Step",   "Phase",
      "Commit",    "Kernel",   "Greg's", "Reported",   "Stable",      "Risk",   "Fixes",
      "Link",      "Cc",       "Also"};
  for (const char* n : k_not_names)
    if (w == n) return false;
  return true;
}

bool is_particle(std::string_view w) {
  return w == "van" || w == "von" || w == "de" || w == "der" || w == "den" || w == "da" ||
         w == "di" || w == "le" || w == "la" || w == "du";
}

std::string_view word_at(std::string_view s, std::size_t pos) {
  std::size_t end = pos;
  while (end < s.size() && s[end] != ' ' && s[end] != ',' && s[end] != ';' && s[end] != ':' &&
         s[end] != '(' && s[end] != ')' && s[end] != '"' && s[end] != '.' && s[end] != '/' &&
         s[end] != '+' && s[end] != '[' && s[end] != ']')
    ++end;
  return s.substr(pos, end - pos);
}

}  // namespace

// A person's name starting at `pos`: 2-4 capitalised words (particles allowed between), or a
// known nickname. Sets `end` past it.
bool read_name(std::string_view s, std::size_t pos, std::size_t& end, std::string& name) {
  for (std::string_view alias : {"Greg KH", "GKH"}) {
    if (s.compare(pos, alias.size(), alias) == 0 &&
        (pos + alias.size() == s.size() || !is_alnum(s[pos + alias.size()]))) {
      end = pos + alias.size();
      name = std::string(alias);
      return true;
    }
  }
  std::size_t p = pos;
  int words = 0;
  std::size_t last_end = pos;
  while (p < s.size() && words < 4) {
    std::string_view w = word_at(s, p);
    if (is_particle(w) && words > 0) {
      if (p + w.size() >= s.size() || s[p + w.size()] != ' ') break;
      p += w.size() + 1;
      continue;
    }
    if (!is_name_word(w)) break;
    ++words;
    last_end = p + w.size();
    if (last_end >= s.size() || s[last_end] != ' ') break;
    p = last_end + 1;
  }
  if (words < 2) return false;
  end = last_end;
  name = std::string(s.substr(pos, end - pos));
  return true;
}

// The name that ends at `end` (spaces before `end` skipped), if any.
bool read_name_before(std::string_view s, std::size_t end, std::string& name) {
  while (end > 0 && s[end - 1] == ' ') --end;
  name.clear();
  std::size_t start = end;
  for (int words = 0; words < 5; ++words) {
    std::size_t b = start;
    if (words > 0) {
      if (b == 0 || s[b - 1] != ' ') break;
      --b;
    }
    while (b > 0 && s[b - 1] != ' ' && s[b - 1] != '(' && s[b - 1] != ',' && s[b - 1] != ':' &&
           s[b - 1] != '"')
      --b;
    if (b == start) break;
    start = b;
    std::size_t got = 0;
    std::string n;
    if (read_name(s, start, got, n) && got == end) name = n;  // keep the longest
  }
  return !name.empty();
}

// ---------------------------------------------------------------------------------------------
// Paths.

bool is_path_char(char c) {
  return is_alnum(c) || c == '/' || c == '.' || c == '-' || c == '+' || c == '_';
}

bool looks_like_path(std::string_view p) {
  if (p.size() < 3 || p.front() == '.' || p.back() == '.') return false;
  std::size_t slash = p.rfind('/');
  std::string_view base = slash == p.npos ? p : p.substr(slash + 1);
  if (base == "Kconfig" || base == "Makefile" || base == "MAINTAINERS") return slash != p.npos;
  std::size_t dot = base.rfind('.');
  if (dot == base.npos || dot == 0) return false;
  std::string_view ext = base.substr(dot + 1);
  static const char* const k_ext[] = {"c",    "h",   "S",    "rs",  "py", "sh",   "txt", "rst",
                                      "yaml", "dts", "dtsi", "lds", "pl", "json", "cpp"};
  for (const char* e : k_ext)
    if (ext == e) return true;
  return false;
}

void add_claim(std::vector<Claim>& out, ClaimKind kind, const Sentence& s, std::string phrase,
               ClaimParams params) {
  Claim c;
  c.kind = kind;
  c.text = s.text;
  c.line = s.line;
  std::string_view p = trim(phrase);
  if (starts_with(p, "(") && p.find(')') == std::string_view::npos) p = ltrim(p.substr(1));
  c.phrase = std::string(p);
  c.params = std::move(params);
  out.push_back(std::move(c));
}

bool contains_any(std::string_view s, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return s.find(w) != s.npos; });
}

}  // namespace pt::note_claims
