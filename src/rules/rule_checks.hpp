// rules stage (internal): the check functions behind the catalog, and their shared helpers.
// Params + RuleInput -> CheckOutcome with evidence.
#pragma once

#include <string>
#include <vector>

#include "rules/rule_result.hpp"
#include "rules/rule_set.hpp"

namespace pt::checks {

// Trailers and tags (rule_checks_trailers.cpp).
CheckOutcome trailer_present(const Params& p, const RuleInput& in);
CheckOutcome signoff_chain(const Params& p, const RuleInput& in);
CheckOutcome tag_syntax(const Params& p, const RuleInput& in);
CheckOutcome stable_version_hint(const Params& p, const RuleInput& in);

// The mail alone: size, paths, subject (rule_checks_mail.cpp).
CheckOutcome diffstat(const Params& p, const RuleInput& in);
CheckOutcome diff_well_formed(const Params& p, const RuleInput& in);
CheckOutcome paths(const Params& p, const RuleInput& in);
CheckOutcome prefix(const Params& p, const RuleInput& in);
CheckOutcome subject_regex(const Params& p, const RuleInput& in);
CheckOutcome title_regex(const Params& p, const RuleInput& in);
CheckOutcome no_nak(const Params& p, const RuleInput& in);
// The claims of the LLM notes below "---" (rule_checks_notes.cpp).
CheckOutcome note_claims(const Params& p, const RuleInput& in);

// Repository facts (rule_checks_repo.cpp).
CheckOutcome upstream_ref(const Params& p, const RuleInput& in);
CheckOutcome patch_id_equals_upstream(const Params& p, const RuleInput& in);
CheckOutcome applies(const Params& p, const RuleInput& in);
CheckOutcome not_already_applied(const Params& p, const RuleInput& in);
CheckOutcome fixes_target_present(const Params& p, const RuleInput& in);
CheckOutcome follow_ups(const Params& p, const RuleInput& in);
CheckOutcome maintainers_in_cc(const Params& p, const RuleInput& in);

// Helpers (rule_checks_common.cpp).
inline CheckOutcome pass(std::string evidence) { return {Result::pass, std::move(evidence)}; }
inline CheckOutcome fail(std::string evidence) { return {Result::fail, std::move(evidence)}; }
inline CheckOutcome skip(std::string evidence) { return {Result::skip, std::move(evidence)}; }
// The skip of a repository check run without -C.
CheckOutcome no_repository();
std::string join(const std::vector<std::string>& parts, std::string_view separator = "; ");
// "Signed-off-by: A <a@b> (message line 7)": a trailer and where the commit message has it.
std::string describe(const Trailer& t);
// The first 12 digits of a commit id (as kernel references write them).
std::string short_id(const std::string& sha);
// Per-branch findings -> one outcome: any failure fails; else a pass when at least one branch
// passed (branches missing from the repository are named in the evidence); else skip.
CheckOutcome combine_branches(const std::vector<std::string>& fails, const std::vector<std::string>& passes,
                         const std::vector<std::string>& skips, const std::string& none);
// A bracket token of the subject equal to `wanted`, ASCII case ignored (RFC, RESEND and
// AUTOSEL also in the forms the subject parser recognises: "RFCv2", "PATCH-RFC").
bool has_prefix(const Subject& s, const std::string& wanted);
// "subject prefix [PATCH net]", or "no subject prefix".
std::string prefix_text(const Subject& s);
// The files a patch touches (old and new names), in diff order, each once.
std::vector<std::string> touched_files(const Patch& patch);

}  // namespace pt::checks
