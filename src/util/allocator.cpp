#include "util/allocator.hpp"

#include <malloc.h>

namespace pt {

void tune_allocator() { mallopt(M_TOP_PAD, 64 << 20); }

void release_free_memory() { malloc_trim(0); }

}  // namespace pt
