// recover stage: finding a flattened hunk (a word stream) in a file's text.
//
// Line breaks are lost, so a file line matches when its words come next in the stream
// (also with tag-looking text deleted, as the browser did); a removed line is its words
// behind a "-" word or a "-" glued to its first word. Where an added line ends is not
// known: it ends where another marked line, the next file line, or the stream's end begins,
// and the header counts decide between the candidates.
#include <algorithm>

#include "recover/hunk_align.hpp"
#include "recover/hunk_search.hpp"
#include "util/text.hpp"

namespace pt::hunk {
namespace {

using namespace search;

bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }


const std::string_view no_newline_words[] = {"\\", "No", "newline", "at", "end", "of", "file"};

bool marker_at(const std::vector<std::string_view>& t, int p) {
  if (p + 7 > int(t.size())) return false;
  for (int i = 0; i < 7; ++i)
    if (t[size_t(p + i)] != no_newline_words[i]) return false;
  return true;
}

// Does `text`'s word sequence appear in `t` at p? Returns the word count or -1.
int words_at(const std::vector<std::string_view>& t, int p, std::string_view text) {
  int k = 0;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    size_t b = i;
    while (i < text.size() && !is_space(text[i])) ++i;
    if (i == b) break;
    if (p + k >= int(t.size()) || t[size_t(p + k)] != text.substr(b, i - b)) return -1;
    ++k;
  }
  return k;
}

bool starts_control(std::string_view w) {
  for (std::string_view k : {"if", "for", "while", "switch", "else", "do"})
    if (w.substr(0, k.size()) == k && (w.size() == k.size() || w[k.size()] == '(')) return true;
  return false;
}

// Whether marker word `w` after word `prev` starts a line rather than sitting inside one
// ("a + b", "x = -1"). `first` is the first word of the line being ended.
bool likely_line_start(std::string_view prev, std::string_view w, std::string_view next,
                       std::string_view first, bool c_like) {
  if (prev == "+" || prev == "-") return true;  // the line before was empty
  if (first.starts_with("#")) return true;      // preprocessor lines rarely hold " + "
  // What no expression continues with: a comment's " * " line, a closing bracket, a brace.
  if (w.size() == 1 && (next == "*" || next.starts_with("*/") || next.starts_with(")") ||
                        next.starts_with("}") || next.starts_with("{") || next.starts_with("#")))
    return true;
  char c = prev.back();
  bool after_operator = c == '&' || c == '|' || c == '=' || c == '(' || c == '?' || c == '+' ||
                        c == '-' || c == ',' || prev == "return";
  if (w.size() > 1) return !after_operator;  // "+}" at a line start, "-1" after '=' or ','
  if (c == ';' || c == '{' || c == '}' || c == ':' || c == '\\' || c == ',' || prev.ends_with("*/"))
    return true;
  if (after_operator) return true;  // a continuation line after "&&", "=", "("
  if (c == ')') return starts_control(first) || first.starts_with("#");  // "if (x)" ends a line
  return !c_like;
}

class TokenAligner {
 public:
  TokenAligner(const std::vector<std::string_view>& tokens, const FileText& file,
               const Sides& sides, const AlignRequest& req)
      : m_t(tokens), m_file(file), m_s(sides), m_req(req) {
    m_free_left.assign(tokens.size() + 1, 0);
    for (size_t i = tokens.size(); i-- > 0;)
      m_free_left[i] = m_free_left[i + 1] + (!tokens[i].empty() && tokens[i][0] == sides.fm);
  }
  void set_start(int start) { m_start = start; }

  void expand(const State& st, Kind prev, std::vector<Move>& out) {
    const int m = int(m_t.size());
    const int f = m_start + st.off;
    const int other = st.off - st.d;
    if (other + (m_s.consumed - st.off) + m_free_left[size_t(st.p)] < m_s.other) return;
    const bool can_consume = st.off < m_s.consumed && f < int(m_file.lines.size());
    const bool can_other = other < m_s.other;
    if (st.p < m && m_t[size_t(st.p)] == "\\" && marker_at(m_t, st.p)) {
      out.push_back(tok_move(Kind::marker, st.p, st.p + 7, {st.p + 7, st.off, st.d}, -1));
      return;
    }
    int ctx = (can_consume && can_other) ? match(st.p, 0, f) : -1;
    // A context line without words (blank, or all of it taken for tags) is invisible. It
    // goes before a removed blank line: "- x" reads better as blank context then "-x"
    // than as "-" (blank removed) then context "x".
    Move blank = tok_move(Kind::context, st.p, st.p, {st.p, st.off + 1, st.d}, f);
    blank.implied = true;
    const bool blank_first = ctx == 0 && blank_goes_first(st, prev, f);
    if (blank_first) out.push_back(blank);
    if (can_consume && st.p < m) {
      int k = match(st.p, m_s.cm, f);
      if (k > 0) out.push_back(tok_move(m_s.ck, st.p, st.p + k, {st.p + k, st.off + 1, st.d + 1}, f));
    }
    if (ctx > 0)
      out.push_back(tok_move(Kind::context, st.p, st.p + ctx, {st.p + ctx, st.off + 1, st.d}, f));
    if (can_other && st.p < m && m_t[size_t(st.p)][0] == m_s.fm) free_moves(st, f, out);
    if (ctx == 0 && !blank_first) out.push_back(blank);
    // Only a mail signature ("-- 2.53.0") may follow the last hunk outside it.
    bool trailer = m_req.allow_leftover && st.p < m && m_t[size_t(st.p)] == "--" && m - st.p <= 3;
    if (st.off == m_s.consumed && other == m_s.other && (st.p == m || trailer)) {
      Move s;
      s.stop = true;
      s.next = st;
      out.push_back(s);
    }
  }

