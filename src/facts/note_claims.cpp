#include "facts/note_claims.hpp"

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "util/text.hpp"

// The notes are Markdown-ish prose wrapped at 72-80 columns (and, in pasted web pages, all on
// one line). They are cut into sentences first (bullets, table rows, ". "), then each
// sentence goes through one extractor per claim kind. Every extractor wants a precise
// quantity or name: wording it cannot pin down ("small", "a few lines") is left alone,
// because a wrong "contradicted" costs a reviewer more than a missed claim.

namespace pt {
namespace {

struct Sentence {
  std::string text;   // as written (Markdown kept), lines joined
  std::string plain;  // **, `, <addresses> removed, dashes as '-', spaces collapsed
  std::string lower;  // plain in lower case
  int line = 0;
};

struct Citation {  // ```969:970:drivers/nvme/target/core.c
  FileLineClaim claim;
  std::string header;
  int line = 0;
};

bool is_alnum(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_lower(c);
  return out;
}

// Built into a new string: g++ 12 warns falsely (-Wrestrict) on std::string::replace here.
void replace_all(std::string& s, std::string_view from, std::string_view to) {
  if (from.empty()) return;
  std::string out;
  std::size_t done = 0;
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, done)) {
    out.append(s, done, p - done);
    out += to;
    done = p + from.size();
  }
  if (done == 0) return;
  out.append(s, done, std::string::npos);
  s = std::move(out);
}

// "co- maintainer", "Reviewed- by": a word broken at a hyphen whose line break became a space.
std::string join_broken_words(std::string s) {
  for (std::size_t i = 1; i + 2 < s.size(); ++i)
    if (s[i] == '-' && s[i + 1] == ' ' && is_alnum(s[i - 1]) && is_lower(s[i + 2]))
      s.erase(i + 1, 1);
  return s;
}

std::string plain_text(std::string_view text) {
  std::string s(text);
  replace_all(s, "**", "");
  replace_all(s, "`", "");
  replace_all(s, "\xE2\x80\x94", "-");  // em dash
  replace_all(s, "\xE2\x80\x93", "-");  // en dash
  replace_all(s, "\xE2\x88\x92", "-");  // minus sign
  replace_all(s, "\xE2\x89\x88", "~");  // almost equal
  // Addresses after names ("Thinh Nguyen <Thinh.Nguyen@synopsys.com> (the DWC3 maintainer)").
  for (std::size_t lt = s.find('<'); lt != std::string::npos; lt = s.find('<', lt)) {
    std::size_t gt = s.find('>', lt);
    if (gt != std::string::npos && gt - lt < 80 &&
        s.substr(lt, gt - lt).find('@') != std::string::npos)
      s.erase(lt, gt - lt + 1);
    else
      ++lt;
  }
  return collapse_space(trim(s));
}

// ---------------------------------------------------------------------------------------------
// Sentences.

bool starts_unit(std::string_view t) {
  if (starts_with(t, "- ") || starts_with(t, "* ") || starts_with(t, "|") || starts_with(t, "#") ||
      starts_with(t, "\xE2\x80\xA2"))
    return true;
  std::size_t i = 0;
  while (i < t.size() && is_digit(t[i])) ++i;
  return i > 0 && i + 1 < t.size() && (t[i] == '.' || t[i] == ')') && t[i + 1] == ' ';
}

// Table rows become "cell: cell: cell" so a header cell reads as the subject of the next one.
std::string table_row_text(std::string_view row) {
  std::string out;
  std::size_t pos = 0;
  while (pos <= row.size()) {
    std::size_t bar = row.find('|', pos);
    std::string_view cell =
        trim(row.substr(pos, bar == std::string_view::npos ? row.npos : bar - pos));
    if (!cell.empty()) {
      if (!out.empty()) out += ": ";
      out.append(cell);
    }
    if (bar == std::string_view::npos) break;
    pos = bar + 1;
  }
  return out;
}

std::string_view strip_marker(std::string_view s) {
  s = ltrim(s);
  while (starts_with(s, "#")) s.remove_prefix(1);
  if (starts_with(s, "- ") || starts_with(s, "* ")) s.remove_prefix(2);
  if (starts_with(s, "\xE2\x80\xA2")) s.remove_prefix(3);
  std::size_t i = 0;
  while (i < s.size() && is_digit(s[i])) ++i;
  if (i > 0 && i + 1 < s.size() && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ')
    s.remove_prefix(i + 2);
  return trim(s);
}

bool is_abbreviation_end(std::string_view unit, std::size_t dot) {
  static const char* const k_abbrev[] = {"e.g", "i.e", "vs", "etc", "approx", "cf", "al", "No"};
  for (const char* a : k_abbrev) {
    std::string_view w(a);
    if (dot >= w.size() && unit.substr(dot - w.size(), w.size()) == w &&
        (dot == w.size() || !is_alnum(unit[dot - w.size() - 1])))
      return true;
  }
  return false;
}

// Offsets in `unit` where a new sentence starts: ". X", " - **" (a bullet of a flattened
// list), " ## " (a flattened heading), " --- ".
std::vector<std::size_t> sentence_starts(std::string_view unit) {
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 1; i + 2 < unit.size(); ++i) {
    char c = unit[i];
    if ((c == '.' || c == '!' || c == '?') && unit[i + 1] == ' ') {
      char n = unit[i + 2];
      if ((is_upper(n) || n == '*' || n == '`' || n == '[') && !is_abbreviation_end(unit, i))
        starts.push_back(i + 2);
    } else if (c == ' ' && (unit.compare(i, 5, " - **") == 0 || unit.compare(i, 4, " - [") == 0 ||
                            unit.compare(i, 5, " --- ") == 0)) {
      starts.push_back(i + 1);
    } else if (c == ' ' && unit[i + 1] == '#' &&
               (unit.compare(i, 4, " ## ") == 0 || unit.compare(i, 5, " ### ") == 0 ||
                unit.compare(i, 6, " #### ") == 0)) {
      starts.push_back(i + 1);
    }
  }
  return starts;
}

