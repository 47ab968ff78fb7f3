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

// Splits a whole mbox (or bare message) text into messages.
std::vector<RawMessage> split_text(const std::string& text, MboxDialect dialect = MboxDialect::detect);

}  // namespace pt::test

#define REQUIRE_CORPUS()                                                              \
  do {                                                                                \
    if (::pt::test::corpus_dir().empty())                                             \
      GTEST_SKIP() << "shared corpus not found at " PATCHTRIAGE_SHARED "/corpus";     \
  } while (0)
