#include "facts/prerequisites.hpp"

#include <algorithm>

#include "util/text.hpp"

namespace pt {

std::map<std::string, BranchPrerequisites> find_prerequisites(const Patch& patch,
                                                              const Repository& repo,
                                                              const ApplyFacts& apply,
                                                              const HistoryFacts& history,
                                                              HistoryIndexes& indexes) {
  std::map<std::string, BranchPrerequisites> out;
  if (!indexes.mainline_commit()) return out;
  // The tree the mail's diff was made against: the upstream commit's parent.
  std::string at = *indexes.mainline_commit();
  std::string upstream;
  for (const UpstreamFact& u : history.upstream)
    if (u.full && u.in_mainline) {
      upstream = *u.full;
      if (auto parent = repo.first_parent(*u.full)) at = *parent;
      break;
    }
  for (const BranchTarget& t : apply.targets) {
    if (!t.commit) continue;
    auto b = apply.by_branch.find(t.name);
    if (b == apply.by_branch.end()) continue;
    const ApplyResult& forward = b->second.forward;
    if (forward.status != ApplyStatus::conflict && forward.status != ApplyStatus::missing_file)
      continue;
    BranchIndex& index = indexes.branch(*t.commit);
    BranchPrerequisites pre;
    pre.blamed_at = at;
    std::map<std::string, Prerequisite> found;
    for (std::size_t i = 0; i < forward.files.size() && i < patch.diff.files.size(); ++i) {
      const FileResult& fr = forward.files[i];
      const FileDiff& fd = patch.diff.files[i];
      if (fd.old_path.empty()) continue;  // a new file has no history to blame
      bool whole_file = fr.status == ApplyStatus::missing_file;
      if (!whole_file && fr.status != ApplyStatus::conflict) continue;
      for (std::size_t h = 0; h < fd.hunks.size(); ++h) {
        bool failed = whole_file || (h < fr.hunks.size() && fr.hunks[h].status == ApplyStatus::conflict);
        const Hunk& hunk = fd.hunks[h];
        if (!failed || hunk.old_count <= 0) continue;
        for (const std::string& c : repo.blame(fd.old_path, at, index.base(), hunk.old_start,
                                               hunk.old_start + hunk.old_count - 1)) {
          Prerequisite& p = found[c];
          p.commit = c;
          ++p.lines;
          if (std::find(p.files.begin(), p.files.end(), fd.old_path) == p.files.end())
            p.files.push_back(fd.old_path);
        }
      }
    }
    // Keep what the branch lacks: not an ancestor, not backported under another id.
    std::vector<std::pair<long long, Prerequisite>> lacking;
    for (auto& [c, p] : found) {
      if (c == upstream || c == index.base() || repo.is_ancestor(c, *t.commit) || index.backport_of(c))
        continue;
      std::string msg = repo.message(c);
      p.title = std::string(trim(msg.substr(0, msg.find('\n'))));
      lacking.emplace_back(repo.commit_time(c), std::move(p));
    }
    std::stable_sort(lacking.begin(), lacking.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [time, p] : lacking) pre.commits.push_back(std::move(p));
    out.emplace(t.name, std::move(pre));
  }
  return out;
}

}  // namespace pt
