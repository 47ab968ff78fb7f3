// thread stage: what the thread builder reads of one message, as a compact record.
// Patch -> ThreadInput (ids, subject numbers, author, date, own trailers, and what a possible
// follow-up says; the strings packed into one). A batch keeps one per mail of an archive
// instead of the mail: ~0.5 KB instead of the patch object's 1.1 KB and its strings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "patch/patch.hpp"
#include "thread/reply_scan.hpp"

namespace pt {

class ThreadInput {
 public:
  ThreadInput() = default;
  // Scans the text of a possible follow-up once, here, so that the record need not keep it.
  explicit ThreadInput(const Patch& patch);

  std::string_view message_id() const { return field(k_message_id); }
  std::string_view in_reply_to() const { return field(k_in_reply_to); }
  std::size_t reference_count() const { return m_references; }
  std::string_view reference(std::size_t k) const { return field(k_fixed + k); }
  std::string_view title() const { return field(k_title); }  // as git mailinfo prints Subject
  std::string_view author_name() const { return field(k_author_name); }
  std::string_view author_email() const { return field(k_author_email); }
  std::string_view stable_from() const { return field(k_stable_from); }
  std::string_view stable_to() const { return field(k_stable_to); }
  // The message's own trailers a follow-up may repeat (the others are left out): a follow-up
  // trailer the patch already carries is not added again. Field f: 0 key, 1 e-mail, 2 value.
  std::size_t own_trailer_count() const {
    return m_ends.empty() ? 0 : (m_ends.size() - k_fixed - m_references) / 3;
  }
  std::string_view own_trailer(std::size_t t, std::size_t f) const {
    return field(k_fixed + m_references + 3 * t + f);
  }

  std::optional<long long> time;  // Date in Unix seconds, when it parses
  // Of the subject: n/N, version, and what tells series apart.
  int version = 1;
  std::optional<int> index, total;
  bool is_reply = false, resend = false, autosel = false;
  bool is_patch = false;       // carries a file diff
  bool series_member = false;  // a patch for a series (b4's view, see thread_input.cpp)
  // Of a message that may be a follow-up (answers another, not a series member): the
  // trailers and maintainer statements it gives (reply_scan.hpp), over message and patch text.
  std::vector<Trailer> reply_trailers;
  std::vector<Statement> statements;

 private:
  enum : std::size_t {
    k_message_id, k_in_reply_to, k_title, k_author_name, k_author_email, k_stable_from,
    k_stable_to, k_fixed  // then the references, then three fields per own trailer
  };
  std::string_view field(std::size_t at) const {
    if (m_ends.empty()) return {};  // a default record: every field empty
    std::size_t begin = at ? m_ends[at - 1] : 0;
    return std::string_view(m_text).substr(begin, m_ends[at] - begin);
  }
  void add(std::string_view s);

  std::string m_text;                // every string field, back to back
  std::vector<std::uint32_t> m_ends;  // where each ends in m_text
  std::uint32_t m_references = 0;
};

// The thread record of `patch`.
inline ThreadInput thread_input(const Patch& patch) { return ThreadInput(patch); }

}  // namespace pt
