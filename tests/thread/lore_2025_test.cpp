// The whole 2025 linux-usb year (12,934 real mails) threaded; facts pinned on threads that
// were checked by hand against the raw mail.
#include <gtest/gtest.h>

#include <sstream>

#include "app/batch_mails.hpp"
#include "app/batch_record.hpp"
#include "app/parse_pipeline.hpp"
#include "report/patch_json.hpp"
#include "test_support.hpp"
#include "thread/thread_builder.hpp"

namespace pt {
namespace {

class Lore2025 : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (test::corpus_dir().empty()) return;
    s_patches = new std::vector<Patch>(parse_inputs(
        {(test::corpus_dir() / "lore-usb/linux-usb-2025.mboxrd.zst").string()}, {}, {}, 0,
        [](const InputProblem&) {}));
    s_threads = new ThreadSet(build_threads(*s_patches));
  }
  static void TearDownTestSuite() {
    delete s_threads;
    delete s_patches;
  }
  static std::size_t index_of(const std::string& id) {
    for (std::size_t i = 0; i < s_patches->size(); ++i)
      if ((*s_patches)[i].message_id == id) return i;
    ADD_FAILURE() << id << " not found";
    return 0;
  }
  static std::vector<Patch>* s_patches;
  static ThreadSet* s_threads;
};
std::vector<Patch>* Lore2025::s_patches = nullptr;
ThreadSet* Lore2025::s_threads = nullptr;

TEST_F(Lore2025, every_message_is_read_and_threaded) {
  REQUIRE_CORPUS();
  EXPECT_EQ(s_patches->size(), 12934u);
  EXPECT_EQ(s_threads->facts.size(), 12934u);
  std::size_t in_threads = 0;
  for (const Thread& t : s_threads->threads) in_threads += t.messages.size();
  EXPECT_EQ(in_threads, 12934u);
}

// usbnet: ipheth v4 (2025-01-05): Jakub Kicinski answered the cover letter with a
// Reviewed-by; v5 (2025-01-26) reposted the patches, "break up NCM header size
// computation" as 5/7.
TEST_F(Lore2025, cover_letter_review_reaches_every_patch_and_v5_supersedes_v4) {
  REQUIRE_CORPUS();
  std::size_t p1 = index_of("<20250105010121.12546-2-forst@pen.gy>");
  const ThreadFacts& f = s_threads->facts[p1];
  EXPECT_EQ(f.thread, "<20250105010121.12546-1-forst@pen.gy>");
  ASSERT_TRUE(f.series);
  const Series& s = s_threads->series[*f.series];
  EXPECT_EQ(s.version, 4);
  EXPECT_EQ(s.total, 7);
  EXPECT_TRUE(s.missing.empty());
  ASSERT_TRUE(s.cover);
  for (const auto& m : s.members) {
    ASSERT_TRUE(m);
    const auto& rt = s_threads->facts[*m].review_trailers;
    ASSERT_FALSE(rt.empty());
    EXPECT_EQ(rt[0].key, "Reviewed-by");
    EXPECT_EQ(rt[0].email, "kuba@kernel.org");
    EXPECT_EQ(rt[0].from_reply, "<20250107173117.66606e57@kernel.org>");
    EXPECT_TRUE(rt[0].sender_matches);
    EXPECT_TRUE(rt[0].via_cover);
  }
  EXPECT_EQ(f.superseded_by, "<20250125235409.3106594-6-forst@pen.gy>");
  ASSERT_TRUE(s.superseded_by);
  EXPECT_EQ(s_threads->series[*s.superseded_by].version, 5);
}

// USB: serial: ch341 (2025-01-08): Greg KH's only reply carries his Reviewed-by.
TEST_F(Lore2025, reviewed_by_in_a_direct_reply) {
  REQUIRE_CORPUS();
  std::size_t p = index_of("<20250108101518.30607-1-johan@kernel.org>");
  const ThreadFacts& f = s_threads->facts[p];
  EXPECT_EQ(f.replies, 1);
  ASSERT_EQ(f.review_trailers.size(), 1u);
  EXPECT_EQ(f.review_trailers[0].key, "Reviewed-by");
  EXPECT_EQ(f.review_trailers[0].email, "gregkh@linuxfoundation.org");
  EXPECT_EQ(f.review_trailers[0].from_reply, "<2025010835-foil-designer-84e0@gregkh>");
  EXPECT_FALSE(f.review_trailers[0].via_cover);
  for (const auto& t : (*s_patches)[p].trailers) EXPECT_NE(t.key, "Reviewed-by");
}

// Everything build_threads decides about one message, as text to compare.
std::string thread_facts_text(const ThreadSet& set, std::size_t i) {
  const ThreadFacts& f = set.facts[i];
  std::ostringstream s;
  s << f.thread << '|' << f.parent.value_or("-") << '|' << (f.series ? *f.series : -1) << '|'
    << f.replies << '|' << (f.answers ? static_cast<long>(*f.answers) : -1L) << '|'
    << f.superseded_by << '|' << f.is_cover;
  for (const auto& t : f.review_trailers)
    s << "\n  " << t.key << ": " << t.value << " [" << t.name << '|' << t.email << '|'
      << t.from_reply << '|' << t.sender << '|' << t.sender_matches << t.via_cover << ']';
  for (const auto& r : f.reply_facts) s << "\n  " << r.kind << ' ' << r.from_reply << ' ' << r.line;
  return s.str();
}

// A batch keeps of each mail only its thread record (and reads the judged ones again): the
// year's threads, series and review trailers must not change by it, nor any patch's record.
TEST_F(Lore2025, thread_records_thread_as_whole_patches) {
  REQUIRE_CORPUS();
  KeptMails kept;
  for (std::size_t i = 0; i < s_patches->size(); ++i)
    kept.store(i, keep_mail(Patch((*s_patches)[i]), true));
  std::size_t whole = 0, damaged = 0, patches = 0;
  for (std::size_t i = 0; i < kept.size(); ++i) {
    whole += kept.whole(i) != nullptr;
    const Patch& p = (*s_patches)[i];
    damaged += p.recovered && !p.recovered->diff_exact;
  }
  EXPECT_EQ(whole, damaged);  // only diffs to rebuild from a repository are kept whole
  EXPECT_LT(whole, 100u);
  ThreadSet again = build_threads(kept.records());
  ASSERT_EQ(again.facts.size(), s_threads->facts.size());
  ASSERT_EQ(again.threads.size(), s_threads->threads.size());
  ASSERT_EQ(again.series.size(), s_threads->series.size());
  for (std::size_t i = 0; i < again.facts.size(); ++i)
    ASSERT_EQ(thread_facts_text(again, i), thread_facts_text(*s_threads, i))
        << (*s_patches)[i].message_id;
  for (std::size_t t = 0; t < again.threads.size(); ++t)
    ASSERT_EQ(thread_to_json_line(*s_patches, again, again.threads[t]),
              thread_to_json_line(*s_patches, *s_threads, s_threads->threads[t]));
  // The batch's record of each message from the thread records equals the main command's.
  for (std::size_t i = 0; i < s_patches->size(); ++i) {
    const Patch& p = (*s_patches)[i];
    patches += p.is_patch;
    JsonExtras extras;
    extras.whole = &p;
    ASSERT_EQ(batch_json_line(kept.records(), i, again, extras),
              patch_to_json_line(*s_patches, i, *s_threads))
        << p.message_id;
  }
  EXPECT_GT(patches, 4000u);
}

}  // namespace
}  // namespace pt
