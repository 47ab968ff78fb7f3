// thread stage: what a reply says about the patch it answers.
// reply body -> trailers it gives (quoted text excluded) and applied/queued/NAK lines.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "patch/trailers.hpp"

namespace pt {

// Trailer lines of a reply as b4 collects follow-ups: `Key-by: ...`, Fixes, Link, Closes
// at the start of an unquoted line, anywhere in the body; "<a<mailto:a>>" cleaned up.
std::vector<Trailer> find_reply_trailers(std::string_view body);

struct Statement {
  std::string kind;  // "applied", "queued", "nak"
  std::string line;
};

// Maintainer statements in unquoted lines: "Applied, thanks", "applied to ...",
// "queued for ...", "NAK", "Nacked-by".
std::vector<Statement> find_statements(std::string_view body);

}  // namespace pt
