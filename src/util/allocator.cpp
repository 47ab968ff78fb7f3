#include "util/allocator.hpp"

#ifdef PATCHTRIAGE_MIMALLOC
#include <mimalloc.h>
#else
#include <malloc.h>
#endif

namespace pt {

#ifdef PATCHTRIAGE_MIMALLOC

void tune_allocator() {}

void release_free_memory() {
  // Measured on the batch over the 332 MB benchmark file (-j 2): 186 -> 170 MB.
  mi_option_set(mi_option_decommit_delay, 0);
  mi_collect(true);
}

#else

void tune_allocator() { mallopt(M_TOP_PAD, 64 << 20); }

void release_free_memory() { malloc_trim(0); }

#endif

}  // namespace pt
