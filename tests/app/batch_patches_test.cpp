// The second reading of a batch: judged patches come back whole and equal to the first
// reading, a window at a time, and a file that changed in between is reported, not judged.
#include "app/batch_patches.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "app/parse_pipeline.hpp"
#include "test_support.hpp"

namespace pt {
namespace {

// The first reading as a batch does it: every message kept as its thread record.
struct Reading {
  std::vector<Patch> whole_patches;
  KeptMails kept;
  std::vector<std::size_t> jobs;  // every patch
};

Reading first_reading(const std::string& path) {
  Reading r;
  r.whole_patches = parse_inputs({path}, {}, {}, 2, [](const InputProblem&) {});
  for (std::size_t i = 0; i < r.whole_patches.size(); ++i) {
    r.kept.store(i, keep_mail(Patch(r.whole_patches[i]), true));
    if (r.kept.record(i).is_patch) r.jobs.push_back(i);
  }
  return r;
}

std::string text_of(const Patch& p) {
  std::string s = p.message_id;
  for (std::string_view part : {std::string_view(p.message), std::string_view(p.patch_text), p.diff.text()}) {
    s += '\n';
    s += part;
  }
  s += "\nfiles ";
  s += std::to_string(p.diff.files.size());
  s += " +";
  s += std::to_string(p.diff.insertions);
  s += " -";
  s += std::to_string(p.diff.deletions);
  s += " trailers ";
  s += std::to_string(p.trailers.size());
  return s;
}

TEST(JudgedPatches, come_back_whole_and_equal_to_the_first_reading_on_two_workers) {
  REQUIRE_CORPUS();
  std::string path = (test::corpus_dir() / "lore-usb/linux-usb-stable-subset.mboxrd").string();
  Reading r = first_reading(path);
  ASSERT_GT(r.jobs.size(), 2000u);  // many times the read-ahead window
  std::size_t shed = 0;
  for (std::size_t i : r.jobs) shed += !r.kept.whole(i);
  ASSERT_GT(shed, 2000u);

  Options options;
  options.jobs = 2;
  JudgedPatches feed(r.kept, {{{path}, 0}}, r.jobs, options);
  std::atomic<std::size_t> next{0}, same{0};
  std::vector<std::string> errors(r.jobs.size());
  auto work = [&] {
    for (std::size_t k; (k = next++) < r.jobs.size();) {
      std::string error;
      const Patch* p = feed.wait(k, error);
      if (!p)
        errors[k] = error;
      else if (text_of(*p) == text_of(r.whole_patches[r.jobs[k]]))
        ++same;
      feed.done(k);
    }
  };
  std::thread other(work);
  work();
  other.join();
  EXPECT_EQ(same, r.jobs.size());
  for (const auto& e : errors) EXPECT_EQ(e, "");
  EXPECT_EQ(feed.read_again(), shed);  // only the shed ones were read again
}

TEST(JudgedPatches, a_file_changed_between_the_readings_is_reported_not_judged) {
  REQUIRE_CORPUS();
  auto src = test::corpus_dir() / "lore-usb/linux-usb-stable-subset.mboxrd";
  std::string text = test::read_file(src);
  std::string name = "pt-judged-";
  name += std::to_string(::getpid());
  auto dir = std::filesystem::temp_directory_path() / name;
  std::filesystem::create_directories(dir);
  std::string path = (dir / "archive.mbox").string();
  std::ofstream(path, std::ios::binary) << text.substr(0, 400000);
  Reading r = first_reading(path);
  ASSERT_GE(r.jobs.size(), 3u);
  ASSERT_FALSE(r.kept.whole(r.jobs[1]));
  // The archive rewritten before the second reading: its first mail is gone.
  std::size_t second = r.kept.offset(r.jobs[1]);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text.substr(second, 400000 - second);

  Options options;
  options.jobs = 1;
  JudgedPatches feed(r.kept, {{{path}, 0}}, r.jobs, options);
  std::string error;
  EXPECT_EQ(feed.wait(1, error), nullptr);
  EXPECT_NE(error.find("archive.mbox changed while the batch ran"), std::string::npos) << error;
  feed.done(1);
  std::filesystem::remove_all(dir);
}

// An archive of mails of ~300 KB each alternating with small ones: the parse hands them over
// in batches bounded by size as well as count, and the second reading holds no more than
// ~2 MB of mail ahead of the workers; every patch still comes back, in its place.
std::string big_archive(const std::string& path, int count) {
  std::ofstream out(path, std::ios::binary);
  for (int i = 0; i < count; ++i) {
    int lines = i % 2 ? 2 : 2500;
    out << "From x@y Mon Sep 17 00:00:00 2001\nFrom: A U Thor <a@example.org>\n"
        << "Subject: [PATCH] change " << i << "\nMessage-Id: <m" << i << "@example.org>\n"
        << "Date: Mon, 17 Sep 2001 00:00:00 +0000\n\nChange " << i << ".\n\n"
        << "Signed-off-by: A U Thor <a@example.org>\n---\n"
        << "diff --git a/f" << i << " b/f" << i << "\n--- a/f" << i << "\n+++ b/f" << i << "\n"
        << "@@ -1," << lines << " +1," << lines << " @@\n";
    for (int l = 0; l < lines; ++l) out << "-old line " << l << " " << std::string(50, 'o') << "\n";
    for (int l = 0; l < lines; ++l) out << "+new line " << l << " " << std::string(50, 'n') << "\n";
  }
  return path;
}

TEST(JudgedPatches, mails_of_hundreds_of_kilobytes_come_back_whole_in_their_places) {
  auto dir = std::filesystem::temp_directory_path() /
             ("pt-judged-big-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const int count = 60;  // ~9 MB: the byte bounds, not the 64-mail ones, hold the reading back
  std::string path = big_archive((dir / "big.mbox").string(), count);
  Reading r = first_reading(path);
  ASSERT_EQ(r.whole_patches.size(), static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i)
    ASSERT_EQ(r.whole_patches[i].message_id, "<m" + std::to_string(i) + "@example.org>") << i;
  ASSERT_EQ(r.jobs.size(), static_cast<std::size_t>(count));
  EXPECT_EQ(r.whole_patches[0].diff.insertions, 2500);

  Options options;
  options.jobs = 2;
  JudgedPatches feed(r.kept, {{{path}, 0}}, r.jobs, options);
  std::atomic<std::size_t> next{0}, same{0};
  auto work = [&] {
    for (std::size_t k; (k = next++) < r.jobs.size();) {
      std::string error;
      const Patch* p = feed.wait(k, error);
      if (p && text_of(*p) == text_of(r.whole_patches[r.jobs[k]])) ++same;
      feed.done(k);
    }
  };
  std::thread other(work);
  work();
  other.join();
  EXPECT_EQ(same, r.jobs.size());
  EXPECT_EQ(feed.read_again(), r.jobs.size());
  std::filesystem::remove_all(dir);
}

TEST(JudgedPatches, stopping_early_does_not_hang) {
  REQUIRE_CORPUS();
  std::string path = (test::corpus_dir() / "lore-usb/linux-usb-stable-subset.mboxrd").string();
  Reading r = first_reading(path);
  Options options;
  options.jobs = 2;
  {
    JudgedPatches feed(r.kept, {{{path}, 0}}, r.jobs, options);
    std::string error;
    ASSERT_NE(feed.wait(0, error), nullptr) << error;
    feed.done(0);
  }  // the workers stopped after one patch: the second reading is cut short
  SUCCEED();
}

}  // namespace
}  // namespace pt
