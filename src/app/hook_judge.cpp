#include "app/hook_judge.hpp"

#include <vector>

#include "rules/rule_eval.hpp"
#include "thread/thread_builder.hpp"
#include "util/text.hpp"

namespace pt {

namespace {

constexpr int k_max_note_lines = 12;

// "[    1.234567] ..." opens a kernel log line, not a note.
bool is_log_timestamp(std::string_view after_bracket) {
  std::size_t i = 0;
  while (i < after_bracket.size() && after_bracket[i] == ' ') ++i;
  std::size_t digits = i;
  while (i < after_bracket.size() && is_digit(after_bracket[i])) ++i;
  if (i == digits || i >= after_bracket.size() || after_bracket[i] != '.') return false;
  ++i;
  while (i < after_bracket.size() && is_digit(after_bracket[i])) ++i;
  while (i < after_bracket.size() && after_bracket[i] == ' ') ++i;
  return i < after_bracket.size() && after_bracket[i] == ']';
}

bool is_upstream_reference(std::string_view inside) {
  std::string_view t = trim(inside);
  if (!istarts_with(t, "upstream commit ")) return false;
  t = trim(t.substr(16));
  for (char c : t)
    if (!is_hex(c)) return false;
  return !t.empty();
}

}  // namespace

std::optional<DeviationNote> find_deviation_note(std::string_view body) {
  std::vector<std::string_view> lines;
  std::size_t pos = 0;
  while (pos < body.size()) lines.push_back(next_line(body, pos));
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view first = ltrim(lines[i]);
    if (first.empty() || first[0] != '[' || is_log_timestamp(first.substr(1))) continue;
    std::string text;
    for (std::size_t k = i; k < lines.size() && k < i + k_max_note_lines; ++k) {
      std::string_view l = trim(lines[k]);
      if (l.empty()) break;  // an open bracket at a paragraph's end is no note
      if (!text.empty()) text += ' ';
      text += l;
      if (l.back() != ']') continue;
      std::string_view inside = std::string_view(text).substr(1, text.size() - 2);
      bool has_letter = false;
      for (char c : inside) has_letter = has_letter || (to_lower(c) >= 'a' && to_lower(c) <= 'z');
      if (has_letter && !is_upstream_reference(inside))
        return DeviationNote{text, static_cast<int>(i) + 3};  // + title line and blank line
      break;
    }
  }
  return std::nullopt;
}

Decision HookJudge::judge(const Patch& patch, const PatchFacts& facts, std::ostream& out) const {
  // A thread of one: no replies, so no_nak reads the commit message alone.
  std::vector<Patch> patches{patch};
  ThreadSet threads = build_threads(patches);
  Decision d = evaluate(m_rules, RuleInput{patch, &threads.facts[0], &facts, nullptr});
  // stable-kernel-rules.rst: "If the submitted patch deviates from the original upstream
  // patch (for example because it had to be adjusted for the older API), this must be very
  // clearly documented and justified in the patch description." In a queue that is a
  // "[ name: why ]" note (rules/hook.yaml).
  if (std::optional<DeviationNote> note = find_deviation_note(patch.message)) {
    bool changed = false;
    for (auto& r : d.results) {
      if (r.result != Result::fail) continue;
      for (const Rule& rule : m_rules.rules)
        if (rule.id == r.id && rule.check.op == CheckExpr::Op::check &&
            rule.check.kind == "patch_id_equals_upstream") {
          r.result = Result::pass;
          r.evidence += "; the deviation is explained: \"" + note->text + "\" (message line " +
                        std::to_string(note->line) + ")";
          changed = true;
        }
    }
    if (changed) {  // the reasons and the verdict again, as evaluate() derives them
      d.reasons.clear();
      d.verdict = Verdict::yes;
      for (Severity severity : {Severity::blocker, Severity::warning})
        for (const auto& r : d.results)
          if (r.result == Result::fail && r.severity == severity) d.reasons.push_back(r);
      if (!d.reasons.empty() && d.reasons.front().severity == Severity::blocker)
        d.verdict = Verdict::no;
    }
  }
  render_summary(out, patches, 0, threads, &facts, m_style, &d, nullptr);
  out.flush();
  return d;
}

}  // namespace pt