 private:
  Move tok_move(Kind kind, int b, int e, State next, int file_line) const {
    Move mv;
    mv.kind = kind;
    mv.next = next;
    mv.begin = b;
    mv.end = e;
    mv.file_line = file_line;
    return mv;
  }

  // As in line mode (hunk_align.cpp, LineAligner::blank_first): right after a removed
  // line the added lines go before a dropped blank; after context, added lines go first
  // unless their run ends in an empty added line. The run ends where the file line after
  // the blank one shows up behind a marker word.
  bool blank_goes_first(const State& st, Kind prev, int f) {
    const int m = int(m_t.size());
    if (!m_req.blank_first) return false;
    // git never writes a removed line right after an added one: context came between.
    if (prev == Kind::added && st.p < m && m_t[size_t(st.p)][0] == '-') return true;
    if (prev == m_s.ck) return false;
    if (m_req.postimage || st.p >= m || m_t[size_t(st.p)][0] != m_s.fm) return true;
    int g = f + 1;
    while (g < m_start + m_s.consumed && g < int(m_file.lines.size()) && m_file.norm[size_t(g)].empty()) ++g;
    if (g >= m_start + m_s.consumed || g >= int(m_file.lines.size())) return true;
    for (int q = st.p + 1; q < m && q <= st.p + 2000; ++q) {
      if (match(q, 0, g) > 0 || match(q, m_s.cm, g) > 0)
        return m_t[size_t(q - 1)].size() == 1 && m_t[size_t(q - 1)][0] == m_s.fm;
    }
    return true;
  }

  // Words of file line f (after `marker`) at p, also with tag-looking text deleted.
  int match(int p, char marker, int f) {
    std::string_view line = m_file.lines[size_t(f)];
    m_buf.clear();
    if (marker) m_buf.push_back(marker);
    m_buf.append(line);
    int k = words_at(m_t, p, m_buf);
    if (k >= 0 || line.find('<') == std::string_view::npos) return k;
    std::string stripped = strip_tags(m_buf);
    return stripped == m_buf ? -1 : words_at(m_t, p, stripped);
  }

  // A free line starting at p ends where another marked line, the next file line's
  // words, or the stream's end begins. Boundaries after a word that ends a statement are
  // tried first, nearest first.
  void free_moves(const State& st, int f, std::vector<Move>& out) {
    const int m = int(m_t.size());
    std::string_view next_first, next_first_stripped;
    for (int g = f; g < m_start + m_s.consumed && g < int(m_file.lines.size()); ++g) {
      if (m_file.norm[size_t(g)].empty()) continue;
      auto w = words(m_file.lines[size_t(g)]);
      if (!w.empty()) next_first = w[0];
      if (has_tag(m_file.lines[size_t(g)])) {
        m_stripped_first = strip_tags(m_file.lines[size_t(g)]);
        auto ws = words(m_stripped_first);
        if (!ws.empty()) next_first_stripped = ws[0];
      }
      break;
    }
    std::string_view first = m_t[size_t(st.p)].size() > 1 ? m_t[size_t(st.p)].substr(1)
                             : st.p + 1 < m ? m_t[size_t(st.p + 1)] : std::string_view();
    std::vector<std::pair<int, int>> ends;  // (preference class, q)
    const int limit = std::min(m, st.p + 512);
    for (int q = st.p + 1; q <= limit; ++q) {
      bool boundary = q == m;
      int cls = 1;
      if (!boundary) {
        std::string_view w = m_t[size_t(q)];
        bool marked = w[0] == '+' || w[0] == '-' || w[0] == '\\';
        bool spells_next = (!next_first.empty() && w == next_first) ||
                           (!next_first_stripped.empty() && w == next_first_stripped);
        boundary = marked || spells_next;
        if (spells_next || (marked && likely_line_start(m_t[size_t(q - 1)], w, q + 1 < m ? m_t[size_t(q + 1)] : std::string_view(), first,
                                                     m_req.c_like))) cls = 0;
      } else {
        cls = 0;
      }
      if (boundary) ends.emplace_back(cls, q);
    }
    std::stable_sort(ends.begin(), ends.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [cls, q] : ends)
      out.push_back(tok_move(m_s.fk, st.p, q, {q, st.off, st.d - 1}, -1));
  }

