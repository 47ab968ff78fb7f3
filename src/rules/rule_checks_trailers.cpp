// Trailer checks: presence and roles, the Signed-off-by chain, tag syntax with checkpatch's
// type names (scripts/checkpatch.pl), stable version hints
// (Documentation/process/stable-kernel-rules.rst).
#include <algorithm>
#include <cstdio>

#include "facts/history_facts.hpp"
#include "rules/rule_checks.hpp"
#include "util/text.hpp"

namespace pt::checks {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = to_lower(c);
  return s;
}

bool key_in(const std::string& key, const std::vector<std::string>& keys) {
  for (const auto& k : keys)
    if (iequals(key, k)) return true;
  return false;
}

bool is_stable_address(std::string_view email) {
  return iequals(email, "stable@vger.kernel.org") || iequals(email, "stable@kernel.org");
}

// The MAINTAINERS section that gives `email` its role ("" when none).
std::string section_of(const std::vector<MaintainerEntry>& entries, const std::string& email,
                       const std::string& role) {
  char from = role == "maintainer" ? 'M' : 'R';
  for (const auto& e : entries)
    if (iequals(e.email, email) && e.from == from) return e.section;
  return "";
}

std::string keys_text(const std::vector<std::string>& keys) { return join(keys, " or "); }

}  // namespace

// Counts trailers of the patch (and review trailers from replies) with one of `key`,
// optionally only those whose address holds a MAINTAINERS role for the touched files.
CheckOutcome trailer_present(const Params& p, const RuleInput& in) {
  const std::vector<std::string> keys = p.list("key");
  const long min = p.number("min").value_or(1);
  const std::optional<long> max = p.number("max");
  const std::string role = p.text("role", "any");
  const std::regex* value = p.regex("value");
  const bool replies = p.flag("replies", true);
  if (role != "any") {
    if (!in.facts) return no_repository();
    if (in.facts->maintainers_branch.empty())
      return skip("no MAINTAINERS file in the target branches: roles unknown");
  }
  std::vector<std::string> counted, not_counted, seen;
  // One person giving the same tag in the patch and again in a reply counts once.
  auto consider = [&](const std::string& key, const std::string& text, const std::string& email,
                      const std::string& where) {
    if (!key_in(key, keys)) return;
    if (value && !std::regex_search(text, *value)) return;
    std::string identity = lower(key) + " " + (email.empty() ? text : lower(email));
    if (std::find(seen.begin(), seen.end(), identity) != seen.end()) return;
    std::string line = key + ": " + text;
    if (role != "any") {
      std::string held = email.empty() ? "none" : role_of(in.facts->maintainers, email);
      bool ok = held == "maintainer" || (held == "reviewer" && role == "reviewer");
      if (!ok) {
        not_counted.push_back(line + " (" + where + ") holds " +
                              (held == "none" ? "no MAINTAINERS role" : "only the role " + held) +
                              " for the touched files");
        return;
      }
      line += " - " + held + " (" + section_of(in.facts->maintainers, email, held) + ")";
    }
    seen.push_back(identity);
    counted.push_back(line + " (" + where + ")");
  };
  for (const auto& t : in.patch.trailers)
    consider(t.key, t.value, t.email, "message line " + std::to_string(t.line));
  if (replies && in.thread)
    for (const auto& r : in.thread->review_trailers) {
      if (!r.sender_matches) {
        if (key_in(r.key, keys))
          not_counted.push_back(r.key + ": " + r.value + " (reply " + r.from_reply +
                                ") not counted: sent by " + r.sender);
        continue;
      }
      consider(r.key, r.value, r.email, "reply " + r.from_reply);
    }

  const long n = static_cast<long>(counted.size());
  std::string what = keys_text(keys) + (value ? " matching /" + p.text("value") + "/" : "");
  if (role == "maintainer") what += " from a maintainer of the touched files";
  if (role == "reviewer") what += " from a maintainer or reviewer of the touched files";
  if (n < min) {
    std::string head = n == 0 ? "no " + what
                              : std::to_string(n) + " " + what + ", " + std::to_string(min) + " required";
    std::vector<std::string> parts{head};
    parts.insert(parts.end(), counted.begin(), counted.end());
    parts.insert(parts.end(), not_counted.begin(), not_counted.end());
    return fail(join(parts));
  }
  if (max && n > *max) {
    std::vector<std::string> parts{std::to_string(n) + " " + what + ", at most " +
                                   std::to_string(*max) + " allowed"};
    parts.insert(parts.end(), counted.begin(), counted.end());
    return fail(join(parts));
  }
  if (n == 0) return pass("no " + what + " in the commit message" + (replies ? " or replies" : ""));
  return pass(join(counted));
}