constexpr std::size_t k_max_sentence = 4000;

void add_sentences(const std::string& unit, const std::vector<std::pair<std::size_t, int>>& lines,
                   std::vector<Sentence>& out) {
  std::string text = starts_with(unit, "|") ? table_row_text(unit) : unit;
  std::vector<std::size_t> starts =
      starts_with(unit, "|") ? std::vector<std::size_t>{0} : sentence_starts(text);
  // A "sentence" of pasted logs can run for megabytes; std::regex's cost grows with it, and
  // no claim spans thousands of characters, so long runs are cut at a space.
  for (std::size_t k = 0; k < starts.size(); ++k) {
    std::size_t end = k + 1 < starts.size() ? starts[k + 1] : text.size();
    if (end - starts[k] <= k_max_sentence) continue;
    std::size_t cut = text.rfind(' ', starts[k] + k_max_sentence);
    if (cut == std::string::npos || cut <= starts[k]) cut = starts[k] + k_max_sentence;
    starts.insert(starts.begin() + static_cast<std::ptrdiff_t>(k) + 1, cut);
  }
  for (std::size_t k = 0; k < starts.size(); ++k) {
    std::size_t end = k + 1 < starts.size() ? starts[k + 1] : text.size();
    std::string_view piece =
        strip_marker(std::string_view(text).substr(starts[k], end - starts[k]));
    if (starts_with(piece, "---")) piece = trim(piece.substr(3));
    if (piece.size() < 3) continue;
    Sentence s;
    s.text = join_broken_words(std::string(piece));
    s.plain = plain_text(s.text);
    s.lower = lower_ascii(s.plain);
    s.line = lines.front().second;
    for (const auto& [offset, line] : lines)
      if (offset <= starts[k]) s.line = line;
    out.push_back(std::move(s));
  }
}

// "969:970:drivers/nvme/target/core.c" (the citation form of code-reading assistants).
bool parse_citation_header(std::string_view h, FileLineClaim& c) {
  std::size_t a = h.find(':');
  std::size_t b = a == h.npos ? h.npos : h.find(':', a + 1);
  if (b == h.npos || a == 0 || b == a + 1 || b + 1 >= h.size()) return false;
  for (std::size_t i = 0; i < b; ++i)
    if (i != a && !is_digit(h[i])) return false;
  if (a > 7 || b - a - 1 > 7) return false;
  c.first_line = std::stol(std::string(h.substr(0, a)));
  c.last_line = std::stol(std::string(h.substr(a + 1, b - a - 1)));
  c.path = std::string(trim(h.substr(b + 1)));
  return c.first_line > 0 && c.last_line >= c.first_line && c.path.find(' ') == std::string::npos;
}

void segment_notes(std::string_view notes, std::vector<Sentence>& sentences,
                   std::vector<Citation>& citations) {
  std::string unit;
  std::vector<std::pair<std::size_t, int>> unit_lines;
  auto flush = [&] {
    if (!trim(unit).empty()) add_sentences(unit, unit_lines, sentences);
    unit.clear();
    unit_lines.clear();
  };
  bool in_fence = false;
  Citation* cite = nullptr;
  std::size_t pos = 0;
  int line_no = 0;
  while (pos < notes.size()) {
    std::string_view raw = next_line(notes, pos);
    ++line_no;
    while (!raw.empty() && (raw.back() == '\n' || raw.back() == '\r')) raw.remove_suffix(1);
    std::string_view t = trim(raw);
    if (starts_with(t, "```")) {
      flush();
      if (!in_fence) {
        Citation c;
        c.header = std::string(t);
        c.line = line_no;
        if (parse_citation_header(trim(t.substr(3)), c.claim)) {
          citations.push_back(std::move(c));
          cite = &citations.back();
        }
      } else {
        cite = nullptr;
      }
      in_fence = !in_fence;
      continue;
    }
    if (in_fence) {
      if (cite) cite->claim.quoted.append(raw).push_back('\n');
      continue;
    }
    if (t.empty()) {
      flush();
      continue;
    }
    if (starts_with(t, "|") && t.find_first_not_of("|-: ") == std::string_view::npos) {
      flush();  // a table's |---|---| line
      continue;
    }
    if (starts_unit(t)) flush();
    if (!unit.empty()) {
      bool broken = unit.size() >= 2 && unit.back() == '-' && is_alnum(unit[unit.size() - 2]) &&
                    is_alnum(t.front());
      if (!broken) unit.push_back(' ');
    }
    unit_lines.emplace_back(unit.size(), line_no);
    unit.append(t);
  }
  flush();
}

// ---------------------------------------------------------------------------------------------
// Shared helpers: numbers, commit ids, names.

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

// 7 to 40 hex digits with at least one digit and one letter, standing alone.
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

