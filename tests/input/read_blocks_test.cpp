#include "input/read_blocks.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "input/input_reader.hpp"

namespace pt {
namespace {

TEST(ReadBlocks, ABlockComesBackWhenItsLastCopyIsDropped) {
  auto pool = ReadBlocks::create(1024, 2);
  std::shared_ptr<char[]> a = pool->take();
  char* first = a.get();
  std::shared_ptr<char[]> copy = a;
  a.reset();
  EXPECT_EQ(pool->idle(), 0u);  // a slice still holds it
  copy.reset();
  ASSERT_EQ(pool->idle(), 1u);
  std::shared_ptr<char[]> again = pool->take();
  EXPECT_EQ(again.get(), first);
  EXPECT_EQ(pool->idle(), 0u);
}

TEST(ReadBlocks, KeepsNoMoreIdleBlocksThanItsBound) {
  auto pool = ReadBlocks::create(64, 2);
  std::vector<std::shared_ptr<char[]>> held;
  for (int i = 0; i < 5; ++i) held.push_back(pool->take());
  held.clear();
  EXPECT_EQ(pool->idle(), 2u);
}

TEST(ReadBlocks, ABlockOutlivesItsPoolAndMayBeDroppedOnAnotherThread) {
  std::shared_ptr<char[]> block;
  {
    auto pool = ReadBlocks::create(4096, 4);
    block = pool->take();
  }
  block[4095] = 'x';  // still whole: the block holds its pool
  std::thread([b = std::move(block)]() mutable { b.reset(); }).join();
  EXPECT_FALSE(block);
}

// A file of many read blocks, its messages kept in part while the rest are dropped as they
// come (every other block is freed and reused): reused blocks never overwrite a message
// that is still held.
TEST(ReadBlocks, ReusedBlocksLeaveHeldMessagesIntact) {
  namespace fs = std::filesystem;
  fs::path file = fs::temp_directory_path() / ("pt-read-blocks-" + std::to_string(::getpid()));
  const int count = 3000;  // ~3 MB: a dozen blocks of 256 KiB
  {
    std::ofstream out(file, std::ios::binary);
    for (int i = 0; i < count; ++i) {
      out << "From a@b Mon Sep 17 00:00:00 2001\nSubject: message " << i << "\n\n";
      for (int line = 0; line < 16; ++line)
        out << "body of message " << i << " line " << line << " " << std::string(40, 'a' + i % 26)
            << "\n";
    }
  }
  std::vector<RawMessage> held;
  int seen = 0;
  read_inputs({file.string()}, {}, [&](RawMessage&& m) {
    if (seen++ % 500 == 0) held.push_back(std::move(m));
  }, [](const InputProblem& p) { ADD_FAILURE() << p.what; });
  fs::remove(file);
  ASSERT_EQ(seen, count);
  for (std::size_t k = 0; k < held.size(); ++k) {
    int i = static_cast<int>(k * 500);
    std::string_view text = held[k].text();
    ASSERT_EQ(text.substr(0, text.find('\n')), "Subject: message " + std::to_string(i)) << k;
    EXPECT_NE(text.find("body of message " + std::to_string(i) + " line 15 " +
                        std::string(40, 'a' + i % 26) + "\n"),
              std::string_view::npos)
        << i;
  }
}

}  // namespace
}  // namespace pt
