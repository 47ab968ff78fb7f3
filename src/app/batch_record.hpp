// app: the JSON record of a judged patch when the other messages are thread records only.
// (patch whole + ThreadInput of every message + ThreadSet) -> patch_to_json_line's record.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "report/patch_json.hpp"
#include "thread/thread_input.hpp"
#include "thread/thread_types.hpp"

namespace pt {

// patch_to_json_line(patches, index, threads, extras) for a batch that keeps `records`
// instead of `patches`; `extras.whole` is message `index` whole. The same bytes.
std::string batch_json_line(const std::vector<ThreadInput>& records, std::size_t index,
                            const ThreadSet& threads, const JsonExtras& extras);

}  // namespace pt
