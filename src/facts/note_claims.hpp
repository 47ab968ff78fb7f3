// facts stage: the checkable claims of an AUTOSEL mail's "LLM Generated explanations" notes.
// Notes text -> claims (size, commit, role, file:line), each with its sentence and line; pure.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace pt {

enum class ClaimKind { size, commit, role, file_line };

// What a size claim counts.
enum class SizeMeasure {
  insertions,            // "only adds 3 lines of code", "+5 lines", "9 insertions"
  deletions,             // "2 lines removed", "Lines removed: 2"
  changed_lines,         // "one-line fix", "7 lines changed", "small (7 lines)"
  insertions_deletions,  // "+15/-5", "+36 lines, 0 removed"
  files,                 // "single file", "Files touched: 1", "3 files"
  hunks,                 // "3 hunks"
};

// How the number is meant: "5", "~20", "under 10" (stored as at_most 9), "more than 3".
enum class Bound { exact, approximate, at_most, at_least };

struct SizeClaim {
  SizeMeasure measure = SizeMeasure::changed_lines;
  long value = 0;   // the number (insertions for insertions_deletions)
  long value2 = 0;  // deletions for insertions_deletions
  Bound bound = Bound::exact;
  // Line measures: the one file the claim counts ("" = the whole diff), as in
  // "`drivers/usb/dwc3/core.c`: +20 lines". files: the file it names ("Single file: `x.c`").
  std::string path;
};

enum class CommitFact {
  trailer_present,  // "Reviewed-by: Christoph Hellwig", "reviewed by Simon Horman"
  trailer_absent,   // "No Fixes: tag", "no Cc: stable", "Reviewed-by: (absent)"
  in_tag,           // "e41f8c0222e30 is in v6.1", "absent from v5.15", "(v6.0+)"
  first_tag,        // "introduced in v6.0", "git describe --contains X -> v5.17-rc1"
};

struct CommitClaim {
  CommitFact what = CommitFact::trailer_present;
  std::string key;     // trailer key as git writes it ("Reviewed-by", "Fixes"), or "Cc: stable"
  std::string person;  // trailer_present: the name the note gives
  bool prose = false;  // "reviewed by X" (may mean a list review) rather than "Reviewed-by: X"
  std::string sha;     // in_tag, first_tag: the commit id as written (lower case)
  std::string tag;     // in_tag, first_tag: "v6.1", "v6.0-rc4"
  bool in = true;      // in_tag: said to be in the tag (false: "NOT in v5.15")
};

struct RoleClaim {
  std::string person;  // "Christoph Hellwig"
  std::string role;    // "maintainer" ("co-maintainer" and "subsystem maintainer" count as it)
  std::string scope;   // the words that qualify it: "NVMe", "USB subsystem", "" when none
};

struct FileLineClaim {
  std::string path;  // as written; a bare file name ("f_fs.c") is resolved later
  long first_line = 0, last_line = 0;
  std::vector<std::string> code;  // code the sentence puts there (`...` spans, foo() names)
  std::string quoted;             // a cited block "```969:970:path" ... "```": its lines
};

using ClaimParams = std::variant<SizeClaim, CommitClaim, RoleClaim, FileLineClaim>;

struct Claim {
  ClaimKind kind = ClaimKind::size;
  std::string text;    // the sentence (bullet, table row) as written, lines joined
  int line = 0;        // 1-based line of the notes where that sentence starts
  std::string phrase;  // the words that make the claim ("only adds 3 lines of code")
  ClaimParams params;  // the struct that belongs to `kind`
};

// Finds the claims of `notes` that name a precise quantity, trailer, tag, role or line, in
// note order, each distinct claim once (its first sentence). Never fails; vague wording
// ("small", "minimal") yields nothing. `own_commits` are the patch's own commit ids (its
// upstream references): a sentence naming any other commit is about that commit, so its
// size and trailer wording is not taken as a claim about the patch. Reads the first 256 KiB.
std::vector<Claim> extract_claims(std::string_view notes,
                                  const std::vector<std::string>& own_commits = {});

// A person's name reduced for comparison: lower case, accents folded to ASCII, hyphens as
// spaces, well-known nicknames expanded ("Greg KH", "GKH" -> "greg kroah hartman").
std::string normalize_person(std::string_view name);
// True when two names denote the same person: equal normalized, or equal first and last word.
bool same_person(std::string_view a, std::string_view b);

const char* to_string(ClaimKind kind);
const char* to_string(SizeMeasure measure);
const char* to_string(CommitFact fact);

}  // namespace pt
