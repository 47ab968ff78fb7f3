// recover stage: the diffstat and diff of a flattened mail as lines (see flattened_diff.hpp).
#include "recover/flattened_diff.hpp"

#include <algorithm>
#include <vector>

namespace pt::flattened {
namespace {

std::size_t summary_len(const Tokens& t, std::size_t k, std::size_t e) {
  if (!(k + 2 < e && all_digits(t[k]) && (t[k + 1] == "file" || t[k + 1] == "files") &&
        starts_with(t[k + 2], "changed")))
    return 0;
  std::size_t j = k + 3;
  while (j + 1 < e && all_digits(t[j]) &&
         (starts_with(t[j + 1], "insertion") || starts_with(t[j + 1], "deletion")))
    j += 2;
  return j - k;
}

// A " create mode 100644 path"-style line after the summary: its token count, 0 when none.
std::size_t mode_line_len(const Tokens& t, std::size_t k, std::size_t e) {
  if (k + 3 < e && (t[k] == "create" || t[k] == "delete") && t[k + 1] == "mode") return 4;
  if (k + 5 < e && t[k] == "mode" && t[k + 1] == "change") return 6;
  if (t[k] == "rename" || t[k] == "copy")
    for (std::size_t j = k + 1; j < e && j < k + 8; ++j)
      if (t[j].front() == '(' && ends_with(t[j], "%)")) return j + 1 - k;
  return 0;
}

// The entry " path | N +++--" (or "| Bin 0 -> 12 bytes") ending just before `end`: its
// first token, or npos.
std::size_t entry_before(const Tokens& t, std::size_t b, std::size_t end) {
  if (end < b + 3) return npos;
  std::size_t j = end - 1;
  if (std::all_of(t[j].begin(), t[j].end(), [](char c) { return c == '+' || c == '-'; })) --j;
  if (t[j] == "bytes" && j >= b + 6 && t[j - 4] == "Bin")
    j -= 4;
  else if (!all_digits(t[j]))
    return npos;
  if (j < b + 2 || t[j - 1] != "|") return npos;
  std::size_t path = j - 2;
  // "dir/{old => new}/file" keeps its spaces around "=>".
  if (t[path].find('}') != npos && path >= b + 2 && t[path - 1] == "=>" &&
      t[path - 2].find('{') != npos)
    path -= 2;
  return path;
}

}  // namespace

std::optional<Diffstat> find_diffstat(const Tokens& t, std::size_t b, std::size_t e) {
  for (std::size_t k = e; k-- > b;) {
    std::size_t len = summary_len(t, k, e);
    if (len == 0) continue;
    for (std::size_t j = k + len; j < e;) {  // only mode lines may follow the summary
      std::size_t m = mode_line_len(t, j, e);
      if (m == 0) return std::nullopt;
      j += m;
    }
    Diffstat ds{k, k};
    for (std::size_t s; (s = entry_before(t, b, ds.begin)) != npos;) ds.begin = s;
    return ds;
  }
  return std::nullopt;
}

void put_diffstat(std::string& out, const Tokens& t, const Diffstat& ds, std::size_t e) {
  std::vector<std::string> entries;
  for (std::size_t end = ds.summary; end > ds.begin;) {
    std::size_t s = entry_before(t, ds.begin, end);
    if (s == npos) break;
    entries.push_back(' ' + join(t, s, end));
    end = s;
  }
  std::reverse(entries.begin(), entries.end());
  for (const std::string& line : entries) out += line + '\n';
  std::size_t len = summary_len(t, ds.summary, e);
  out += ' ' + join(t, ds.summary, ds.summary + len) + '\n';
  for (std::size_t j = ds.summary + len; j < e;) {
    std::size_t m = mode_line_len(t, j, e);
    out += ' ' + join(t, j, j + m) + '\n';
    j += m;
  }
}

// ---------------------------------------------------------------------------------------------
// The diff.

namespace {

bool is_hunk_header(const Tokens& t, std::size_t k, std::size_t e) {
  return k + 3 < e && t[k] == "@@" && t[k + 1].size() > 1 && t[k + 1][0] == '-' &&
         is_digit(t[k + 1][1]) && t[k + 2].size() > 1 && t[k + 2][0] == '+' &&
         is_digit(t[k + 2][1]) && t[k + 3] == "@@";
}

// An extended header line of a file's diff ("index a..b 100644", "--- a/x", "new file mode
// 100644", "rename from x", "Binary files a/x and b/x differ"...): its token count, or 0.
std::size_t file_header_len(const Tokens& t, std::size_t k, std::size_t e) {
  auto at = [&](std::size_t i) { return k + i < e ? t[k + i] : std::string_view{}; };
  if ((at(0) == "old" || at(0) == "new") && at(1) == "mode") return 3;
  if ((at(0) == "new" || at(0) == "deleted") && at(1) == "file" && at(2) == "mode") return 4;
  if ((at(0) == "similarity" || at(0) == "dissimilarity") && at(1) == "index") return 3;
  if ((at(0) == "rename" || at(0) == "copy") && (at(1) == "from" || at(1) == "to")) return 3;
  if (at(0) == "index" && at(1).find("..") != npos)
    return all_digits(at(2)) && at(2).size() == 6 ? 3 : 2;
  if ((at(0) == "---" || at(0) == "+++") && !at(1).empty()) return 2;
  if (at(0) == "Binary" && at(1) == "files")
    for (std::size_t j = k + 2; j < e && j < k + 12; ++j)
      if (t[j] == "differ") return j + 1 - k;
  if (at(0) == "GIT" && at(1) == "binary" && at(2) == "patch") return 3;
  if ((at(0) == "literal" || at(0) == "delta") && all_digits(at(1))) return 2;
  return 0;
}

// Where a hunk-body line break most likely was: before a "-"/"+" marker or a preprocessor
// line, after a statement, brace, comment end or label.
bool starts_code_line(std::string_view w, std::string_view prev) {
  if (w == "-" || w == "+" || w == "\\") return true;
  std::string_view rest = w;
  if (w.front() == '+' || w.front() == '-') rest.remove_prefix(1);
  if (rest.size() > 1 && rest[0] == '#' && is_alpha(rest[1])) return true;
  // "+static ..." after "foo(void)", "*/", "#include" (its "<path>" stripped as a tag) or
  // "#include "x.h"": an unindented added/removed line.
  std::string_view prev_code = prev;
  if (!prev_code.empty() && (prev_code.front() == '+' || prev_code.front() == '-'))
    prev_code.remove_prefix(1);
  bool directive = prev_code.size() > 1 && prev_code[0] == '#' && is_alpha(prev_code[1]) &&
                   std::all_of(prev_code.begin() + 1, prev_code.end(), is_alpha);
  bool line_end = ends_with(prev, ")") || ends_with(prev, "*/") || ends_with(prev, "\"") ||
                  ends_with(prev, ">") || directive;
  return rest.size() < w.size() && !rest.empty() && !is_digit(rest[0]) && rest[0] != '-' &&
         rest[0] != '+' && rest[0] != '=' && line_end;
}

bool ends_code_line(std::string_view w) {
  char last = w.back();
  if (last == ';' || last == '{' || last == '}' || ends_with(w, "*/")) return true;
  // A label or case: "out_unlock:", "default:".
  if (last == ':' && w.size() > 1 && w[w.size() - 2] != ':') {
    std::string_view id = w.substr(0, w.size() - 1);
    if (id.front() == '+' || id.front() == '-') id.remove_prefix(1);
    return !id.empty() && (is_alpha(id[0]) || id[0] == '_') &&
           std::all_of(id.begin(), id.end(), [](char c) { return is_name_char(c); });
  }
  return false;
}

int paren_balance(std::string_view w) {
  int d = 0;
  for (char c : w) d += (c == '(') - (c == ')');
  return d;
}

// The line being built in a hunk body: its text, paren depth, and first code word ("if",
// "for"...) with the "+"/"-" marker set aside.
struct CodeLine {
  std::string text;
  int depth = 0;
  bool opened = false;  // a '(' was seen: a closing ')' at depth 0 may end the line
  std::string_view first;