namespace {

// The signature lines of the whole commit message as checkpatch reads them (any line
// `^\s*<key>:`, not only git's trailer block: a Signed-off-by above a "Link:" paragraph
// still counts), numbered from the title as line 1, like Trailer::line.
std::vector<Trailer> signature_lines(const Patch& patch) {
  std::vector<Trailer> out;
  const std::string text = patch.title + "\n\n" + patch.message;
  std::size_t pos = 0;
  for (int line = 1; pos < text.size(); ++line) {
    std::string_view l = trim(next_line(text, pos));
    for (std::string_view key : {"Signed-off-by:", "Co-developed-by:"}) {
      if (!istarts_with(l, key)) continue;
      Trailer t;
      t.key = std::string(l.substr(0, key.size() - 1));
      t.value = std::string(trim(l.substr(key.size())));
      split_person(t.value, t.name, t.email, t.comment);
      t.line = line;
      out.push_back(std::move(t));
    }
  }
  return out;
}

}  // namespace

// checkpatch's sign-off rules: a Signed-off-by exists (MISSING_SIGN_OFF), the author signed
// (NO_AUTHOR_SIGN_OFF; FROM_SIGN_OFF_MISMATCH when only the name matches), every
// Co-developed-by is immediately followed by the same person's Signed-off-by (BAD_SIGN_OFF);
// Documentation/process/submitting-patches.rst: whoever sends someone else's patch signs it.
CheckOutcome signoff_chain(const Params&, const RuleInput& in) {
  const std::vector<Trailer> lines = signature_lines(in.patch);
  const Person& author = in.patch.author;
  std::vector<std::string> problems, proofs;
  const Trailer* author_sob = nullptr;
  const Trailer* name_only_sob = nullptr;
  const Trailer* last_sob = nullptr;
  const Trailer* other_sob = nullptr;  // a sign-off by someone else than the author
  for (const auto& t : lines) {
    if (!iequals(t.key, "Signed-off-by")) continue;
    last_sob = &t;
    bool by_author = !author.email.empty() && iequals(t.email, author.email);
    if (by_author && !author_sob) author_sob = &t;
    if (!by_author && !author.name.empty() && t.name == author.name && !name_only_sob)
      name_only_sob = &t;
    if (!by_author) other_sob = &t;
  }
  if (!last_sob) return fail("MISSING_SIGN_OFF: no Signed-off-by: line in the commit message");
  std::string who = author.name + " <" + author.email + ">";
  if (author_sob) {
    proofs.push_back("author signed: " + describe(*author_sob));
  } else if (name_only_sob) {
    proofs.push_back("author signed under another address (FROM_SIGN_OFF_MISMATCH): " +
                     describe(*name_only_sob));
  } else {
    problems.push_back("NO_AUTHOR_SIGN_OFF: no Signed-off-by of the author " + who);
  }
  // git send-email writes an in-body From exactly when the sender is not the author.
  if (in.patch.author_from_body) {
    if (other_sob && other_sob == last_sob)
      proofs.push_back("sender signed last: " + describe(*last_sob));
    else if (other_sob)
      proofs.push_back("sender signed: " + describe(*other_sob));
    else
      problems.push_back("sent by someone else (in-body From: " + who +
                         ") but only the author signed off");
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Trailer& t = lines[i];
    if (!iequals(t.key, "Co-developed-by")) continue;
    if (!author.email.empty() && iequals(t.email, author.email))
      problems.push_back("BAD_SIGN_OFF: Co-developed-by: should not be used to attribute nominal "
                         "patch author '" + who + "': " + describe(t));
    const Trailer* next = i + 1 < lines.size() && lines[i + 1].line == t.line + 1 ? &lines[i + 1] : nullptr;
    if (!next || !iequals(next->key, "Signed-off-by")) {
      problems.push_back("BAD_SIGN_OFF: Co-developed-by: must be immediately followed by "
                         "Signed-off-by: " + describe(t));
    } else if (!iequals(next->email, t.email) || next->name != t.name) {
      problems.push_back("BAD_SIGN_OFF: Co-developed-by and Signed-off-by: name/email do not "
                         "match: " + describe(t) + ", " + describe(*next));
    } else {
      proofs.push_back("co-developer signed: " + describe(*next));
    }
  }
  if (!problems.empty()) return fail(join(problems));
  return pass(join(proofs));
}

