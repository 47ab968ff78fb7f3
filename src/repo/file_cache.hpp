// repo stage: files of commits' trees, shared by the fact collectors of a batch's workers.
// (commit, path) -> the file's bytes, the most recently used ones up to a byte budget.
// Each worker reads through its own Repository (a libgit2 object is used from one thread at
// a time) and libgit2's object cache is capped for all of them together, so a file many
// patches touch (xhci-ring.c in an AUTOSEL series for five stable versions) was inflated
// again by each worker, and again after the cap pushed it out. Reading files took a third
// of a batch's judging.
#pragma once

#include <cstddef>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "repo/file_bytes.hpp"

namespace pt {

class FileCache {
 public:
  using Load = std::function<std::optional<FileBytes>()>;

  explicit FileCache(std::size_t budget = k_default_budget) : m_budget(budget) {}
  static constexpr std::size_t k_default_budget = 4u << 20;

  // The bytes of `path` in the tree of `commit` (nullopt: no such file), from the cache or
  // else from `load`, which runs outside the cache's lock (two workers may load one file at
  // once; the first stored stays). The cache keeps what `load` returned, bytes and owner,
  // uncopied: a libgit2 blob the loading worker read stays valid while the cache holds it
  // (libgit2 frees an uncached object by its own reference count), and the judging keeps
  // every worker's repository open until all of them are done. Any thread.
  std::optional<FileBytes> get(const std::string& commit, const std::string& path, const Load& load);

 private:
  struct Entry {
    std::optional<FileBytes> bytes;
    std::size_t size = 0;
    std::list<std::string>::iterator used;  // its place in m_order
  };
  void evict_to(std::size_t budget);  // under m_mu

  const std::size_t m_budget;
  std::mutex m_mu;
  std::size_t m_size = 0;
  std::list<std::string> m_order;  // keys, most recently used first
  std::unordered_map<std::string, Entry> m_entries;
};

}  // namespace pt