// ---------------------------------------------------------------------------------------------
// Size claims.

struct SizePattern {
  std::regex re;
  SizeMeasure measure;
  int bound_group, num_group;  // 0: none
};

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

// ---------------------------------------------------------------------------------------------
// Commit claims: trailers.

struct TrailerWord {
  const char* text;  // as it may appear in the note
  const char* key;   // the trailer key it names
  bool formal;       // hyphenated key (Reviewed-by) rather than prose (reviewed by)
  bool case_sensitive;
};

const TrailerWord k_trailer_words[] = {
    {"Reviewed-by", "Reviewed-by", true, false},
    {"Acked-by", "Acked-by", true, false},
    {"Tested-by", "Tested-by", true, false},
    {"Reported-by", "Reported-by", true, false},
    {"Suggested-by", "Suggested-by", true, false},
    {"Signed-off-by", "Signed-off-by", true, false},
    {"Co-developed-by", "Co-developed-by", true, false},
    {"reviewed by", "Reviewed-by", false, false},
    {"acked by", "Acked-by", false, false},
    {"tested by", "Tested-by", false, false},
    {"reported by", "Reported-by", false, false},
    {"signed off by", "Signed-off-by", false, false},
    {"Fixes:", "Fixes", true, true},
    {"Fixes tag", "Fixes", true, true},
    {"Fixes/", "Fixes", true, true},
    {"Cc: stable", "Cc: stable", true, false},
    {"Cc:stable", "Cc: stable", true, false},
    {"Cc-stable", "Cc: stable", true, false},
    {"stable tag", "Cc: stable", true, false},
    {"Link:", "Link", true, true},
    {"Closes:", "Closes", true, true},
};

bool is_negation_word(std::string_view w) {
  return w == "no" || w == "not" || w == "without" || w == "lack" || w == "lacks" ||
         w == "lacking" || w == "absence" || w == "absent" || w == "missing" || w == "none" ||
         w == "neither" || w == "nor";
}

// True when a negation governs the key at `pos`: "No Fixes: tag", "no `Fixes:`, `Reported-by:`,
// or `Cc: stable`", "the lack of explicit Cc: stable and Fixes: tags". Walking back from the
// key only over other keys and filler words keeps "I did not confirm ... Tested-by" out.
bool negated_before(std::string_view lower, std::size_t pos) {
  // clang-format off
  static const char* const k_filler[] = {
      "explicit", "public", "the", "a", "an", "any", "or", "and", "nor", "tag", "tags", "trailer",
      "trailers", "stable", "cc", "cc-stable", "fixes", "link", "closes", "reported-by",
      "reviewed-by", "acked-by", "tested-by", "suggested-by", "of", "is", "are", "was", "were",
      "there", "has", "have", "had", "also", "formal", "upstream", "stable@vger.kernel.org"};
  // clang-format on
  std::size_t i = pos;
  for (int steps = 0; steps < 12 && i > 0; ++steps) {
    while (i > 0 && (lower[i - 1] == ' ' || lower[i - 1] == ',' || lower[i - 1] == '/' ||
                     lower[i - 1] == ':' || lower[i - 1] == '(' || lower[i - 1] == '*' ||
                     lower[i - 1] == '-'))
      --i;
    if (i >= 3 && lower.compare(i - 3, 3, "\xE2\x9D\x8C") == 0) return true;  // the red cross
    std::size_t b = i;
    while (b > 0 && lower[b - 1] != ' ' && lower[b - 1] != ',' && lower[b - 1] != '/' &&
           lower[b - 1] != '(' && lower[b - 1] != '*')
      --b;
    std::string_view w = lower.substr(b, i - b);
    while (!w.empty() && (w.back() == ':' || w.back() == '.')) w.remove_suffix(1);
    if (w.empty()) return false;
    if (w.find('.') != std::string_view::npos && w.find('@') == std::string_view::npos)
      return false;
    if (is_negation_word(w)) return true;
    bool filler = std::any_of(std::begin(k_filler), std::end(k_filler),
                              [&](const char* f) { return w == f; });
    if (!filler) return false;
    i = b;
  }
  return false;
}

// "Fixes: (absent", "Cc: stable: absent", "Has Fixes: tag: ❌ No" (a table row).
bool negated_after(std::string_view lower, std::size_t pos) {
  std::string_view rest = lower.substr(pos, 40);
  std::size_t stop = rest.find_first_of(".;");
  rest = rest.substr(0, stop);
  for (std::string_view w : {"absent", "(none", ": none", "not present", ": no", "\xE2\x9D\x8C"})
    if (rest.find(w) != std::string_view::npos) return true;
  return false;
}

bool affirmed_after(std::string_view lower, std::size_t pos) {
  std::string_view rest = lower.substr(pos, 30);
  return rest.find("\xE2\x9C\x85") != std::string_view::npos ||
         rest.find(": yes") != std::string_view::npos;
}

