// facts stage (internal to note_claims): what the claim extractors look for in a sentence.
// sentence text -> commit ids, people's names, file paths; (sentence, phrase, params) -> Claim
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "facts/note_claims.hpp"
#include "facts/note_sentences.hpp"

namespace pt::note_claims {

// Commit ids.
// 7 to 40 hex digits with at least one digit and one letter, standing alone: (offset, id).
std::vector<std::pair<std::size_t, std::string>> find_shas(std::string_view s);
// True when one id is a prefix of the other (any case).
bool same_commit(std::string_view a, std::string_view b);
// A sentence about another commit (a prerequisite, the commit it fixes, a companion patch):
// its sizes and trailers are not the patch's.
bool about_other_commit(const Sentence& s, const std::vector<std::string>& own);

// Names.
// A person's name starting at `pos`: 2-4 capitalised words (particles allowed between), or a
// known nickname. Sets `end` past it.
bool read_name(std::string_view s, std::size_t pos, std::size_t& end, std::string& name);
// The name that ends at `end` (spaces before `end` skipped), if any.
bool read_name_before(std::string_view s, std::size_t end, std::string& name);

// Paths.
bool is_path_char(char c);
// A kernel source path or file name: a known extension, or Kconfig/Makefile below a directory.
bool looks_like_path(std::string_view p);

// Appends the claim `phrase` of sentence `s` makes.
void add_claim(std::vector<Claim>& out, ClaimKind kind, const Sentence& s, std::string phrase,
               ClaimParams params);
bool contains_any(std::string_view s, std::initializer_list<std::string_view> words);

}  // namespace pt::note_claims
