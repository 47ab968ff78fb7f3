// facts stage: each claim of the notes checked against the mail and, through an oracle the
// caller hands in, the repository. Claim + Patch + ClaimOracle -> ClaimVerdict with evidence.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "facts/maintainers.hpp"
#include "facts/note_claims.hpp"
#include "patch/patch.hpp"

namespace pt {

// What the caller knows about the repository; every member may be empty (no repository), and
// the claims that need it are then unverifiable with evidence "no repository".
struct ClaimOracle {
  // The refs whose files file:line claims are read from, in the order evidence prefers them:
  // the target branch first; add mainline (or the upstream commit) so that line numbers the
  // note took from mainline can be confirmed too.
  std::vector<std::string> trees;
  // A file's bytes at a ref, nullopt when the file (or the ref) is absent.
  std::function<std::optional<std::string>(const std::string& ref, const std::string& path)>
      read_file;
  // Whether commit `sha` (abbreviated) is contained in tag `tag` ("v6.1"); nullopt: unknown.
  std::function<std::optional<bool>(const std::string& sha, const std::string& tag)> commit_in_tag;
  // The earliest tag that contains `sha` ("v6.0-rc1", as git describe --contains), nullopt:
  // unknown.
  std::function<std::optional<std::string>(const std::string& sha)> first_tag;
  // get_maintainer's entries for the touched files; nullptr when MAINTAINERS was not read.
  std::function<const std::vector<MaintainerEntry>*()> maintainers;
};

enum class ClaimStatus { confirmed, contradicted, unverifiable };

struct ClaimVerdict {
  ClaimStatus status = ClaimStatus::unverifiable;
  std::string evidence;  // names the exact thing: "diff has 5 insertions, 0 deletions in 1 file"
};

struct CheckedClaim {
  Claim claim;
  ClaimVerdict verdict;
};

// Checks one claim. Never fails: what cannot be decided is unverifiable, with the reason.
// "contradicted" needs a precise disagreement (a count, a missing trailer, a tag); file:line
// claims are confirmed or unverifiable (drifted lines, code not found: notes describe
// mainline at some date, and the code words are guessed from prose).
ClaimVerdict check_claim(const Claim& claim, const Patch& patch, const ClaimOracle& oracle);

// Extracts the claims of patch.notes (its upstream ids as own commits) and checks each.
std::vector<CheckedClaim> check_notes(const Patch& patch, const ClaimOracle& oracle);

const char* to_string(ClaimStatus status);

}  // namespace pt