void extract_trailers(const Sentence& s, const std::vector<std::string>& own,
                      std::vector<Claim>& out) {
  if (about_other_commit(s, own)) return;
  const std::string& t = s.plain;
  const std::string& lower = s.lower;
  for (const TrailerWord& w : k_trailer_words) {
    std::string_view word(w.text);
    std::string needle = w.case_sensitive ? std::string(word) : lower_ascii(word);
    const std::string& hay = w.case_sensitive ? t : lower;
    for (std::size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) {
      if (p > 0 && (is_alnum(hay[p - 1]) || hay[p - 1] == '-')) continue;  // "co-Signed-off-by"
      std::size_t e = p + needle.size();
      if (!w.formal && e < hay.size() && hay[e] != ' ') continue;
      if (w.formal && word.back() != ':' && word.back() != '/' && e < hay.size() &&
          is_alnum(hay[e]))
        continue;
      // A person right after the key: "Reviewed-by: Christoph Hellwig", "Acked-by (Peter Chen,
      // ...)".
      std::size_t q = e;
      while (q < t.size() && (t[q] == ' ' || t[q] == ':' || t[q] == '(')) ++q;
      std::size_t name_end = 0;
      std::string person;
      bool named = std::string_view(w.key) != "Fixes" && std::string_view(w.key) != "Cc: stable" &&
                   std::string_view(w.key) != "Link" && std::string_view(w.key) != "Closes" &&
                   read_name(t, q, name_end, person);
      if (named) {
        if (negated_before(lower, p)) continue;
        CommitClaim c;
        c.what = CommitFact::trailer_present;
        c.key = w.key;
        c.person = person;
        c.prose = !w.formal;
        add_claim(out, ClaimKind::commit, s, t.substr(p, name_end - p), c);
        continue;
      }
      if (!w.formal) continue;
      std::string_view tail = std::string_view(lower).substr(e, 25);
      if (starts_with(ltrim(tail), "other than") || starts_with(ltrim(tail), "except") ||
          starts_with(ltrim(tail), "besides"))
        continue;
      bool absent = negated_before(lower, p) || negated_after(lower, e);
      bool present = !absent && affirmed_after(lower, e) && starts_with(lower, "has ");
      if (!absent && !present) continue;
      CommitClaim c;
      c.what = absent ? CommitFact::trailer_absent : CommitFact::trailer_present;
      c.key = w.key;
      add_claim(out, ClaimKind::commit, s, t.substr(p, e - p), c);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Commit claims: tags.

struct Version {
  std::size_t pos, end;
  std::string tag;  // "v6.1", "v6.0-rc4"
  bool and_later;   // "v6.0+", "v6.11 and later"
};

std::vector<Version> find_versions(std::string_view s) {
  std::vector<Version> out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool v = (s[i] == 'v' || s[i] == 'V') && i + 1 < s.size() && is_digit(s[i + 1]);
    std::size_t d = v ? i + 1 : i;
    if (!is_digit(s[d])) continue;
    if (i > 0 && (is_alnum(s[i - 1]) || s[i - 1] == '.' || s[i - 1] == '-' || s[i - 1] == '/'))
      continue;
    if (!v) {  // "kernel 5.10", "Linux 6.1"
      std::string_view left = s.substr(0, i);
      if (!(left.size() >= 7 && (iequals(left.substr(left.size() - 7), "kernel ") ||
                                 iequals(left.substr(left.size() - 6), "linux "))))
        continue;
    }
    std::size_t j = d;
    while (j < s.size() && is_digit(s[j])) ++j;
    if (j == d || j - d > 2 || j >= s.size() || s[j] != '.' || j + 1 >= s.size() ||
        !is_digit(s[j + 1]))
      continue;
    std::size_t k = j + 1;
    while (k < s.size() && is_digit(s[k])) ++k;
    if (k - j - 1 > 2) continue;
    std::string tag = "v" + std::string(s.substr(d, k - d));
    if (k < s.size() && s[k] == '.' && k + 1 < s.size() && (is_alnum(s[k + 1])))
      continue;  // 6.1.y, 6.1.192
    if (s.compare(k, 3, "-rc") == 0 && k + 3 < s.size() && is_digit(s[k + 3])) {
      std::size_t r = k + 3;
      while (r < s.size() && is_digit(s[r])) ++r;
      tag += std::string(s.substr(k, r - k));
      k = r;
    }
    if (k < s.size() && (is_alnum(s[k]) || s[k] == '-')) continue;
    std::string_view rest = s.substr(k, 20);
    if (starts_with(rest, " timeframe") || starts_with(rest, " era") || starts_with(rest, "-ish") ||
        starts_with(rest, "-era"))
      continue;
    bool later = starts_with(rest, "+") || starts_with(rest, " and later") ||
                 starts_with(rest, " and newer") || starts_with(rest, " onward") ||
                 starts_with(rest, " or later");
    out.push_back({i, starts_with(rest, "+") ? k + 1 : k, tag, later});
    i = k;
  }
  return out;
}

const std::initializer_list<std::string_view> k_first_tag_words = {
    "introduc",   "first appeared", "first available", "appeared in",         "came from",
    "came in",    "added in",       "added by",        "merged in",           "landed in",
    "dates back", "expanded by",    "first released",  "describe --contains", "first shipped"};

// The versions each commit id of a sentence owns: those after it, up to the next id. A version
// before every id ("introduced in v6.13 (commit edfcc455c85cc)") belongs to the only commit
// named, unless that commit has versions after it.
std::vector<std::pair<std::size_t, std::vector<const Version*>>> group_versions(
    const std::vector<std::pair<std::size_t, std::string>>& shas,
    const std::vector<Version>& versions) {
  std::vector<std::pair<std::size_t, std::vector<const Version*>>> groups;  // index into shas
  auto group_of = [&](std::size_t owner) -> std::vector<const Version*>& {
    for (auto& g : groups)
      if (same_commit(shas[g.first].second, shas[owner].second)) return g.second;
    groups.push_back({owner, {}});
    return groups.back().second;
  };
  std::set<std::string> distinct;
  for (const auto& sha : shas) {
    bool seen = std::any_of(distinct.begin(), distinct.end(),
                            [&](const std::string& d) { return same_commit(d, sha.second); });
    if (!seen) distinct.insert(sha.second);
  }
  std::vector<const Version*> leading;
  for (const Version& v : versions) {
    std::size_t owner = shas.size();
    for (std::size_t k = 0; k < shas.size(); ++k)
      if (shas[k].first < v.pos) owner = k;
    if (owner == shas.size())
      leading.push_back(&v);
    else
      group_of(owner).push_back(&v);
  }
  if (!leading.empty() && distinct.size() == 1 && groups.empty()) group_of(0) = leading;
  return groups;
}

// "e41f8c0222e30 is in v6.1 (YES), v6.6 (YES), NOT in v5.15": one claim per version, each
// taking the nearest "in" / "not in" before it (or the one before that).
void emit_in_tags(const Sentence& s, std::size_t sha_pos, const std::string& sha,
                  const std::vector<const Version*>& vs, std::vector<Claim>& out) {
  const std::string& t = s.plain;
  bool in = true;
  std::size_t from = sha_pos;
  for (const Version* v : vs) {
    std::string_view between =
        std::string_view(s.lower).substr(from, v->pos > from ? v->pos - from : 0);
    std::size_t neg = std::string_view::npos, neg_end = 0, pos_word = std::string_view::npos,
                pos_end = 0;
    for (std::string_view w : {"not in", "not present in", "absent from", "absent in",
                               "missing from", "isn't in", "not yet in", "never in", "lacks"}) {
      std::size_t p = between.rfind(w);
      if (p != std::string_view::npos && (neg == std::string_view::npos || p > neg))
        neg = p, neg_end = p + w.size();
    }
    for (std::string_view w : {" is in", " are in", "present in", " in "}) {
      std::size_t p = between.rfind(w);
      // The last marker; of overlapping ones ("present in" holds " in ") the longer.
      if (p != std::string_view::npos && (pos_word == std::string_view::npos || p >= pos_end))
        pos_word = p, pos_end = p + w.size();
    }
    if (neg != std::string_view::npos && (pos_word == std::string_view::npos || pos_word < neg_end))
      in = false;
    else if (pos_word != std::string_view::npos)
      in = true;
    CommitClaim c;
    c.what = CommitFact::in_tag;
    c.sha = lower_ascii(sha);
    c.tag = v->tag;
    c.in = in;
    // The phrase of a later version starts at its own "in" / "not in", if it has one.
    std::size_t marker = std::min(neg, pos_word);  // npos when neither
    std::size_t b = from == sha_pos                    ? std::min(sha_pos, v->pos)
                    : marker != std::string_view::npos ? from + marker
                                                       : v->pos;
    std::string_view phrase = std::string_view(t).substr(b, v->end - b);
    while (!phrase.empty() && (phrase.front() == ',' || phrase.front() == ' '))
      phrase.remove_prefix(1);
    if (starts_with(phrase, "and ")) phrase.remove_prefix(4);
    add_claim(out, ClaimKind::commit, s, std::string(phrase), c);
    from = v->end;
  }
}

// "introduced by `e41f8c0222e30` (v6.0, ...)", "describe --contains efed421a94e62 -> v3.19-rc1".
void emit_first_tag(const Sentence& s, std::size_t sha_pos, const std::string& sha,
                    const Version& v, std::vector<Claim>& out) {
  const std::string& t = s.plain;
  const std::string& lower = s.lower;
  bool in_parens = false;
  if (v.pos > sha_pos) {
    std::size_t open = t.rfind('(', v.pos);
    in_parens = open != std::string::npos && open > sha_pos && t.find(')', open) > v.pos;
  }
  if (!in_parens && !contains_any(lower, k_first_tag_words)) return;
  CommitClaim c;
  c.what = CommitFact::first_tag;
  c.sha = lower_ascii(sha);
  c.tag = v.tag;
  std::size_t b = std::min(sha_pos, v.pos), e = std::max(sha_pos + sha.size(), v.end);
  // Start the phrase at the verb that makes it a first tag.
  std::size_t verb = std::string::npos;
  for (std::string_view w : k_first_tag_words) {
    std::size_t p = lower.rfind(w, b);
    if (p != std::string::npos && b - p <= 60 && (verb == std::string::npos || p > verb)) verb = p;
  }
  if (verb != std::string::npos && lower.find(". ", verb) >= b) b = verb;
  add_claim(out, ClaimKind::commit, s, t.substr(b, e - b), c);
}

void extract_tags(const Sentence& s, std::vector<Claim>& out) {
  auto shas = find_shas(s.plain);
  if (shas.empty()) return;
  std::vector<Version> versions = find_versions(s.plain);
  if (versions.empty()) return;
  for (const auto& [owner, vs] : group_versions(shas, versions)) {
    const auto& [sha_pos, sha] = shas[owner];
    std::size_t b = std::min(sha_pos, vs.front()->pos);
    std::string_view group = std::string_view(s.lower).substr(b, vs.back()->end - b);
    bool in_words =
        contains_any(group, {" is in ", " are in ", "present in", "absent from", "absent in",
                             "not in ", "missing from", "contained in", "(yes)", "is not in"}) ||
        std::any_of(vs.begin(), vs.end(), [](const Version* v) { return v->and_later; });
    if (in_words)
      emit_in_tags(s, sha_pos, sha, vs, out);
    else if (vs.size() == 1)  // "(v5.17 / v6.0)" after two commits: whose is which?
      emit_first_tag(s, sha_pos, sha, *vs.front(), out);
  }
}

// ---------------------------------------------------------------------------------------------
// Role claims.

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

// ---------------------------------------------------------------------------------------------
// file:line claims.

// Code the sentence names: `...` spans and bare foo_bar() / foo_bar words, except paths.
std::vector<std::string> code_subjects(std::string_view text) {
  std::vector<std::string> out;
  std::string prose;
  std::size_t p = 0;
  while (p < text.size()) {
    std::size_t b = text.find('`', p);
    if (b == std::string_view::npos) {
      prose.append(text.substr(p));
      break;
    }
    prose.append(text.substr(p, b - p));
    std::size_t e = text.find('`', b + 1);
    if (e == std::string_view::npos) break;
    std::string_view span = trim(text.substr(b + 1, e - b - 1));
    bool path = span.find('/') != std::string_view::npos &&
                span.find(' ') == std::string_view::npos &&
                span.find("->") == std::string_view::npos;
    bool has_ident = std::count_if(span.begin(), span.end(), is_alnum) >= 3;
    std::size_t run = 0;
    while (run < span.size() && is_path_char(span[run])) ++run;
    if (!span.empty() && !path && has_ident && !looks_like_path(span.substr(0, run)))
      out.emplace_back(span);
    prose.push_back(' ');
    p = e + 1;
  }
  for (std::size_t i = 0; i < prose.size();) {
    if (!is_alnum(prose[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < prose.size() && (is_alnum(prose[j]))) ++j;
    std::string_view w = std::string_view(prose).substr(i, j - i);
    bool call = j + 1 < prose.size() && prose[j] == '(' && prose[j + 1] == ')';
    bool ident = w.find('_') != std::string_view::npos && w.size() >= 4 && !is_digit(w[0]);
    bool in_path = (i > 0 && (prose[i - 1] == '/' || prose[i - 1] == '.' || prose[i - 1] == '-')) ||
                   (j < prose.size() && (prose[j] == '/' || prose[j] == '.' || prose[j] == '-'));
    if ((call || ident) && !in_path && w.size() >= 3 && !is_digit(w[0])) out.emplace_back(w);
    i = j;
  }
  return out;
}

struct LineRef {
  std::size_t pos, end;
  std::string path;
  long first, last;
};

bool read_range(std::string_view s, std::size_t& p, long& first, long& last) {
  std::size_t b = p;
  while (p < s.size() && is_digit(s[p])) ++p;
  if (p == b || p - b > 6) return false;
  first = last = std::stol(std::string(s.substr(b, p - b)));
  std::size_t q = p;
  while (q < s.size() && s[q] == ' ') ++q;
  if (q < s.size() && s[q] == '-') {
    ++q;
    while (q < s.size() && s[q] == ' ') ++q;
    std::size_t d = q;
    while (q < s.size() && is_digit(s[q])) ++q;
    if (q > d && q - d <= 6) {
      last = std::stol(std::string(s.substr(d, q - d)));
      p = q;
    }
  }
  return first > 0 && last >= first && last - first <= 400;
}

std::vector<LineRef> find_line_refs(std::string_view s) {
  std::vector<LineRef> out;
  // path:N[-M]
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!is_path_char(s[i]) || (i > 0 && is_path_char(s[i - 1]))) continue;
    std::size_t j = i;
    while (j < s.size() && is_path_char(s[j])) ++j;
    std::string_view path = s.substr(i, j - i);
    while (!path.empty() && path.back() == '.') path.remove_suffix(1);
    if (looks_like_path(path)) {
      std::size_t p = i + path.size();
      long first = 0, last = 0;
      if (p + 1 < s.size() && s[p] == ':' && is_digit(s[p + 1])) {
        ++p;
        if (read_range(s, p, first, last)) out.push_back({i, p, std::string(path), first, last});
      } else {
        // "f_fs.c at lines 1490-1549", "vhci_rx.c line 92"
        std::size_t q = p;
        if (q < s.size() && s[q] == '`') ++q;
        std::string_view rest = s.substr(q);
        for (std::string_view w : {" at lines ", " at line ", " lines ", " line "}) {
          if (starts_with(rest, w)) {
            std::size_t r = q + w.size();
            if (read_range(s, r, first, last))
              out.push_back({i, r, std::string(path), first, last});
            break;
          }
        }
      }
    }
    i = j;
  }
  // line(s) N[-M] of path
  for (std::size_t p = s.find("line"); p != std::string_view::npos; p = s.find("line", p + 1)) {
    if (p > 0 && is_alnum(s[p - 1])) continue;
    std::size_t q = p + 4;
    if (q < s.size() && s[q] == 's') ++q;
    if (q >= s.size() || s[q] != ' ') continue;
    ++q;
    long first = 0, last = 0;
    if (!read_range(s, q, first, last)) continue;
    std::string_view rest = s.substr(q);
    std::size_t skip = starts_with(rest, " of ") ? 4 : starts_with(rest, " in ") ? 4 : 0;
    if (!skip) continue;
    std::size_t b = q + skip;
    if (b < s.size() && s[b] == '`') ++b;
    std::size_t e = b;
    while (e < s.size() && is_path_char(s[e])) ++e;
    std::string_view path = s.substr(b, e - b);
    while (!path.empty() && path.back() == '.') path.remove_suffix(1);
    if (looks_like_path(path)) out.push_back({p, b + path.size(), std::string(path), first, last});
  }
  return out;
}

void extract_file_lines(const Sentence& s, std::vector<Claim>& out) {
  // Backticks stay: they delimit the code the sentence puts on the line.
  std::string text = s.text;
  replace_all(text, "**", "");
  replace_all(text, "\xE2\x80\x93", "-");
  std::string bare = text;
  replace_all(bare, "`", "");
  std::vector<LineRef> refs = find_line_refs(bare);
  if (refs.empty()) return;
  std::vector<std::string> subjects = code_subjects(text);
  for (const LineRef& r : refs) {
    FileLineClaim c;
    c.path = r.path;
    c.first_line = r.first;
    c.last_line = r.last;
    c.code = subjects;
    add_claim(out, ClaimKind::file_line, s, bare.substr(r.pos, r.end - r.pos), c);
  }
}

// ---------------------------------------------------------------------------------------------

std::string claim_key(const Claim& c) {
  std::string k = std::to_string(static_cast<int>(c.kind)) + "|";
  std::visit(
      [&](const auto& p) {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, SizeClaim>)
          k += std::to_string(int(p.measure)) + "|" + std::to_string(p.value) + "|" +
               std::to_string(p.value2) + "|" + std::to_string(int(p.bound)) + "|" + p.path;
        else if constexpr (std::is_same_v<T, CommitClaim>)
          k += std::to_string(int(p.what)) + "|" + p.key + "|" + normalize_person(p.person) + "|" +
               p.sha + "|" + p.tag + "|" + std::to_string(p.in);
        else if constexpr (std::is_same_v<T, RoleClaim>)
          k += normalize_person(p.person) + "|" + lower_ascii(p.scope);
        else
          k += p.path + "|" + std::to_string(p.first_line) + "|" + std::to_string(p.last_line) +
               "|" + p.quoted;
      },
      c.params);
  return k;
}

}  // namespace

