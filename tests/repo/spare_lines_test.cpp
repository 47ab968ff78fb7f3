// Line vectors recycled within a thread: a file's lines reuse the memory of the lines the
// last check dropped, the spares stay within their bounds, and each thread has its own.
#include "repo/spare_lines.hpp"

#include <gtest/gtest.h>

#include <map>
#include <thread>

#include "repo/apply_check.hpp"

namespace pt {
namespace {

std::vector<FileLine> lines_of(std::size_t n) {
  std::vector<FileLine> v(n, FileLine{"x", true});
  return v;
}

TEST(SpareLines, a_vector_given_back_is_taken_again_empty) {
  std::vector<FileLine> v = lines_of(1000);
  const FileLine* memory = v.data();
  spare_lines::give(std::move(v));
  std::vector<FileLine> again = spare_lines::take(800);
  EXPECT_EQ(again.data(), memory);
  EXPECT_TRUE(again.empty());
  EXPECT_GE(again.capacity(), 1000u);
}

TEST(SpareLines, the_smallest_spare_that_fits_is_taken) {
  std::vector<FileLine> big = lines_of(5000), small = lines_of(100);
  const FileLine* big_memory = big.data();
  const FileLine* small_memory = small.data();
  spare_lines::give(std::move(big));
  spare_lines::give(std::move(small));
  EXPECT_EQ(spare_lines::take(50).data(), small_memory);
  EXPECT_EQ(spare_lines::take(50).data(), big_memory);
}

TEST(SpareLines, spares_stay_within_their_bounds) {
  const std::size_t third = spare_lines::k_max_bytes / sizeof(FileLine) / 3;
  for (int i = 0; i < 100; ++i) spare_lines::give(lines_of(third));
  EXPECT_LE(spare_lines::kept_bytes(), spare_lines::k_max_bytes);
  EXPECT_GT(spare_lines::kept_bytes(), 0u);
  // Larger than the bound: freed, not kept.
  const std::size_t before = spare_lines::kept_bytes();
  spare_lines::give(lines_of(spare_lines::k_max_bytes / sizeof(FileLine) + 1));
  EXPECT_EQ(spare_lines::kept_bytes(), before);
  for (int i = 0; i < 100; ++i) spare_lines::give(lines_of(10));
  std::size_t vectors = 0;
  while (spare_lines::kept_bytes() > 0 && vectors < 1000) {
    (void)spare_lines::take(1);
    ++vectors;
  }
  EXPECT_EQ(vectors, spare_lines::k_max_vectors);
}

TEST(SpareLines, each_thread_keeps_its_own) {
  while (spare_lines::kept_bytes() > 0) (void)spare_lines::take(1);
  std::thread([] { spare_lines::give(lines_of(1000)); }).join();
  EXPECT_EQ(spare_lines::kept_bytes(), 0u);
}

// The apply check's files: a target file's lines take the memory the previous check's
// lines gave back, and the check's verdicts are the same with recycled memory.
TEST(SpareLines, a_target_file_reuses_the_lines_of_the_last_check) {
  std::map<std::string, std::string> tree = {{"a.c", "one\ntwo\nthree\n"},
                                             {"b.c", "uno\ndos\ntres\n"}};
  FileReader read = [&](const std::string& path) -> std::optional<std::string> {
    auto it = tree.find(path);
    if (it == tree.end()) return std::nullopt;
    return it->second;
  };
  const FileLine* first = nullptr;
  {
    TargetFiles files(read);
    auto a = files.get("a.c");
    ASSERT_TRUE(a);
    ASSERT_EQ(a->lines.size(), 3u);
    first = a->lines.data();
  }
  TargetFiles files(read);
  auto b = files.get("b.c");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->lines.data(), first);
  ASSERT_EQ(b->lines.size(), 3u);
  EXPECT_EQ(b->lines[1].text, "dos");
}

}  // namespace
}  // namespace pt
