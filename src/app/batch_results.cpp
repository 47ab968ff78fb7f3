#include "app/batch_results.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "app/batch_files.hpp"

namespace pt {

namespace {

std::runtime_error io_error(const std::string& what, const std::string& path) {
  std::string text = what;
  text += " ";
  text += path;
  text += ": ";
  text += std::strerror(errno);
  return std::runtime_error(text);
}

}  // namespace

std::string result_key(std::string_view message_id, std::string_view title,
                       std::string_view message, std::string_view patch_text) {
  using json = nlohmann::json;
  // The JSON text of the strings: the record's own replacement of bytes that are not
  // UTF-8 (U+FFFD), applied the same way to the parsed mail and to the record read back.
  json content = json::array({title, message, patch_text});
  std::string text = content.dump(-1, ' ', false, json::error_handler_t::replace);
  std::string id = json(message_id).dump(-1, ' ', false, json::error_handler_t::replace);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a64(text)));
  std::string key = std::move(id);
  key += '\t';
  key += hex;
  return key;
}

std::string result_key(const Patch& patch) {
  return result_key(patch.message_id, patch.title, patch.message, patch.patch_text);
}

std::size_t read_results(const std::string& path, bool drop_torn,
                         const std::function<void(std::string_view, std::size_t)>& line) {
  int fd = ::open(path.c_str(), (drop_torn ? O_RDWR : O_RDONLY) | O_CLOEXEC);
  if (fd < 0) throw io_error("cannot open", path);
  std::string pending;
  std::size_t number = 0, kept = 0;  // kept: bytes up to the end of the last whole line
  std::vector<char> buf(1 << 20);
  for (;;) {
    ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      throw io_error("cannot read", path);
    }
    if (n == 0) break;
    std::string_view chunk(buf.data(), static_cast<std::size_t>(n));
    std::size_t at = 0;
    for (std::size_t nl; (nl = chunk.find('\n', at)) != std::string_view::npos; at = nl + 1) {
      std::string_view text = chunk.substr(at, nl - at);
      kept += pending.size() + text.size() + 1;
      if (pending.empty()) {
        line(text, ++number);
      } else {
        pending.append(text);
        line(pending, ++number);
        pending.clear();
      }
    }
    pending.append(chunk.substr(at));
  }
  std::size_t torn = 0;
  if (!pending.empty()) {
    if (drop_torn) {
      torn = pending.size();
      if (::ftruncate(fd, static_cast<off_t>(kept)) != 0) {
        ::close(fd);
        throw io_error("cannot truncate the torn last line of", path);
      }
    } else {
      line(pending, ++number);
    }
  }
  ::close(fd);
  return torn;
}

bool write_text_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (out.flush()) return true;
  std::fprintf(stderr, "patchtriage: error: cannot write %s\n", path.c_str());
  return false;
}

ResultWriter::ResultWriter(const std::string& path, bool append) {
  if (path.empty() || path == "-") return;
  m_fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), 0666);
  if (m_fd < 0) throw io_error("cannot write", path);
  m_owned = true;
  m_name = path;
}

ResultWriter::~ResultWriter() {
  if (m_owned) ::close(m_fd);
}

void ResultWriter::write_line(std::string text) {
  text.push_back('\n');
  const char* p = text.data();
  std::size_t left = text.size();
  while (left) {
    ssize_t n = ::write(m_fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw io_error("cannot write", m_name);
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

}  // namespace pt
