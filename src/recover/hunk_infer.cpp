// recover stage: guessing the whitespace of hunk lines that are not in the file.
//
// The words of a damaged line are exact; only the blanks are lost. The guesses lean on the
// lines that are exact: the same words elsewhere in the hunk (a moved line), the line it
// replaces (an edited line keeps most of its spacing), and kernel coding style for the
// indentation of new code.
#include "recover/hunk_infer.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <unordered_map>

#include "recover/hunk_align.hpp"
#include "recover/hunk_read.hpp"
#include "util/text.hpp"

namespace pt::hunk {
namespace {

std::string_view lead_of(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return s.substr(0, i);
}

// Display column after `s` with 8-column tabs.
int columns(std::string_view s) {
  int col = 0;
  for (char c : s) col = c == '\t' ? (col / 8 + 1) * 8 : col + 1;
  return col;
}

std::string indent_to(int col) {
  return std::string(size_t(col / 8), '\t') + std::string(size_t(col % 8), ' ');
}

std::string one_tab_less(std::string_view lead) {
  std::string s(lead);
  if (!s.empty() && s.back() == '\t') {
    s.pop_back();
  } else {
    int col = columns(s);
    s = indent_to(std::max(0, col - 8));
  }
  return s;
}

// A line of a comment (after trim): "/* x", " * x", "*/", "// x"; not "*ptr = x".
bool is_comment(std::string_view t) {
  if (starts_with(t, "/*") || starts_with(t, "//")) return true;
  return starts_with(t, "*") && (t.size() == 1 || t[1] == ' ' || t[1] == '\t' || t[1] == '/');
}

// The code part of a line: comments at its end removed, blanks trimmed.
std::string_view code_of(std::string_view s) {
  s = trim(s);
  if (is_comment(s)) return {};
  if (s.size() >= 2 && s.substr(s.size() - 2) == "*/") {
    size_t open = s.rfind("/*");
    if (open != std::string_view::npos) s = trim(s.substr(0, open));
  }
  size_t slashes = s.find("//");
  if (slashes != std::string_view::npos && s.find('"') == std::string_view::npos)
    s = trim(s.substr(0, slashes));
  return s;
}

// Parenthesis balance of a line ('(' minus ')'), ignoring string and character literals.
struct Parens {
  int balance = 0;
};
Parens parens_of(std::string_view s) {
  Parens p;
  char quote = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (quote) {
      if (c == '\\') ++i;
      else if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '(') {
      ++p.balance;
    } else if (c == ')') {
      --p.balance;
    }
  }
  return p;
}

bool starts_with_word(std::string_view s, std::string_view w) {
  return starts_with(s, w) && (s.size() == w.size() || !(std::isalnum((unsigned char)s[w.size()]) || s[w.size()] == '_'));
}

// (also the kernel's loop macros: "list_for_each_entry(pos, head, member)")
bool is_control(std::string_view code) {
  std::string_view name = code.substr(0, code.find('('));
  if (name.find("for_each") != std::string_view::npos && name.find(' ') == std::string_view::npos) return true;
  return starts_with_word(code, "if") || starts_with_word(code, "for") ||
         starts_with_word(code, "while") || starts_with_word(code, "else") ||
         starts_with_word(code, "do") || starts_with(code, "} else");
}

bool is_label(std::string_view code) {
  if (code.empty() || code.back() != ':' || starts_with_word(code, "default")) return false;
  for (size_t i = 0; i + 1 < code.size(); ++i)
    if (!(std::isalnum((unsigned char)code[i]) || code[i] == '_')) return false;
  return true;
}

// A line ending in an operator: the statement goes on without parentheses.
bool continues(std::string_view code) {
  if (code.empty()) return false;
  char last = code.back();
  return last == '=' || last == '+' || last == '-' || last == '&' || last == '|' || last == '?' ||
         last == '*' || last == '/' || last == '%' || last == '<' || last == '>';
}

// A line that does not end its statement (nor opens a block): the next line continues it.
bool open_ended(std::string_view code) {
  if (code.empty()) return false;
  char c = code.back();
  if (c == ';' || c == '{' || c == '}' || c == ':' || starts_with(code, "#")) return false;
  return true;
}

struct Side {
  std::vector<InferLine>& lines;
  char kind;
  bool kernel;
  bool on(size_t j) const { return lines[j].kind == ' ' || lines[j].kind == kind; }
  bool blank(size_t j) const { return trim(lines[j].text).empty(); }
  // The nearest non-blank line of this side before `from`, -1 when none.
  // Preprocessor lines other than continued #defines do not set the code's level.
  long before(long from) const {
    long q = from - 1;
    while (q >= 0 && (!on(size_t(q)) || blank(size_t(q)) || preprocessor(size_t(q)))) --q;
    return q;
  }
  bool preprocessor(size_t j) const {
    std::string_view t = trim(lines[j].text);
    if (!kernel || !starts_with(t, "#") || t.back() == '\\') return false;
    size_t open = t.rfind("/*");
    return open == std::string_view::npos || t.find("*/", open) != std::string_view::npos;
  }
  std::string_view text(long j) const { return lines[size_t(j)].text; }
};

// Parentheses still open after the statement that line p ends in: the lines of the
// statement are found by walking back over lines that do not end one.
int open_paren_column(const Side& side, long p) {
  std::vector<long> stmt = {p};
  for (long q = side.before(p); q >= 0 && stmt.size() < 12; q = side.before(q)) {
    std::string_view code = code_of(side.text(q));
    if (code.empty() || code.back() == ';' || code.back() == '{' || code.back() == '}' ||
        starts_with(code, "#") || is_label(code))
      break;
    stmt.push_back(q);
  }
  std::vector<int> open;
  for (auto it = stmt.rbegin(); it != stmt.rend(); ++it) {
    std::string_view s = side.text(*it);
    int col = 0;
    char quote = 0;
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if (quote) {
        if (c == '\\') {
          ++i, col += 2;
          continue;
        }
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '(') {
        open.push_back(col + 1);
      } else if (c == ')' && !open.empty()) {
        open.pop_back();
      }
      col = c == '\t' ? (col / 8 + 1) * 8 : col + 1;
    }
  }
  return open.empty() ? -1 : open.back();
}

