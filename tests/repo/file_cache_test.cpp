// The file cache the judging workers share: least recently used files go first, absent
// files are remembered, a file larger than the whole cache is read but not kept, and the
// loader's bytes are kept alive, uncopied, until they are pushed out.
#include "repo/file_cache.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "repo/repository.hpp"
#include "test_support.hpp"

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

TEST(FileCache, keeps_what_the_loader_returned_alive_uncopied) {
  FileCache cache(1 << 20);
  auto text = std::make_shared<std::string>("int x;\n");
  std::weak_ptr<std::string> watch = text;
  const char* data = text->data();
  FileCache::Load load = [&text]() -> std::optional<FileBytes> {
    return FileBytes{*text, std::exchange(text, nullptr)};
  };
  std::optional<FileBytes> first = cache.get("c", "x.c", load);
  EXPECT_EQ(first->bytes.data(), data);  // the loader's bytes, not a copy
  first.reset();
  EXPECT_FALSE(watch.expired());  // the cache holds the owner
  std::optional<FileBytes> again = cache.get("c", "x.c", load);
  EXPECT_EQ(again->bytes, "int x;\n");
  EXPECT_EQ(again->bytes.data(), data);
}

TEST(FileCache, an_evicted_file_is_freed_once_nobody_holds_it) {
  FileCache cache(2 * (1000 + 200));
  auto text = std::make_shared<std::string>(1000, 'a');
  std::weak_ptr<std::string> watch = text;
  cache.get("c", "a", [&text]() -> std::optional<FileBytes> {
    return FileBytes{*text, std::exchange(text, nullptr)};
  });
  Loads loads;
  const std::string big(1000, 'b');
  cache.get("c", "b", loads.of(big));
  EXPECT_FALSE(watch.expired());
  cache.get("c", "c", loads.of(big));  // pushes "a" out
  EXPECT_TRUE(watch.expired());
}

// The judging workers' repositories close when the judging ends, before the shared cache:
// a blob one of them read must stay whole and be freed later, without its repository (the
// sanitizer build would report a use after free).
TEST(FileCache, a_blob_outlives_the_repository_that_read_it) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("pt-file-cache-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  test::sh("git init -q '" + dir.string() + "'");
  const std::string text(100000, 'x');
  std::ofstream(dir / "drv.c") << text;
  std::string g = "git -C '" + dir.string() + "' -c user.name=T -c user.email=t@e ";
  test::sh(g + "add drv.c && " + g + "commit -qm drv");
  std::string commit = test::sh(g + "rev-parse HEAD");
  FileCache cache;
  {
    Repository repo(dir.string());
    ASSERT_TRUE(cache.get(commit, "drv.c", [&] { return repo.read_file_bytes(commit, "drv.c"); }));
  }
  Loads loads;
  std::optional<FileBytes> kept = cache.get(commit, "drv.c", loads.of("not read\n"));
  EXPECT_EQ(loads.count, 0);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->bytes, text);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace pt
