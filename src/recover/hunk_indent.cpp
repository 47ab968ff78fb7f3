// recover stage: the indentation kernel style gives a line, read from the lines above it.
//
// Tabs, one more after '{' or a braceless if, one less for '}', continuation lines aligned
// after an open parenthesis, comment lines under their "/*"; each case below came from real
// hunks (the stable subset's damage suite, the libbpf sweeps).
#include "recover/hunk_indent.hpp"

#include <algorithm>
#include <cctype>

#include "util/text.hpp"

namespace pt::hunk {
namespace {

// Calls f(i, c) for each character of `s` outside string and character literals.
template <typename F>
void for_each_code_char(std::string_view s, F f) {
  char quote = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (quote) {
      if (c == '\\') ++i;
      else if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else {
      f(i, c);
    }
  }
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

bool is_label(std::string_view code) {
  if (code.empty() || code.back() != ':' || starts_with_word(code, "default")) return false;
  for (size_t i = 0; i + 1 < code.size(); ++i)
    if (!(std::isalnum((unsigned char)code[i]) || code[i] == '_')) return false;
  return true;
}

// A line that goes on with a binary operator ("| B", "&& x").
bool starts_with_operator(std::string_view cur) {
  for (std::string_view op : {"|", "||", "&", "&&", "+", "?", ":"})
    if (starts_with(cur, op) && cur.size() > op.size() && cur[op.size()] == ' ') return true;
  return false;
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

// Brace balance of a line ('{' minus '}'), ignoring string and character literals.
int braces_of(std::string_view s) {
  int balance = 0;
  for_each_code_char(s, [&](size_t, char c) { balance += c == '{' ? 1 : c == '}' ? -1 : 0; });
  return balance;
}

// Line p does not start with '}' but ends closing a brace it did not open ("... },"):
// the line of its side that opened that brace, -1 when p is not such a line or the
// opener is above the hunk.
long brace_opener(const Side& side, long p, std::string_view pcode) {
  std::string_view t = trim(side.text(p));
  if (starts_with(t, "}") || pcode.empty()) return -1;
  std::string_view end = pcode;
  while (!end.empty() && (end.back() == ',' || end.back() == ';')) end.remove_suffix(1);
  if (end.empty() || end.back() != '}') return -1;
  int balance = braces_of(side.text(p));
  if (balance >= 0) return -1;
  for (long q = side.before(p); q >= 0; q = side.before(q)) {
    balance += braces_of(side.text(q));
    if (balance >= 0) return balance == 0 ? q : -1;
  }
  return -1;
}

// Column of the first word after the last '{' that line `s` leaves open with words after
// it on the same line ("\t{ PCI_VDEVICE(INTEL, X),"), 0 when there is none.
int open_brace_word_column(std::string_view s) {
  std::vector<size_t> open;
  for_each_code_char(s, [&](size_t i, char c) {
    if (c == '{') open.push_back(i);
    else if (c == '}' && !open.empty()) open.pop_back();
  });
  if (open.empty()) return 0;
  size_t w = open.back() + 1;
  while (w < s.size() && is_space(s[w])) ++w;
  if (w == s.size() || w == open.back() + 1) return 0;
  return columns(s.substr(0, w));
}

// Column of the value after the '=' of an assignment or initializer line (".x = A"), 0
// when the line has none.
int value_column(std::string_view s) {
  size_t eq = s.find(" = ");
  if (eq == std::string_view::npos) {
    eq = s.find("\t= ");
    if (eq == std::string_view::npos) return 0;
  }
  size_t w = eq + 2;
  while (w < s.size() && is_space(s[w])) ++w;
  return w < s.size() ? columns(s.substr(0, w)) : 0;
}

}  // namespace

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

Parens parens_of(std::string_view s) {
  Parens p;
  for_each_code_char(s, [&](size_t, char c) { p.balance += c == '(' ? 1 : c == ')' ? -1 : 0; });
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

bool Side::blank(size_t j) const { return trim(lines[j].text).empty(); }

long Side::before(long from) const {
  long q = from - 1;
  while (q >= 0 && (!on(size_t(q)) || blank(size_t(q)) || preprocessor(size_t(q)))) --q;
  return q;
}

bool Side::preprocessor(size_t j) const {
  std::string_view t = trim(lines[j].text);
  if (!kernel || !starts_with(t, "#") || t.back() == '\\') return false;
  size_t open = t.rfind("/*");
  return open == std::string_view::npos || t.find("*/", open) != std::string_view::npos;
}

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
    if ((continues(qcode) || starts_with_operator(trim(side.text(s)))) && !is_comment(trim(side.text(q)))) {
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

// Whether the statement ending right before line i is the first one of the hunk's side:
// it may be the body of a braceless if above the hunk, so its level says little.
bool began_at_top(const Side& side, size_t i) {
  long p = side.before(long(i));
  if (p < 0) return false;
  std::string_view code = code_of(side.text(p));
  if (code.empty() || code.back() != ';') return false;
  return side.before(statement_start(side, p)) < 0;
}

// Whether the line after p continues p's statement (an argument, an operand, the next
// field of an initializer) rather than starting one of a block's.
bool continues_statement(const Side& side, long p) {
  std::string_view code = code_of(side.text(p));
  if (open_paren_column(side, p) >= 0 || continues(code)) return true;
  return open_ended(code) && !is_control(code_of(side.text(statement_start(side, p))));
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
    if (starts_with(pcode, "#")) {
      // The first line of a macro's body; under the '(' the #define line leaves open
      // ("#define BITS (A | B | \\").
      int open = open_paren_column(side, p);
      return open > 0 && open < 64 ? indent_to(open) : "\t";
    }
    pcode = trim(pcode.substr(0, pcode.size() - 1));
  }
  // An entry that ends closing a brace opened lines above ("  (data) &x, },"): the next
  // line goes back to the level of the line that opened it.
  if (long opener = brace_opener(side, p, pcode); opener >= 0)
    return starts_with(cur, "}") ? one_tab_less(lead_of(side.text(opener))) : std::string(lead_of(side.text(opener)));
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
  if (paren < 0 && !is_control(scode)) {
    // "{ PCI_VDEVICE(A, B)," opens an initializer entry it does not close: the entry's
    // next line sits under its first word.
    if (int col = open_brace_word_column(prev); col > 0) return indent_to(col);
    // ".flags = A" then "| B": the operator goes under the value it extends.
    if (p == s && starts_with_operator(cur))
      if (int col = value_column(prev); col > 0) return indent_to(col);
  }
  // The next argument of the same call sits where the one before it does.
  if (paren >= 0 && parens_of(prev).balance == 0 && !pl.empty() && open_paren_column(side, side.before(p)) == paren &&
      side.before(p) >= 0)
    return pl;
  if (paren >= 0) return indent_to(paren);
  if (is_label(pcode)) return "\t";
  if (is_case(pcode)) return is_case(code_of(cur)) ? pl : pl + "\t";
  if (is_control(scode) && open_ended(pcode) && !continues(pcode)) return sl + "\t";
  std::string base = sl;
  if (continues(pcode)) {
    // The first continuation of a statement without parentheses: one level in, or under
    // the expression of a "return"; the next ones keep the level of the one before.
    if (s == p) base += starts_with_word(scode, "return") ? "       " : "\t";
    else base = pl;
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

}  // namespace pt::hunk
