// fuzz targets: what every target shares.
// libFuzzer's bytes -> string views; a check that stops the run like a sanitizer report.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace pt::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A property the product promises that the input broke: libFuzzer saves the input as a crash.
inline void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz property violated: %s\n", what);
  std::abort();
}

// The lines of `text` without their '\n'.
inline std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    out.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

// Option bits taken from the last byte without consuming it, so that corpus seeds stay
// plain mail (a leading option byte would damage their first header).
inline unsigned option_bits(std::string_view text) {
  return text.empty() ? 0u : static_cast<unsigned char>(text.back());
}

}  // namespace pt::fuzz
