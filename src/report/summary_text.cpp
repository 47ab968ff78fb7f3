#include "report/summary_text.hpp"

#include <fmt/format.h>

#include <map>
#include <rang.hpp>

namespace pt {

namespace {

class Painter {
 public:
  Painter(std::ostream& out, const TextStyle& style) : m_out(out), m_style(style) {}
  template <typename T>
  void paint(T code) {
    if (m_style.color) m_out << code;
  }
  void reset() {
    if (m_style.color) m_out << rang::style::reset;
  }
  void field(std::string_view name, const std::string& value) {
    m_out << (m_style.ascii ? "| " : "│ ");
    paint(rang::style::dim);
    m_out << fmt::format("{:<10}", name);
    reset();
    m_out << value << "\n";
  }

 private:
  std::ostream& m_out;
  const TextStyle& m_style;
};

std::string trailer_counts(const std::vector<Trailer>& trailers) {
  std::map<std::string, int> counts;
  std::vector<std::string> order;
  for (const auto& t : trailers)
    if (counts[t.key]++ == 0) order.push_back(t.key);
  std::string out;
  for (const auto& key : order) {
    if (!out.empty()) out += ", ";
    out += counts[key] > 1 ? fmt::format("{} x{}", key, counts[key]) : key;
  }
  return out.empty() ? "none" : out;
}

}  // namespace

void render_summary(std::ostream& out, const Patch& p, const TextStyle& style) {
  Painter paint(out, style);
  out << (style.ascii ? "+ " : "┌ ");
  paint.paint(rang::style::bold);
  out << (p.subject.empty() ? p.title : p.subject);
  paint.reset();
  out << "\n";
  paint.field("source", fmt::format("{} @ byte {}", p.source, p.offset));
  if (!p.message_id.empty()) paint.field("message", p.message_id);
  paint.field("author", fmt::format("{} <{}>{}", p.author.name, p.author.email,
                                    p.author_from_body ? " (in-body From)" : ""));
  paint.field("kind", to_string(p.kind));
  const Subject& s = p.subject_info;
  if (s.autosel || !s.stable_from.empty())
    paint.field("stable", fmt::format("{}{}{} (subject prefix)", s.autosel ? "AUTOSEL " : "",
                                      s.stable_from,
                                      s.stable_to != s.stable_from ? "-" + s.stable_to : ""));
  for (const auto& u : p.upstream)
    paint.field("upstream", fmt::format("{} ({} line {})", u.sha, u.form, u.line));
  if (!p.stable_base.empty()) paint.field("base", p.stable_base + " (X-stable-base)");
  if (p.is_patch)
    paint.field("diffstat",
                fmt::format("{} file{}, +{} -{} ({} lines with context)", p.diff.files.size(),
                            p.diff.files.size() == 1 ? "" : "s", p.diff.insertions,
                            p.diff.deletions, p.diff.hunk_lines));
  paint.field("trailers", trailer_counts(p.trailers));
  for (const auto& t : p.trailers)
    if (t.key == "Fixes") paint.field("fixes", t.value);
  if (!p.notes.empty())
    paint.field("notes", fmt::format("{} lines between --- and the diff", 
                                      std::count(p.notes.begin(), p.notes.end(), '\n') + 1));
  for (const auto& problem : p.problems) {
    out << (style.ascii ? "| " : "│ ");
    paint.paint(rang::fg::yellow);
    out << (style.ascii ? "! " : "⚠ ") << problem;
    paint.reset();
    out << "\n";
  }
  out << (style.ascii ? "+-" : "└─") << "\n";
}

}  // namespace pt
