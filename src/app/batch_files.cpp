#include "app/batch_files.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "input/input_reader.hpp"
#include "util/text.hpp"

namespace pt {

namespace fs = std::filesystem;

std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t hash) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ull;
  }
  return hash;
}

unsigned shard_of(const std::string& name, unsigned count) {
  return count ? static_cast<unsigned>(fnv1a64(name) % count) + 1 : 1;
}

std::optional<Shard> parse_shard(const std::string& text) {
  unsigned k = 0, n = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%u/%u%c", &k, &n, &tail) != 2 || k < 1 || k > n)
    return std::nullopt;
  return Shard{k, n};
}

std::vector<BatchFile> list_batch_files(const std::vector<std::string>& inputs, const Shard& shard,
                                        std::vector<InputProblem>& problems) {
  std::vector<BatchFile> out;
  auto take = [&](const std::string& path, std::string name) {
    if (shard_of(name, shard.count) != shard.index) return;
    if (!looks_like_mail(path)) {
      problems.push_back({path, "skipped: not mail", true});
      return;
    }
    out.push_back({path, std::move(name)});
  };
  for (const auto& input : inputs) {
    std::error_code ec;
    if (input == "-") {
      if (shard.index == 1) out.push_back({input, input});  // stdin: the first shard's
    } else if (fs::is_directory(input, ec)) {
      auto problem = [&](const InputProblem& p) { problems.push_back(p); };
      for (const std::string& f : list_directory(input, problem))
        take(f, fs::path(f).lexically_relative(input).generic_string());
    } else {
      take(input, fs::path(input).filename().string());
    }
  }
  return out;
}

}  // namespace pt
