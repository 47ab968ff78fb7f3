// tests: shared helpers (corpus paths, file reading, splitting).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "input/mbox_splitter.hpp"
#include "input/raw_message.hpp"

namespace pt::test {

// The shared corpus folder, or "" when it is absent (tests then GTEST_SKIP visibly).
std::filesystem::path corpus_dir();
std::string read_file(const std::filesystem::path& path);
// A gtest/ctest case name from any text: every byte that is not a letter or digit becomes '_'.
std::string case_name(std::string text);

// Runs a shell command and returns its stdout without trailing newlines.
std::string sh(const std::string& cmd);

// What a command printed on stdout (stderr only if the command redirects it) and its exit
// code (-1 when it did not exit normally).
struct RunResult {
  int exit_code = -1;
  std::string out;
};
// Runs a shell command line as it is.
RunResult run_shell(const std::string& cmd);
// Runs `patchtriage ARGS` (the binary under test) through the shell.
RunResult run_binary(const std::string& args);

// Splits a whole mbox (or bare message) text into messages.
std::vector<RawMessage> split_text(const std::string& text, MboxDialect dialect = MboxDialect::detect);

}  // namespace pt::test

#define REQUIRE_CORPUS()                                                              \
  do {                                                                                \
    if (::pt::test::corpus_dir().empty())                                             \
      GTEST_SKIP() << "shared corpus not found at " PATCHTRIAGE_SHARED "/corpus";     \
  } while (0)
