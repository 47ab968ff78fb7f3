// input stage: the blocks a file is read into, handed back and reused once the last
// message sliced from one is gone (a fresh block for every read() was faulted in page by
// page once the allocator had handed freed memory back; see bench/README.md).
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

namespace pt {

class ReadBlocks : public std::enable_shared_from_this<ReadBlocks> {
 public:
  // Blocks of `block_size` bytes; at most `keep` idle ones are held for reuse, any more
  // are freed when they come back.
  static std::shared_ptr<ReadBlocks> create(std::size_t block_size, std::size_t keep);

  // A block of `block_size` bytes; dropping the last copy of it hands it back here, from
  // any thread (the pool lives while one of its blocks does).
  std::shared_ptr<char[]> take();

  std::size_t idle() const;

 private:
  ReadBlocks(std::size_t block_size, std::size_t keep) : m_block_size(block_size), m_keep(keep) {}
  void give_back(char* block);

  const std::size_t m_block_size;
  const std::size_t m_keep;
  mutable std::mutex m_mu;
  std::vector<std::unique_ptr<char[]>> m_idle;
};

}  // namespace pt