  void add(std::string_view w) {
    if (!text.empty()) text += ' ';
    text += w;
    std::string_view code = w;
    if (first.empty() && (code.front() == '+' || code.front() == '-')) code.remove_prefix(1);
    if (first.empty() && !code.empty()) first = code;
    depth += paren_balance(w);
    opened |= w.find('(') != npos;
  }
  bool control() const {
    return first == "if" || first == "while" || first == "for" || first == "switch" ||
           first == "else";
  }
};

// A hunk: "@@ -a,b +c,d @@" with its section text, then the body split best effort into
// lines; context lines get their leading space back so the text still reads as a diff.
void put_hunk(std::string& out, const Tokens& t, std::size_t k, std::size_t e) {
  CodeLine line;
  line.text = join(t, k, k + 4);
  bool header_line = true;
  auto flush = [&] {
    if (line.text.empty()) return;
    char c = line.text[0];
    bool marked = header_line || c == '+' || c == '-' || c == '\\';
    out += marked ? line.text : ' ' + line.text;
    out += '\n';
    line = CodeLine{};
    header_line = false;
  };
  for (std::size_t j = k + 4; j < e; ++j) {
    std::string_view w = t[j];
    if (w == "\\" && j + 7 <= e && join(t, j, j + 7) == "\\ No newline at end of file") {
      flush();
      line.text = join(t, j, j + 7);
      flush();
      j += 6;
      continue;
    }
    if (!line.text.empty() && starts_code_line(w, t[j - 1])) flush();
    line.add(w);
    std::string_view next = j + 1 < e ? t[j + 1] : std::string_view{};
    // "for (i = 0; i < n; i++)" keeps its semicolons; a section "foo(struct x *y)" and an
    // "if (...)" without a brace end at their closing parenthesis.
    bool in_for = line.first == "for" && line.depth > 0;
    bool closed = line.opened && line.depth <= 0 && w.back() == ')';
    if ((ends_code_line(w) && !in_for) ||
        (closed && (header_line || (line.control() && next != "{"))))
      flush();
  }
  flush();
}

}  // namespace

// "diff --git" sections to the end: file header lines, hunks, binary patch lines.
void put_diff(std::string& out, const Tokens& t, std::size_t b, std::size_t e) {
  std::size_t k = b;
  while (k < e) {
    if (is_diff_git(t, k, e)) {
      std::size_t len = std::min<std::size_t>(4, e - k);
      out += join(t, k, k + len) + '\n';
      k += len;
      while (k < e) {
        std::size_t h = file_header_len(t, k, e);
        if (h == 0) break;
        out += join(t, k, k + h) + '\n';
        k += h;
      }
      continue;
    }
    std::size_t next = k + 1;
    while (next < e && !is_diff_git(t, next, e) && !is_hunk_header(t, next, e) &&
           !((t[next] == "literal" || t[next] == "delta") && file_header_len(t, next, e)))
      ++next;
    if (is_hunk_header(t, k, e)) {
      put_hunk(out, t, k, next);
    } else {
      // GIT binary patch data (one base85 line per token) or stray text: token per line
      // for the former, as it came for the latter.
      bool binary = file_header_len(t, k, e) > 0;
      if (binary) {
        out += join(t, k, k + 2) + '\n';
        for (std::size_t j = k + 2; j < next; ++j) out += std::string(t[j]) + '\n';
      } else {
        out += join(t, k, next) + '\n';
      }
    }
    k = next;
  }
}

}  // namespace pt::flattened
