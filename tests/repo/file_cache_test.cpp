// The file cache the judging workers share: least recently used files go first, absent
// files are remembered, a file larger than the whole cache is read but not kept, and the
// kept bytes are the cache's own copy.
#include "repo/file_cache.hpp"

#include <gtest/gtest.h>

namespace pt {
namespace {

struct Loads {
  int count = 0;
  FileCache::Load of(std::optional<std::string> text) {
    return [this, text]() -> std::optional<FileBytes> {
      ++count;
      if (!text) return std::nullopt;
      return FileBytes::of(*text);
    };
  }
};

TEST(FileCache, a_file_is_loaded_once_and_absent_files_are_remembered) {
  FileCache cache(1 << 20);
  Loads loads;
  EXPECT_EQ(cache.get("c1", "a.c", loads.of("x\n"))->bytes, "x\n");
  EXPECT_EQ(cache.get("c1", "a.c", loads.of("other\n"))->bytes, "x\n");
  EXPECT_EQ(cache.get("c2", "a.c", loads.of("y\n"))->bytes, "y\n");  // another commit
  EXPECT_FALSE(cache.get("c1", "gone.c", loads.of(std::nullopt)));
  EXPECT_FALSE(cache.get("c1", "gone.c", loads.of("z\n")));
  EXPECT_EQ(loads.count, 3);
}

TEST(FileCache, the_least_recently_used_file_goes_first) {
  const std::string big(1000, 'b');
  FileCache cache(3 * (big.size() + 200));  // room for three such files with their keys
  Loads loads;
  for (const char* path : {"1", "2", "3"}) cache.get("c", path, loads.of(big));
  cache.get("c", "1", loads.of(big));  // used again: "2" is now the oldest
  cache.get("c", "4", loads.of(big));  // pushes "2" out
  EXPECT_EQ(loads.count, 4);
  cache.get("c", "1", loads.of(big));
  cache.get("c", "3", loads.of(big));
  EXPECT_EQ(loads.count, 4);
  cache.get("c", "2", loads.of(big));
  EXPECT_EQ(loads.count, 5);
}

TEST(FileCache, a_file_larger_than_the_cache_is_read_each_time) {
  FileCache cache(100);
  Loads loads;
  const std::string big(1000, 'b');
  EXPECT_EQ(cache.get("c", "big", loads.of(big))->bytes.size(), big.size());
  EXPECT_EQ(cache.get("c", "big", loads.of(big))->bytes.size(), big.size());
  EXPECT_EQ(loads.count, 2);
}

TEST(FileCache, kept_bytes_outlive_what_the_loader_returned) {
  FileCache cache(1 << 20);
  auto text = std::make_shared<std::string>("int x;\n");
  std::weak_ptr<std::string> watch = text;
  FileCache::Load load = [&text]() -> std::optional<FileBytes> {
    return FileBytes{*text, std::exchange(text, nullptr)};
  };
  std::optional<FileBytes> first = cache.get("c", "x.c", load);
  first.reset();
  EXPECT_TRUE(watch.expired());  // the loader's bytes are gone; the cache has its own
  EXPECT_EQ(cache.get("c", "x.c", load)->bytes, "int x;\n");
}

}  // namespace
}  // namespace pt
