// fuzz target: input stage (mbox splitting, compression detection and decoders).
// bytes -> MboxSplitter messages, fed whole and in chunks (both must agree); gzip/zstd streams.
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "input/decompress.hpp"
#include "input/mbox_splitter.hpp"

namespace {

std::vector<pt::RawMessage> split(std::string_view text, pt::MboxDialect dialect, std::size_t step) {
  std::vector<pt::RawMessage> out;
  pt::MboxSplitter splitter("fuzz", dialect, [&](pt::RawMessage&& m) { out.push_back(std::move(m)); });
  if (step == 0) {
    splitter.feed(text);
  } else {
    for (std::size_t i = 0; i < text.size(); i += step) splitter.feed(text.substr(i, step));
  }
  splitter.finish();
  pt::fuzz::require(splitter.message_count() == out.size(), "message_count equals messages emitted");
  return out;
}

// Runs a decoder over corrupt or valid data; the output is counted, not kept (a bomb is the
// reader's memory question, not the decoder's).
void decompress(pt::Compression kind, std::string_view text) {
  std::size_t total = 0;
  auto d = pt::Decompressor::create(kind, [&](std::string_view plain) { total += plain.size(); });
  if (!d) return;
  if (d->push(text).empty()) d->finish();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = pt::fuzz::as_text(data, size);
  // Dialect and chunk size from the size, so that seeds are plain mbox files.
  auto dialect = static_cast<pt::MboxDialect>(size % 3);
  std::size_t step = 1 + size % 61;
  std::vector<pt::RawMessage> whole = split(text, dialect, 0);
  std::vector<pt::RawMessage> chunked = split(text, dialect, step);
  pt::fuzz::require(whole.size() == chunked.size(), "chunking keeps the message count");
  for (std::size_t i = 0; i < whole.size(); ++i) {
    pt::fuzz::require(whole[i].offset == chunked[i].offset, "chunking keeps offsets");
    pt::fuzz::require(whole[i].envelope == chunked[i].envelope, "chunking keeps envelopes");
    pt::fuzz::require(whole[i].text() == chunked[i].text(), "chunking keeps message bytes");
    pt::fuzz::require(whole[i].offset <= size, "offset inside the input");
  }
  for (std::string_view line : pt::fuzz::lines_of(text)) (void)pt::is_from_line(line);

  pt::Compression kind = pt::detect_compression(text);
  if (kind != pt::Compression::none) decompress(kind, text);
  else if (size > 0 && (data[0] & 1)) decompress(pt::Compression::gzip, text);
  else if (size > 0) decompress(pt::Compression::zstd, text);
  return 0;
}