// "case X:", "default:", also "case X: {".
bool is_case(std::string_view code) {
  if (!starts_with_word(code, "case") && !starts_with_word(code, "default")) return false;
  if (!code.empty() && code.back() == '{') code = trim(code.substr(0, code.size() - 1));
  return !code.empty() && code.back() == ':';
}

// Whether a comment is still open after line p (searched back through the side's lines;
// at the top of the hunk a " * " line says we are inside one).
bool comment_open_after(const Side& side, long p) {
  int seen = 0;
  for (long j = p; j >= 0 && seen++ < 60; j = side.before(j)) {
    std::string_view t = side.text(j);
    size_t open = t.rfind("/*"), close = t.rfind("*/");
    if (close != std::string_view::npos && (open == std::string_view::npos || close > open)) return false;
    if (open != std::string_view::npos) return true;
    if (side.before(j) < 0) {
      std::string_view tt = trim(t);
      return starts_with(tt, "*") && !starts_with(tt, "*/") && is_comment(tt);
    }
  }
  return false;
}

// The first line of the statement that line p belongs to: back over lines whose
// parentheses p closes, and over lines ending in an operator.
long statement_start(const Side& side, long p) {
  long s = p;
  int balance = parens_of(side.text(p)).balance;
  int guard = 0;
  while (guard++ < 20) {
    long q = side.before(s);
    if (q < 0) break;
    std::string_view qcode = code_of(side.text(q));
    if (balance < 0) {
      balance += parens_of(side.text(q)).balance;
      s = q;
      continue;
    }
    if (continues(qcode) && !is_comment(trim(side.text(q)))) {
      s = q;
      continue;
    }
    break;
  }
  return s;
}

// Whether the statement ending right before line i opened a parenthesis above the hunk.
bool opened_above(const Side& side, size_t i) {
  long p = side.before(long(i));
  if (p < 0) return false;
  std::string_view code = code_of(side.text(p));
  if (code.empty() || code.back() != ';') return false;
  int balance = 0;
  for (long q = p; q >= 0; q = side.before(q)) {
    balance += parens_of(side.text(q)).balance;
    if (balance >= 0) return false;
  }
  return true;
}

