#include "facts/index_cache.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace pt {

namespace {
// The first line of every cache file; a file with another one is ignored (rebuilt).
constexpr const char* k_format = "patchtriage-index 1\n";
}  // namespace

IndexCache IndexCache::from_environment() {
  auto env = [](const char* name) -> std::string {
    const char* v = std::getenv(name);
    return v ? v : "";
  };
  if (env("PATCHTRIAGE_CACHE") == "off") return IndexCache();
  if (!env("PATCHTRIAGE_CACHE_DIR").empty()) return IndexCache(env("PATCHTRIAGE_CACHE_DIR"));
  if (!env("XDG_CACHE_HOME").empty()) return IndexCache(env("XDG_CACHE_HOME") + "/patchtriage");
  if (!env("HOME").empty()) return IndexCache(env("HOME") + "/.cache/patchtriage");
  return IndexCache();
}

std::optional<std::string> IndexCache::load(const std::string& key) const {
  if (!enabled()) return std::nullopt;
  std::ifstream in(m_dir + "/" + key, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  const std::string head = k_format;
  if (s.compare(0, head.size(), head) != 0) return std::nullopt;
  return s.substr(head.size());
}

void IndexCache::store(const std::string& key, const std::string& text) const {
  if (!enabled()) return;
  std::error_code ec;
  std::filesystem::create_directories(m_dir, ec);
  // Named by process and thread: batch workers of one process may store at once.
  std::string tmp = m_dir + "/." + key + "." + std::to_string(::getpid()) + "." +
                    std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id())) + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return;
    out << k_format << text;
    if (!out.flush()) {
      std::filesystem::remove(tmp, ec);
      return;
    }
  }
  std::filesystem::rename(tmp, m_dir + "/" + key, ec);
  if (ec) std::filesystem::remove(tmp, ec);
}

}  // namespace pt
