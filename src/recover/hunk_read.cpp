// recover stage: reading the file diffs and hunks of a damaged diff (see hunk_read.hpp).
#include "recover/hunk_read.hpp"

#include <map>

#include "patch/diff_paths.hpp"
#include "util/text.hpp"

namespace pt::hunk {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    out.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return out;
}

namespace {

bool parse_count(std::string_view s, size_t& i, long& v) {
  size_t b = i;
  v = 0;
  while (i < s.size() && is_digit(s[i]) && i - b < 12) v = v * 10 + (s[i++] - '0');
  return i > b && !(i < s.size() && is_digit(s[i]));
}

// "@@ -a[,b] +c[,d] @@[ section]"; the damage never touches these characters.
bool parse_header(std::string_view line, HunkIn& h) {
  if (!starts_with(line, "@@ -")) return false;
  size_t i = 4;
  if (!parse_count(line, i, h.old_start)) return false;
  h.old_count = 1;
  if (i < line.size() && line[i] == ',' && !parse_count(line, ++i, h.old_count)) return false;
  if (line.substr(i, 2) != " +") return false;
  i += 2;
  if (!parse_count(line, i, h.new_start)) return false;
  h.new_count = 1;
  if (i < line.size() && line[i] == ',' && !parse_count(line, ++i, h.new_count)) return false;
  if (line.substr(i, 3) != " @@") return false;
  h.ranges = line.substr(3, i - 3);
  std::string_view rest = line.substr(i + 3);
  if (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
  h.section = rest;
  return true;
}

bool is_c_path(std::string_view path) {
  size_t dot = path.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string_view ext = path.substr(dot + 1);
  return ext == "c" || ext == "h";
}

// Where file diffs start: "diff --git", or "--- " + "+++ " + "@@ -" without one.
bool file_starts(const std::vector<std::string_view>& lines, size_t i) {
  if (starts_with(lines[i], "diff --git ")) return true;
  return starts_with(lines[i], "--- ") && i + 2 < lines.size() && starts_with(lines[i + 1], "+++ ") &&
         starts_with(lines[i + 2], "@@ -") && (i == 0 || !starts_with(lines[i - 1], "index "));
}

void read_file_header(std::string_view line, FileIn& f) {
  if (starts_with(line, "index ")) {
    std::string_view rest = line.substr(6);
    size_t dots = rest.find("..");
    if (dots != std::string_view::npos) f.blob = std::string(rest.substr(0, dots));
  } else if (starts_with(line, "--- ") && !diff_paths::is_dev_null(line.substr(4))) {
    if (auto n = diff_paths::find_name(line.substr(4), nullptr, 1, diff_paths::term_tab)) f.path = *n;
  } else if (starts_with(line, "+++ ") && f.path.empty() && !diff_paths::is_dev_null(line.substr(4))) {
    if (auto n = diff_paths::find_name(line.substr(4), nullptr, 1, diff_paths::term_tab)) f.path = *n;
  } else if (starts_with(line, "diff --git ") && f.path.empty()) {
    if (auto n = diff_paths::git_header_name(1, line.substr(11))) f.path = *n;
  }
}

}  // namespace

std::vector<FileIn> read_diff(const std::vector<std::string_view>& lines) {
  std::vector<FileIn> files;
  bool in_header = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    HunkIn h;
    if (file_starts(lines, i)) {
      files.emplace_back();
      in_header = true;
      read_file_header(lines[i], files.back());
      continue;
    }
    if (!files.empty() && parse_header(lines[i], h)) {
      in_header = false;
      h.header = i;
      h.body_begin = h.body_end = i + 1;
      files.back().hunks.push_back(h);
      continue;
    }
    if (in_header && !files.empty()) read_file_header(lines[i], files.back());
    else if (!files.empty() && !files.back().hunks.empty()) files.back().hunks.back().body_end = i + 1;
  }
  for (auto& f : files) f.kernel_style = is_c_path(f.path);
  return files;
}
// Whitespace damage of the whole diff: collapsed (page, flattened) or tabs turned spaces.
BodyWhitespace body_whitespace(const std::vector<std::string_view>& lines, const std::vector<FileIn>& files) {
  BodyWhitespace ws;
  for (const auto& f : files)
    for (const auto& h : f.hunks)
      for (size_t i = h.body_begin; i < h.body_end; ++i) {
        std::string_view s = lines[i].substr(lines[i].empty() ? 0 : 1);
        if (s.find('\t') != std::string_view::npos) ws.tab = true;
        if (s.find("  ") != std::string_view::npos) ws.runs = true;
        if (f.kernel_style && starts_with(s, "      ")) ws.c_indented = true;
      }
  return ws;
}