// checkpatch's tag checks for one key: Fixes (BAD_FIXES_TAG: 12+ hex digits, ("title"),
// the title of the commit when the repository knows it), Closes/Link (COMMIT_LOG_WRONG_LINK:
// an http(s) URL), Cc: stable (BAD_STABLE_ADDRESS_STYLE: the bare address, "# note" after it),
// Reported-by (BAD_REPORTED_BY_LINK: immediately followed by Closes:).
CheckOutcome tag_syntax(const Params& p, const RuleInput& in) {
  const std::string key = p.text("key");
  const auto& trailers = in.patch.trailers;
  std::vector<std::string> problems, checked;
  for (std::size_t i = 0; i < trailers.size(); ++i) {
    const Trailer& t = trailers[i];
    if (key == "Fixes" && iequals(t.key, "Fixes")) {
      std::string problem = t.key != "Fixes" ? "BAD_FIXES_TAG" : fixes_style_problem(t.value);
      if (!problem.empty()) {
        problems.push_back(problem + ": " + describe(t) +
                           ": use 'Fixes: <12+ chars of sha1> (\"<title line>\")'");
        continue;
      }
      const FixesFact* fact = nullptr;
      if (in.facts)
        for (const auto& f : in.facts->history.fixes)
          if (f.value == t.value) fact = &f;
      if (fact && fact->full && !fact->title_matches) {
        problems.push_back("BAD_FIXES_TAG: " + describe(t) + ": commit " + short_id(*fact->full) +
                           " is titled \"" + fact->title + "\"");
        continue;
      }
      checked.push_back(describe(t) + (fact && fact->full ? " (title matches " + short_id(*fact->full) + ")"
                                                          : ""));
    } else if ((key == "Closes" || key == "Link") && iequals(t.key, key)) {
      if (!istarts_with(t.value, "http://") && !istarts_with(t.value, "https://"))
        problems.push_back("COMMIT_LOG_WRONG_LINK: " + describe(t) + ": '" + key +
                           ":' should be followed by a public http(s) link");
      else
        checked.push_back(describe(t));
    } else if (key == "Cc" && iequals(t.key, "Cc") && is_stable_address(t.email)) {
      bool bad_comment = !t.comment.empty() && (t.comment[0] != '#' || t.comment.size() < 2);
      if (!t.name.empty() || bad_comment)
        problems.push_back("BAD_STABLE_ADDRESS_STYLE: " + describe(t) + ": prefer '" + t.email +
                           (t.comment.empty() ? "" : " # <note>") + "'");
      else
        checked.push_back(describe(t));
    } else if (key == "Reported-by" && iequals(t.key, "Reported-by")) {
      if (i + 1 >= trailers.size() || !iequals(trailers[i + 1].key, "Closes"))
        problems.push_back("BAD_REPORTED_BY_LINK: " + describe(t) +
                           ": Reported-by: should be immediately followed by Closes: with a URL "
                           "to the report");
      else
        checked.push_back(describe(t) + " followed by " + describe(trailers[i + 1]));
    }
  }
  if (!problems.empty()) return fail(join(problems));
  if (checked.empty())
    return skip(key == "Cc" ? "no Cc: stable trailer in the commit message"
                            : "no " + key + ": trailer in the commit message");
  return pass("well-formed: " + join(checked));
}

namespace {

// "6.1" -> 601-style ordering key; nullopt when `text` holds no "major.minor".
std::optional<std::pair<int, int>> first_version(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!is_digit(text[i]) || (i > 0 && (is_digit(text[i - 1]) || text[i - 1] == '.'))) continue;
    int major = 0, minor = 0, used = 0;
    std::string s(text.substr(i));
    if (std::sscanf(s.c_str(), "%d.%d%n", &major, &minor, &used) == 2 && used > 0)
      return std::make_pair(major, minor);
  }
  return std::nullopt;
}

std::string version_text(std::pair<int, int> v) {
  return std::to_string(v.first) + "." + std::to_string(v.second);
}

}  // namespace

// stable-kernel-rules.rst: "Cc: stable@vger.kernel.org # 3.3.x" asks for 3.3 and every later
// stable series; the check holds when each target branch is at least that version.
CheckOutcome stable_version_hint(const Params& p, const RuleInput& in) {
  const bool required = p.flag("required", false);
  const Trailer* hint = nullptr;
  std::optional<std::pair<int, int>> lowest;
  const Trailer* any_stable = nullptr;
  for (const auto& t : in.patch.trailers) {
    if (!iequals(t.key, "Cc") || !is_stable_address(t.email)) continue;
    any_stable = &t;
    auto v = first_version(t.comment);
    if (v && (!lowest || *v < *lowest)) {
      lowest = v;
      hint = &t;
    }
  }
  if (!hint) {
    std::string why = any_stable ? describe(*any_stable) + " names no version"
                                 : "no Cc: stable trailer in the commit message";
    return required ? fail(why) : skip(why);
  }
  // Target versions: the facts' branches, else the subject's stable range.
  std::vector<std::pair<std::string, std::optional<std::pair<int, int>>>> targets;
  if (in.facts) {
    for (const auto& t : in.facts->apply.targets) targets.push_back({t.name, first_version(t.name)});
  } else {
    const Subject& s = in.patch.subject_info;
    if (!s.stable_to.empty()) targets.push_back({s.stable_to + " (subject range)", first_version(s.stable_to)});
    if (!s.stable_from.empty() && s.stable_from != s.stable_to)
      targets.push_back({s.stable_from + " (subject range)", first_version(s.stable_from)});
  }
  std::vector<std::string> fails, passes, skips;
  const std::string hint_text = version_text(*lowest) + "+ of " + describe(*hint);
  for (const auto& [name, v] : targets) {
    if (!v)
      skips.push_back(name + " names no stable version");
    else if (*v < *lowest)
      fails.push_back(name + " is older than the " + hint_text);
    else
      passes.push_back(name + " is within the " + hint_text);
  }
  return combine_branches(fails, passes, skips,
                          "no target branch (no -b, no stable range in the subject); hint " +
                              hint_text);
}

}  // namespace pt::checks
