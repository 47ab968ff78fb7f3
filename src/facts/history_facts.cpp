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

HistoryIndexes::HistoryIndexes(const Repository& repo, std::string mainline_ref, IndexCache cache)
    : m_repo(repo), m_mainline_ref(std::move(mainline_ref)), m_cache(std::move(cache)) {
  if (!m_mainline_ref.empty()) m_mainline_commit = repo.resolve(m_mainline_ref);
}

BranchIndex& HistoryIndexes::branch(const std::string& commit) {
  auto it = m_branches.find(commit);
  if (it == m_branches.end())
    it = m_branches.emplace(commit, BranchIndex(m_repo, commit, m_mainline_commit.value_or(""), m_cache))
             .first;
  return it->second;
}

const MainlineIndex* HistoryIndexes::mainline() {
  if (!m_mainline_commit) return nullptr;
  if (!m_mainline) m_mainline.emplace(m_repo, *m_mainline_commit, m_cache);
  return &*m_mainline;
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
                                   HistoryIndexes& indexes) {
  HistoryFacts facts;
  facts.mainline_ref = indexes.mainline_ref();
  const std::optional<std::string>& mainline = indexes.mainline_commit();
  auto index_for = [&](const BranchTarget& t) -> const BranchIndex& {
    return indexes.branch(*t.commit);
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
      if (u.in_mainline)
        if (const MainlineIndex* m = indexes.mainline()) u.first_tag = m->first_tag(*u.full);
      if (!mail_patch_id) mail_patch_id = repo.patch_id_of_text(patch.diff.text());
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
    if (!u.full || !u.in_mainline) continue;
    const MainlineIndex* m = indexes.mainline();
    if (!m) break;
    for (const FollowUpRef& r : m->follow_ups_of(*u.full)) {
      if (r.commit == *u.full) continue;
      FollowUp f{r.commit, r.title, r.kind, *u.full, {}};
      f.in_branch = presence(f.commit, f.commit);
      facts.follow_ups.push_back(std::move(f));
    }
  }

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
  if (mail_patch_id) facts.mail_patch_id = *mail_patch_id;
  return facts;
}

void add_patch_id_presence(HistoryFacts& facts, const Patch& patch, const Repository& repo,
                           const ApplyFacts& apply, HistoryIndexes& indexes) {
  for (const auto& t : apply.targets) {
    if (!t.commit) continue;
    auto b = apply.by_branch.find(t.name);
    if (b != apply.by_branch.end() && b->second.already_applied) continue;
    if (auto up = facts.upstream_in_branch.find(t.name);
        up != facts.upstream_in_branch.end() && up->second.present)
      continue;
    if (!facts.mail_patch_id) {
      facts.mail_patch_id = repo.patch_id_of_text(patch.diff.text());
      if (!facts.mail_patch_id) return;
    }
    if (auto c = indexes.branch(*t.commit).commit_with_patch_id(*facts.mail_patch_id))
      facts.patch_id_in_branch[t.name] = *c;
  }
}

}  // namespace pt
