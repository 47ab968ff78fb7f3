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

}  // namespace pt
