#include "app/batch_files.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "input/decompress.hpp"
#include "util/text.hpp"

namespace pt {

namespace fs = std::filesystem;

namespace {

// The content test of input_reader.cpp's directory walk (a file whose first line is an mbox
// From line or a header that opens real mail, or compressed data), applied here to every
// file a batch reads, also those named on the command line, and only to the shard's own.
bool is_opening_header(std::string_view line) {
  static constexpr std::string_view k_names[] = {"from:",
                                                 "to:",
                                                 "cc:",
                                                 "subject:",
                                                 "date:",
                                                 "message-id:",
                                                 "received:",
                                                 "return-path:",
                                                 "delivered-to:",
                                                 "mime-version:",
                                                 "content-type:",
                                                 "in-reply-to:",
                                                 "references:",
                                                 "reply-to:",
                                                 "sender:",
                                                 "dkim-signature:",
                                                 "arc-",
                                                 "authentication-results:",
                                                 "x-"};
  for (auto name : k_names)
    if (istarts_with(line, name)) return true;
  return false;
}

bool looks_like_mail(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return true;  // read_inputs reports why it cannot be opened
  char head[4096];
  std::size_t n = std::fread(head, 1, sizeof head, f);
  std::fclose(f);
  std::string_view s(head, n);
  if (detect_compression(s) != Compression::none) return true;
  std::size_t start = 0;
  while (start < s.size() && is_space(s[start])) ++start;
  std::size_t pos = start;
  std::string_view first = next_line(s, pos);
  return starts_with(first, "From ") || is_opening_header(first);
}

// The regular files below `dir`, sorted by path, as read_inputs walks it.
std::vector<fs::path> walk(const fs::path& dir, std::vector<InputProblem>& problems) {
  std::vector<fs::path> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    problems.push_back({dir.string(), "cannot read directory: " + ec.message()});
    return files;
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) {
      problems.push_back({dir.string(), "cannot read directory: " + ec.message()});
      break;
    }
    const fs::path& p = it->path();
    std::string name = p.filename().string();
    if (it->is_directory()) {
      bool maildir_tmp = name == "tmp" && fs::is_directory(p.parent_path() / "cur");
      if ((!name.empty() && name[0] == '.') || maildir_tmp) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && !(name.size() && name[0] == '.')) files.push_back(p);
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

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
      for (const fs::path& f : walk(input, problems))
        take(f.string(), f.lexically_relative(input).generic_string());
    } else {
      take(input, fs::path(input).filename().string());
    }
  }
  return out;
}

}  // namespace pt
