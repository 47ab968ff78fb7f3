// patch stage: build a Patch from one raw message.
// RawMessage -> MailInfo (git's rules) -> Patch with every derived field.
#pragma once

#include "input/raw_message.hpp"
#include "mail/mailinfo.hpp"
#include "patch/patch.hpp"

namespace pt {

// Builds the patch object of one message. Never fails: a message without a diff is a
// Patch with is_patch == false and a kind saying what it is.
Patch build_patch(const RawMessage& raw, const MailInfoOptions& options);

// Splits the text between the "---" line and the diff into the diffstat and free notes.
// Returns where the diff starts in `patch_text` (its size when no diff line follows the
// notes), or npos when there is no "---" section to read up to it.
std::size_t split_notes(std::string_view patch_text, std::string& notes, std::string& diffstat);

// The pull request a mail announces (git request-pull layout), if any.
std::optional<PullRequest> find_pull_request(std::string_view body);

// Message-IDs of a References/In-Reply-To value, in order, with their angle brackets.
std::vector<std::string> parse_message_ids(std::string_view value);
// The first of them (parse_message_ids(value).front()), "" when there is none.
std::string first_message_id(std::string_view value);

}  // namespace pt
