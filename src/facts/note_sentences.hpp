// facts stage (internal to note_claims): the notes cut into sentences and cited code blocks.
// Notes text -> sentences (as written, plain, lower case) with their line, "```N:M:path" blocks
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "facts/note_claims.hpp"
#include "util/text.hpp"

namespace pt::note_claims {

struct Sentence {
  std::string text;   // as written (Markdown kept), lines joined
  std::string plain;  // **, `, <addresses> removed, dashes as '-', spaces collapsed
  std::string lower;  // plain in lower case
  int line = 0;
};

struct Citation {  // ```969:970:drivers/nvme/target/core.c
  FileLineClaim claim;
  std::string header;
  int line = 0;
};

// Cuts `notes` into sentences (bullets, table rows, ". ") and the code blocks cited as
// "```969:970:path", each with the 1-based line where it starts.
void segment_notes(std::string_view notes, std::vector<Sentence>& sentences,
                   std::vector<Citation>& citations);

// Text helpers the extractors share.
inline bool is_alnum(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
inline bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
// `s` with ASCII letters in lower case.
std::string lower_ascii(std::string_view s);
// `s` with every `from` replaced by `to`.
void replace_all(std::string& s, std::string_view from, std::string_view to);

}  // namespace pt::note_claims
