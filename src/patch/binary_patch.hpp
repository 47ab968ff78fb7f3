// patch stage: the data lines of a git binary patch block, checked as git apply does.
// text after a "literal N" / "delta N" line -> where the block ends, or that it is broken.
#pragma once

#include <cstdint>
#include <string_view>

namespace pt {

struct Base85Block {
  bool ok = false;
  std::size_t end = 0;  // just after the blank line that ends the block (ok)
  int lines = 0;        // lines read: up to the blank one (ok) or to the broken one
};

// The base85 lines from `pos` to the blank line that ends the block, as git apply's
// parse_binary_hunk reads them: each line's length letter ('A'-'Z' 1-26 bytes, 'a'-'z'
// 27-52) against its length, the base85 alphabet and 32-bit overflow, and the data
// inflating to exactly `size` bytes.
Base85Block read_base85_block(std::string_view text, std::size_t pos, std::uint64_t size);

}  // namespace pt
