// recover stage (internal to hunk_align): the bounded search both alignment modes share.
// (start state, move generator, step budget) -> the first complete path of moves
#pragma once

#include <algorithm>
#include <cstdint>
#include <unordered_set>
#include <vector>

#include "recover/hunk_align.hpp"

namespace pt::hunk::search {

// `p` is the unit (or token) position, `off` how many file lines of the looked-for side
// were consumed, `d` = lines of the looked-for marker minus free lines (so the other side's
// count so far is off - d).
struct State {
  int p = 0, off = 0, d = 0;
};

struct Move {
  Kind kind = Kind::context;
  bool stop = false;
  bool implied = false;
  State next;
  int begin = 0, end = 0, file_line = -1;
};

constexpr int d_bias = 1 << 15;
constexpr size_t max_memo = 1'000'000;

inline bool packable(const State& s) {
  return s.p >= 0 && s.p < (1 << 26) && s.off >= 0 && s.off < (1 << 22) && s.d > -d_bias &&
         s.d < d_bias;
}
inline std::uint64_t pack(const State& s) {
  return (std::uint64_t(s.p) << 38) | (std::uint64_t(s.off) << 16) | std::uint64_t(s.d + d_bias);
}

// Depth-first search with an explicit stack (hunks can be thousands of lines deep) and a
// set of states known to lead nowhere. Moves are tried in the order `expand` gives them,
// so the first complete path is the preferred reading; `expand` also sees the kind of the
// move that led to the state (it may order the moves by it, which leaves the memo valid).
class Search {
 public:
  template <class Expand>
  bool run(State s0, Expand&& expand, long& budget, std::vector<Move>& path, bool& gave_up) {
    m_dead.clear();
    m_stack.clear();
    m_stack.emplace_back();
    m_stack.back().state = s0;
    expand(s0, Kind::context, m_stack.back().moves);
    while (!m_stack.empty()) {
      if (--budget < 0) {
        gave_up = true;
        return false;
      }
      Frame& top = m_stack.back();
      if (top.next == top.moves.size()) {
        // The memo is capped (it is only an optimisation) to bound memory on hostile input.
        if (packable(top.state) && m_dead.size() < max_memo) m_dead.insert(pack(top.state));
        m_stack.pop_back();
        continue;
      }
      const Move& m = top.moves[top.next++];
      if (m.stop) {
        path.clear();
        for (auto& fr : m_stack) path.push_back(fr.moves[fr.next - 1]);
        path.pop_back();  // the stop move itself
        return true;
      }
      if (!packable(m.next)) {
        gave_up = true;
        return false;
      }
      if (m_dead.count(pack(m.next))) continue;
      State ns = m.next;
      Kind prev = m.kind;
      m_stack.emplace_back();
      m_stack.back().state = ns;
      expand(ns, prev, m_stack.back().moves);
    }
    return false;
  }

 private:
  struct Frame {
    State state;
    std::vector<Move> moves;
    size_t next = 0;
  };
  std::vector<Frame> m_stack;
  std::unordered_set<std::uint64_t> m_dead;
};

// Start positions nearest `expected` first, alternating below and above.
inline std::vector<int> start_order(int expected, int last) {
  std::vector<int> out;
  if (last < 0) return out;
  expected = std::clamp(expected, 0, last);
  out.reserve(size_t(last) + 1);
  out.push_back(expected);
  for (int k = 1; expected - k >= 0 || expected + k <= last; ++k) {
    if (expected - k >= 0) out.push_back(expected - k);
    if (expected + k <= last) out.push_back(expected + k);
  }
  return out;
}

// Which side the search consumes from the file, and the numbers that bound it.
struct Sides {
  char cm, fm;       // marker of consumed (looked-for) and free lines
  Kind ck, fk;       // their kinds
  int consumed = 0;  // header count of the looked-for side
  int other = 0;     // header count of the other side
  long start = 0;    // header start of the looked-for side
};

inline bool make_sides(const AlignRequest& req, int file_lines, Sides& s) {
  s.cm = req.postimage ? '+' : '-';
  s.fm = req.postimage ? '-' : '+';
  s.ck = req.postimage ? Kind::added : Kind::removed;
  s.fk = req.postimage ? Kind::removed : Kind::added;
  long c = req.postimage ? req.new_count : req.old_count;
  long o = req.postimage ? req.old_count : req.new_count;
  // A side longer than the file, or counts beyond what the search can index, cannot fit.
  if (c < 0 || o < 0 || c > file_lines || o >= d_bias || c >= d_bias) return false;
  s.consumed = int(c);
  s.other = int(o);
  s.start = req.postimage ? req.new_start : req.old_start;
  return true;
}

inline int expected_start(const Sides& s, const AlignRequest& req) {
  // "-L,0" names the line after which the hunk goes; otherwise L is its first line.
  long e = (s.consumed == 0 ? s.start : s.start - 1) + req.expected_offset;
  return int(std::clamp<long>(e, 0, 1L << 30));
}

// git writes three lines of context before and after each change (fewer only at the
// file's ends). When dropped blank lines let a hunk fit at several starts, the one that
// leaves three on each side is git's: another start would have made git show more or
// fewer context lines.
inline bool git_context(const std::vector<Move>& path, int start, int consumed, int file_lines) {
  auto count = [](auto b, auto e) {
    int n = 0;
    for (; b != e && (b->kind == Kind::context || b->kind == Kind::marker); ++b) n += b->kind == Kind::context;
    return n;
  };
  int lead = count(path.begin(), path.end()), trail = count(path.rbegin(), path.rend());
  if (lead == int(path.size())) return true;  // no change at all: nothing to say
  return (lead == 3 || (lead < 3 && start == 0)) && (trail == 3 || (trail < 3 && start + consumed >= file_lines));
}

// The first start that fits, unless a start near it, or the other placement of dropped blank
// lines, gives git's context (git_context): then that one is git's reading. `first` is the fit
// at `start`, whose moves `path` holds; `try_at(start, flipped, out)` aligns at another start
// with the default (or, when `flipped`, the other) blank placement, leaves its moves in `path`
// and returns 1 when it fits, 0 when not, -1 when the step budget ran out.
template <class TryAt>
AlignResult prefer_git_context(AlignResult first, int start, const std::vector<Move>& path,
                               int consumed, int file_lines, TryAt&& try_at) {
  if (git_context(path, start, consumed, file_lines)) return first;
  for (int d : {-1, 1, -2, 2, -3, 3, 0}) {
    int other = start + d;
    if (other < 0 || other > file_lines - consumed) continue;
    for (bool flipped : {false, true}) {
      if (d == 0 && !flipped) continue;
      AlignResult r;
      int got = try_at(other, flipped, r);
      if (got < 0) return first;
      if (got > 0 && git_context(path, other, consumed, file_lines)) return r;
    }
  }
  return first;
}

inline AlignResult finish(const std::vector<Move>& path, int start, int begin, int units_end,
                   int end_pos) {
  AlignResult r;
  r.ok = true;
  r.start = start;
  r.consumed_begin = begin;
  r.leftover = end_pos < units_end ? end_pos : -1;
  for (const Move& m : path) {
    AlignedLine l;
    l.kind = m.kind;
    l.file_line = m.file_line;
    l.begin = m.begin;
    l.end = m.end;
    l.implied = m.implied;
    r.lines.push_back(l);
  }
  return r;
}

}  // namespace pt::hunk::search
