#include "facts/recovered_diff.hpp"

#include "patch/patch_recovery.hpp"

namespace pt {

FileLookup repository_file_lookup(const Repository& repo, const std::vector<BranchTarget>& targets) {
  return [&repo, targets](const std::string& path, const std::string& blob) {
    std::vector<FileCandidate> out;
    // The preimage the sender diffed against is the best witness of the damaged lines.
    if (!blob.empty() && blob.find_first_not_of('0') != std::string::npos)
      if (std::optional<std::string> text = repo.read_blob(blob))
        out.push_back({std::move(*text), "blob " + blob});
    for (const auto& t : targets) {
      if (!t.commit) continue;
      if (std::optional<std::string> text = repo.read_file(*t.commit, path)) {
        bool seen = false;
        for (const auto& c : out) seen = seen || c.text == *text;
        if (!seen) out.push_back({std::move(*text), t.name + ":" + path});
      }
    }
    return out;
  };
}

bool rebuild_recovered_diff(Patch& patch, const Repository& repo,
                            const std::vector<BranchTarget>& targets) {
  if (!patch.recovered || patch.recovered->diff_exact || patch.recovered->damaged_diff.empty())
    return false;
  RebuiltDiff rebuilt = rebuild_diff(patch.recovered->damaged_diff, patch.recovered->flattened,
                                     repository_file_lookup(repo, targets));
  std::string before(patch.diff.text());
  bool was_exact = patch.recovered->preimage_exact;
  adopt_rebuilt_diff(patch, rebuilt);
  return patch.diff.text() != before || patch.recovered->preimage_exact != was_exact;
}

}  // namespace pt
