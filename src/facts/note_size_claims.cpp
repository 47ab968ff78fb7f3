// facts stage: size claims of AUTOSEL notes: "adds 3 lines", "+15/-5" (see note_extractors.hpp).
#include <algorithm>
#include <regex>

#include "facts/note_extractors.hpp"
#include "facts/note_words.hpp"

namespace pt::note_claims {
namespace {

// ---------------------------------------------------------------------------------------------
// Numbers.

long number_word(std::string_view w) {
  static const char* const k_words[] = {"zero",  "one",   "two",  "three", "four",   "five",  "six",
                                        "seven", "eight", "nine", "ten",   "eleven", "twelve"};
  for (long i = 0; i < 13; ++i)
    if (w == k_words[i]) return i;
  if (w == "single" || w == "a single") return 1;
  long v = 0;
  for (char c : w) {
    if (!is_digit(c) || v > 1000000) return -1;
    v = v * 10 + (c - '0');
  }
  return w.empty() ? -1 : v;
}

const char* const k_num =
    "(\\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a single|single)";
const char* const k_bound =
    "(~ ?|about |approximately |approx\\. |roughly |around |nearly |some |under |less than |fewer "
    "than "
    "|below |at most |over |more than |at least |only |just |exactly )?";

void apply_bound(std::string_view word, SizeClaim& c) {
  std::string_view w = trim(word);
  if (w == "~" || w == "about" || w == "approximately" || w == "approx." || w == "roughly" ||
      w == "around" || w == "nearly" || w == "some")
    c.bound = Bound::approximate;
  else if (w == "under" || w == "less than" || w == "fewer than" || w == "below")
    c.bound = Bound::at_most, c.value -= 1;
  else if (w == "at most")
    c.bound = Bound::at_most;
  else if (w == "over" || w == "more than")
    c.bound = Bound::at_least, c.value += 1;
  else if (w == "at least")
    c.bound = Bound::at_least;
}

// ---------------------------------------------------------------------------------------------
// Patterns.

struct SizePattern {
  std::regex re;
  SizeMeasure measure;
  int bound_group, num_group;  // 0: none
};

// The path written right before `pos` ("`drivers/usb/dwc3/core.c`: +20 lines"), or "".
std::string path_before(std::string_view s, std::size_t pos) {
  std::size_t e = pos;
  while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == ':' || s[e - 1] == ',')) --e;
  if (pos - e > 3) return "";
  std::size_t b = e;
  while (b > 0 && is_path_char(s[b - 1])) --b;
  std::string_view p = s.substr(b, e - b);
  return looks_like_path(p) ? std::string(p) : "";
}

// The path named right after a file count ("1 file (`drivers/x.c`)", "Single file: `x.c`").
std::string path_after(std::string_view s, std::size_t pos) {
  std::size_t p = pos;
  auto skip = [&](std::string_view w) {
    if (s.compare(p, w.size(), w) == 0) p += w.size();
  };
  skip(" changed");
  skip(" touched");
  skip(" modified");
  while (p < s.size() && (s[p] == ' ' || s[p] == ':' || s[p] == '(')) ++p;
  if (p - pos > 12) return "";
  std::size_t e = p;
  while (e < s.size() && is_path_char(s[e])) ++e;
  while (e > p && s[e - 1] == '.') --e;
  std::string_view path = s.substr(p, e - p);
  return looks_like_path(path) ? std::string(path) : "";
}

