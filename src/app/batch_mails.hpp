// app: what a batch keeps of every mail of its first reading while it threads and judges.
// Patch -> a thread record (thread_input.hpp) and the mail's place, ~0.5 KB instead of the
// patch object; the whole patch only when it cannot be read a second time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "patch/patch.hpp"
#include "thread/thread_input.hpp"

namespace pt {

// One mail as kept; made on a parse worker (keep_mail), stored under the caller's lock.
struct KeptMail {
  ThreadInput record;
  std::string source;
  std::uint64_t offset = 0;
  std::string stable_base;       // X-stable-base: picks the branch a patch is judged on
  std::unique_ptr<Patch> whole;  // when it is not read again
};

// `read_again`: the mail's file can be read a second time. A diff still to be rebuilt from
// the repository keeps the patch whole all the same (the rebuild is not done twice).
KeptMail keep_mail(Patch&& patch, bool read_again);

class KeptMails {
 public:
  void store(std::size_t i, KeptMail&& mail);  // grows to hold message i
  std::size_t size() const { return m_records.size(); }
  // Copies the records from `first` on into memory of the calling thread. They were made on
  // the parse workers between the mails' text, which is freed: copied out, the workers'
  // memory is all free and goes back to the system (release_free_memory), where it would
  // otherwise stay held by a record every few pages.
  void compact(std::size_t first);
  // Gives back what growing one message at a time reserved beyond the last message (up to
  // as much again as is used: ~5 MB of the 332 MB benchmark's records). After the reading.
  void shrink_to_fit();

  // What build_threads reads, every message in input order.
  const std::vector<ThreadInput>& records() const { return m_records; }
  const ThreadInput& record(std::size_t i) const { return m_records[i]; }
  // Message i whole, or nullptr when it is to be read again.
  Patch* whole(std::size_t i) const { return m_places[i].whole.get(); }
  // The record of message i (kept whole) made again: after its diff was rebuilt.
  void refresh(std::size_t i) { m_records[i] = thread_input(*m_places[i].whole); }
  const std::string& source(std::size_t i) const { return m_sources[m_places[i].source]; }
  std::uint64_t offset(std::size_t i) const { return m_places[i].offset; }
  // "file:offset" of message i, as the summary names a mail.
  std::string where(std::size_t i) const;

  // Message i as far as the first reading knows it without its text: source, offset, ids,
  // title, author, subject numbers and stable range, stable base, is_patch. Enough to pick
  // its rule set and target branches.
  Patch brief(std::size_t i) const;

 private:
  struct Place {
    std::uint64_t offset = 0;
    std::uint32_t source = 0;  // index into m_sources: most mails share a file
    std::string stable_base;
    std::unique_ptr<Patch> whole;
  };
  std::vector<ThreadInput> m_records;
  std::vector<Place> m_places;
  std::vector<std::string> m_sources;
  std::unordered_map<std::string, std::uint32_t> m_source_index;
};

}  // namespace pt
