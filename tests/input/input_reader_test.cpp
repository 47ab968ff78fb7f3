#include "input/input_reader.hpp"
#include "input/mbox_splitter.hpp"

#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include <fstream>

#include "test_support.hpp"

namespace pt {
namespace {

namespace fs = std::filesystem;

const std::string k_mbox =
    "From a@b Mon Sep 17 00:00:00 2001\nSubject: one\n\nbody\n"
    "From a@b Mon Sep 17 00:00:00 2001\nSubject: two\n\nbody two\n";

class InputReader : public testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() /
            ("pt-input-" + std::to_string(::getpid()) + "-" +
             testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_dir);
    fs::create_directories(m_dir);
  }
  void TearDown() override { fs::remove_all(m_dir); }
  void write(const fs::path& rel, const std::string& bytes) {
    fs::create_directories((m_dir / rel).parent_path());
    std::ofstream(m_dir / rel, std::ios::binary) << bytes;
  }
  struct Result {
    std::vector<RawMessage> messages;
    std::vector<InputProblem> problems;
  };
  Result read(const std::vector<std::string>& paths) {
    Result r;
    read_inputs(paths, {}, [&](RawMessage&& m) { r.messages.push_back(std::move(m)); },
                [&](const InputProblem& p) { r.problems.push_back(p); });
    return r;
  }
  fs::path m_dir;
};

TEST_F(InputReader, directory_is_walked_in_name_order_and_non_mail_is_skipped) {
  write("b/2.mbox", k_mbox);
  write("a/1.eml", "Subject: bare\nFrom: x@y\n\nhello\n");
  write("a/notes.txt", "just some text, not mail\n");
  write(".git/config", "[core]\n");
  write("expected/1.info", "Author: A U Thor\nEmail: a@b\nSubject: s\n\n");  // git output
  Result r = read({m_dir.string()});
  ASSERT_EQ(r.messages.size(), 3u);
  EXPECT_NE(r.messages[0].source.find("a/1.eml"), std::string::npos);
  EXPECT_NE(r.messages[1].source.find("b/2.mbox"), std::string::npos);
  ASSERT_EQ(r.problems.size(), 2u);
  EXPECT_TRUE(r.problems[0].skipped_only);
  EXPECT_NE(r.problems[0].source.find("notes.txt"), std::string::npos);
  EXPECT_NE(r.problems[1].source.find("1.info"), std::string::npos);
}

TEST_F(InputReader, maildir_reads_cur_and_new_but_not_tmp) {
  write("box/cur/1:2,S", "Subject: seen\nFrom: x@y\n\nbody\n");
  write("box/new/2", "Subject: new\nFrom: x@y\n\nbody\n");
  write("box/tmp/3", "Subject: still being delivered\nFrom: x@y\n\nbody\n");
  Result r = read({(m_dir / "box").string()});
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_TRUE(r.problems.empty());
}

TEST_F(InputReader, gzip_and_zstd_are_recognised_by_content) {
  // gzip through zlib, zstd through libzstd; names say nothing about the format.
  gzFile gz = gzopen((m_dir / "archive.bin").c_str(), "wb");
  gzwrite(gz, k_mbox.data(), static_cast<unsigned>(k_mbox.size()));
  gzclose(gz);
  std::string zst(ZSTD_compressBound(k_mbox.size()), '\0');
  zst.resize(ZSTD_compress(zst.data(), zst.size(), k_mbox.data(), k_mbox.size(), 3));
  write("other.data", zst);
  Result r = read({(m_dir / "archive.bin").string(), (m_dir / "other.data").string()});
  ASSERT_EQ(r.messages.size(), 4u);
  EXPECT_EQ(r.messages[3].text(), "Subject: two\n\nbody two\n");
  EXPECT_TRUE(r.problems.empty());
}

TEST_F(InputReader, truncated_zstd_is_reported_with_the_file_name) {
  std::string zst(ZSTD_compressBound(k_mbox.size()), '\0');
  zst.resize(ZSTD_compress(zst.data(), zst.size(), k_mbox.data(), k_mbox.size(), 3));
  write("cut.zst", zst.substr(0, zst.size() / 2));
  Result r = read({(m_dir / "cut.zst").string()});
  ASSERT_FALSE(r.problems.empty());
  EXPECT_NE(r.problems[0].source.find("cut.zst"), std::string::npos);
  EXPECT_FALSE(r.problems[0].skipped_only);
}

TEST_F(InputReader, missing_file_is_a_problem_and_reading_goes_on) {
  write("ok.mbox", k_mbox);
  Result r = read({(m_dir / "absent.mbox").string(), (m_dir / "ok.mbox").string()});
  EXPECT_EQ(r.messages.size(), 2u);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_NE(r.problems[0].what.find("cannot open"), std::string::npos);
}

TEST_F(InputReader, offsets_point_at_each_message) {
  write("two.mbox", "\n\n" + k_mbox);
  Result r = read({(m_dir / "two.mbox").string()});
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_EQ(r.messages[0].offset, 2u);
  EXPECT_EQ(r.messages[1].offset, 2u + k_mbox.find("From a@b", 1));
}

TEST_F(InputReader, compressed_2025_archive_streams_every_message) {
  REQUIRE_CORPUS();
  Result r = read({(test::corpus_dir() / "lore-usb/linux-usb-2025.mboxrd.zst").string()});
  EXPECT_EQ(r.messages.size(), 12934u);  // git mailsplit --mboxrd agrees (corpus README)
  EXPECT_TRUE(r.problems.empty());
}

// Messages of a file come as slices of the blocks it is read in, uncopied; a message that
// crosses a block, an mboxrd-quoted line or a CRLF end makes a copy. Either way the text is
// the one the splitter gives for the whole file fed at once without blocks.
TEST_F(InputReader, messages_read_from_blocks_equal_the_split_of_the_whole_text) {
  std::string text;
  for (int i = 0; i < 400; ++i) {
    text += "From mboxrd@z Thu Jan  1 00:00:00 1970\nSubject: m" + std::to_string(i) + "\n\n";
    text += std::string(static_cast<std::size_t>((i * 7919) % 5000), 'x') + "\n";
    if (i % 50 == 7) text += ">From quoted\n";
    if (i % 50 == 9) text += "crlf line\r\n";
  }
  write("big.mbox", text);
  Result r = read({(m_dir / "big.mbox").string()});
  ASSERT_TRUE(r.problems.empty());
  std::vector<RawMessage> whole;
  MboxSplitter split("t", MboxDialect::detect, [&](RawMessage&& m) { whole.push_back(std::move(m)); });
  split.feed(text);
  split.finish();
  ASSERT_EQ(r.messages.size(), 400u);
  ASSERT_EQ(whole.size(), 400u);
  std::size_t slices = 0;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    EXPECT_EQ(r.messages[i].text(), whole[i].text()) << i;
    EXPECT_EQ(r.messages[i].offset, whole[i].offset) << i;
    EXPECT_FALSE(whole[i].block);  // fed without a block: copies
    slices += r.messages[i].block != nullptr;
  }
  EXPECT_GT(slices, 300u);  // most are slices; the quoted, CRLF and crossing ones are not
  EXPECT_LT(slices, 400u);
}

}  // namespace
}  // namespace pt
