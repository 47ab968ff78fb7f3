#include "report/verdict_text.hpp"

#include <fmt/format.h>

#include <rang.hpp>

namespace pt {

namespace {

// The mark of a rule result: passed, failed (a blocker or an info), failed warning, skipped.
const char* mark(const RuleResult& r, bool ascii) {
  if (r.result == Result::pass) return ascii ? "ok" : "✔";
  if (r.result == Result::skip) return ascii ? "--" : "–";
  if (r.severity == Severity::warning) return ascii ? "!!" : "!";
  return ascii ? "XX" : "✖";
}

}  // namespace

void render_verdict(std::ostream& out, const Decision& d, const TextStyle& style) {
  const char* bar = style.ascii ? "| " : "│ ";
  auto paint = [&](auto code) {
    if (style.color) out << code;
  };
  auto reset = [&] { paint(rang::style::reset); };
  out << bar;
  paint(rang::style::dim);
  out << fmt::format("{:<10}", "verdict");
  reset();
  paint(rang::style::bold);
  paint(d.verdict == Verdict::yes ? rang::fg::green : rang::fg::red);
  out << to_string(d.verdict);
  reset();
  std::size_t skipped = 0;
  for (const RuleResult& r : d.results)
    if (r.result == Result::skip && r.severity == Severity::blocker) ++skipped;
  out << " (rule set " << d.rule_set << ")";
  if (skipped)
    out << fmt::format(", {} blocker check{} could not be decided", skipped, skipped == 1 ? "" : "s");
  out << "\n";
  auto line = [&](const RuleResult& r) {
    out << bar << "  ";
    if (r.result == Result::fail)
      paint(r.severity == Severity::warning ? rang::fg::yellow : rang::fg::red);
    else if (r.result == Result::pass)
      paint(rang::fg::green);
    else
      paint(rang::style::dim);
    out << mark(r, style.ascii);
    reset();
    out << " " << r.id << ": " << r.evidence;
    if (r.result == Result::fail && !r.message.empty()) out << " (" << r.message << ")";
    out << "\n";
  };
  // For a NO, why first: the failing blockers, then the failing warnings.
  if (!d.reasons.empty()) {
    out << bar;
    paint(rang::style::dim);
    out << (d.verdict == Verdict::no ? "because" : "warnings") << "\n";
    reset();
    for (const RuleResult& r : d.reasons) line(r);
  }
  out << bar;
  paint(rang::style::dim);
  out << "checked\n";
  reset();
  for (const RuleResult& r : d.results) line(r);
}

std::string verdict_line(const Patch& patch, const Decision& d) {
  std::string why;
  if (!d.reasons.empty()) why = "  (" + d.reasons.front().id + ": " + d.reasons.front().evidence + ")";
  return fmt::format("{:<3}  {}{}", to_string(d.verdict),
                     patch.subject.empty() ? patch.title : patch.subject, why);
}

}  // namespace pt
