#include "test_support.hpp"

#include <cctype>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace pt::test {

std::filesystem::path corpus_dir() {
  std::filesystem::path p = std::filesystem::path(PATCHTRIAGE_SHARED) / "corpus";
  return std::filesystem::is_directory(p) ? p : std::filesystem::path();
}

std::string sh(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

RunResult run_shell(const std::string& cmd) {
  RunResult r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

RunResult run_binary(const std::string& args) {
  std::string cmd = PATCHTRIAGE_BINARY;
  cmd += ' ';
  cmd += args;
  return run_shell(cmd);
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string case_name(std::string text) {
  for (char& c : text)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return text;
}

std::vector<RawMessage> split_text(const std::string& text, MboxDialect dialect) {
  std::vector<RawMessage> out;
  MboxSplitter splitter("test", dialect, [&](RawMessage&& m) { out.push_back(std::move(m)); });
  splitter.feed(text);
  splitter.finish();
  return out;
}

}  // namespace pt::test
