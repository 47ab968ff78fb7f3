// recover stage: repairing a damaged hunk from its header counts alone.
#include "recover/hunk_repair.hpp"

#include <algorithm>

#include "util/text.hpp"

namespace pt::hunk {
namespace {

// A mail signature ("-- " or, trailing blanks stripped, "--") and what follows it.
int signature_at(const std::vector<Unit>& units) {
  for (size_t i = 0; i < units.size(); ++i) {
    std::string_view r = units[i].raw;
    if ((r == "--" || r == "-- ") && units.size() - i <= 4) return int(i);
  }
  return -1;
}

// How likely line `i` is the wrapped tail of the line before it, which was `prev_len`
// bytes long: mail clients break at the last blank before ~72-78 columns, so the previous
// line is long and the tail's first word would not have fitted after it.
int wrap_score(size_t prev_len, std::string_view tail) {
  std::string_view t = trim(tail);
  size_t first = t.find_first_of(" \t");
  size_t word = first == std::string_view::npos ? t.size() : first;
  if (prev_len < 50 || prev_len > 80) return 0;
  if (prev_len + 1 + word <= 66) return 0;
  return 100 - int(prev_len > 78 ? prev_len - 78 : 78 - prev_len);
}

}  // namespace

RepairedHunk repair_lines(const std::vector<Unit>& units, long old_count, long new_count,
                          size_t header_length, bool allow_trailer) {
  RepairedHunk r;
  size_t end = units.size();
  int sig = allow_trailer ? signature_at(units) : -1;
  // Count each reading; unmarked lines (and empty ones) are context until joined.
  auto tally = [&](size_t n, long& ctx, long& rem, long& add) {
    ctx = rem = add = 0;
    for (size_t i = 0; i < n; ++i) {
      char m = units[i].mark;
      if (m == '\\') continue;
      if (m == '-') ++rem;
      else if (m == '+') ++add;
      else ++ctx;
    }
  };
  long ctx = 0, rem = 0, add = 0;
  tally(end, ctx, rem, add);
  long excess = ctx + rem - old_count;
  if (sig >= 0 && (excess != 0 || ctx + add != new_count)) {
    end = size_t(sig);
    r.leftover = sig;
    tally(end, ctx, rem, add);
    excess = ctx + rem - old_count;
  }
  std::vector<bool> join(end, false);
  bool ok = excess == 0 && ctx + add == new_count;
  if (!ok && excess > 0 && excess == ctx + add - new_count) {
    // Too many lines on both sides by the same amount: that many wraps to undo.
    std::vector<std::pair<int, size_t>> cand;
    for (size_t i = 0; i < end; ++i) {
      if (units[i].mark != 0 || units[i].norm_raw.empty()) continue;
      size_t prev_len = i == 0 ? header_length : units[i - 1].raw.size();
      if (i > 0 && units[i - 1].mark == '\\') continue;
      if (int s = wrap_score(prev_len, units[i].raw)) cand.emplace_back(s, i);
    }
    if (long(cand.size()) >= excess) {
      std::stable_sort(cand.begin(), cand.end(), [](auto& a, auto& b) { return a.first > b.first; });
      for (long k = 0; k < excess; ++k) join[cand[size_t(k)].second] = true;
      r.joined = int(excess);
      ctx -= excess;
      ok = true;
    }
  }
  for (size_t i = 0; i < end; ++i) {
    const Unit& u = units[i];
    std::string_view raw = u.raw;
    if (join[i]) {
      std::string tail(trim(raw));
      if (i == 0) r.section_tail = tail;
      else if (!r.lines.empty()) r.lines.back() += std::string(" ") + tail;
      continue;
    }
    if (u.mark == 0) {
      {
        std::string line(1, ' ');
        line.append(raw);
        r.lines.push_back(std::move(line));
      }
      ++r.markers;
    } else {
      r.lines.emplace_back(raw);
    }
  }
  r.old_count = ctx + rem;
  r.new_count = ctx + add;
  r.counts_match = ok;
  return r;
}

namespace {

bool ends_line(std::string_view w) {
  char c = w.back();
  return c == ';' || c == '{' || c == '}' || (w.size() >= 2 && w.substr(w.size() - 2) == "*/");
}

bool version_like(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return is_digit(c) || c == '.'; });
}

}  // namespace

namespace {

RepairedHunk split_tokens(const std::vector<std::string_view>& tokens, bool allow_trailer, bool split_glued);

}  // namespace

RepairedHunk repair_tokens(const std::vector<std::string_view>& tokens, bool allow_trailer) {
  RepairedHunk r = split_tokens(tokens, allow_trailer, false);
  // Markers glued to a word inside a line ("x -1") are read as text; a hunk without any
  // changed line is corrupt, so then they are taken for line starts after all.
  bool changes = std::any_of(r.lines.begin(), r.lines.end(), [](auto& l) { return l[0] == '+' || l[0] == '-'; });
  return changes ? r : split_tokens(tokens, allow_trailer, true);
}

namespace {

RepairedHunk split_tokens(const std::vector<std::string_view>& tokens, bool allow_trailer, bool split_glued) {
  RepairedHunk r;
  size_t begin = size_t(guess_section_tokens(tokens));
  for (size_t i = 0; i < begin; ++i) {
    if (i) r.section += ' ';
    r.section.append(tokens[i]);
  }
  size_t end = tokens.size();
  // "-- 2.53.0" at the very end is git format-patch's signature, not a removed line.
  if (allow_trailer && end >= begin + 2 && tokens[end - 2] == "--" && version_like(tokens[end - 1])) {
    end -= 2;
    r.leftover = int(end);
  } else if (allow_trailer && end >= begin + 1 && tokens[end - 1] == "--") {
    end -= 1;
    r.leftover = int(end);
  }
  char kind = 0;     // of the line being built; 0 = none open
  bool lead = false;
  std::string text;
  auto flush = [&]() {
    if (!kind) return;
    std::string line(1, kind);
    if (lead && !text.empty()) line += ' ';
    line += text;
    if (kind == ' ') ++r.old_count, ++r.new_count;
    if (kind == '-') ++r.old_count;
    if (kind == '+') ++r.new_count;
    r.lines.push_back(std::move(line));
    kind = 0;
    lead = false;
    text.clear();
  };
  bool at_start = true;  // the previous word ended a line
  for (size_t i = begin; i < end; ++i) {
    std::string_view w = tokens[i];
    if (w == "\\" && i + 6 < end && tokens[i + 1] == "No" && tokens[i + 2] == "newline") {
      flush();
      r.lines.emplace_back("\\ No newline at end of file");
      i += 6;
      at_start = true;
      continue;
    }
    if (w == "-" || w == "+") {
      flush();
      kind = w[0];
      lead = true;
      at_start = false;
      continue;
    }
    bool glued = (w[0] == '-' || w[0] == '+') && w.size() > 1 && w[1] != w[0];
    if (glued && split_glued && !at_start) {
      flush();
      at_start = true;
    }
    if (at_start || w[0] == '#') {
      if (kind && !at_start && !text.empty()) flush();
      if (at_start) flush();
      if (glued) {
        kind = w[0];
        w.remove_prefix(1);
      } else if (!kind) {
        kind = ' ';
      }
    }
    if (!kind) kind = ' ';
    if (!text.empty()) text += ' ';
    text.append(w);
    at_start = ends_line(w);
  }
  flush();
  return r;
}

}  // namespace
}  // namespace pt::hunk
