// Checks on repository facts: upstream commit, patch-id, apply per target branch, already
// applied, Fixes target present, follow-ups, MAINTAINERS addresses in Cc. Without facts
// (no -C) each one skips, except where the mail alone already decides it.
#include <cstdlib>

#include "mail/address.hpp"
#include "rules/rule_checks.hpp"
#include "util/text.hpp"

namespace pt::checks {

namespace {

std::string quoted(const std::string& title) { return title.empty() ? "" : " \"" + title + "\""; }

std::string named_upstream(const Patch& patch) {
  std::vector<std::string> out;
  // UpstreamRef::line counts from the body; evidence counts from the title, as Trailer::line.
  for (const auto& u : patch.upstream)
    out.push_back(u.sha + " (" + u.form + ", message line " + std::to_string(u.line + 2) + ")");
  return join(out, ", ");
}

std::string mainline_name(const PatchFacts& f) {
  return f.history.mainline_ref.empty() ? "mainline" : f.history.mainline_ref;
}

// How far an apply status is from a clean apply; -1 when it does not apply at all. Read
// through to_string so statuses added later rank as "does not apply" until named here.
int apply_rank(ApplyStatus status) {
  std::string s = to_string(status);
  if (s == "clean") return 0;
  if (s == "offset") return 1;
  if (s == "reduced_context") return 2;
  if (s == "three_way") return 3;
  return -1;
}

int mode_rank(const std::string& mode) {
  if (mode == "clean") return 0;
  if (mode == "reduced_context") return 2;
  if (mode == "three_way") return 3;
  return 1;  // offset: what git apply --check accepts
}

std::string hunk_count(const ApplyResult& r, long* max_offset) {
  std::size_t hunks = 0;
  for (const auto& f : r.files)
    for (const auto& h : f.hunks) {
      ++hunks;
      if (std::labs(h.offset) > std::labs(*max_offset)) *max_offset = h.offset;
    }
  return std::to_string(hunks) + (hunks == 1 ? " hunk" : " hunks");
}

std::string signed_number(long n) { return (n > 0 ? "+" : "") + std::to_string(n); }

// "applies cleanly to linux-6.6.y (2 hunks)", "does not apply to linux-6.1.y: a.c hunk at
// line 120, no match for \"...\"".
std::string describe_apply(const ApplyResult& r, const std::string& branch) {
  long offset = 0;
  std::string hunks = hunk_count(r, &offset);
  std::string status = to_string(r.status);
  if (status == "clean") return "applies cleanly to " + branch + " (" + hunks + ")";
  if (status == "offset")
    return "applies to " + branch + " (" + hunks + ", offset " + signed_number(offset) + ")";
  if (status == "reduced_context")
    return "applies to " + branch + " only with reduced context (git apply -C1, " + hunks + ")";
  if (status == "three_way")
    return "applies to " + branch + " only by a 3-way merge (" + hunks + ")";
  for (const auto& f : r.files) {
    if (apply_rank(f.status) >= 0) continue;
    if (!f.detail.empty()) return "does not apply to " + branch + ": " + f.path + " " + f.detail;
    for (const auto& h : f.hunks)
      if (apply_rank(h.status) < 0)
        return "does not apply to " + branch + ": " + f.path + " hunk at line " +
               std::to_string(h.expected_line) + ", no match for \"" + h.first_mismatch + "\"";
  }
  return "does not apply to " + branch + " (" + status + ")";
}

std::string prerequisites_of(const PatchFacts& f, const std::string& branch) {
  auto it = f.prerequisites.find(branch);
  if (it == f.prerequisites.end() || it->second.commits.empty()) return "";
  std::vector<std::string> commits;
  for (const auto& c : it->second.commits) commits.push_back(short_id(c.commit) + quoted(c.title));
  return " (possible prerequisites: " + join(commits, ", ") + ")";
}

std::string email_of(std::string_view address) {
  std::size_t lt = address.rfind('<'), gt = address.rfind('>');
  if (lt != std::string_view::npos && gt != std::string_view::npos && gt > lt)
    return std::string(address.substr(lt + 1, gt - lt - 1));
  return std::string(trim(address));
}

CheckOutcome no_repository_for(const std::string& what) { return skip(what + "; no repository (-C)"); }

}  // namespace

// stable-kernel-rules.rst: "It or an equivalent fix must already exist in Linux mainline".
CheckOutcome upstream_ref(const Params& p, const RuleInput& in) {
  const bool resolvable = p.flag("resolvable", false), in_mainline = p.flag("in_mainline", false);
  if (in.patch.upstream.empty())
    return fail("no upstream commit named in the commit message ([ Upstream commit X ], "
                "commit X upstream., (cherry picked from commit X))");
  const std::string named = "upstream " + named_upstream(in.patch);
  if (!resolvable && !in_mainline) return pass(named);
  if (!in.facts) return no_repository_for(named);
  const HistoryFacts& h = in.facts->history;
  if (in_mainline && h.mainline_ref.empty())
    return skip(named + "; no mainline ref (master, origin/master) in the repository");
  std::vector<std::string> fails, passes;
  for (const auto& u : h.upstream) {
    if (!u.full) {
      fails.push_back("upstream " + u.sha + " is not in this repository");
      continue;
    }
    std::string what = short_id(*u.full) + quoted(u.title);
    if (in_mainline && !u.in_mainline)
      fails.push_back(what + " is not in " + h.mainline_ref);
    else if (in_mainline)
      passes.push_back(what + " is in " + h.mainline_ref +
                       (u.first_tag ? " (first in " + *u.first_tag + ")" : ""));
    else
      passes.push_back("upstream " + u.sha + " resolves to " + what);
  }
  return combine_branches(fails, passes, {}, named + "; no upstream facts collected");
}

// The backport equals its upstream commit when both diffs have one git patch-id.
CheckOutcome patch_id_equals_upstream(const Params&, const RuleInput& in) {
  if (in.patch.upstream.empty()) return skip("no upstream commit named in the commit message");
  if (!in.facts) return no_repository();
  std::vector<std::string> fails, passes, skips;
  for (const auto& u : in.facts->history.upstream) {
    if (!u.full) {
      skips.push_back("upstream " + u.sha + " is not in this repository");
    } else if (!u.patch_id_equal) {
      skips.push_back("patch-id of " + short_id(*u.full) + " or of the mail not computable");
    } else if (*u.patch_id_equal) {
      passes.push_back("the mail's diff has the patch-id of upstream " + short_id(*u.full) + quoted(u.title));
    } else {
      std::string files;
      if (!u.only_upstream.empty()) files += "; only upstream: " + join(u.only_upstream, ", ");
      if (!u.only_in_mail.empty()) files += "; only in the mail: " + join(u.only_in_mail, ", ");
      fails.push_back("the mail's diff differs from upstream " + short_id(*u.full) + quoted(u.title) +
                      " (git patch-id)" + files);
    }
  }
  return combine_branches(fails, passes, skips, "no upstream facts collected");
}

// Per target branch: the forward apply at least as good as `mode` (clean < offset <
// reduced_context < three_way).
CheckOutcome applies(const Params& p, const RuleInput& in) {
  if (!in.facts) return no_repository();
  if (!in.facts->apply.unchecked.empty()) return fail("not checked: " + in.facts->apply.unchecked);
  const std::string mode = p.text("mode", "offset");
  std::vector<std::string> fails, passes, skips;
  for (const auto& t : in.facts->apply.targets) {
    auto it = in.facts->apply.by_branch.find(t.name);
    if (it == in.facts->apply.by_branch.end()) {
      skips.push_back(t.name + " not in repository");
      continue;
    }
    const ApplyResult& r = it->second.forward;
    int rank = apply_rank(r.status);
    std::string text = describe_apply(r, t.name);
    if (rank >= 0 && rank <= mode_rank(mode))
      passes.push_back(text);
    else if (rank >= 0)
      fails.push_back(text + "; mode " + mode + " does not allow " + to_string(r.status));
    else
      fails.push_back(text + prerequisites_of(*in.facts, t.name));
  }
  return combine_branches(fails, passes, skips, "no target branch");
}

// Per target branch: no commit names the upstream commit, no commit has the mail's patch-id,
// and the reverse patch does not apply (git apply -R --check).
CheckOutcome not_already_applied(const Params&, const RuleInput& in) {
  if (!in.facts) return no_repository();
  if (!in.facts->apply.unchecked.empty()) return skip("not checked: " + in.facts->apply.unchecked);
  const HistoryFacts& h = in.facts->history;
  std::vector<std::string> fails, passes, skips;
  for (const auto& t : in.facts->apply.targets) {
    auto it = in.facts->apply.by_branch.find(t.name);
    if (it == in.facts->apply.by_branch.end()) {
      skips.push_back(t.name + " not in repository");
      continue;
    }
    auto up = h.upstream_in_branch.find(t.name);
    auto by_id = h.patch_id_in_branch.find(t.name);
    if (up != h.upstream_in_branch.end() && up->second.present) {
      fails.push_back("already in " + t.name + ": " + short_id(up->second.commit) +
                      (up->second.how == "ancestor" ? " (the upstream commit is an ancestor)"
                                                    : " (names the upstream commit)"));
    } else if (by_id != h.patch_id_in_branch.end()) {
      fails.push_back("already in " + t.name + ": " + short_id(by_id->second) + " (same patch-id)");
    } else if (it->second.already_applied) {
      fails.push_back("already in " + t.name + ": the reverse patch applies (git apply -R --check)");
    } else {
      passes.push_back("not in " + t.name + ": the reverse patch does not apply" +
                       (in.patch.upstream.empty() ? "" : ", no commit names the upstream commit"));
    }
  }
  return combine_branches(fails, passes, skips, "no target branch");
}

// Per target branch: one of the commits the Fixes: tags name is there (as an ancestor or a
// backport); else the branch lacks the bug and the fix does not belong there.
CheckOutcome fixes_target_present(const Params&, const RuleInput& in) {
  bool any_fixes = false;
  for (const auto& t : in.patch.trailers) any_fixes = any_fixes || iequals(t.key, "Fixes");
  if (!any_fixes) return skip("no Fixes: trailer in the commit message");
  if (!in.facts) return no_repository();
  std::vector<std::string> fails, passes, skips;
  for (const auto& t : in.facts->apply.targets) {
    if (!t.commit) {
      skips.push_back(t.name + " not in repository");
      continue;
    }
    std::vector<std::string> present, unknown, absent;
    for (const auto& f : in.facts->history.fixes) {
      auto b = f.in_branch.find(t.name);
      std::string id = "Fixes: " + (f.full ? short_id(*f.full) : f.sha);
      if (b != f.in_branch.end() && b->second.present) {
        std::string line = id + " present in " + t.name + " (" + b->second.how;
        if (b->second.how == "backport") {
          line += ' ';
          line += short_id(b->second.commit);
        }
        line += ')';
        present.push_back(std::move(line));
      }
      else if (!f.full || (b != f.in_branch.end() && !b->second.known))
        unknown.push_back(id + " does not resolve in this repository");
      else
        absent.push_back(id + quoted(f.title));
    }
    if (!present.empty())
      passes.push_back(present.front());
    else if (!unknown.empty())
      skips.push_back(join(unknown) + " (" + t.name + ")");
    else
      fails.push_back("bug not present in " + t.name + ": " + join(absent, ", ") +
                      " neither an ancestor nor backported");
  }
  return combine_branches(fails, passes, skips, "no target branch");
}

// Later mainline commits that fix or revert the upstream commit: each one already in the
// target branch (included_or_absent), or none at all (absent).
CheckOutcome follow_ups(const Params& p, const RuleInput& in) {
  const bool strict = p.text("mode", "included_or_absent") == "absent";
  if (in.patch.upstream.empty()) return skip("no upstream commit named: follow-ups not searched");
  if (!in.facts) return no_repository();
  const HistoryFacts& h = in.facts->history;
  if (h.mainline_ref.empty())
    return skip("no mainline ref (master, origin/master) in the repository: follow-ups not searched");
  std::vector<std::string> searched;
  for (const auto& u : h.upstream)
    if (u.full && u.in_mainline) searched.push_back(short_id(*u.full));
  if (searched.empty())
    return skip("upstream " + named_upstream(in.patch) + " not in " + mainline_name(*in.facts) +
                ": follow-ups not searched");
  if (h.follow_ups.empty())
    return pass("no later commit in " + h.mainline_ref + " fixes or reverts " + join(searched, ", "));
  std::vector<std::string> fails, passes, skips;
  for (const auto& f : h.follow_ups) {
    std::string what = (f.kind == "revert" ? "revert " : "follow-up fix ") + short_id(f.commit) +
                       quoted(f.title) + " of " + short_id(f.of);
    if (strict) {
      fails.push_back(what + " exists in " + h.mainline_ref);
      continue;
    }
    for (const auto& t : in.facts->apply.targets) {
      auto b = f.in_branch.find(t.name);
      if (!t.commit || b == f.in_branch.end())
        skips.push_back(t.name + " not in repository");
      else if (b->second.present)
        passes.push_back(what + " already in " + t.name);
      else
        fails.push_back(what + " missing from " + t.name);
    }
  }
  return combine_branches(fails, passes, skips, "no target branch");
}

// netdev's NIPA cc_maintainers: everyone get_maintainer names for the touched files (LKML
// excepted) is in To/Cc (or is the author).
CheckOutcome maintainers_in_cc(const Params& p, const RuleInput& in) {
  if (!in.facts) return no_repository();
  if (in.facts->maintainers_branch.empty())
    return skip("no MAINTAINERS file in the target branches");
  std::vector<std::string> roles = p.list("roles");
  if (roles.empty()) roles = {"maintainer"};
  auto wanted = [&roles](char from) {
    const char* role = from == 'M' ? "maintainer" : from == 'R' ? "reviewer" : from == 'L' ? "list" : "";
    for (const auto& r : roles)
      if (r == role) return true;
    return false;
  };
  std::vector<std::string> addresses;
  for (std::string_view a : split_recipients(in.patch.to)) addresses.push_back(email_of(a));
  for (std::string_view a : split_recipients(in.patch.cc)) addresses.push_back(email_of(a));
  addresses.push_back(in.patch.author.email);
  std::vector<std::string> missing, found, seen;
  for (const auto& e : in.facts->maintainers) {
    if (!e.printed || e.email.empty() || !wanted(e.from)) continue;
    if (iequals(e.email, "linux-kernel@vger.kernel.org")) continue;  // NIPA ignores LKML too
    bool dup = false;
    for (const auto& s : seen) dup = dup || iequals(s, e.email);
    if (dup) continue;
    seen.push_back(e.email);
    std::string who = (e.name.empty() ? e.email : e.name + " <" + e.email + ">") + " (" + e.role +
                      ":" + e.section + ")";
    bool cc = false;
    for (const auto& a : addresses) cc = cc || iequals(a, e.email);
    (cc ? found : missing).push_back(who);
  }
  const std::string source = " (MAINTAINERS of " + in.facts->maintainers_branch + ")";
  if (!missing.empty()) return fail("not in To/Cc: " + join(missing, ", ") + source);
  if (found.empty()) return pass("MAINTAINERS names no " + join(roles, " or ") + " for the touched files" + source);
  return pass("in To/Cc: " + join(found, ", ") + source);
}

}  // namespace pt::checks
