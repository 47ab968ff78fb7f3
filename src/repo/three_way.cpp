#include "repo/three_way.hpp"

namespace pt {

ApplyResult check_three_way(const Diff& diff, const FileReader& read, const BlobReader& blob,
                            const FileMerger& merge, ApplyResult forward) {
  if (forward.files.size() != diff.files.size()) return forward;
  ApplyStatus overall = ApplyStatus::clean;
  for (std::size_t i = 0; i < diff.files.size(); ++i) {
    FileResult& fr = forward.files[i];
    const FileDiff& fd = diff.files[i];
    // git apply --3way falls back only for content that does not apply to an existing file.
    if (fr.status == ApplyStatus::conflict && !fd.old_blob.empty() && !fd.old_path.empty() &&
        !fd.new_path.empty() && !fd.binary) {
      std::optional<std::string> base = blob(fd.old_blob);
      std::optional<std::string> ours = base ? read(fd.old_path) : std::nullopt;
      if (base && ours) {
        // The postimage: the file's own hunks applied to the blob they were made against.
        Diff one;
        one.files.push_back(fd);
        const std::string& path = fd.old_path;
        FileReader from_base = [&](const std::string& p) -> std::optional<std::string> {
          if (p == path) return base;
          return std::nullopt;
        };
        std::map<std::string, std::optional<std::string>> contents;
        ApplyResult on_base = check_apply(one, from_base, false, &contents);
        auto theirs = contents.find(fd.new_path);
        if ((on_base.status == ApplyStatus::clean || on_base.status == ApplyStatus::offset) &&
            theirs != contents.end() && theirs->second) {
          if (merge(*base, *ours, *theirs->second)) {
            fr.status = ApplyStatus::three_way;
            fr.detail = "merged from preimage blob " + fd.old_blob;
          }
        }
      }
      // A failed fallback keeps the conflict's own detail (hunk, line, first mismatch).
    }
    overall = worse(overall, fr.status);
  }
  forward.status = overall;
  return forward;
}

}  // namespace pt
