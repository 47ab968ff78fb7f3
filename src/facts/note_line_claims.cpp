// facts stage: file:line claims of AUTOSEL notes (see note_extractors.hpp).
#include <algorithm>

#include "facts/note_extractors.hpp"
#include "facts/note_words.hpp"

namespace pt::note_claims {
namespace {

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

}  // namespace

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

}  // namespace pt::note_claims
