// patch stage: references to the upstream commit of a backport.
// Commit message or mail body text -> upstream commit ids in the order they are named.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pt {

struct UpstreamRef {
  std::string sha;   // 12-40 (or 64) hex digits, lower case
  std::string form;  // "upstream-commit", "commit-upstream" or "cherry-picked"
  int line = 0;      // 1-based line of `message` holding the reference
};

// Finds `[ Upstream commit <sha> ]`, `commit <sha> upstream.` and `(cherry picked from
// commit <sha>)` lines, in order, each sha once (its first mention). Never fails: a text
// without such lines yields an empty list.
std::vector<UpstreamRef> find_upstream_refs(std::string_view message);

}  // namespace pt