  const std::vector<std::string_view>& m_t;
  const FileText& m_file;
  const Sides& m_s;
  const AlignRequest& m_req;
  std::vector<int> m_free_left;
  std::string m_buf, m_stripped_first;
  int m_start = 0;
};

bool words_prefix(const std::vector<std::string_view>& t, const std::vector<std::string_view>& w) {
  if (w.size() > t.size()) return false;
  return std::equal(w.begin(), w.end(), t.begin());
}

}  // namespace

int guess_section_tokens(const std::vector<std::string_view>& t) {
  if (t.empty() || !(is_ident_start(t[0][0]) || t[0][0] == '$')) return 0;
  if (t[0].back() == ':') return 0;  // a label: as likely the first body line
  int depth = 0;
  bool paren = false;
  size_t width = 0;
  for (size_t i = 0; i < t.size() && i < 40; ++i) {
    std::string_view w = t[i];
    if (width + (i ? 1 : 0) >= 80) return int(i);  // git cut the section at 80 bytes
    width += (i ? 1 : 0) + w.size();
    for (char c : w) {
      if (c == '(') depth++, paren = true;
      if (c == ')') depth--;
    }
    if (w.back() == ';') return 0;  // a statement, not a function or type line
    if (paren && depth <= 0) return int(i) + 1;
    if (!paren && w == "{" && i > 0) return int(i) + 1;
  }
  return 0;
}

AlignResult align_tokens(const std::vector<std::string_view>& tokens, const FileText& file,
                         const AlignRequest& req) {
  AlignResult fail;
  Sides s;
  const int n = int(file.lines.size());
  if (!make_sides(req, n, s)) return fail;
  TokenAligner al(tokens, file, s, req);
  AlignRequest flipped = req;  // the other choice of where dropped blank lines go
  flipped.blank_first = !req.blank_first;
  TokenAligner al_flipped(tokens, file, s, flipped);
  TokenAligner* use = &al;
  Search search;
  long budget = req.budget;
  std::vector<Move> path;
  const int m = int(tokens.size());
  auto attempt = [&](int start, int begin, AlignResult& out) {
    use->set_start(start);
    bool gave_up = false;
    bool ok = search.run({begin, 0, 0}, [&](const State& st, Kind prev, std::vector<Move>& mv) { use->expand(st, prev, mv); },
                         budget, path, gave_up);
    if (gave_up) fail.gave_up = true;
    if (!ok) return false;
    int end = path.empty() ? begin : path.back().next.p;
    out = finish(path, start, begin, m, end);
    return true;
  };
  std::vector<int> order = start_order(expected_start(s, req), n - s.consumed);
  // Pass 1: the section text in front of the body is git's section for that position.
  auto pass1 = [&](int start, AlignResult& r) {
    std::string tried;
    for (bool cpp : {true, false}) {
      std::string sec = git_section(file, start, cpp);
      if (cpp == false && sec == tried) break;
      tried = sec;
      std::string plain = strip_tags(sec);
      auto w = words(plain);
      if (!words_prefix(tokens, w)) continue;
      if (attempt(start, int(w.size()), r)) {
        r.section = sec;
        r.section_from_file = true;
        return true;
      }
      if (fail.gave_up) return false;
    }
    return false;
  };
  for (int start : order) {
    AlignResult first;
    if (pass1(start, first)) {
      // As in line mode: a start nearby, or the other blank placement, that gives git's
      // three context lines on each side is git's reading.
      return prefer_git_context(std::move(first), start, path, s.consumed, n,
                                [&](int other, bool flipped, AlignResult& r) {
                                  use = flipped ? &al_flipped : &al;
                                  bool ok = pass1(other, r);
                                  use = &al;
                                  if (fail.gave_up) return -1;
                                  return ok ? 1 : 0;
                                });
    }
    if (fail.gave_up) return fail;
  }
  // Pass 2: the diff's sections follow another rule; guess the section from its shape.
  std::vector<int> ks = {guess_section_tokens(tokens)};
  if (ks[0] != 0) ks.push_back(0);
  for (int start : order) {
    for (int k : ks) {
      AlignResult r;
      if (attempt(start, k, r)) {
        std::string sec;
        for (int i = 0; i < k; ++i) {
          if (i) sec += ' ';
          sec.append(tokens[size_t(i)]);
        }
        r.section = sec;
        return r;
      }
      if (fail.gave_up) return fail;
    }
  }
  return fail;
}

}  // namespace pt::hunk
