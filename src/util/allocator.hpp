// util: process-wide allocator settings (no triage knowledge).
#pragma once

namespace pt {

// Lets glibc's heap grow in 64 MB steps: parsing a year of mail keeps ~200 MB of small
// objects, and growing the heap a page at a time cost ~20% of the run (bench/README.md).
void tune_allocator();

// Gives the pages of freed memory back to the system (glibc keeps them in its heaps): after a
// phase that freed much more than it kept.
void release_free_memory();

}  // namespace pt
