// facts stage: the on-disk cache of history indexes, keyed by the commits they describe.
// (key, lines) <-> $PATCHTRIAGE_CACHE_DIR, else $XDG_CACHE_HOME/patchtriage, else
// ~/.cache/patchtriage; never inside the user's repository.
#pragma once

#include <optional>
#include <string>

namespace pt {

class IndexCache {
 public:
  // The cache directory from the environment (see above); disabled when none can be found
  // or PATCHTRIAGE_CACHE=off.
  static IndexCache from_environment();
  // A cache in `dir`; "" disables it.
  explicit IndexCache(std::string dir = {}) : m_dir(std::move(dir)) {}

  bool enabled() const { return !m_dir.empty(); }
  const std::string& dir() const { return m_dir; }
  // The text stored under `key` ("branch-<tip>-<base>.refs"), nullopt when absent or
  // written by another format version.
  std::optional<std::string> load(const std::string& key) const;
  // Stores `text` under `key`: written to a temporary file and renamed, so a reader never
  // sees half a file. Failure to write only costs speed: it is ignored.
  void store(const std::string& key, const std::string& text) const;

 private:
  std::string m_dir;
};

}  // namespace pt
