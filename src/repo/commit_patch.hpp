// repo stage: a commit as the mail `git format-patch` makes of it, and its patch object.
// commit id (Repository) -> RawMessage (From, Date, Subject, message, ---, diff) -> Patch.
#pragma once

#include <optional>
#include <string>

#include "input/raw_message.hpp"
#include "patch/patch.hpp"
#include "repo/repository.hpp"

namespace pt {

// The mail of commit `commit`: From: its author, Date: its author date, Subject:
// "[<subject_prefix>] <title>", its message as the body, then "---" and its diff against
// its first parent (full index lines, binary data, no rename detection). Non-ASCII header
// text is RFC 2047 encoded, the body is declared UTF-8. `source` names it on the card.
// nullopt for a merge commit or an id that is not a commit.
std::optional<RawMessage> format_commit_mail(const Repository& repo, const std::string& commit,
                                             const std::string& subject_prefix,
                                             const std::string& source);

// The patch object of that mail, built by the mail stages exactly as for mail (in-body
// headers off: the commit's author is known). nullopt as above.
std::optional<Patch> commit_patch(const Repository& repo, const std::string& commit,
                                  const std::string& subject_prefix, const std::string& source);

// RFC 2822 date text for `time` (seconds since the epoch) at `offset` minutes east of UTC:
// "Tue, 3 Jan 2023 10:00:00 +0100".
std::string rfc2822_date(long long time, int offset);

}  // namespace pt
