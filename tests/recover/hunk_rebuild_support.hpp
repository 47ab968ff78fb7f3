// tests: what the rebuild_diff tests share: synthetic files, lookups over fixed texts, and the
// damage of web page copies, mail clients and flattened mail done to a clean diff.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "patch/diff.hpp"
#include "recover/hunk_align.hpp"
#include "recover/hunk_infer.hpp"
#include "recover/hunk_rebuild.hpp"
#include "util/text.hpp"

namespace pt::rebuild_test {

namespace fs = std::filesystem;

inline std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline fs::path source_dir() { return PATCHTRIAGE_SOURCE_DIR; }
inline fs::path corpus() { return fs::path(PATCHTRIAGE_SHARED) / "corpus"; }

inline std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    out.emplace_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return out;
}

// ---- synthetic files ---------------------------------------------------------------------

// A file holding one side of a diff's hunks at their line numbers, indented filler lines
// (never a function line) elsewhere, and each hunk's section just above it when free.
inline std::string side_text(const FileDiff& f, bool new_side) {
  std::vector<std::string> lines;
  std::vector<bool> used;
  auto put = [&](size_t idx, std::string_view s) {
    if (lines.size() <= idx) lines.resize(idx + 1), used.resize(idx + 1, false);
    lines[idx] = s;
    used[idx] = true;
  };
  for (const Hunk& h : f.hunks) {
    long start = new_side ? h.new_start : h.old_start;
    long count = new_side ? h.new_count : h.old_count;
    size_t at = size_t(count == 0 ? start : start - 1);
    for (size_t i = 0; i < h.lines.size(); ++i) {
      std::string_view l = h.lines[i];
      if (l[0] == '\\') continue;
      if (l[0] == ' ' || l[0] == (new_side ? '+' : '-')) put(at++, std::string(l.substr(1)));
    }
  }
  for (const Hunk& h : f.hunks) {
    long start = new_side ? h.new_start : h.old_start;
    long count = new_side ? h.new_count : h.old_count;
    long above = (count == 0 ? start : start - 1) - 1;
    if (!h.section.empty() && above >= 0 && (size_t(above) >= used.size() || !used[size_t(above)]))
      put(size_t(above), h.section);
  }
  used.resize(lines.size() + 3, false);
  lines.resize(lines.size() + 3);
  std::string text;
  for (size_t i = 0; i < lines.size(); ++i)
    text += (used[i] ? lines[i] : "\tfiller(" + std::to_string(i + 1) + ");") + "\n";
  return text;
}

// A lookup over fixed texts, keyed by path.
inline FileLookup lookup_of(std::map<std::string, std::string> texts, std::string origin = "test") {
  return [texts = std::move(texts), origin](const std::string& path, const std::string&) {
    std::vector<FileCandidate> out;
    auto it = texts.find(path);
    if (it != texts.end()) out.push_back({it->second, origin + ":" + path});
    return out;
  };
}

inline std::string path_of(const FileDiff& f) { return f.old_path.empty() ? f.new_path : f.old_path; }

inline FileLookup preimage_lookup(const Diff& d, bool new_side = false) {
  std::map<std::string, std::string> texts;
  for (const auto& f : d.files)
    if (!f.hunks.empty() && !(f.status == FileStatus::added && !new_side)) texts[path_of(f)] = side_text(f, new_side);
  return lookup_of(texts);
}

// ---- damage ------------------------------------------------------------------------------

// The counts of "@@ -a[,b] +c[,d] @@" (a missing count is 1); 0, 0 when malformed.
inline void header_counts(const std::string& l, long& old_count, long& new_count) {
  old_count = new_count = 0;
  size_t i = 4;
  auto number = [&](long& v) {
    v = 0;
    size_t b = i;
    while (i < l.size() && is_digit(l[i]) && i - b < 9) v = v * 10 + (l[i++] - '0');
    return i > b;
  };
  long start = 0, o = 1, n = 1;
  if (!number(start)) return;
  if (i < l.size() && l[i] == ',' && (++i, !number(o))) return;
  if (l.compare(i, 2, " +") != 0) return;
  i += 2;
  if (!number(start)) return;
  if (i < l.size() && l[i] == ',' && (++i, !number(n))) return;
  if (l.compare(i, 3, " @@") != 0) return;
  old_count = o;
  new_count = n;
}

