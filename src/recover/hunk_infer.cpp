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
#include <utility>

#include "recover/hunk_align.hpp"
#include "recover/hunk_indent.hpp"
#include "recover/hunk_read.hpp"
#include "util/text.hpp"

namespace pt::hunk {
namespace {

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
// A word that ends a sentence: "platforms." (not "e.g.", "0.5" or "...").
bool ends_sentence(std::string_view w) {
  if (w.size() < 3 || w.back() != '.') return false;
  w.remove_suffix(1);
  return std::isalpha((unsigned char)w.back()) && w.find('.') == std::string_view::npos;
}

std::string respace(const std::vector<std::string_view>& cur, std::string_view lead,
                    const std::string* partner, const std::vector<std::string_view>& neighbours,
                    bool sentence_two_spaces) {
  sentence_two_spaces = sentence_two_spaces && !cur.empty() && is_comment(cur[0]);
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
  // A nearby line of the same shape (as many words, each as long: the next row of a table)
  // lends its blanks to gaps the partner does not settle.
  Spaced twin;
  for (auto n : neighbours) {
    Spaced sp = spaced(n);
    if (sp.words.size() != cur.size() || cur.size() < 3) continue;
    bool same = true;
    for (size_t k = 0; k < cur.size() && same; ++k) same = sp.words[k].size() == cur[k].size();
    if (same) {
      twin = sp;
      break;
    }
  }
  std::string out(lead);
  int col = columns(lead);
  for (size_t k = 0; k < cur.size(); ++k) {
    if (k > 0) {
      std::string sep = !twin.words.empty()                            ? std::string(twin.seps[k])
                        : sentence_two_spaces && ends_sentence(cur[k - 1]) ? "  "
                                                                           : " ";
      bool copied = false;
      if (partner && map[k] >= 0 && map[k - 1] >= 0 && map[k] == map[k - 1] + 1) {
        sep = std::string(m.seps[size_t(map[k])]);
        copied = true;
        // Tabs align the word to a column: keep the partner's column when the text before
        // it changed length ("#define FOO_LONGER\t0x4b7e").
        int target = pcol[size_t(map[k])];
        if (sep.find('\t') != std::string::npos && target > col) sep = pad_to(col, target, true);
        // Runs of spaces align too: where the words before the gap moved, they align
        // nothing any more.
        else if (sep.size() >= 2 && sep.find('\t') == std::string::npos && target != col + int(sep.size()))
          sep = " ";
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

// The change block around line i: [begin, end) of the marked lines between two context
// lines.
std::pair<size_t, size_t> change_block(const std::vector<InferLine>& L, size_t i) {
  size_t b = i, e = i + 1;
  while (b > 0 && L[b - 1].kind != ' ') --b;
  while (e < L.size() && L[e].kind != ' ') ++e;
  return {b, e};
}

// The line of the other side that line i most likely replaces: same words anywhere in the
// hunk (`same_words` maps squeezed exact lines of each side to their index), else the same
// position in its change block, else the most similar nearby one there.
long partner_of(const std::vector<InferLine>& L, size_t i, const std::vector<std::string_view>& cur,
                const std::unordered_map<std::string, size_t>& same_words) {
  char other = L[i].kind == '+' ? '-' : '+';
  std::string key(1, other);
  key += squeeze(L[i].damaged);  // (not "string + string": g++ 12 warns -Wrestrict falsely)
  auto it = same_words.find(key);
  if (it != same_words.end()) return long(it->second);
  auto [b, e] = change_block(L, i);
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
std::string pick_variant(const std::string& guess, const InferLine& l, bool had_lead, bool lead_sure) {
  const auto& variants = l.variants;
  if (variants.empty() || std::find(variants.begin(), variants.end(), guess) != variants.end()) return guess;
  const std::string* near = nullptr;
  for (size_t k = 0; k < variants.size(); ++k) {
    const std::string& v = variants[k];
    if (had_lead == lead_of(v).empty()) continue;  // the damage kept whether there was indentation
    if (lead_of(v) == lead_of(guess)) return v;
    if (!near && k < l.near_variants && !lead_sure) near = &v;
  }
  return near ? *near : guess;
}


// Whether the change block around line i (the lines between two context lines) adds an
// empty line.
bool blank_added_in_block(const std::vector<InferLine>& L, size_t i) {
  auto [b, e] = change_block(L, i);
  for (size_t j = b; j < e; ++j)
    if (L[j].kind == '+' && (L[j].known ? L[j].text.empty() : L[j].damaged.empty())) return true;
  return false;
}

// "#define  REG_FIELD_MASK ..." under "#define REG 0x10": some drivers set a register's
// fields off by the blanks after "#define". When line i is such a field (its name extends
// the name of the #define before it), the blanks a known field line of the hunk uses; empty
// when there is none.
std::string define_field_sep(const std::vector<InferLine>& L, size_t i, const std::vector<std::string_view>& cur) {
  if (cur.size() < 2 || cur[0] != "#define") return {};
  auto is_define = [](std::string_view t) { return starts_with(t, "#define") && t.size() > 8 && is_space(t[7]); };
  // Whether `name`, defined on line j, extends the name of a #define a few lines before it
  // on the side of `kind`.
  auto is_field = [&](size_t j, char kind, std::string_view name) {
    int seen = 0;
    for (size_t q = j; q-- > 0 && seen < 8;) {
      if (L[q].kind != ' ' && L[q].kind != kind) continue;
      std::string_view t = L[q].known ? std::string_view(L[q].text) : std::string_view(L[q].damaged);
      if (!is_define(t)) continue;
      ++seen;
      auto w = words(t);
      if (w.size() < 2) continue;
      std::string_view up = w[1].substr(0, w[1].find('('));
      if (name.size() > up.size() + 1 && starts_with(name, up) && name[up.size()] == '_') return true;
    }
    return false;
  };
  if (!is_field(i, L[i].kind, cur[1])) return {};
  for (size_t j = 0; j < L.size(); ++j) {
    if (j == i || !L[j].known || !is_define(L[j].text)) continue;
    Spaced sp = spaced(L[j].text);
    if (sp.words.size() < 2 || sp.seps[1] == " ") continue;
    if (is_field(j, L[j].kind == ' ' ? L[i].kind : L[j].kind, sp.words[1])) return std::string(sp.seps[1]);
  }
  return {};
}

}  // namespace

bool sentences_end_with_two_spaces(const std::vector<std::string_view>& lines) {
  int one = 0, two = 0;
  for (std::string_view line : lines) {
    std::string_view t = trim(line);
    if (!is_comment(t) && line.find("/*") == std::string_view::npos) continue;
    for (size_t at = line.find(". "); at != std::string_view::npos; at = line.find(". ", at + 2)) {
      size_t b = at;
      while (b > 0 && !is_space(line[b - 1])) --b;
      if (!ends_sentence(line.substr(b, at + 1 - b))) continue;
      size_t n = at + 1;
      while (n < line.size() && line[n] == ' ') ++n;
      if (n == line.size() || !std::isalpha((unsigned char)line[n])) continue;
      // a comment's sentence, not code before a trailing comment
      std::string_view head = trim(line.substr(0, b));
      if (!is_comment(head) && head.find("/*") == std::string_view::npos) continue;
      (n - at - 1 == 2 ? two : one)++;
    }
  }
  return two >= 4 && two > one;
}

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
    // The lines of this line's side, and the nearest one before it (fixed by now).
    Side side{lines, l.kind, model.kernel_style};
    const long p = side.before(long(i));
    if (l.kind == '-' && trim(l.damaged).empty() && blank_added_in_block(lines, i)) {
      // A removed "blank" line next to an added blank one: diff would have kept an empty
      // line as context, so this one held blanks, most likely the indentation of the
      // code before it left as trailing whitespace.
      l.text = p >= 0 && !lead_of(side.text(p)).empty() ? std::string(lead_of(side.text(p))) : "\t";
      ++guessed;
      continue;
    }
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
      std::string rest = join_words(cur, "");
      lead = structural_lead(side, i, rest);
      // The statement before this line began above the hunk (its ')' closes a '(' the hunk
      // does not show): the structure cannot tell its level; the line it replaces, when it
      // starts the same way, can.
      if (partner >= 0 && model.kernel_style && (opened_above(side, i) || began_at_top(side, i))) {
        auto pw = words(lines[size_t(partner)].text);
        std::string_view plead = lead_of(lines[size_t(partner)].text);
        // (a partner with all the same words was re-indented: its level is not this one's)
        if (!pw.empty() && pw[0] == cur[0] && !plead.empty() && pw != cur) lead = std::string(plead);
      }
      // A continuation line inside parentheses that replaces a continuation line not
      // aligned under its '(': the edit kept that wrapping style (tabs only), which the
      // structure alone cannot tell (+0.9% of removed, +0.3% of added lines).
      if (partner >= 0 && model.kernel_style) {
        std::string_view ptext = lines[size_t(partner)].text;
        if (p >= 0 && open_paren_column(side, p) >= 0 && !lead_of(ptext).empty()) {
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
    // (only old text: new comments follow their author, not the file)
    l.text = respace(cur, lead, partner >= 0 ? &lines[size_t(partner)].text : nullptr, neighbours,
                     model.sentence_two_spaces && l.kind != '+');
    if (std::string sep = define_field_sep(lines, i, cur); !sep.empty()) {
      size_t name = lead.size() + 7;  // past "#define", then past the blanks respace put
      while (name < l.text.size() && is_space(l.text[name])) ++name;
      l.text = lead + "#define" + sep + l.text.substr(name);
    }
    // The body of a braceless if, for or while (the line before ends its condition): one
    // level in, whatever a sibling says.
    bool lead_sure = false;
    if (had_lead && model.kernel_style && p >= 0) {
      std::string_view pcode = code_of(side.text(p));
      lead_sure = !pcode.empty() && pcode.back() == ')' && parens_of(pcode).balance == 0 &&
                  is_control(code_of(side.text(statement_start(side, p))));
    }
    l.text = pick_variant(l.text, l, had_lead, lead_sure);
    // A line and its partner with the same words differ in their blanks (else diff had
    // kept the line as context): the guess must not be the partner; its blanks were the
    // change, most often alignment put in or taken out.
    if (partner >= 0 && lines[size_t(partner)].known && l.text == lines[size_t(partner)].text)
      l.text = join_words(cur, lead_of(l.text));
    // A continuation line's indentation is a habit of the file, not its structure: when
    // every other place in the file spells these words alike, so does this one.
    if (had_lead && model.kernel_style && !l.variants.empty() &&
        std::all_of(l.variants.begin(), l.variants.end(),
                    [&](const std::string& v) { return lead_of(v) == lead_of(l.variants[0]); })) {
      std::string_view vlead = lead_of(l.variants[0]);
      if (p >= 0 && continues_statement(side, p) && !vlead.empty())
        l.text = std::string(vlead) + l.text.substr(lead_of(l.text).size());
    }
  }
  return guessed;
}

}  // namespace pt::hunk
