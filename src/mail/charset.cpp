#include "mail/charset.hpp"

#include <iconv.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <map>
#include <string>

#include "util/text.hpp"

namespace pt {

bool is_utf8_charset(std::string_view cs) {
  return iequals(cs, "utf-8") || iequals(cs, "utf8");
}

bool is_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0, n = s.size();
  while (i < n) {
    // Mail text is mostly ASCII: skip it eight bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, s.data() + i, 8);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = s[i];
    if (c < 0x80) { ++i; continue; }
    int len = (c >= 0xF0 && c <= 0xF4) ? 4 : (c >= 0xE0) ? 3 : (c >= 0xC2 && c < 0xE0) ? 2 : 0;
    if (!len || (c > 0xF4) || i + len > n) return false;
    for (int k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    ++i;
    i += len - 1;
  }
  return true;
}

namespace {

}  // namespace

bool charset_may_change_ascii(std::string_view cs) {
  return istarts_with(cs, "utf-7") || istarts_with(cs, "iso-2022") ||
         istarts_with(cs, "iso2022") || istarts_with(cs, "utf-16") ||
         istarts_with(cs, "utf-32") || istarts_with(cs, "ucs") || istarts_with(cs, "hz");
}

namespace {

// One iconv descriptor per charset and thread: iconv_open is far too slow per line.
// Closed when the thread ends.
struct DescriptorCache {
  std::map<std::string, iconv_t, std::less<>> open;
  ~DescriptorCache() {
    for (auto& [name, cd] : open)
      if (cd != reinterpret_cast<iconv_t>(-1)) iconv_close(cd);
  }
};

iconv_t descriptor_for(std::string_view charset) {
  thread_local DescriptorCache cache;
  auto it = cache.open.find(charset);
  if (it != cache.open.end()) return it->second;
  std::string name(charset);
  iconv_t cd = iconv_open("UTF-8", name.c_str());
  cache.open.emplace(std::move(name), cd);
  return cd;
}

}  // namespace

bool convert_to_utf8(std::string_view in, std::string_view charset, std::string& out) {
  if (charset.empty() || is_utf8_charset(charset) ||
      (is_ascii(in) && !charset_may_change_ascii(charset))) {
    out.assign(in);
    return true;
  }
  iconv_t cd = descriptor_for(charset);
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    out.assign(in);
    return false;
  }
  iconv(cd, nullptr, nullptr, nullptr, nullptr);  // reset shift state
  std::string result;
  result.resize(in.size() * 4 + 16);
  char* src = const_cast<char*>(in.data());
  std::size_t src_left = in.size();
  char* dst = result.data();
  std::size_t dst_left = result.size();
  while (src_left > 0) {
    std::size_t r = iconv(cd, &src, &src_left, &dst, &dst_left);
    if (r != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) {
      std::size_t used = dst - result.data();
      result.resize(result.size() * 2);
      dst = result.data() + used;
      dst_left = result.size() - used;
      continue;
    }
    out.assign(in);  // invalid or incomplete sequence: keep the bytes as they came
    return false;
  }
  // Flush a stateful encoding's final shift sequence.
  iconv(cd, nullptr, nullptr, &dst, &dst_left);
  result.resize(dst - result.data());
  out = std::move(result);
  return true;
}

}  // namespace pt