const std::vector<SizePattern>& size_patterns() {
  auto re = [](const std::string& r) {
    return std::regex(r, std::regex::ECMAScript | std::regex::optimize);
  };
  const std::string num = k_num, bound = k_bound;
  static const std::vector<SizePattern> k_patterns = {
      {re("(?:^|[^\\w+/.-])\\+(\\d+)\\s*/\\s*-?(\\d+)(?![\\d.])"),
       SizeMeasure::insertions_deletions, 0, 1},
      {re("\\+(\\d+)\\s+(?:new\\s+)?lines?,\\s*(\\d+)\\s+(?:lines?\\s+)?(?:removed|deleted)"),
       SizeMeasure::insertions_deletions, 0, 1},
      {re("(?:^|[^\\w+/.-])\\+(\\d+)\\s+(?:new\\s+)?lines?\\b"), SizeMeasure::insertions, 0, 1},
      {re("\\b(?:only\\s+)?(?:adds|added|adding|inserts)\\s+(?:only\\s+|just\\s+|exactly\\s+)?(?:"
          "a\\s+)?" +
          bound + num + "\\s+(?:new\\s+)?(?:lines?|insertions?)(?:\\s+of\\s+code)?\\b"),
       SizeMeasure::insertions, 1, 2},
      {re(bound + num +
          "\\s+(?:new\\s+)?(?:lines?|insertions?)\\s+(?:of\\s+code\\s+)?(?:were\\s+|are\\s+)?"
          "(?:added|adding|inserted)\\b"),
       SizeMeasure::insertions, 1, 2},
      {re("\\b(?:removes|removed|removing|deletes|deleting|drops)\\s+(?:only\\s+|just\\s+|"
          "exactly\\s+)?"
          "(?:a\\s+)?" +
          bound + num + "\\s+lines?\\b"),
       SizeMeasure::deletions, 1, 2},
      {re(bound + num + "\\s+lines?\\s+(?:were\\s+|are\\s+)?(?:removed|deleted|dropped)\\b"),
       SizeMeasure::deletions, 1, 2},
      {re("\\b" + num + "[- ]line\\s+(?:addition|insertion)\\b"), SizeMeasure::insertions, 0, 1},
      {re("\\b" + num + "[- ]line\\s+(?:removal|deletion)\\b"), SizeMeasure::deletions, 0, 1},
      {re("\\b" + num +
          "[- ]line\\s+(?:change|fix|bug ?fix|patch|modification|diff|update|edit|guard|"
          "additive guard|hardware quirk|quirk)\\b"),
       SizeMeasure::changed_lines, 0, 1},
      {re("\\(\\s*" + num + "[- ]line\\s*\\)"), SizeMeasure::changed_lines, 0, 1},
      {re("\\b" + num + "-line\\b(?=\\s*[,;)])"), SizeMeasure::changed_lines, 0, 1},
      {re(bound + num +
          "\\s+lines?\\s+(?:of\\s+(?:actual\\s+|meaningful\\s+|real\\s+)?(?:code\\s+)?changes?|"
          "changed|modified|touched)\\b"),
       SizeMeasure::changed_lines, 1, 2},
      {re(bound + num + "\\s+changed\\s+lines\\b"), SizeMeasure::changed_lines, 1, 2},
      {re("\\b(?:changes|modifies|touches)\\s+(?:only\\s+|just\\s+)?" + bound + num +
          "\\s+lines?\\b"),
       SizeMeasure::changed_lines, 1, 2},
      {re(bound + num +
          "\\s+lines?,?\\s+(?:in\\s+)?(?:one|1|a single|single)\\s+(?:file|function)\\b"),
       SizeMeasure::changed_lines, 1, 2},
      {re("\\(\\s*" + bound + num + "\\s+lines?\\s*\\)"), SizeMeasure::changed_lines, 1, 2},
      {re("\\b(?:minimal|small|tiny|size|scope)\\s*[:(-]?\\s*(?:only\\s+|just\\s+)?" + bound + num +
          "\\s+lines?\\b(?!\\s+(?:added|removed|deleted|changed))"),
       SizeMeasure::changed_lines, 1, 2},
      {re("\\blines (?:changed|modified)\\s*:\\s*" + bound + "(\\d+)\\b"),
       SizeMeasure::changed_lines, 1, 2},
      {re("\\blines added\\s*:\\s*" + bound + "(\\d+)\\b"), SizeMeasure::insertions, 1, 2},
      {re("\\blines (?:removed|deleted)\\s*:\\s*" + bound + "(\\d+)\\b"), SizeMeasure::deletions, 1,
       2},
      {re("\\b(?:insertions|added)\\s*:\\s*" + bound + "(\\d+)\\b"), SizeMeasure::insertions, 1, 2},
      {re("\\b(?:deletions|removed)\\s*:\\s*" + bound + "(\\d+)\\b"), SizeMeasure::deletions, 1, 2},
      {re(bound + num + "\\s+insertions?\\b"), SizeMeasure::insertions, 1, 2},
      {re(bound + num + "\\s+deletions?\\b"), SizeMeasure::deletions, 1, 2},
      {re("\\bfiles (?:changed|touched|modified)\\s*:\\s*" + bound + "(\\d+)\\b"),
       SizeMeasure::files, 1, 2},
      {re(bound + num +
          "[- ]files?\\b(?!\\s*(?:descriptors?|systems?|handles?|names?|paths?|modes?|locks?|"
          "formats?|operations?|offsets?|pointers?|types?|sizes?|levels?|-based|level))"),
       SizeMeasure::files, 1, 2},
      {re(bound + num + "\\s+hunks?\\b"), SizeMeasure::hunks, 1, 2},
  };
  return k_patterns;
}

