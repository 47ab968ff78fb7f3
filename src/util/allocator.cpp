#include "util/allocator.hpp"

#include <malloc.h>

namespace pt {

void tune_allocator() { mallopt(M_TOP_PAD, 64 << 20); }

}  // namespace pt
