#include "patch/binary_patch.hpp"

#include <zlib.h>

#include <string>

#include "util/text.hpp"

namespace pt {
namespace {

constexpr std::size_t npos = std::string_view::npos;

// Base85 of git's binary patches: checks the alphabet and 32-bit overflow like decode_85.
bool decode_85(std::string_view in, std::size_t len, std::string& out) {
  static constexpr std::string_view alphabet =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~";
  std::size_t at = 0;
  while (len) {
    uint32_t acc = 0;
    for (int i = 0; i < 5; ++i) {
      std::size_t de = at < in.size() ? alphabet.find(in[at++]) : npos;
      if (de == npos) return false;
      if (i == 4 && (0xffffffffu / 85 < acc || 0xffffffffu - de < acc * 85u)) return false;
      acc = acc * 85 + static_cast<uint32_t>(de);
    }
    for (std::size_t n = len < 4 ? len : 4, k = 0; k < n; ++k, --len)
      out.push_back(static_cast<char>(acc >> (24 - 8 * k)));
  }
  return true;
}

// git only accepts a binary hunk whose data inflates to exactly the announced size. The
// data is inflated through a small window and counted, not into a buffer of that size: the
// size is the mail's say-so, and a line of forty bytes can announce 4 GB (found by
// fuzz_diff: a 2.6 GB peak from a mail of a few hundred bytes).
bool inflates_to(const std::string& data, uint64_t size) {
  if (size > (uint64_t{1} << 32)) return false;
  z_stream zs{};
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  if (inflateInit(&zs) != Z_OK) return false;
  unsigned char window[16384];
  int st = Z_OK;
  while (st == Z_OK && zs.total_out <= size) {  // Z_BUF_ERROR: the data ran out
    zs.next_out = window;
    zs.avail_out = sizeof window;
    st = inflate(&zs, Z_NO_FLUSH);
  }
  const bool ok = st == Z_STREAM_END && zs.total_out == size;
  inflateEnd(&zs);
  return ok;
}

}  // namespace

Base85Block read_base85_block(std::string_view text, std::size_t pos, std::uint64_t size) {
  Base85Block block;
  std::string data;
  for (;;) {
    std::string_view line = next_line(text, pos);  // with its '\n'; empty at the end
    ++block.lines;
    if (line.size() == 1) break;  // the blank line that ends the block
    // Each 5 base85 chars carry 4 bytes; the length letter says how many of them count.
    if (line.size() < 7 || (line.size() - 2) % 5) return block;
    const std::size_t max_bytes = (line.size() - 2) / 5 * 4;
    std::size_t bytes;
    const char c = line[0];
    if (c >= 'A' && c <= 'Z')
      bytes = static_cast<std::size_t>(c - 'A' + 1);
    else if (c >= 'a' && c <= 'z')
      bytes = static_cast<std::size_t>(c - 'a' + 27);
    else
      return block;
    if (max_bytes < bytes || bytes + 4 <= max_bytes) return block;
    if (!decode_85(line.substr(1), bytes, data)) return block;
  }
  if (!inflates_to(data, size)) return block;
  block.ok = true;
  block.end = pos;
  return block;
}

}  // namespace pt