// Calls `body(line)` for each hunk body line (with marker) and `other(line)` for the rest,
// following the header counts like git does.
template <class Body, class Other>
void walk_diff(std::string_view diff, Body body, Other other) {
  long old_left = 0, new_left = 0;
  for (const std::string& l : lines_of(diff)) {
    if (old_left > 0 || new_left > 0) {
      char m = l.empty() ? ' ' : l[0];
      if (m != '+') --old_left;
      if (m != '-') --new_left;
      if (m == '\\') ++old_left, ++new_left;
      body(l);
      continue;
    }
    if (l.size() > 2 && l[0] == '\\' && l[1] == ' ') {
      body(l);
      continue;
    }
    if (starts_with(l, "@@ -")) header_counts(l, old_left, new_left);
    other(l);
  }
}

// Lore page copy: whitespace collapsed and stripped, context markers and blank lines gone.
inline std::string page_damage_diff(std::string_view diff) {
  std::string out;
  walk_diff(
      diff,
      [&](const std::string& l) {
        if (l.empty() || l[0] == '\\') {
          if (!l.empty()) out += l + "\n";
          return;
        }
        std::string content = l.substr(1);
        if (l[0] == ' ') {
          std::string t(trim(collapse_space(content)));
          if (!t.empty()) out += t + "\n";
          return;
        }
        out += l[0] + hunk::page_damage(content) + "\n";
      },
      [&](const std::string& l) { out += l + "\n"; });
  return out;
}

// Flattened mail: each hunk one line of words, tag-looking text deleted.
inline std::string flatten_diff(std::string_view diff) {
  std::string out, hunk;
  auto flush = [&]() {
    if (hunk.empty()) return;
    out += collapse_space(hunk::strip_tags(hunk)) + "\n";
    hunk.clear();
  };
  walk_diff(
      diff, [&](const std::string& l) { hunk += " " + l; },
      [&](const std::string& l) {
        if (starts_with(l, "@@ -")) {
          flush();
          size_t at = l.find(" @@", 3) + 3;
          out += l.substr(0, at);
          hunk = l.substr(at);
          return;
        }
        flush();
        out += l + "\n";
      });
  flush();
  return out;
}

// Mail client: tabs to 8 spaces, context lines lose their ' ', trailing blanks stripped,
// lines longer than `width` wrapped at the last blank before it.
inline std::string mail_damage_diff(std::string_view diff, size_t width) {
  std::string out;
  walk_diff(
      diff,
      [&](const std::string& l) {
        std::string s;
        for (char c : l) s += c == '\t' ? std::string(8, ' ') : std::string(1, c);
        if (!s.empty() && s[0] == ' ') s.erase(0, 1);
        s = std::string(rtrim(s));
        while (s.size() > width) {
          size_t cut = s.rfind(' ', width);
          if (cut == std::string::npos || cut == 0 || s.find_first_not_of(' ') >= cut) break;
          out += std::string(rtrim(s.substr(0, cut))) + "\n";
          s = s.substr(cut + 1);
        }
        out += s + "\n";
      },
      [&](const std::string& l) { out += l + "\n"; });
  return out;
}

inline std::string diff_of_mbox(const fs::path& p) { return std::string(parse_diff(slurp(p)).text()); }

// Context and removed lines of every hunk, in order.
inline std::vector<std::string> preimage_lines(const Diff& d) {
  std::vector<std::string> out;
  for (const auto& f : d.files)
    for (const auto& h : f.hunks)
      for (size_t i = 0; i < h.lines.size(); ++i)
        if (h.lines[i][0] == ' ' || h.lines[i][0] == '-') out.emplace_back(h.lines[i]);
  return out;
}

}  // namespace pt::rebuild_test