// Indentation of line i from the lines of its side before it (kernel style).
std::string structural_lead(const Side& side, size_t i, std::string_view cur) {
  const auto& L = side.lines;
  long p = side.before(long(i));
  if (p < 0) {
    // Nothing above: the next exact line of the side gives the level.
    for (size_t n = i + 1; n < L.size(); ++n) {
      if (!side.on(n) || side.blank(n) || !L[n].known) continue;
      std::string lead(lead_of(L[n].text));
      if (side.kernel && starts_with(trim(L[n].text), "}") && !starts_with(cur, "}")) lead += '\t';
      return lead;
    }
    return side.kernel ? "\t" : " ";
  }
  std::string_view prev = side.text(p);
  std::string pl(lead_of(prev));
  std::string_view ptrim = trim(prev);
  if (!side.kernel) {
    // Other languages: the previous line's level, or the commonest one among exact lines.
    if (!pl.empty()) return pl;
    std::vector<std::pair<std::string, int>> seen;
    for (const auto& l : L) {
      if (!l.known || lead_of(l.text).empty()) continue;
      std::string lead(lead_of(l.text));
      auto it = std::find_if(seen.begin(), seen.end(), [&](auto& x) { return x.first == lead; });
      if (it == seen.end()) seen.emplace_back(lead, 1);
      else it->second++;
    }
    if (seen.empty()) return " ";
    return std::max_element(seen.begin(), seen.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
  }
  // Inside a comment: " * text" one column right of its "/*", plain text after "/* ";
  // further lines keep the level of the line before.
  if (comment_open_after(side, p)) {
    size_t open = prev.rfind("/*");
    if (open != std::string_view::npos) {
      int col = columns(prev.substr(0, open));
      return indent_to(starts_with(cur, "*") ? col + 1 : col + 3);
    }
    return pl;
  }
  // After a comment, code sits where the comment started.
  if (is_comment(ptrim)) {
    long c = p;
    while (is_comment(trim(side.text(c))) && !starts_with(trim(side.text(c)), "/*")) {
      long q = side.before(c);
      if (q < 0) break;
      c = q;
    }
    std::string_view ct = trim(side.text(c));
    std::string lead(lead_of(side.text(c)));
    if (is_comment(ct) && !starts_with(ct, "/*") && !lead.empty() && lead.back() == ' ') {
      lead.pop_back();  // " * x" lines sit one column right of their "/*"
    } else if (is_comment(ct) && !starts_with(ct, "/*")) {
      // The comment starts above the hunk: take the level of the nearest code line.
      bool found = false;
      for (long dist = 1; dist < std::min(long(L.size()), 60L) && !found; ++dist)
        for (long j : {long(i) - dist, long(i) + dist}) {
          if (j < 0 || j >= long(L.size()) || !side.on(size_t(j)) || side.blank(size_t(j))) continue;
          if (!L[size_t(j)].known && j > long(i)) continue;
          if (is_comment(trim(L[size_t(j)].text)) || side.preprocessor(size_t(j))) continue;
          lead = std::string(lead_of(L[size_t(j)].text));
          if (starts_with(trim(L[size_t(j)].text), "}")) lead += '\t';
          found = true;
          break;
        }
      if (!found && !lead.empty() && lead.back() == ' ') lead.pop_back();
    }
    return starts_with(cur, "}") ? one_tab_less(lead) : lead;
  }
  std::string_view pcode = code_of(prev);
  if (!pcode.empty() && pcode.back() == '\\') {
    if (starts_with(pcode, "#")) return "\t";  // the first line of a macro's body
    pcode = trim(pcode.substr(0, pcode.size() - 1));
  }
  long s = statement_start(side, p);
  std::string sl(lead_of(side.text(s)));
  std::string_view scode = code_of(side.text(s));
  if (!pcode.empty() && pcode.back() == '{') {
    if (starts_with(cur, "}") || (is_case(code_of(cur)) && starts_with_word(scode, "switch")))
      return sl;
    return sl + "\t";
  }
  int paren = open_paren_column(side, p);
  // A call opened at the end of a line, or far right: its arguments go on tabs, not under
  // the '(' (measured on the stable patches' continuation lines).
  if (paren >= 0 && !pcode.empty() && pcode.back() == '(') return pl + "\t";
  if (paren >= 64) return pl + "\t\t\t";
  if (paren >= 0) return indent_to(paren);
  if (is_label(pcode)) return "\t";
  if (is_case(pcode)) return is_case(code_of(cur)) ? pl : pl + "\t";
  if (is_control(scode) && open_ended(pcode) && !continues(pcode)) return sl + "\t";
  std::string base = sl;
  if (continues(pcode)) {
    if (s == p) base += '\t';  // the first continuation of a statement without parentheses
  } else if (!pcode.empty() && (pcode.back() == ';' || pcode.back() == '}')) {
    // The statement may have been the body of a braceless if/else/for: the next line
    // goes back to the level of the control line.
    for (long q = side.before(s); q >= 0; q = side.before(s)) {
      long qs = statement_start(side, q);
      std::string_view qcode = code_of(side.text(q));
      std::string_view qscode = code_of(side.text(qs));
      bool shallower = columns(lead_of(side.text(qs))) < columns(lead_of(side.text(s)));
      if (shallower && !qcode.empty() && qcode.back() == ')' && parens_of(side.text(q)).balance < 0 &&
          !is_control(qscode)) {
        // The last line of a condition that started above the hunk: its statement starts
        // at the tab stop below the continuation's alignment.
        base = indent_to(columns(lead_of(side.text(q))) / 8 * 8);
        break;
      }
      if (!(is_control(qscode) && open_ended(qcode) && !continues(qcode) && shallower)) break;
      s = qs;
      base = std::string(lead_of(side.text(s)));
    }
  }
  if (starts_with(cur, "}")) return one_tab_less(base);
  // A case label after a statement of the previous case goes one level out; after the
  // '}' that closed a "case X: {" block it stays at that brace's level.
  if (is_case(code_of(cur)) && pcode != "}") return one_tab_less(base);
  return base;
}

// A word sequence with the blanks between words: seps[k] sits before words[k] (seps[0] is
// the indentation).
struct Spaced {
  std::vector<std::string_view> words;
  std::vector<std::string_view> seps;
};
Spaced spaced(std::string_view s) {
  Spaced out;
  size_t i = 0;
  while (i < s.size()) {
    size_t b = i;
    while (i < s.size() && is_space(s[i])) ++i;
    if (i == s.size()) break;
    out.seps.push_back(s.substr(b, i - b));
    size_t w = i;
    while (i < s.size() && !is_space(s[i])) ++i;
    out.words.push_back(s.substr(w, i - w));
  }
  return out;
}

// Longest common subsequence of words: for each word of `a`, the matching index in `b`.
std::vector<int> lcs_map(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  std::vector<int> map(a.size(), -1);
  if (a.empty() || b.empty() || a.size() * b.size() > 250000) return map;
  size_t n = a.size(), m = b.size();
  std::vector<int> dp((n + 1) * (m + 1), 0);
  auto at = [&](size_t i, size_t j) -> int& { return dp[i * (m + 1) + j]; };
  for (size_t i = n; i-- > 0;)
    for (size_t j = m; j-- > 0;)
      at(i, j) = a[i] == b[j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
  size_t i = 0, j = 0;
  while (i < n && j < m) {
    if (a[i] == b[j]) {
      map[i++] = int(j++);
    } else if (at(i + 1, j) >= at(i, j + 1)) {
      ++i;
    } else {
      ++j;
    }
  }
  return map;
}

// Words replaced one for one ("(0x3" for "(0x7"): a run of unmatched words between two
// matched ones (or the line's ends) that spans as many words on both sides is paired up by
// position, so the blanks around a changed value are copied too.
void fill_substitutions(std::vector<int>& map, size_t other_size) {
  long prev_a = -1, prev_b = -1;
  for (size_t k = 0; k <= map.size(); ++k) {
    long b = k < map.size() ? map[k] : long(other_size);
    if (k < map.size() && b < 0) continue;
    long gap_a = long(k) - prev_a - 1, gap_b = b - prev_b - 1;
    if (gap_a > 0 && gap_a == gap_b)
      for (long j = 1; j <= gap_a; ++j) map[size_t(prev_a + j)] = int(prev_b + j);
    else if (gap_a > 0 && gap_b > 0)  // at least the first words of a rewritten run
      map[size_t(prev_a + 1)] = int(prev_b + 1);
    prev_a = long(k), prev_b = b;
  }
}

int lcs_length(const std::vector<int>& map) {
  return int(std::count_if(map.begin(), map.end(), [](int x) { return x >= 0; }));
}

// Gaps that kernel code aligns to a column with tabs: before a #define's value, before a
// trailing comment, before the '=' of an enum or designated initializer, before a struct
// member's name, before a macro line's trailing backslash.
enum class Gap { none, define_value, comment, assign, member, backslash };

Gap gap_kind(const std::vector<std::string_view>& w, size_t k) {
  if (k == 0 || k >= w.size()) return Gap::none;
  if (starts_with(w[k], "/*") || starts_with(w[k], "//")) return Gap::comment;
  if (k + 1 == w.size() && w[k] == "\\") return Gap::backslash;
  if (w[0] == "#define" && k == 2) return Gap::define_value;
  if (k == 1 && w.size() >= 3 && w[1] == "=") return Gap::assign;
  size_t last = w.size() - 1;
  while (last > 0 && (starts_with(w[last], "/*") || w[last] == "\\" || starts_with(w[last], "*/")))
    --last;
  if (k == last && last >= 1 && last <= 3 && !w[last].empty() && w[last].back() == ';' &&
      !starts_with_word(w[0], "return") && !starts_with_word(w[0], "goto") &&
      std::none_of(w.begin(), w.begin() + long(last) + 1, [](std::string_view x) {
        return x.find('(') != std::string_view::npos || x == "=";
      }))
    return Gap::member;
  return Gap::none;
}

// Column where `s`'s word k starts, and the blanks before it.
struct WordPos {
  int col = 0;
  std::string_view sep;
};
bool word_pos(std::string_view s, Gap kind, WordPos& out) {
  Spaced sp = spaced(s);
  for (size_t k = 1; k < sp.words.size(); ++k) {
    if (gap_kind(sp.words, k) != kind) continue;
    int col = columns(sp.seps[0]);
    for (size_t j = 0; j < k; ++j) {
      if (j) col = columns(std::string(size_t(col), ' ') + std::string(sp.seps[j]));
      col += int(sp.words[j].size());
    }
    col = columns(std::string(size_t(col), ' ') + std::string(sp.seps[k]));
    out.col = col;
    out.sep = sp.seps[k];
    return true;
  }
  return false;
}

// Blanks that move column `col` to `target` the way the model line did (tabs, or spaces).
std::string pad_to(int col, int target, bool tabs) {
  if (col >= target) return tabs ? "\t" : " ";
  if (!tabs) return std::string(size_t(target - col), ' ');
  std::string out;
  while ((col / 8 + 1) * 8 <= target) {
    out += '\t';
    col = (col / 8 + 1) * 8;
  }
  out.append(size_t(target - col), ' ');
  return out;
}

// The words of `cur` after `lead`: blanks between words that the partner line has next to
// each other are copied from it; an aligned gap follows the nearest line of the side that
// aligns the same gap; anything else is one space.
std::string respace(const std::vector<std::string_view>& cur, std::string_view lead,
                    const std::string* partner, const std::vector<std::string_view>& neighbours) {
  std::vector<int> map;
  Spaced m;
  if (partner) {
    m = spaced(*partner);
    map = lcs_map(cur, m.words);
    fill_substitutions(map, m.words.size());
  }
  std::vector<int> pcol;  // column where each partner word starts
  for (size_t k = 0, c = 0; k < m.words.size(); ++k) {
    c = size_t(columns(std::string(c, ' ') + std::string(m.seps[k])));
    pcol.push_back(int(c));
    c += m.words[k].size();
  }
  std::string out(lead);
  int col = columns(lead);
  for (size_t k = 0; k < cur.size(); ++k) {
    if (k > 0) {
      std::string sep = " ";
      bool copied = false;
      if (partner && map[k] >= 0 && map[k - 1] >= 0 && map[k] == map[k - 1] + 1) {
        sep = std::string(m.seps[size_t(map[k])]);
        copied = true;
        // Tabs align the word to a column: keep the partner's column when the text before
        // it changed length ("#define FOO_LONGER\t0x4b7e").
        int target = pcol[size_t(map[k])];
        if (sep.find('\t') != std::string::npos && target > col) sep = pad_to(col, target, true);
      }
      Gap kind = gap_kind(cur, k);
      if (kind != Gap::none && !(copied && sep != " ")) {
        for (auto n : neighbours) {
          WordPos wp;
          if (!word_pos(n, kind, wp)) continue;
          bool tabs = wp.sep.find('\t') != std::string_view::npos;
          if (tabs || wp.sep.size() >= 2) sep = pad_to(col, wp.col, tabs);
          break;
        }
      }
      out += sep;
      col = columns(std::string(size_t(col), ' ') + sep);
    }
    out.append(cur[k]);
    col += int(cur[k].size());
  }
  return out;
}

std::string join_words(const std::vector<std::string_view>& w, std::string_view lead) {
  std::string out(lead);
  for (size_t k = 0; k < w.size(); ++k) {
    if (k) out += ' ';
    out.append(w[k]);
  }
  return out;
}

// The line of the other side that line i most likely replaces: same words anywhere in the
// hunk (`same_words` maps squeezed exact lines of each side to their index), else the same
// position in its change block, else the most similar nearby one there.
long partner_of(const std::vector<InferLine>& L, size_t i, const std::vector<std::string_view>& cur,
                const std::unordered_map<std::string, size_t>& same_words) {
  char other = L[i].kind == '+' ? '-' : '+';
  auto it = same_words.find(std::string(1, other) + squeeze(L[i].damaged));
  if (it != same_words.end()) return long(it->second);
  size_t b = i, e = i + 1;
  while (b > 0 && L[b - 1].kind != ' ') --b;
  while (e < L.size() && L[e].kind != ' ') ++e;
  std::vector<size_t> mine, theirs;
  for (size_t j = b; j < e; ++j) (L[j].kind == other ? theirs : mine).push_back(j);
  if (theirs.empty()) return -1;
  size_t k = size_t(std::find(mine.begin(), mine.end(), i) - mine.begin());
  if (mine.size() == theirs.size()) return L[theirs[k]].known ? long(theirs[k]) : -1;
  // Only lines near the same relative place in the block are compared (big rewrites).
  size_t centre = k * theirs.size() / std::max<size_t>(mine.size(), 1);
  size_t from = centre > 20 ? centre - 20 : 0, to = std::min(theirs.size(), centre + 21);
  long best = -1;
  double best_score = 0.5;
  for (size_t t = from; t < to; ++t) {
    size_t j = theirs[t];
    if (!L[j].known) continue;
    auto w = words(L[j].text);
    double score = double(lcs_length(lcs_map(cur, w))) / double(std::max(cur.size(), w.size()));
    if (score > best_score) best_score = score, best = long(j);
  }
  return best;
}


// The same words as a line elsewhere in the file (a moved line, an entry like its
// neighbours): the guess stands when it is one of their spellings; else the nearest one with
// the guessed indentation (the blanks between the words), else the nearest sibling (a line
// after one like the line before this one: the next entry of a table). Other spellings do
// not override the indentation: on libbpf that lost more than it won.
std::string pick_variant(const std::string& guess, const InferLine& l, bool had_lead) {
  const auto& variants = l.variants;
  if (variants.empty() || std::find(variants.begin(), variants.end(), guess) != variants.end()) return guess;
  const std::string* near = nullptr;
  for (size_t k = 0; k < variants.size(); ++k) {
    const std::string& v = variants[k];
    if (had_lead == lead_of(v).empty()) continue;  // the damage kept whether there was indentation
    if (lead_of(v) == lead_of(guess)) return v;
    if (!near && k < l.near_variants) near = &v;
  }
  return near ? *near : guess;
}


}  // namespace

bool damaged_is_exact(const std::string& damaged) {
  return std::none_of(damaged.begin(), damaged.end(), [](char c) { return is_space(c); });
}

std::string page_damage(const std::string& content) {
  std::string_view t = trim(content);
  if (t.empty()) return "";
  std::string out = is_space(content[0]) ? " " : "";
  return out + collapse_space(t);
}

int infer_whitespace(std::vector<InferLine>& lines, const DamageModel& model) {
  int guessed = 0;
  std::unordered_map<std::string, size_t> same_words;  // marker + squeezed exact line
  for (size_t j = 0; j < lines.size(); ++j)
    if (lines[j].known && lines[j].kind != ' ')
      same_words.emplace(std::string(1, lines[j].kind) + squeeze(lines[j].text), j);
  for (size_t i = 0; i < lines.size(); ++i) {
    InferLine& l = lines[i];
    if (l.known) continue;
    if (damaged_is_exact(l.damaged)) {
      l.text = l.damaged;
      continue;
    }
    ++guessed;
    if (!model.collapsed) {
      l.text = model.tab_stops ? unexpand_stops(l.damaged)
               : model.tabs_kept || model.tab_width <= 0 ? l.damaged : unexpand_lead(l.damaged, model.tab_width);
      // A run of blanks ending on a tab stop may have been blanks: a spelling of the same
      // words elsewhere that the damage turns into exactly this line settles it.
      if (model.tab_stops)
        for (const auto& v : l.variants)
          if (rtrim(expand_stops(v)) == rtrim(l.damaged)) {
            l.text = v;
            break;
          }
      continue;
    }
    auto cur = words(l.damaged);
    if (cur.empty()) {
      l.text.clear();
      continue;
    }
    bool had_lead = is_space(l.damaged[0]);
    long partner = partner_of(lines, i, cur, same_words);
    std::string lead;
    if (had_lead) {
      Side side{lines, l.kind, model.kernel_style};
      std::string rest = join_words(cur, "");
      lead = structural_lead(side, i, rest);
      // The statement before this line began above the hunk (its ')' closes a '(' the hunk
      // does not show): the structure cannot tell its level; the line it replaces, when it
      // starts the same way, can.
      if (partner >= 0 && model.kernel_style && opened_above(side, i)) {
        auto pw = words(lines[size_t(partner)].text);
        std::string_view plead = lead_of(lines[size_t(partner)].text);
        if (!pw.empty() && pw[0] == cur[0] && !plead.empty()) lead = std::string(plead);
      }
      // A continuation line inside parentheses that replaces a continuation line not
      // aligned under its '(': the edit kept that wrapping style (tabs only), which the
      // structure alone cannot tell (+0.9% of removed, +0.3% of added lines).
      if (partner >= 0 && model.kernel_style) {
        long pb = side.before(long(i));
        std::string_view ptext = lines[size_t(partner)].text;
        if (pb >= 0 && open_paren_column(side, pb) >= 0 && !lead_of(ptext).empty()) {
          Side pside{lines, lines[size_t(partner)].kind, model.kernel_style};
          long q = pside.before(partner);
          if (q >= 0 && open_ended(code_of(lines[size_t(q)].text)) &&
              columns(lead_of(ptext)) != open_paren_column(pside, q))
            lead = std::string(lead_of(ptext));
        }
      }
    }
    // Lines of the same side nearby, nearest first, exact ones before guessed ones.
    std::vector<std::string_view> neighbours;
    for (int pass = 0; pass < 2; ++pass)
      for (long dist = 1; dist <= 4; ++dist)
        for (long j : {long(i) - dist, long(i) + dist}) {
          if (j < 0 || j >= long(lines.size())) continue;
          const InferLine& n = lines[size_t(j)];
          if ((n.kind != ' ' && n.kind != l.kind) || (pass == 0) != n.known) continue;
          if (!n.known && j > long(i)) continue;
          neighbours.push_back(n.text);
        }
    l.text = respace(cur, lead, partner >= 0 ? &lines[size_t(partner)].text : nullptr, neighbours);
    l.text = pick_variant(l.text, l, had_lead);
  }
  return guessed;
}

}  // namespace pt::hunk
