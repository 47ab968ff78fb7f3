#include "repo/hook_install.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace pt {

namespace fs = std::filesystem;

namespace {

// Single quotes for sh: 'it'\''s'.
std::string sh_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

[[noreturn]] void fail(const std::string& what, const std::string& path) {
  throw std::runtime_error(what + " " + path + ": " + std::strerror(errno));
}

}  // namespace

std::string hooks_dir(const Repository& repo) {
  std::vector<std::string> values = repo.config_values("core.hooksPath");
  if (!values.empty() && !values.back().empty()) {
    std::string p = values.back();  // the last one wins, as git reads a single value
    if (p.rfind("~/", 0) == 0)
      if (const char* home = std::getenv("HOME")) p = std::string(home) + p.substr(1);
    if (fs::path(p).is_relative()) {
      // githooks(5): relative to where hooks run: the work tree's top, or $GIT_DIR when bare.
      std::string base = repo.work_dir().empty() ? repo.git_dir() : repo.work_dir();
      p = (fs::path(base) / p).lexically_normal().string();
    }
    return p;
  }
  return (fs::path(repo.common_dir()) / "hooks").lexically_normal().string();
}

std::string hook_script(const std::string& binary, const std::vector<std::string>& args) {
  std::string s = "#!/bin/sh\n";
  s += k_hook_marker;
  s += "\n# A NO rejects (exit 1); exit 2 or 4 means the hook could not judge: see patchtriage(1), "
       "HOOKS.\n";
  s += "bin=" + sh_quote(binary) + "\n";
  s += "if ! [ -x \"$bin\" ]; then\n";
  s += "  echo \"patchtriage hook: $bin is gone; run patchtriage hook install again, or hook "
       "uninstall\" >&2\n";
  s += "  exit 4\nfi\n";
  s += "exec \"$bin\" hook";
  for (const auto& a : args) {
    s += ' ';
    s += sh_quote(a);
  }
  s += " \"$@\"\n";
  return s;
}

bool is_our_hook(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return false;
  return read_all(path).find(k_hook_marker) != std::string::npos;
}

HookFileChange install_hook_file(const std::string& dir, const std::string& name,
                                 const std::string& script, bool force) {
  HookFileChange c;
  c.path = (fs::path(dir) / name).string();
  std::error_code ec;
  if (fs::exists(fs::symlink_status(c.path, ec)) && !is_our_hook(c.path)) {
    if (!force) {
      c.refused = true;
      return c;
    }
    c.backup = c.path + ".before-patchtriage";
    if (fs::exists(fs::symlink_status(c.backup, ec)))
      throw std::runtime_error("cannot keep the existing hook aside: " + c.backup +
                               " exists already (move one of them away)");
    if (std::rename(c.path.c_str(), c.backup.c_str()) != 0) fail("cannot rename", c.path);
  }
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create " + dir + ": " + ec.message());
  const std::string tmp = c.path + ".patchtriage-tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f << script;
    f.close();
    if (!f) fail("cannot write", tmp);
  }
  if (::chmod(tmp.c_str(), 0755) != 0) fail("cannot make executable", tmp);
  if (std::rename(tmp.c_str(), c.path.c_str()) != 0) {
    int saved = errno;
    std::remove(tmp.c_str());
    errno = saved;
    fail("cannot write", c.path);
  }
  c.changed = true;
  return c;
}

HookFileChange uninstall_hook_file(const std::string& dir, const std::string& name) {
  HookFileChange c;
  c.path = (fs::path(dir) / name).string();
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(c.path, ec))) return c;
  if (!is_our_hook(c.path)) {
    c.refused = true;
    return c;
  }
  if (std::remove(c.path.c_str()) != 0) fail("cannot remove", c.path);
  c.changed = true;
  const std::string kept = c.path + ".before-patchtriage";
  if (fs::exists(fs::symlink_status(kept, ec))) {
    if (std::rename(kept.c_str(), c.path.c_str()) != 0) fail("cannot restore", kept);
    c.backup = kept;
  }
  return c;
}

}  // namespace pt
