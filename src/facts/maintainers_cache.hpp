// facts stage: parsed MAINTAINERS files, shared by the fact collectors of a batch's workers.
// commit -> MaintainersFile, parsed once per run however many workers ask. A parsed
// MAINTAINERS of the kernel holds a few MB of compiled patterns: a copy per worker and target
// branch was, after libgit2's object cache, the largest memory a judging worker held.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "facts/maintainers.hpp"

namespace pt {

class MaintainersCache {
 public:
  using Parse = std::function<std::optional<MaintainersFile>()>;

  // The MAINTAINERS of `commit`, made by `parse` on first use (nullopt: the tree has none);
  // nullptr when there is none. The file stays valid, and unchanged, while the cache lives:
  // find_maintainers only reads it, so workers may look up patches in it at once. Any
  // thread; a parse runs under the cache's lock, so two workers never parse the same file.
  const MaintainersFile* get(const std::string& commit, const Parse& parse) {
    std::lock_guard lock(m_mu);
    auto it = m_files.find(commit);
    if (it == m_files.end()) it = m_files.emplace(commit, parse()).first;
    return it->second ? &*it->second : nullptr;
  }

 private:
  std::mutex m_mu;
  std::map<std::string, std::optional<MaintainersFile>> m_files;  // by commit
};

}  // namespace pt
