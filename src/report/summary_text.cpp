#include "report/summary_text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>
#include <rang.hpp>

#include "report/verdict_text.hpp"
#include "util/text.hpp"

namespace pt {

namespace {

// "Re: Re: [PATCH 1/6] x" -> "[PATCH 1/6] x": the subject of the message a reply answers.
std::string without_reply_markers(std::string_view subject) {
  for (;;) {
    subject = ltrim(subject);
    std::size_t colon = subject.find(':');
    if (colon == std::string_view::npos || colon > 4) break;
    std::string_view word = subject.substr(0, colon);
    bool marker = false;
    for (std::string_view m : {"re", "aw", "sv", "fwd", "fw"}) marker = marker || iequals(word, m);
    if (!marker) break;
    subject.remove_prefix(colon + 1);
  }
  return std::string(subject);
}

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

std::string apply_line(const ApplyResult& r) {
  long max_offset = 0;
  std::size_t hunks = 0;
  for (const auto& f : r.files)
    for (const auto& h : f.hunks) {
      ++hunks;
      if (std::labs(h.offset) > std::labs(max_offset)) max_offset = h.offset;
    }
  const char* unit = hunks == 1 ? "hunk" : "hunks";
  if (r.status == ApplyStatus::clean) return fmt::format("applies cleanly ({} {})", hunks, unit);
  if (r.status == ApplyStatus::offset)
    return fmt::format("applies ({} {}, offset {:+})", hunks, unit, max_offset);
  if (r.status == ApplyStatus::reduced_context)
    return fmt::format("applies only with reduced context, as git apply -C1 ({} {})", hunks, unit);
  if (r.status == ApplyStatus::three_way) {
    std::string merged;
    for (const auto& f : r.files)
      if (f.status == ApplyStatus::three_way) merged += (merged.empty() ? "" : ", ") + f.path;
    return fmt::format("applies only with a 3-way merge, as git apply --3way ({})", merged);
  }
  for (const auto& f : r.files) {
    if (f.status == ApplyStatus::clean || f.status == ApplyStatus::offset ||
        f.status == ApplyStatus::three_way || f.status == ApplyStatus::reduced_context)
      continue;
    if (!f.detail.empty()) return fmt::format("does not apply: {} {}", f.path, f.detail);
    for (const auto& h : f.hunks)
      if (h.status == ApplyStatus::conflict)
        return fmt::format("does not apply: {} hunk at line {}, no match for \"{}\"", f.path,
                           h.expected_line, h.first_mismatch);
  }
  return std::string("does not apply: ") + to_string(r.status);
}

}  // namespace

void render_summary(std::ostream& out, const std::vector<Patch>& patches, std::size_t index,
                    const ThreadSet& threads, const PatchFacts* all, const TextStyle& style,
                    const Decision* decision, const std::vector<CheckedClaim>* claims) {
  const ApplyFacts* facts = all ? &all->apply : nullptr;
  const Patch& p = patches[index];
  const ThreadFacts& tf = threads.facts[index];
  Painter paint(out, style);
  out << (style.ascii ? "+ " : "┌ ");
  paint.paint(rang::style::bold);
  out << (p.subject.empty() ? p.title : p.subject);
  paint.reset();
  out << "\n";
  paint.field("source", fmt::format("{} @ byte {}", p.source, p.offset));
  if (p.recovered) {
    // Not mail as sent: say what it was, how sure the tool is, and every repair.
    const Recovery& r = *p.recovered;
    std::string diff;
    if (p.is_patch)
      diff = r.diff_exact       ? ", diff exact"
             : r.preimage_exact ? ", diff context exact, some added/removed lines' whitespace inferred"
                : all          ? ", diff NOT rebuilt exactly (the target branches' files do not hold its context)"
                                : ", diff NOT rebuilt exactly (give a repository with the target file: -C)";
    paint.field("recovered", fmt::format("from a {}, confidence {}{}", r.form, r.confidence, diff));
    for (const auto& what : r.repairs) paint.field("repaired", what);
    for (const auto& what : r.diff_repairs) paint.field("repaired", what);
    for (const auto& from : r.evidence) paint.field("rebuilt", "from " + from);
  }
  if (!p.message_id.empty()) paint.field("message", p.message_id);
  paint.field("author", fmt::format("{}{}{}", p.author.name,
                                    p.author.email.empty() ? std::string(" (no address)")
                                                           : " <" + p.author.email + ">",
                                    p.author_from_body ? " (in-body From)" : ""));
  paint.field("kind", to_string(p.kind));
  if (!p.is_patch) {
    // A message without a diff: what it answers and when, so the reader can find the patch.
    if (p.kind == PatchKind::reply && !p.subject.empty())
      paint.field("answers", fmt::format("\"{}\" (by subject{})", without_reply_markers(p.subject),
                                         p.in_reply_to.empty() ? "" : ", In-Reply-To " + p.in_reply_to));
    if (!p.date.empty()) paint.field("date", p.date);
  }
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
  if (tf.series && (threads.series[*tf.series].total > 1 || threads.series[*tf.series].cover)) {
    const Series& s = threads.series[*tf.series];
    std::string where;
    for (std::size_t k = 0; k < s.members.size(); ++k)
      if (s.members[k] == index) where = fmt::format("patch {} of {}", k + 1, s.total);
    std::string missing;
    if (!s.missing.empty()) missing = fmt::format(", {} of {} missing", s.missing.size(), s.total);
    paint.field("series", fmt::format("v{} {}{}{}", s.version, where,
                                      s.cover ? ", with cover letter" : "", missing));
  }
  if (tf.replies) paint.field("replies", std::to_string(tf.replies) + " in this input");
  paint.field("trailers", trailer_counts(p.trailers));
  for (const auto& r : tf.review_trailers)
    paint.field("review", fmt::format("{}: {} (reply {}{}{})", r.key, r.value, r.from_reply,
                                      r.via_cover ? ", to the cover letter" : "",
                                      r.sender_matches ? "" : "; NOT from the named person"));
  for (const auto& f : tf.reply_facts)
    paint.field(f.kind, fmt::format("\"{}\" ({}, reply {})", f.line, f.sender, f.from_reply));
  if (!tf.superseded_by.empty()) paint.field("superseded", "by " + tf.superseded_by);
  if (facts) {
    for (const auto& t : facts->targets) {
      auto it = facts->by_branch.find(t.name);
      if (it == facts->by_branch.end()) {
        paint.field("branch", t.name + ": " +
                                  (!facts->unchecked.empty() && t.commit
                                       ? "not checked: " + facts->unchecked
                                       : "not in repository (" + t.derived_from + ")"));
        continue;
      }
      paint.field("apply", t.name + ": " + apply_line(it->second.forward));
      auto up = all->history.upstream_in_branch.find(t.name);
      if (up != all->history.upstream_in_branch.end() && up->second.present)
        paint.field("present", fmt::format("{}: already applied as {} ({})", t.name,
                                           up->second.commit.substr(0, 12), up->second.how));
      else if (it->second.already_applied)
        paint.field("present", t.name + ": already applied (the reverse patch applies)");
      else if (auto pid = all->history.patch_id_in_branch.find(t.name);
               pid != all->history.patch_id_in_branch.end())
        paint.field("present", fmt::format("{}: already applied as {} (same patch-id)", t.name,
                                           pid->second.substr(0, 12)));
      // What the branch lacks for it to apply, in cherry-pick order.
      if (auto pre = all->prerequisites.find(t.name);
          pre != all->prerequisites.end() && !pre->second.commits.empty()) {
        for (const Prerequisite& d : pre->second.commits)
          paint.field("needs", fmt::format("{}: possible dependency {} \"{}\" ({} line{} of {})",
                                           t.name, d.commit.substr(0, 12), d.title, d.lines,
                                           d.lines == 1 ? "" : "s", fmt::join(d.files, ", ")));
        std::string steps;
        for (const Prerequisite& d : pre->second.commits)
          steps += (steps.empty() ? "" : "; ") + ("git cherry-pick -x " + d.commit.substr(0, 12));
        paint.field("steps", steps);
      }
    }
    // Who vouched for it, with the role MAINTAINERS gives them for these files.
    auto vouch = [&](const std::string& key, const std::string& name, const std::string& email,
                     const std::string& from) {
      std::string role = role_of(all->maintainers, email);
      if (role == "none") return;
      std::string section;
      for (const auto& e : all->maintainers)
        if (iequals(e.email, email) && (e.role == role || section.empty())) section = e.section;
      paint.field("vouched", fmt::format("{} {} {} {} ({}){}", key, name.empty() ? email : name,
                                         style.ascii ? "-" : "—", role, section, from));
    };
    for (const auto& t : p.trailers)
      if (!t.email.empty() && (t.key == "Reviewed-by" || t.key == "Acked-by" || t.key == "Tested-by"))
        vouch(t.key, t.name, t.email, "");
    for (const auto& r : tf.review_trailers)
      if (!r.email.empty() && r.sender_matches) vouch(r.key, r.name, r.email, ", in a reply");
    for (const auto& u : all->history.upstream)
      paint.field("upstream", u.full ? fmt::format("{} \"{}\"{}{}", u.full->substr(0, 12), u.title,
                                                   u.in_mainline ? " (in " + all->history.mainline_ref + ")" : "",
                                                   u.first_tag ? ", first in " + *u.first_tag : "")
                                     : u.sha + ": not in this repository");
    for (const auto& f : all->history.follow_ups) {
      std::string where;
      for (const auto& [branch, p] : f.in_branch)
        where += fmt::format("; {} {}", p.present ? "in" : "missing from", branch);
      paint.field(f.kind == "revert" ? "reverted" : "follow-up",
                  fmt::format("{} \"{}\"{}", f.commit.substr(0, 12), f.title, where));
    }
    for (const auto& f : all->history.fixes) {
      std::string where;
      for (const auto& [branch, p] : f.in_branch)
        where += fmt::format("; {} {}",
                             p.present ? "in" : p.known ? "bug not present in" : "unknown for",
                             branch);
      paint.field("fixes", fmt::format("{}{}{}{}", f.sha, f.valid ? "" : " [" + f.problem + "]",
                                        f.full ? (f.title_matches ? " (title matches)" : " (title differs)")
                                               : " (does not resolve)",
                                        where));
    }
  }
  for (const auto& t : p.trailers)
    if (t.key == "Fixes") paint.field("fixes", t.value);
  if (!p.notes.empty())
    paint.field("notes", fmt::format("{} lines between --- and the diff", 
                                      std::count(p.notes.begin(), p.notes.end(), '\n') + 1));
  if (claims && !claims->empty()) {
    std::size_t n[3] = {0, 0, 0};
    for (const CheckedClaim& c : *claims) ++n[static_cast<int>(c.verdict.status)];
    paint.field("claims", fmt::format("{} checkable in the notes: {} confirmed, {} contradicted, {} "
                                      "unverifiable",
                                      claims->size(), n[0], n[1], n[2]));
    for (const CheckedClaim& c : *claims)
      if (c.verdict.status == ClaimStatus::contradicted)
        paint.field("bogus", fmt::format("notes line {}: \"{}\" but {}", c.claim.line,
                                         c.claim.phrase.empty() ? c.claim.text : c.claim.phrase,
                                         c.verdict.evidence));
  }
  for (const auto& problem : p.problems) {
    out << (style.ascii ? "| " : "│ ");
    paint.paint(rang::fg::yellow);
    out << (style.ascii ? "! " : "⚠ ") << problem;
    paint.reset();
    out << "\n";
  }
  if (decision) render_verdict(out, *decision, style);
  out << (style.ascii ? "+-" : "└─") << "\n";
}

}  // namespace pt
