#include "thread/thread_input.hpp"

#include "mail/date.hpp"
#include "util/text.hpp"

namespace pt {

namespace {

// A patch for the series, even when git apply would refuse its diff (b4 still treats a
// "---"/"+++" pair with a mangled hunk header as the patch it reviews).
bool is_series_member(const Patch& p) {
  bool has_minus = starts_with(p.patch_text, "--- ") ||
                   p.patch_text.find("\n--- ") != std::string::npos;
  bool has_plus = p.patch_text.find("\n+++ ") != std::string::npos;
  bool diff_like = p.is_patch || p.pull_request || (has_minus && has_plus);
  return diff_like && !p.subject_info.is_reply;
}

// Whether a follow-up may carry a trailer with this key (reply_scan.cpp keeps those ending
// in "-by" and Fixes, Link, Closes; the thread builder compares keys ignoring case): the
// others of a patch's own trailers are never compared, so the record need not keep them.
bool can_follow_up(std::string_view key) {
  if (key.size() > 3 && iequals(key.substr(key.size() - 3), "-by")) return true;
  return iequals(key, "Fixes") || iequals(key, "Link") || iequals(key, "Closes");
}

// Whether the message names another one it answers (the thread builder's parent_of).
bool answers_another(const Patch& p) {
  if (!p.in_reply_to.empty() && p.in_reply_to != p.message_id) return true;
  for (const auto& r : p.references)
    if (r != p.message_id) return true;
  return false;
}

}  // namespace

void ThreadInput::add(std::string_view s) {
  m_text += s;
  m_ends.push_back(static_cast<std::uint32_t>(m_text.size()));
}

ThreadInput::ThreadInput(const Patch& p) {
  const Subject& s = p.subject_info;
  std::size_t size = p.message_id.size() + p.in_reply_to.size() + p.title.size() +
                     p.author.name.size() + p.author.email.size() + s.stable_from.size() +
                     s.stable_to.size();
  for (const auto& r : p.references) size += r.size();
  std::size_t trailers = 0;
  for (const Trailer& t : p.trailers)
    if (can_follow_up(t.key)) {
      size += t.key.size() + t.email.size() + t.value.size();
      ++trailers;
    }
  m_text.reserve(size);  // allocated to fit: a batch keeps one record per mail
  m_ends.reserve(k_fixed + p.references.size() + 3 * trailers);
  for (const std::string* f : {&p.message_id, &p.in_reply_to, &p.title, &p.author.name,
                               &p.author.email, &s.stable_from, &s.stable_to})
    add(*f);
  for (const auto& r : p.references) add(r);
  m_references = static_cast<std::uint32_t>(p.references.size());
  for (const Trailer& t : p.trailers)
    if (can_follow_up(t.key))
      for (const std::string* f : {&t.key, &t.email, &t.value}) add(*f);

  time = iso8601_to_unix(p.date_utc);
  version = s.version;
  index = s.index;
  total = s.total;
  is_reply = s.is_reply;
  resend = s.resend;
  autosel = s.autosel;
  is_patch = p.is_patch;
  series_member = is_series_member(p);
  // Git's split puts text after a "---" line into patch_text: a follow-up is both. A
  // message without a parent (an id without one counts as none) is never a follow-up; one
  // with a parent may be, when threading finds a patch or cover among its ancestors.
  if (!series_member && answers_another(p)) {
    reply_trailers = find_reply_trailers(p.message);
    if (!p.patch_text.empty())
      for (Trailer& t : find_reply_trailers(p.patch_text)) reply_trailers.push_back(std::move(t));
    statements = find_statements(p.message);
    for (Statement& st : find_statements(p.patch_text)) statements.push_back(std::move(st));
  }
}

}  // namespace pt
