// app: which files a batch reads, and which of them a shard takes.
// inputs (files, directories, "-") -> mail files in reading order, with their shard name.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "input/input_reader.hpp"

namespace pt {

// --shard K/N: this run takes the files whose shard name hashes to K (1-based) of N.
struct Shard {
  unsigned index = 1;
  unsigned count = 1;
};

// "K/N" with 1 <= K <= N, nullopt otherwise.
std::optional<Shard> parse_shard(const std::string& text);

struct BatchFile {
  std::string path;  // as read_inputs takes it
  std::string name;  // the path below its input root ("2025/07.mbox"; a file named on the
                     // command line: its file name): what --shard hashes
};

// Every file below `inputs` in the order read_inputs reads them (directories recursively in
// name order; hidden entries and maildir tmp/ left out), keeping those of `shard` whose
// content is mail (mbox From line, an RFC 5322 header, gzip/zstd magic). Files that are not
// mail go to `problems` as skipped; unreadable directories as errors.
std::vector<BatchFile> list_batch_files(const std::vector<std::string>& inputs, const Shard& shard,
                                        std::vector<InputProblem>& problems);

// The shard (1..count) a file's shard name falls in: FNV-1a 64 of the name, modulo count.
// The same on every host and every run, whatever the absolute path of the archive.
unsigned shard_of(const std::string& name, unsigned count);

// 64-bit FNV-1a of `bytes` (http://www.isthe.com/chongo/tech/comp/fnv/).
std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t hash = 0xcbf29ce484222325ull);

}  // namespace pt
