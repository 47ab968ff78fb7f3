// Checks on the mail alone: diffstat limits, path globs, subject prefixes and patterns, NAKs.
#include "rules/glob.hpp"
#include <fmt/format.h>

#include "rules/rule_checks.hpp"
#include "util/text.hpp"

namespace pt::checks {

namespace {

std::string plural(long n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

CheckOutcome match_text(const Params& p, const std::string& what, const std::string& text) {
  const std::regex* re = p.regex("pattern");
  const bool must_match = p.flag("must_match", true);
  const bool matches = re && std::regex_search(text, *re);
  std::string evidence = what + " \"" + text + "\" " + (matches ? "matches" : "does not match") +
                         " /" + p.text("pattern") + "/";
  return matches == must_match ? pass(evidence) : fail(evidence);
}

}  // namespace

// stable-kernel-rules.rst: "It cannot be bigger than 100 lines, with context."
CheckOutcome diffstat(const Params& p, const RuleInput& in) {
  const Diff& d = in.patch.diff;
  if (!in.patch.is_patch) return skip("no diff in the mail");
  const long files = static_cast<long>(d.files.size());
  const long changed = d.insertions + d.deletions;
  const long context = d.hunk_lines;
  const std::string stat = plural(files, "file", "files") + ", +" + std::to_string(d.insertions) +
                           " -" + std::to_string(d.deletions) + ", " +
                           std::to_string(context) + " lines with context";
  std::vector<std::string> over, limits;
  auto limit = [&](const char* name, long value, const std::string& what) {
    std::optional<long> max = p.number(name);
    if (!max) return;
    limits.push_back("at most " + std::to_string(*max) + " " + what);
    if (value > *max)
      over.push_back(std::to_string(value) + " " + what + ", more than " + std::to_string(*max));
  };
  limit("max_lines_changed", changed, "lines changed");
  limit("max_lines_with_context", context, "lines with context");
  limit("max_files", files, "files");
  if (!over.empty()) return fail(join(over) + " (diffstat: " + stat + ")");
  return pass(stat + " (" + join(limits, ", ") + ")");
}

CheckOutcome diff_well_formed(const Params&, const RuleInput& in) {
  const Diff& d = in.patch.diff;
  if (!in.patch.is_patch) return skip("no diff in the mail");
  if (!d.error.empty())
    return fail(fmt::format("the diff is broken where git apply stops reading it: {} (after {} "
                            "of its files)",
                            d.error, d.files.size()));
  std::size_t hunks = 0;
  for (const FileDiff& f : d.files) hunks += f.hunks.size();
  // A diff rebuilt from a damaged rendering is only the sender's when its context was
  // restored from the real file; a guess must never pass as the patch.
  if (const auto& r = in.patch.recovered; r && !r->preimage_exact)
    return fail(fmt::format("the diff was recovered from a {} and its context could not be restored "
                            "byte for byte{}",
                            r->form, in.facts ? " from the target files" : " (no repository: -C)"));
  if (const auto& r = in.patch.recovered; r && !r->diff_exact)
    return pass(fmt::format("{} file{}, {} hunk{} rebuilt from {}: context and removed lines are the "
                            "file's own, added lines' whitespace inferred",
                            d.files.size(), d.files.size() == 1 ? "" : "s", hunks, hunks == 1 ? "" : "s",
                            r->evidence.empty() ? std::string("the file") : join(r->evidence)));
  return pass(fmt::format("{} file{}, {} hunk{}: every hunk's line counts match its body, as git "
                          "apply reads it",
                          d.files.size(), d.files.size() == 1 ? "" : "s", hunks,
                          hunks == 1 ? "" : "s"));
}

CheckOutcome paths(const Params& p, const RuleInput& in) {
  const std::vector<std::string> files = touched_files(in.patch);
  if (files.empty()) return skip("no diff in the mail");
  const std::vector<std::string> allowed = p.list("allowed"), forbidden = p.list("forbidden");
  std::vector<std::string> bad;
  for (const auto& f : files) {
    for (const auto& g : forbidden)
      if (match_glob(g, f)) bad.push_back(f + " matches forbidden " + g);
    bool inside = allowed.empty();
    for (const auto& g : allowed) inside = inside || match_glob(g, f);
    if (!inside) bad.push_back(f + " is outside the allowed paths (" + join(allowed, ", ") + ")");
  }
  if (!bad.empty()) return fail(join(bad));
  std::string where = plural(static_cast<long>(files.size()), "file", "files") + " (" + join(files, ", ") + ")";
  std::vector<std::string> parts;
  if (!allowed.empty()) parts.push_back("within " + join(allowed, ", "));
  if (!forbidden.empty()) parts.push_back("none under " + join(forbidden, ", "));
  return pass(where + ": " + join(parts, "; "));
}

// maintainer-netdev.rst "Indicating target tree"; the RFC rule of every tree: not for merging.
CheckOutcome prefix(const Params& p, const RuleInput& in) {
  const Subject& s = in.patch.subject_info;
  std::vector<std::string> problems, proofs;
  for (const auto& f : p.list("forbidden"))
    if (has_prefix(s, f)) problems.push_back(prefix_text(s) + " has " + f);
  const std::vector<std::string> required = p.list("required");
  if (!required.empty()) {
    std::string found;
    for (const auto& r : required)
      if (found.empty() && has_prefix(s, r)) found = r;
    if (found.empty())
      problems.push_back(prefix_text(s) + " has none of " + join(required, ", "));
    else
      proofs.push_back(prefix_text(s) + " has " + found);
  }
  if (!problems.empty()) return fail(join(problems));
  if (proofs.empty()) proofs.push_back(prefix_text(s) + " has none of " + join(p.list("forbidden"), ", "));
  return pass(join(proofs));
}

CheckOutcome subject_regex(const Params& p, const RuleInput& in) {
  return match_text(p, "subject", in.patch.subject);
}

CheckOutcome title_regex(const Params& p, const RuleInput& in) {
  return match_text(p, "title", in.patch.title);
}

// A NAK in a reply (thread stage statements), a Nacked-by trailer in the patch or a reply.
CheckOutcome no_nak(const Params&, const RuleInput& in) {
  std::vector<std::string> naks;
  for (const auto& t : in.patch.trailers)
    if (iequals(t.key, "Nacked-by")) naks.push_back(describe(t));
  if (in.thread) {
    for (const auto& f : in.thread->reply_facts)
      if (f.kind == "nak") naks.push_back("NAK from " + f.sender + " (reply " + f.from_reply + "): \"" + f.line + "\"");
    for (const auto& r : in.thread->review_trailers) {
      if (!iequals(r.key, "Nacked-by")) continue;
      bool stated = false;  // the thread stage also reports a Nacked-by line as a NAK
      for (const auto& f : in.thread->reply_facts)
        stated = stated || (f.kind == "nak" && f.from_reply == r.from_reply);
      if (!stated) naks.push_back(r.key + ": " + r.value + " (reply " + r.from_reply + ")");
    }
  }
  if (!naks.empty()) return fail(join(naks));
  if (!in.thread) return skip("no Nacked-by in the commit message; replies not read");
  return pass("no NAK or Nacked-by in the commit message or the " +
              plural(in.thread->replies, "reply", "replies") + " in this input");
}

}  // namespace pt::checks
