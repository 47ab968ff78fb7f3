#include "facts/history_index.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <unordered_set>

#include "patch/upstream.hpp"
#include "util/text.hpp"

namespace pt {

namespace {

std::string title_of(const std::string& message) {
  std::size_t nl = message.find('\n');
  return std::string(trim(message.substr(0, nl)));
}

// The leading hex id of `v` (lowercased), "" when it has fewer than 7 hex digits.
std::string leading_hex(std::string_view v) {
  std::string id;
  for (char c : v) {
    char l = static_cast<char>(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c);
    if (!(is_digit(l) || (l >= 'a' && l <= 'f'))) break;
    id.push_back(l);
  }
  if (id.size() < 7) return {};
  return id.substr(0, 40);
}

}  // namespace

// ---- BranchIndex ----

BranchIndex::BranchIndex(const Repository& repo, const std::string& branch_commit,
                         const std::string& mainline_commit, const IndexCache& cache,
                         std::size_t limit)
    : m_repo(&repo), m_cache(&cache) {
  if (!mainline_commit.empty())
    if (auto base = repo.merge_base(branch_commit, mainline_commit)) m_base = *base;
  const std::string base_name = m_base.empty() ? "all" : m_base;
  m_key = "branch-" + branch_commit + "-" + base_name;
  auto parse = [&](const std::string& text) {
    std::istringstream in(text);
    std::string kind, a, b;
    while (in >> kind) {
      if (kind == "C" && in >> a) m_commits.push_back(a);
      else if (kind == "U" && in >> a >> b) m_by_upstream.emplace(a, b);
    }
  };
  if (std::optional<std::string> text = cache.load(m_key + ".refs")) {
    parse(*text);
    return;
  }
  // The branch moved on since the last run: walk only the new commits, keep the rest.
  const std::string last_key = "branch-" + base_name + ".last";
  std::string hide = m_base;
  std::vector<std::string> older;
  if (std::optional<std::string> last = cache.load(last_key)) {
    std::string old_tip = std::string(trim(*last));
    std::optional<std::string> old_text = cache.load("branch-" + old_tip + "-" + base_name + ".refs");
    if (old_text && old_tip.size() == 40 && repo.is_ancestor(old_tip, branch_commit)) {
      parse(*old_text);
      older.swap(m_commits);
      hide = old_tip;
      m_previous_key = "branch-" + old_tip + "-" + base_name;
    }
  }
  repo.walk(branch_commit, hide, limit, [&](const std::string& id, const std::string& msg) {
    m_commits.push_back(id);
    for (const UpstreamRef& ref : find_upstream_refs(msg)) m_by_upstream.emplace(ref.sha, id);
  });
  m_commits.insert(m_commits.end(), older.begin(), older.end());  // newest first
  std::string text;
  for (const auto& c : m_commits) text += "C " + c + "\n";
  for (const auto& [up, c] : m_by_upstream) text += "U " + up + " " + c + "\n";
  cache.store(m_key + ".refs", text);
  cache.store(last_key, branch_commit + "\n");
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

std::optional<std::string> BranchIndex::commit_with_patch_id(const std::string& id) {
  if (!m_by_patch_id) {
    m_by_patch_id.emplace();
    auto parse = [&](const std::string& text, std::unordered_map<std::string, std::string>& into) {
      std::istringstream in(text);
      std::string kind, pid, commit;
      while (in >> kind >> pid >> commit)
        if (kind == "P") into.emplace(pid, commit);
    };
    if (std::optional<std::string> text = m_cache->load(m_key + ".pids")) {
      parse(*text, *m_by_patch_id);
    } else {
      // Patch-ids already computed for the branch's previous tip are kept.
      std::unordered_map<std::string, std::string> known;
      if (!m_previous_key.empty())
        if (std::optional<std::string> old = m_cache->load(m_previous_key + ".pids")) parse(*old, known);
      std::unordered_set<std::string> done;
      for (const auto& [pid, commit] : known) done.insert(commit);
      std::string out;
      // Oldest first, so that a change made twice maps to its first commit; the commits
      // of the previous tip are all older than the new ones.
      *m_by_patch_id = std::move(known);
      for (auto it = m_commits.rbegin(); it != m_commits.rend(); ++it) {
        if (done.count(*it)) continue;  // its patch-id, if it has one, is known already
        if (auto pid = m_repo->patch_id_of_commit(*it)) m_by_patch_id->emplace(*pid, *it);
      }
      for (const auto& [pid, commit] : *m_by_patch_id) out += "P " + pid + " " + commit + "\n";
      m_cache->store(m_key + ".pids", out);
    }
  }
  auto it = m_by_patch_id->find(id);
  if (it == m_by_patch_id->end()) return std::nullopt;
  return it->second;
}

// ---- MainlineIndex ----

std::optional<std::vector<int>> release_tag_version(const std::string& tag) {
  // v<major>.<minor>[-rc<n>] for 3.0 and later; v2.6.<n>[-rc<n>] before.
  std::vector<int> nums;
  std::size_t i = 0;
  if (tag.empty() || tag[0] != 'v') return std::nullopt;
  ++i;
  while (i < tag.size()) {
    std::size_t start = i;
    int n = 0;
    while (i < tag.size() && is_digit(tag[i]) && i - start < 6) n = n * 10 + (tag[i++] - '0');
    if (i == start) return std::nullopt;
    nums.push_back(n);
    if (i == tag.size() || tag[i] == '-') break;
    if (tag[i] != '.') return std::nullopt;
    ++i;
  }
  bool old_style = nums.size() == 3 && nums[0] == 2 && nums[1] == 6;
  if (!(nums.size() == 2 && nums[0] >= 3) && !old_style) return std::nullopt;
  int rc = 1000000;  // a release sorts after its release candidates
  if (i < tag.size()) {
    std::string_view rest = std::string_view(tag).substr(i);
    if (!starts_with(rest, "-rc") || rest.size() == 3) return std::nullopt;
    rc = 0;
    for (char c : rest.substr(3)) {
      if (!is_digit(c) || rc > 100000) return std::nullopt;
      rc = rc * 10 + (c - '0');
    }
  }
  nums.insert(nums.begin(), old_style ? 0 : 1);  // v3.0 sorts after v2.6.39
  nums.push_back(rc);
  return nums;
}

MainlineIndex::MainlineIndex(const Repository& repo, const std::string& mainline_commit,
                             const IndexCache& cache)
    : m_repo(&repo) {
  const std::string key = "mainline-" + mainline_commit + ".followups";
  auto add = [&](const std::string& target, FollowUpRef ref) {
    m_by_target[target].push_back(std::move(ref));
  };
  auto parse = [&](const std::string& text) {
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::string_view line = next_line(text, pos);
      if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
      // "<kind> <target> <commit> <title>" or "N <count>"
      if (starts_with(line, "N ")) {
        m_commits = std::strtoull(std::string(line.substr(2)).c_str(), nullptr, 10);
        continue;
      }
      std::size_t a = line.find(' '), b = line.find(' ', a + 1), c = line.find(' ', b + 1);
      if (a == std::string_view::npos || b == std::string_view::npos) continue;
      std::string kind = line[0] == 'R' ? "revert" : "fixes";
      std::string target(line.substr(a + 1, b - a - 1));
      std::string commit(line.substr(b + 1, c == std::string_view::npos ? c : c - b - 1));
      std::string title = c == std::string_view::npos ? "" : std::string(line.substr(c + 1));
      add(target, {commit, title, kind});
    }
  };
  if (std::optional<std::string> text = cache.load(key)) {
    parse(*text);
  } else {
    // Mainline moved on since the last run (a fetch): walk only the new commits and keep
    // the lines of the old index after theirs (the file is newest first).
    std::string hide, older;
    std::size_t older_commits = 0;
    if (std::optional<std::string> last = cache.load("mainline.last")) {
      std::string old_tip = std::string(trim(*last));
      std::optional<std::string> old_text = cache.load("mainline-" + old_tip + ".followups");
      if (old_text && old_tip.size() == 40 && repo.is_ancestor(old_tip, mainline_commit)) {
        hide = old_tip;
        std::size_t n = old_text->rfind("N ");
        if (n != std::string::npos && (n == 0 || (*old_text)[n - 1] == '\n')) {
          older_commits = std::strtoull(old_text->c_str() + n + 2, nullptr, 10);
          older = old_text->substr(0, n);
        } else {
          hide.clear();
        }
      }
    }
    std::string out;
    repo.walk(mainline_commit, hide, static_cast<std::size_t>(-1),
              [&](const std::string& id, const std::string& msg) {
                ++m_commits;
                std::size_t pos = 0;
                std::string title;
                while (pos < msg.size()) {
                  std::string_view line = trim(next_line(msg, pos));
                  std::string target, kind;
                  if (istarts_with(line, "Fixes:")) {
                    target = leading_hex(ltrim(line.substr(6)));
                    kind = "fixes";
                  } else if (starts_with(line, "This reverts commit ")) {
                    target = leading_hex(line.substr(20));
                    kind = "revert";
                  }
                  if (target.empty()) continue;
                  if (title.empty()) title = title_of(msg);
                  out += (kind == "revert" ? "R " : "F ") + target + " " + id + " " + title + "\n";
                  add(target, {id, title, kind});
                }
              });
    if (!hide.empty()) {
      parse(older);
      m_commits += older_commits;
      out += older;
    }
    cache.store(key, out + "N " + std::to_string(m_commits) + "\n");
    cache.store("mainline.last", mainline_commit + "\n");
  }
  // The walk (and so the cache) is newest first; follow-ups are listed oldest first.
  for (auto& [target, refs] : m_by_target) std::reverse(refs.begin(), refs.end());
  // Release tags that mainline contains, in version order. Mainline's release tags lie
  // on one line of history, so "contains" is monotonic over them.
  std::vector<std::pair<std::vector<int>, std::pair<std::string, std::string>>> tags;
  for (auto& [name, commit] : repo.tags())
    if (auto v = release_tag_version(name)) tags.push_back({*v, {name, commit}});
  std::sort(tags.begin(), tags.end());
  for (auto& t : tags)
    if (repo.is_ancestor(t.second.second, mainline_commit)) m_tags.push_back(t.second);
}

std::vector<FollowUpRef> MainlineIndex::follow_ups_of(const std::string& full) const {
  std::vector<FollowUpRef> out;
  for (std::size_t n = 7; n <= full.size() && n <= 40; ++n) {
    auto it = m_by_target.find(full.substr(0, n));
    if (it == m_by_target.end()) continue;
    for (const auto& ref : it->second)
      if (std::none_of(out.begin(), out.end(), [&](const FollowUpRef& r) {
            return r.commit == ref.commit;
          }))
        out.push_back(ref);
  }
  return out;
}

std::optional<std::string> MainlineIndex::first_tag(const std::string& full) const {
  // Binary search for the first tag containing the commit.
  std::size_t lo = 0, hi = m_tags.size();
  while (lo < hi) {
    std::size_t mid = (lo + hi) / 2;
    if (m_repo->is_ancestor(full, m_tags[mid].second)) hi = mid;
    else lo = mid + 1;
  }
  if (lo == m_tags.size()) return std::nullopt;
  return m_tags[lo].first;
}

std::optional<std::string> MainlineIndex::tag_commit(const std::string& tag) const {
  for (const auto& [name, commit] : m_tags)
    if (name == tag) return commit;
  return std::nullopt;
}

}  // namespace pt
