// thread stage: messages -> threads, series and review facts from replies.
// std::vector<ThreadInput> or std::vector<Patch> (all messages of an input, in arrival
// order) -> ThreadSet.
#pragma once

#include <vector>

#include "patch/patch.hpp"
#include "thread/thread_input.hpp"
#include "thread/thread_types.hpp"

namespace pt {

// Groups the messages into threads (Message-ID, In-Reply-To, References; replies that
// arrive before their parent; missing and duplicate ids), series (covers, n/N, versions,
// partial rerolls, unthreaded sends by markers as Patchwork does) and attaches the
// trailers and maintainer statements of replies to the patches they answer.
ThreadSet build_threads(const std::vector<ThreadInput>& mails);

// The same over whole messages: build_threads of their thread_input records.
ThreadSet build_threads(const std::vector<Patch>& patches);

// Drops from `patch` what build_threads never reads when the mail is a series member (a
// patch that is not a reply): commit message, patch text, notes, diffstat, diff, MIME outline,
// To and Cc. Keeps ids, subject, title, author, date, trailers, upstream references, the
// flags. build_threads of shed patches equals build_threads of whole ones. (A batch keeps
// thread records instead, thread_input.hpp: less than half the memory.) Returns whether
// anything was dropped: replies, covers and other mails are kept whole.
bool shed_for_threading(Patch& patch);

}  // namespace pt
