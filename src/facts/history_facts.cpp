#include "facts/history_facts.hpp"

#include <algorithm>

#include "patch/upstream.hpp"
#include "util/text.hpp"

namespace pt {

namespace {

std::string title_of(const std::string& message) {
  std::size_t nl = message.find('\n');
  return std::string(trim(message.substr(0, nl)));
}

bool all_lower_hex(std::string_view s) {
  for (char c : s)
    if (!(is_digit(c) || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace

BranchIndex::BranchIndex(const Repository& repo, const std::string& branch_commit,
                         const std::string& mainline_commit, std::size_t limit) {
  std::string hide;
  if (!mainline_commit.empty())
    if (auto base = repo.merge_base(branch_commit, mainline_commit)) hide = *base;
  repo.walk(branch_commit, hide, limit, [&](const std::string& id, const std::string& msg) {
    ++m_commits;
    for (const UpstreamRef& ref : find_upstream_refs(msg)) m_by_upstream.emplace(ref.sha, id);
  });
}

std::optional<std::string> BranchIndex::backport_of(const std::string& sha) const {
  // The mail and the branch may abbreviate differently: keys sharing the first 12 digits
  // are neighbours in the map; a key matches when both agree on their common length.
  std::size_t k = std::min<std::size_t>(sha.size(), 12);
  std::string prefix = sha.substr(0, k);
  for (auto it = m_by_upstream.lower_bound(prefix);
       it != m_by_upstream.end() && it->first.compare(0, k, prefix) == 0; ++it) {
    std::size_t n = std::min(sha.size(), it->first.size());
    if (it->first.compare(0, n, sha, 0, n) == 0) return it->second;
  }
  return std::nullopt;
}

std::string find_mainline(const Repository& repo, const std::string& wanted) {
  if (!wanted.empty()) return repo.resolve(wanted) ? wanted : std::string();
  for (const char* name : {"master", "origin/master", "mainline/master"})
    if (repo.resolve(name)) return name;
  return {};
}

std::string fixes_style_problem(const std::string& value) {
  // checkpatch.pl: 'Fixes: <12+ chars of sha1> ("<title line>")'
  std::size_t space = value.find(' ');
  std::string_view id = std::string_view(value).substr(0, space);
  if (id.size() < 12 || id.size() > 40 || !all_lower_hex(id)) return "BAD_FIXES_TAG";
  if (space == std::string::npos) return "BAD_FIXES_TAG";
  std::string_view rest = std::string_view(value).substr(space + 1);
  if (!starts_with(rest, "(\"") || rest.size() < 4 || rest.substr(rest.size() - 2) != "\")")
    return "BAD_FIXES_TAG";
  return {};
}

HistoryFacts collect_history_facts(const Patch& patch, const Repository& repo,
                                   const std::vector<BranchTarget>& targets,
                                   const std::string& mainline_ref,
                                   std::map<std::string, BranchIndex>& index_cache) {
  HistoryFacts facts;
  facts.mainline_ref = mainline_ref;
  std::optional<std::string> mainline =
      mainline_ref.empty() ? std::nullopt : repo.resolve(mainline_ref);
  auto index_for = [&](const BranchTarget& t) -> const BranchIndex& {
    auto it = index_cache.find(*t.commit);
    if (it == index_cache.end())
      it = index_cache.emplace(*t.commit, BranchIndex(repo, *t.commit, mainline.value_or(""))).first;
    return it->second;
  };
  // Where is commit `full` (or a backport of it) in each target branch?
  auto presence = [&](const std::string& sha, const std::optional<std::string>& full) {
    std::map<std::string, BranchPresence> out;
    for (const auto& t : targets) {
      if (!t.commit) continue;
      BranchPresence p;
      if (full && repo.is_ancestor(*full, *t.commit)) {
        p = {true, true, "ancestor", *full};
      } else if (auto b = index_for(t).backport_of(full.value_or(sha))) {
        p = {true, true, "backport", *b};
      } else {
        p.known = full.has_value();  // an unknown commit proves nothing about the branch
      }
      out[t.name] = p;
    }
    return out;
  };

  // The mail's patch-id, computed once however many upstream commits it names.
  std::optional<std::optional<std::string>> mail_patch_id;
  for (const UpstreamRef& ref : patch.upstream) {
    UpstreamFact u;
    u.sha = ref.sha;
    u.full = repo.expand(ref.sha);
    if (u.full) {
      u.title = title_of(repo.message(*u.full));
      u.in_mainline = mainline && repo.is_ancestor(*u.full, *mainline);
      // A backport equal to its upstream commit has its patch-id; otherwise say which
      // files the two touch differently.
      std::vector<std::string> upstream_paths;
      std::optional<std::string> theirs = repo.patch_id_of_commit(*u.full, &upstream_paths);
      if (!mail_patch_id) mail_patch_id = repo.patch_id_of_text(patch.diff.text);
      const std::optional<std::string>& ours = *mail_patch_id;
      if (theirs && ours) u.patch_id_equal = *theirs == *ours;
      if (theirs) {
        std::vector<std::string> mail_paths;
        for (const auto& f : patch.diff.files) mail_paths.push_back(f.new_path.empty() ? f.old_path : f.new_path);
        for (const auto& p : upstream_paths)
          if (std::find(mail_paths.begin(), mail_paths.end(), p) == mail_paths.end()) u.only_upstream.push_back(p);
        for (const auto& p : mail_paths)
          if (std::find(upstream_paths.begin(), upstream_paths.end(), p) == upstream_paths.end()) u.only_in_mail.push_back(p);
      }
    }
    for (auto& [branch, p] : presence(ref.sha, u.full))
      if (p.present && !facts.upstream_in_branch.count(branch)) facts.upstream_in_branch[branch] = p;
    facts.upstream.push_back(std::move(u));
  }

  // Follow-ups: mainline commits after the upstream one whose Fixes: names it, or that
  // revert it ("This reverts commit X."), as the stable maintainers look for them.
  for (const UpstreamFact& u : facts.upstream) {
    if (!u.full || !mainline || !u.in_mainline) continue;
    const std::string short_id = u.full->substr(0, 12);
    repo.walk(*mainline, *u.full, 500000, [&](const std::string& id, const std::string& msg) {
      std::string kind;
      std::size_t pos = 0;
      while (pos < msg.size() && kind.empty()) {
        std::string_view line = trim(next_line(msg, pos));
        if (istarts_with(line, "Fixes:")) {
          std::string_view v = ltrim(line.substr(6));
          if (v.size() >= 12 && v.substr(0, 12) == short_id) kind = "fixes";
        } else if (starts_with(line, "This reverts commit ")) {
          std::string_view v = line.substr(20);
          if (v.size() >= 12 && v.substr(0, 12) == short_id) kind = "revert";
        }
      }
      if (kind.empty()) return;
      facts.follow_ups.push_back({id, title_of(msg), kind, *u.full, {}});
    });
  }
  // After the walk: the repository is not re-entered from inside its callback.
  for (FollowUp& f : facts.follow_ups) f.in_branch = presence(f.commit, f.commit);

  for (const Trailer& t : patch.trailers) {
    if (!iequals(t.key, "Fixes")) continue;
    FixesFact f;
    f.value = t.value;
    f.problem = fixes_style_problem(t.value);
    f.valid = f.problem.empty();
    std::size_t space = t.value.find(' ');
    f.sha = t.value.substr(0, space);
    std::size_t q1 = t.value.find("(\""), q2 = t.value.rfind("\")");
    if (q1 != std::string::npos && q2 != std::string::npos && q2 > q1)
      f.quoted_title = t.value.substr(q1 + 2, q2 - q1 - 2);
    f.full = repo.expand(f.sha);
    if (f.full) {
      f.title = title_of(repo.message(*f.full));
      f.title_matches = !f.quoted_title.empty() && f.title == f.quoted_title;
    }
    f.in_branch = presence(f.sha, f.full);
    facts.fixes.push_back(std::move(f));
  }
  return facts;
}

}  // namespace pt