// "`quirk_clx_disable()` (3 lines added); table `tb_quirks[]` (...)": a count in parentheses
// after a function or table name is that part's share, not the diff's.
bool counts_a_part(std::string_view t, std::size_t pos) {
  std::size_t open = t.rfind('(', pos);
  if (open == std::string_view::npos || t.find(')', open) < pos) return false;
  std::string_view before = rtrim(t.substr(0, open));
  if (before.empty()) return false;
  if (before.back() == ')' || before.back() == ']') return true;
  std::size_t b = before.size();
  while (b > 0 && (is_alnum(before[b - 1]) || before[b - 1] == '.' || before[b - 1] == '/' ||
                   before[b - 1] == '-'))
    --b;
  std::string_view word = before.substr(b);
  return word.find('_') != std::string_view::npos && !looks_like_path(word);
}

}  // namespace

void extract_size(const Sentence& s, std::vector<Claim>& out) {
  const std::string& t = s.lower;
  // std::regex is slow: most sentences name no count at all.
  if (!contains_any(t, {"line", "file", "insertion", "deletion", "hunk", "added", "removed",
                        "deleted", "/-", "/ -"}))
    return;
  std::vector<std::pair<std::size_t, std::size_t>> taken;  // spans already claimed
  for (const SizePattern& p : size_patterns()) {
    for (auto it = std::sregex_iterator(t.begin(), t.end(), p.re); it != std::sregex_iterator();
         ++it) {
      const std::smatch& m = *it;
      std::size_t b = m.position(0), e = b + m.length(0);
      while (b < e && !is_alnum(t[b]) && t[b] != '+' && t[b] != '~' && t[b] != '(') ++b;
      bool overlaps = std::any_of(taken.begin(), taken.end(),
                                  [&](const auto& r) { return b < r.second && r.first < e; });
      if (overlaps) continue;
      // "~30 net lines", "net -6 lines": a net count is not a diff count.
      std::string_view after = std::string_view(t).substr(e, 5),
                       before = std::string_view(t).substr(b >= 5 ? b - 5 : 0, b >= 5 ? 5 : b);
      if (starts_with(ltrim(after), "net ") || before.find("net") != std::string_view::npos)
        continue;
      if (starts_with(ltrim(after), "of context") || starts_with(ltrim(after), "with context"))
        continue;
      if (counts_a_part(t, b)) continue;
      SizeClaim c;
      c.measure = p.measure;
      c.value = number_word(m.str(p.num_group));
      if (c.value < 0) continue;
      if (p.measure == SizeMeasure::insertions_deletions)
        c.value2 = number_word(m.str(p.num_group + 1));
      if (p.bound_group && m[p.bound_group].matched) apply_bound(m.str(p.bound_group), c);
      // "Lines changed: +5 lines" names insertions.
      if (p.measure == SizeMeasure::changed_lines && m.str(0).find('+') != std::string::npos)
        c.measure = SizeMeasure::insertions;
      if (c.measure == SizeMeasure::files)
        c.path = path_after(s.plain, e);
      else
        c.path = path_before(s.plain, b);
      taken.emplace_back(b, e);
      add_claim(out, ClaimKind::size, s, s.plain.substr(b, e - b), c);
    }
  }
}

}  // namespace pt::note_claims
