#include "repo/file_cache.hpp"

namespace pt {

namespace {

// What an entry counts against the budget besides its bytes (key, node, bookkeeping), so
// that absent files, which have none, cannot grow the cache without bound.
constexpr std::size_t k_entry_overhead = 128;

}  // namespace

std::optional<FileBytes> FileCache::get(const std::string& commit, const std::string& path,
                                        const Load& load) {
  std::string key = commit;
  key.push_back('\0');
  key += path;
  {
    std::lock_guard lock(m_mu);
    if (auto it = m_entries.find(key); it != m_entries.end()) {
      m_order.splice(m_order.begin(), m_order, it->second.used);
      return it->second.bytes;
    }
  }
  std::optional<FileBytes> loaded = load();
  const std::size_t size = (loaded ? loaded->bytes.size() : 0) + key.size() + k_entry_overhead;
  if (size > m_budget) return loaded;  // larger than the whole cache: not kept
  // Kept as loaded: a copy of each file read cost a page fault per page of it (the freed
  // blob's pages are handed back at once while judging) and ~18% of a batch's page faults.
  std::lock_guard lock(m_mu);
  auto [it, added] = m_entries.try_emplace(key);
  if (!added) {  // another worker stored it meanwhile
    m_order.splice(m_order.begin(), m_order, it->second.used);
    return it->second.bytes;
  }
  evict_to(m_budget - size);
  m_order.push_front(key);
  it->second.bytes = loaded;
  it->second.size = size;
  it->second.used = m_order.begin();
  m_size += size;
  return loaded;
}

void FileCache::evict_to(std::size_t budget) {
  while (m_size > budget && !m_order.empty()) {
    auto it = m_entries.find(m_order.back());
    m_size -= it->second.size;
    m_entries.erase(it);
    m_order.pop_back();
  }
}

}  // namespace pt
