// input stage: transparent decompression of gzip and zstd streams.
// compressed byte chunks -> plain byte chunks, constant memory.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace pt {

enum class Compression { none, gzip, zstd };

// The compression named by the first bytes of a stream (magic numbers).
Compression detect_compression(std::string_view head);

// Streams decompressed output to `sink` as compressed chunks are pushed in.
class Decompressor {
 public:
  using Sink = std::function<void(std::string_view)>;
  static std::unique_ptr<Decompressor> create(Compression kind, Sink sink);
  virtual ~Decompressor() = default;
  // Decompresses `chunk`; returns "" or an error text (corrupt data).
  virtual std::string push(std::string_view chunk) = 0;
  // Ends the stream; returns "" or an error text (truncated data).
  virtual std::string finish() = 0;
};

}  // namespace pt
