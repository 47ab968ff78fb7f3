// recover stage (internal to flattened_mail): the diffstat and diff of a flattened mail.
// (body tokens after "---") -> diffstat lines, diff headers one per line, best-effort hunk lines
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "recover/flattened_tokens.hpp"

namespace pt::flattened {

// Diffstat: " path | N +-" entries, " N files changed, ..." and mode lines, before the diff.
struct Diffstat {
  std::size_t begin = 0;    // first entry token (== summary when no entry was recognised)
  std::size_t summary = 0;  // "N files changed, ..."
};

// The diffstat that ends just before e (only mode lines after its summary), nullopt when none.
std::optional<Diffstat> find_diffstat(const Tokens& t, std::size_t b, std::size_t e);
// The diffstat's entries, summary and mode lines, one per line.
void put_diffstat(std::string& out, const Tokens& t, const Diffstat& ds, std::size_t e);

// "diff --git" sections to the end: file header lines, hunks, binary patch lines.
void put_diff(std::string& out, const Tokens& t, std::size_t b, std::size_t e);

}  // namespace pt::flattened
