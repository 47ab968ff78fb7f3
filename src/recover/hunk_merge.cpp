// recover stage: a hunk's preimage alignment and postimage alignment merged (see
// hunk_merge.hpp). Each alignment alone must guess where a dropped blank line goes relative
// to the lines its text lacks; together they know: the preimage text places the removed
// lines among the blank ones, the postimage text the added lines.
#include "recover/hunk_merge.hpp"

namespace pt::hunk {
namespace {

// The context lines of an alignment, and the changed lines in each gap before them (gap i
// holds what comes before context line i; the last gap what follows the last one).
struct Split {
  std::vector<AlignedLine> context;
  std::vector<std::vector<AlignedLine>> gaps;
};

bool split(const AlignResult& a, Kind consumed, Split& s) {
  s.gaps.assign(1, {});
  for (const AlignedLine& l : a.lines) {
    if (l.kind == Kind::marker) return false;
    if (l.kind == Kind::context) {
      s.context.push_back(l);
      s.gaps.emplace_back();
    } else if (l.kind == consumed) {
      s.gaps.back().push_back(l);
    }
  }
  return true;
}

bool same_unit(const AlignedLine& a, const AlignedLine& b) {
  return a.begin == b.begin && a.end == b.end && a.implied == b.implied;
}

}  // namespace

bool merge_sides(const AlignResult& pre, const AlignResult& post, bool context_from_post,
                 std::vector<MergedLine>& out) {
  out.clear();
  if (!pre.ok || !post.ok || pre.consumed_begin != post.consumed_begin || pre.leftover != post.leftover)
    return false;
  Split a, b;
  if (!split(pre, Kind::removed, a) || !split(post, Kind::added, b)) return false;
  if (a.context.size() != b.context.size()) return false;
  for (size_t i = 0; i < a.context.size(); ++i)
    if (!same_unit(a.context[i], b.context[i])) return false;
  for (size_t g = 0; g < a.gaps.size(); ++g) {
    for (const auto& l : a.gaps[g]) out.push_back({l, false});
    for (const auto& l : b.gaps[g]) out.push_back({l, true});
    if (g < a.context.size())
      out.push_back({context_from_post ? b.context[g] : a.context[g], context_from_post});
  }
  // Every damaged unit once, in the damaged text's order.
  size_t n = 0;
  int at = pre.consumed_begin;
  for (const auto& m : out) {
    if (m.line.implied) continue;
    if (m.line.begin != at) return false;
    at = m.line.end;
    ++n;
  }
  size_t want = 0;
  for (const auto& l : pre.lines) want += !l.implied;
  return n == want;
}

}  // namespace pt::hunk
