// facts stage (internal to note_claims): one extractor per claim kind.
// Sentence -> the claims of that kind it makes, appended in the order they are found
#pragma once

#include <string>
#include <vector>

#include "facts/note_claims.hpp"
#include "facts/note_sentences.hpp"

namespace pt::note_claims {

// Sizes: "only adds 3 lines of code", "+15/-5", "single file", "3 hunks" (note_size_claims.cpp).
void extract_size(const Sentence& s, std::vector<Claim>& out);
// Trailers present or absent: "Reviewed-by: X", "No Fixes: tag"; nothing from a sentence
// about a commit other than `own` (note_commit_claims.cpp).
void extract_trailers(const Sentence& s, const std::vector<std::string>& own,
                      std::vector<Claim>& out);
// Tags a commit is in or first appeared in: "X is in v6.1", "introduced in v6.0"
// (note_commit_claims.cpp).
void extract_tags(const Sentence& s, std::vector<Claim>& out);
// MAINTAINERS roles: "Christoph Hellwig (NVMe co-maintainer)" (note_role_claims.cpp).
void extract_roles(const Sentence& s, std::vector<Claim>& out);
// Lines of a file and the code there: "core.c:969-970", "line 92 of vhci_rx.c"
// (note_line_claims.cpp).
void extract_file_lines(const Sentence& s, std::vector<Claim>& out);

}  // namespace pt::note_claims
