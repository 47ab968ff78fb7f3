#include "app/batch_mails.hpp"

namespace pt {

KeptMail keep_mail(Patch&& patch, bool read_again) {
  KeptMail m;
  m.source = patch.source;
  m.offset = patch.offset;
  m.stable_base = patch.stable_base;
  bool rebuild = patch.recovered && !patch.recovered->diff_exact;
  // The record of a whole patch is made again after its rebuild (KeptMails::refresh); made
  // here all the same, as a mail without a repository is not rebuilt.
  m.record = thread_input(patch);
  if (!read_again || rebuild) m.whole = std::make_unique<Patch>(std::move(patch));
  return m;
}

void KeptMails::store(std::size_t i, KeptMail&& mail) {
  if (m_records.size() <= i) {
    m_records.resize(i + 1);
    m_places.resize(i + 1);
  }
  auto [it, fresh] = m_source_index.emplace(mail.source, static_cast<std::uint32_t>(m_sources.size()));
  if (fresh) m_sources.push_back(std::move(mail.source));
  m_records[i] = std::move(mail.record);
  Place& p = m_places[i];
  p.offset = mail.offset;
  p.source = it->second;
  p.stable_base = std::move(mail.stable_base);
  p.whole = std::move(mail.whole);
}

void KeptMails::compact(std::size_t first) {
  for (std::size_t i = first; i < m_records.size(); ++i) {
    ThreadInput copy = m_records[i];  // a copy's strings and vectors are allocated to fit
    m_records[i] = std::move(copy);
  }
}

void KeptMails::shrink_to_fit() {
  m_records.shrink_to_fit();
  m_places.shrink_to_fit();
}

std::string KeptMails::where(std::size_t i) const {
  std::string s = source(i);
  s += ':';
  s += std::to_string(offset(i));
  return s;
}

Patch KeptMails::brief(std::size_t i) const {
  const ThreadInput& r = m_records[i];
  Patch p;
  p.source = source(i);
  p.offset = offset(i);
  p.message_id = r.message_id();
  p.in_reply_to = r.in_reply_to();
  p.title = r.title();
  p.author.name = r.author_name();
  p.author.email = r.author_email();
  Subject& s = p.subject_info;
  s.version = r.version;
  s.index = r.index;
  s.total = r.total;
  s.is_reply = r.is_reply;
  s.resend = r.resend;
  s.autosel = r.autosel;
  s.stable_from = r.stable_from();
  s.stable_to = r.stable_to();
  p.stable_base = m_places[i].stable_base;
  p.is_patch = r.is_patch;
  return p;
}

}  // namespace pt
