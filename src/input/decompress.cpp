#include "input/decompress.hpp"

#include <zlib.h>
#include <zstd.h>

#include <vector>

namespace pt {

Compression detect_compression(std::string_view head) {
  if (head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f &&
      static_cast<unsigned char>(head[1]) == 0x8b)
    return Compression::gzip;
  if (head.size() >= 4 && static_cast<unsigned char>(head[0]) == 0x28 &&
      static_cast<unsigned char>(head[1]) == 0xb5 && static_cast<unsigned char>(head[2]) == 0x2f &&
      static_cast<unsigned char>(head[3]) == 0xfd)
    return Compression::zstd;
  return Compression::none;
}

namespace {

constexpr std::size_t k_out_chunk = 1 << 20;

// "gzip: incorrect header check at byte 10 of the compressed data": where the decoder stopped.
std::string at_byte(const char* prefix, const char* what, std::size_t offset) {
  std::string out = prefix;
  out += what;
  out += " at byte ";
  out += std::to_string(offset);
  out += " of the compressed data";
  return out;
}

class ZstdDecompressor : public Decompressor {
 public:
  explicit ZstdDecompressor(Sink sink) : m_sink(std::move(sink)), m_out(k_out_chunk) {
    m_stream = ZSTD_createDStream();
  }
  ~ZstdDecompressor() override { ZSTD_freeDStream(m_stream); }
  std::string push(std::string_view chunk) override {
    ZSTD_inBuffer in{chunk.data(), chunk.size(), 0};
    while (in.pos < in.size) {
      ZSTD_outBuffer out{m_out.data(), m_out.size(), 0};
      std::size_t r = ZSTD_decompressStream(m_stream, &out, &in);
      if (ZSTD_isError(r)) {
        m_failed = true;
        return at_byte("zstd: ", ZSTD_getErrorName(r), m_in + in.pos);
      }
      m_last = r;
      if (out.pos) m_sink(std::string_view(m_out.data(), out.pos));
    }
    m_in += chunk.size();
    return {};
  }
  std::string finish() override {
    // A finished frame returned 0: asking again would start waiting for the next frame.
    if (m_last == 0 || m_failed) return {};  // (a failure was reported by push)
    // Drain what the decoder still holds.
    for (;;) {
      ZSTD_inBuffer in{nullptr, 0, 0};
      ZSTD_outBuffer out{m_out.data(), m_out.size(), 0};
      std::size_t r = ZSTD_decompressStream(m_stream, &out, &in);
      if (ZSTD_isError(r)) return at_byte("zstd: ", ZSTD_getErrorName(r), m_in);
      m_last = r;
      if (out.pos) m_sink(std::string_view(m_out.data(), out.pos));
      if (out.pos < out.size) break;
    }
    return m_last == 0 ? std::string() : at_byte("zstd: ", "truncated input", m_in);
  }

 private:
  Sink m_sink;
  std::vector<char> m_out;
  ZSTD_DStream* m_stream;
  std::size_t m_last = 0;
  std::size_t m_in = 0;  // compressed bytes consumed by earlier pushes
  bool m_failed = false;
};

class GzipDecompressor : public Decompressor {
 public:
  explicit GzipDecompressor(Sink sink) : m_sink(std::move(sink)), m_out(k_out_chunk) {
    m_stream = {};
    inflateInit2(&m_stream, 15 + 32);  // 32: accept gzip and zlib headers
  }
  ~GzipDecompressor() override { inflateEnd(&m_stream); }
  std::string push(std::string_view chunk) override {
    m_stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(chunk.data()));
    m_stream.avail_in = static_cast<uInt>(chunk.size());
    while (m_stream.avail_in > 0) {
      if (m_ended) {
        // Concatenated gzip members (as `cat a.gz b.gz`) continue the stream.
        inflateReset(&m_stream);
        m_ended = false;
      }
      m_stream.next_out = reinterpret_cast<Bytef*>(m_out.data());
      m_stream.avail_out = static_cast<uInt>(m_out.size());
      int r = inflate(&m_stream, Z_NO_FLUSH);
      std::size_t have = m_out.size() - m_stream.avail_out;
      if (have) m_sink(std::string_view(m_out.data(), have));
      if (r == Z_STREAM_END) {
        m_ended = true;
      } else if (r != Z_OK && r != Z_BUF_ERROR) {
        m_failed = true;
        return at_byte("gzip: ", m_stream.msg ? m_stream.msg : "corrupt data",
                       m_in + chunk.size() - m_stream.avail_in);
      } else if (r == Z_BUF_ERROR && have == 0) {
        break;
      }
    }
    m_in += chunk.size();
    return {};
  }
  std::string finish() override {
    // (a failure was reported by push)
    return m_ended || m_failed ? std::string() : at_byte("gzip: ", "truncated input", m_in);
  }

 private:
  Sink m_sink;
  std::vector<char> m_out;
  z_stream m_stream;
  bool m_ended = false;
  std::size_t m_in = 0;  // compressed bytes consumed by earlier pushes
  bool m_failed = false;
};

}  // namespace

std::unique_ptr<Decompressor> Decompressor::create(Compression kind, Sink sink) {
  switch (kind) {
    case Compression::zstd: return std::make_unique<ZstdDecompressor>(std::move(sink));
    case Compression::gzip: return std::make_unique<GzipDecompressor>(std::move(sink));
    case Compression::none: break;
  }
  return nullptr;
}

}  // namespace pt
