// facts stage: AUTOSEL notes cut into sentences and cited code blocks (see note_sentences.hpp).
#include "facts/note_sentences.hpp"

namespace pt::note_claims {

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

namespace {

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

}  // namespace

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

}  // namespace pt::note_claims
