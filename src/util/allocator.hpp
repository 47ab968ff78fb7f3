// util: process-wide allocator settings (no triage knowledge).
// The programs link mimalloc as malloc (CMake option PATCHTRIAGE_MIMALLOC, on by default;
// off, and under the sanitizers, glibc's malloc serves): each setting says what it does
// with either.
#pragma once

namespace pt {

// glibc: lets the heap grow in 64 MB steps (parsing a year of mail keeps ~200 MB of small
// objects, and growing the heap a page at a time cost ~20% of the run, bench/README.md).
// mimalloc: nothing to set.
void tune_allocator();

// Gives the pages of freed memory back to the system, after a phase that freed much more
// than it kept (glibc: malloc_trim; mimalloc: a full collection, and from then on freed
// pages are returned without the usual delay).
void release_free_memory();

}  // namespace pt
