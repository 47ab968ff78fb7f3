#include "input/read_blocks.hpp"

namespace pt {

std::shared_ptr<ReadBlocks> ReadBlocks::create(std::size_t block_size, std::size_t keep) {
  return std::shared_ptr<ReadBlocks>(new ReadBlocks(block_size, keep));
}

std::shared_ptr<char[]> ReadBlocks::take() {
  std::unique_ptr<char[]> block;
  {
    std::lock_guard lock(m_mu);
    if (!m_idle.empty()) {
      block = std::move(m_idle.back());
      m_idle.pop_back();
    }
  }
  if (!block) block.reset(new char[m_block_size]);
  return std::shared_ptr<char[]>(block.release(),
                                 [pool = shared_from_this()](char* b) { pool->give_back(b); });
}

void ReadBlocks::give_back(char* block) {
  std::unique_ptr<char[]> owned(block);
  std::lock_guard lock(m_mu);
  if (m_idle.size() < m_keep) m_idle.push_back(std::move(owned));
}

std::size_t ReadBlocks::idle() const {
  std::lock_guard lock(m_mu);
  return m_idle.size();
}

}  // namespace pt