std::vector<Claim> extract_claims(std::string_view notes,
                                  const std::vector<std::string>& own_commits) {
  // LLM notes run to 20 KB; a mail whose "notes" are megabytes of log is not one of them.
  constexpr std::size_t k_max_notes = 256 * 1024;
  notes = notes.substr(0, k_max_notes);
  std::vector<Sentence> sentences;
  std::vector<Citation> citations;
  segment_notes(notes, sentences, citations);
  std::vector<Claim> found;
  for (const Sentence& s : sentences) {
    std::vector<Claim> here;
    if (!about_other_commit(s, own_commits)) extract_size(s, here);
    extract_trailers(s, own_commits, here);
    extract_tags(s, here);
    extract_roles(s, here);
    extract_file_lines(s, here);
    // In the order the sentence says them.
    std::stable_sort(here.begin(), here.end(), [&](const Claim& a, const Claim& b) {
      return s.plain.find(a.phrase) < s.plain.find(b.phrase);
    });
    for (Claim& c : here) found.push_back(std::move(c));
  }
  for (const Citation& c : citations) {
    Claim claim;
    claim.kind = ClaimKind::file_line;
    claim.text = c.header + "\n" + c.claim.quoted + "```";
    claim.line = c.line;
    claim.phrase = c.header.substr(3);
    claim.params = c.claim;
    found.push_back(std::move(claim));
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const Claim& a, const Claim& b) { return a.line < b.line; });
  // "stub_rx.c:381" where the note also names drivers/usb/usbip/stub_rx.c: that file.
  std::set<std::string> full_paths;
  for (const Claim& c : found)
    if (const auto* f = std::get_if<FileLineClaim>(&c.params))
      if (f->path.find('/') != std::string::npos) full_paths.insert(f->path);
  for (Claim& c : found) {
    auto* f = std::get_if<FileLineClaim>(&c.params);
    if (!f || f->path.find('/') != std::string::npos) continue;
    std::string match;
    int matches = 0;
    for (const std::string& p : full_paths)
      if (p.size() > f->path.size() &&
          p.compare(p.size() - f->path.size(), f->path.size(), f->path) == 0 &&
          p[p.size() - f->path.size() - 1] == '/')
        match = p, ++matches;
    if (matches == 1) f->path = match;
  }
  // Each distinct claim once; a file:line named twice keeps the code of both sentences.
  std::vector<Claim> out;
  std::map<std::string, std::size_t> seen;
  for (Claim& c : found) {
    auto [it, fresh] = seen.emplace(claim_key(c), out.size());
    if (fresh) {
      out.push_back(std::move(c));
      continue;
    }
    // "Reviewed-by: X" says more than "reviewed by X": keep the trailer's wording.
    auto* said = std::get_if<CommitClaim>(&out[it->second].params);
    const auto* again = std::get_if<CommitClaim>(&c.params);
    if (said && again && said->prose && !again->prose) {
      out[it->second] = std::move(c);
      continue;
    }
    auto* mine = std::get_if<FileLineClaim>(&out[it->second].params);
    const auto* more = std::get_if<FileLineClaim>(&c.params);
    if (mine && more) {
      if (mine->code.empty() && !more->code.empty()) {
        out[it->second].text = c.text;  // the sentence that says what is there
        out[it->second].phrase = c.phrase;
      }
      for (const std::string& code : more->code)
        if (std::find(mine->code.begin(), mine->code.end(), code) == mine->code.end())
          mine->code.push_back(code);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Names.

std::string normalize_person(std::string_view name) {
  // Latin letters with diacritics that kernel names use, folded to ASCII (UTF-8 pairs).
  static const std::pair<const char*, char> k_fold[] = {
      {"\xC3\xA0", 'a'}, {"\xC3\xA1", 'a'}, {"\xC3\xA2", 'a'}, {"\xC3\xA4", 'a'}, {"\xC3\xA5", 'a'},
      {"\xC3\xA3", 'a'}, {"\xC3\xA7", 'c'}, {"\xC3\xA8", 'e'}, {"\xC3\xA9", 'e'}, {"\xC3\xAA", 'e'},
      {"\xC3\xAB", 'e'}, {"\xC3\xAC", 'i'}, {"\xC3\xAD", 'i'}, {"\xC3\xAE", 'i'}, {"\xC3\xAF", 'i'},
      {"\xC3\xB1", 'n'}, {"\xC3\xB2", 'o'}, {"\xC3\xB3", 'o'}, {"\xC3\xB4", 'o'}, {"\xC3\xB6", 'o'},
      {"\xC3\xB8", 'o'}, {"\xC3\xB5", 'o'}, {"\xC3\xB9", 'u'}, {"\xC3\xBA", 'u'}, {"\xC3\xBB", 'u'},
      {"\xC3\xBC", 'u'}, {"\xC3\xBD", 'y'}, {"\xC3\x81", 'a'}, {"\xC3\x89", 'e'}, {"\xC3\x96", 'o'},
      {"\xC3\x9C", 'u'}, {"\xC3\x85", 'a'}, {"\xC3\x98", 'o'}, {"\xC3\x9F", 's'}, {"\xC4\x85", 'a'},
      {"\xC4\x87", 'c'}, {"\xC4\x8D", 'c'}, {"\xC4\x99", 'e'}, {"\xC4\x9B", 'e'}, {"\xC5\x82", 'l'},
      {"\xC5\x81", 'l'}, {"\xC5\x84", 'n'}, {"\xC5\x88", 'n'}, {"\xC5\x99", 'r'}, {"\xC5\x9B", 's'},
      {"\xC5\xA1", 's'}, {"\xC5\xA5", 't'}, {"\xC5\xAF", 'u'}, {"\xC5\xBA", 'z'}, {"\xC5\xBC", 'z'},
      {"\xC5\xBE", 'z'}, {"\xC5\xA0", 's'}, {"\xC5\xBD", 'z'}, {"\xC4\x8C", 'c'}, {"\xC5\x98", 'r'},
      {"\xC4\x9F", 'g'}, {"\xC4\xB1", 'i'}, {"\xC5\x9F", 's'}};
  std::string out;
  for (std::size_t i = 0; i < name.size();) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    if (c >= 0x80) {
      bool folded = false;
      for (const auto& [utf8, ascii] : k_fold) {
        if (name.compare(i, 2, utf8) == 0) {
          out.push_back(ascii);
          i += 2;
          folded = true;
          break;
        }
      }
      if (!folded) out.push_back(name[i++]);
      continue;
    }
    char ch = to_lower(name[i++]);
    if (ch == '-' || ch == '.' || ch == '_' || is_space(ch)) ch = ' ';
    if (ch == ' ' && (out.empty() || out.back() == ' ')) continue;
    out.push_back(ch);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out == "greg kh" || out == "gkh" || out == "gregkh") return "greg kroah hartman";
  return out;
}

bool same_person(std::string_view a, std::string_view b) {
  std::string x = normalize_person(a), y = normalize_person(b);
  if (x.empty() || y.empty()) return false;
  if (x == y) return true;
  std::size_t xs = x.find(' '), ys = y.find(' ');
  if (xs == std::string::npos || ys == std::string::npos) return false;
  return x.substr(0, xs) == y.substr(0, ys) && x.substr(x.rfind(' ')) == y.substr(y.rfind(' '));
}

const char* to_string(ClaimKind kind) {
  switch (kind) {
    case ClaimKind::size:
      return "size";
    case ClaimKind::commit:
      return "commit";
    case ClaimKind::role:
      return "role";
    case ClaimKind::file_line:
      return "file_line";
  }
  return "size";
}

const char* to_string(SizeMeasure measure) {
  switch (measure) {
    case SizeMeasure::insertions:
      return "insertions";
    case SizeMeasure::deletions:
      return "deletions";
    case SizeMeasure::changed_lines:
      return "changed_lines";
    case SizeMeasure::insertions_deletions:
      return "insertions_deletions";
    case SizeMeasure::files:
      return "files";
    case SizeMeasure::hunks:
      return "hunks";
  }
  return "changed_lines";
}

const char* to_string(CommitFact fact) {
  switch (fact) {
    case CommitFact::trailer_present:
      return "trailer_present";
    case CommitFact::trailer_absent:
      return "trailer_absent";
    case CommitFact::in_tag:
      return "in_tag";
    case CommitFact::first_tag:
      return "first_tag";
  }
  return "trailer_present";
}

}  // namespace pt
