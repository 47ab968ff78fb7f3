// repo stage: line vectors recycled within a thread for the apply checks (apply_check.cpp).
// Every patch judged splits its target files into lines and copies the lines its hunks
// change; the vectors die when the check ends. Fresh memory for each cost a page fault per
// 4 KiB (a batch hands freed memory back to the system at once to keep its peak low): a
// few vectors kept per thread cost nothing of that. Bounded: 8 vectors, 256 KiB a thread
// (a batch over the benchmark file, -j 2: 1.33 -> 1.04 million page faults, peak RSS
// unchanged within the runs' noise; 1 MiB saved 0.2 million more but added 5 MB).
#pragma once

#include <cstddef>
#include <vector>

#include "repo/apply_check.hpp"

namespace pt::spare_lines {

constexpr std::size_t k_max_vectors = 8;
constexpr std::size_t k_max_bytes = 256u << 10;

// An empty vector with room for `want` lines: the smallest of this thread's spares that
// fits, else a new one.
std::vector<FileLine> take(std::size_t want);
// Keeps `lines`' memory (emptied) for this thread's next take(); the oldest spares go
// first past the bounds, and a vector larger than them all is simply freed.
void give(std::vector<FileLine>&& lines);
// Bytes this thread keeps (for tests).
std::size_t kept_bytes();

}  // namespace pt::spare_lines