DamageModel damage_model(const BodyWhitespace& ws, bool flattened) {
  DamageModel m;
  if (flattened) return m;
  m.collapsed = !ws.tab && !ws.runs;
  m.tabs_kept = ws.tab;
  return m;
}

// Whether the lines found in the file show their tabs expanded to 8-column stops counted
// from the marker (DamageModel::tab_stops): the damaged line is the file line so expanded,
// trailing blanks stripped (a context line may have lost its marker's blank too).
bool learn_tab_stops(const std::vector<Unit>& units, const AlignResult& a, const FileText& file) {
  int yes = 0, no = 0;
  for (const auto& l : a.lines) {
    if (l.file_line < 0 || l.implied || l.end != l.begin + 1) continue;
    std::string_view f = file.lines[size_t(l.file_line)];
    if (f.find('\t') == std::string_view::npos) continue;
    std::string e(1, l.kind == Kind::context ? ' ' : l.kind == Kind::removed ? '-' : '+');
    for (char ch : f) {
      if (ch == '\t') e.append(size_t(8 - e.size() % 8), ' ');
      else e += ch;
    }
    std::string_view want = rtrim(e), raw = rtrim(units[size_t(l.begin)].raw);
    // (a context line that kept its blank also fits "each tab became 8 blanks, the
    // marker's blank lost": no evidence)
    if (l.kind == Kind::context && raw == want) continue;
    bool fits = l.kind == Kind::context ? want.substr(1) == raw : raw == want;
    (fits ? yes : no)++;
  }
  return yes > no;
}

// Learns how many spaces a tab became from lines found in the file (removed lines, and
// context lines with or without the marker's blank); 0 when no line shows a tab turned into
// spaces (then nothing is converted back).
int learn_tab_width(const std::vector<Unit>& units, const AlignResult& a, const FileText& file) {
  std::map<int, int> votes;
  for (const auto& l : a.lines) {
    if (l.file_line < 0 || l.implied || l.end != l.begin + 1 || l.kind == Kind::added) continue;
    std::string_view raw = units[size_t(l.begin)].raw;
    std::string_view d = l.kind == Kind::removed ? raw.substr(1) : raw;
    std::string_view f = file.lines[size_t(l.file_line)];
    size_t nd = 0, tabs = 0, spaces = 0, k = 0;
    while (nd < d.size() && d[nd] == ' ') ++nd;
    while (k < f.size() && (f[k] == '\t' || f[k] == ' ')) (f[k++] == '\t' ? tabs : spaces)++;
    if (!tabs) continue;
    for (size_t n : {nd, nd ? nd - 1 : 0})  // a context line may have kept its ' '
      if (n > spaces && (n - spaces) % tabs == 0) {
        votes[int((n - spaces) / tabs)]++;
        break;
      }
  }
  int best = 0, n = 0;
  for (auto [w, v] : votes)
    if (v > n) best = w, n = v;
  return best;
}

// Mail-client damage: tabs that became spaces come back as tabs at the line start.
std::string unexpand_lead(std::string_view damaged, int tab_width) {
  size_t n = 0;
  while (n < damaged.size() && damaged[n] == ' ') ++n;
  size_t w = size_t(tab_width);
  std::string out(n / w, '\t');
  out.append(n % w, ' ');
  out.append(damaged.substr(n));
  return out;
}

// Tabs expanded to 8-column stops from the marker (DamageModel::tab_stops) put back: the
// indentation is tabs up to its last stop, then spaces (kernel style); a later run of two
// or more blanks that ends on a stop was tabs (a single blank stays one: "a b" is commoner
// than a one-column tab).
std::string unexpand_stops(std::string_view d) {
  std::string out;
  int col = 1;  // the marker took column 0
  for (size_t i = 0; i < d.size();) {
    if (d[i] != ' ') {
      col = d[i] == '\t' ? (col / 8 + 1) * 8 : col + 1;
      out += d[i++];
      continue;
    }
    size_t j = i;
    while (j < d.size() && d[j] == ' ') ++j;
    int b = col + int(j - i);
    if (i == 0 || (j - i >= 2 && b % 8 == 0)) {
      while ((col / 8 + 1) * 8 <= b) {
        out += '\t';
        col = (col / 8 + 1) * 8;
      }
    }
    out.append(size_t(b - col), ' ');
    col = b;
    i = j;
  }
  return out;
}

std::string expand_stops(std::string_view content) {
  std::string out;
  int col = 1;  // after the marker
  for (char c : content) {
    if (c == '\t') {
      int next = (col / 8 + 1) * 8;
      out.append(size_t(next - col), ' ');
      col = next;
    } else {
      out += c;
      ++col;
    }
  }
  return out;
}

}  // namespace pt::hunk
