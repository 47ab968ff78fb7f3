#include "thread/thread_builder.hpp"

#include <algorithm>
#include <deque>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "util/text.hpp"

// Threading follows the mail headers (RFC 5322 3.6.4), with JWZ's tolerance for parents
// that never arrive; series grouping follows Patchwork's parser (references first, then
// same sender + version + total within 20 minutes); follow-up trailers follow b4.

namespace pt {

namespace {

constexpr long long k_unthreaded_window = 20 * 60;  // Patchwork's series window, seconds

class Builder {
 public:
  explicit Builder(const std::vector<ThreadInput>& mails) : m_p(mails) {
    m_set.facts.resize(m_p.size());
    m_ids.reserve(m_p.size());
    m_by_id.reserve(m_p.size());
    for (std::size_t i = 0; i < m_p.size(); ++i) {
      if (m_p[i].message_id().empty()) {
        m_made_ids.push_back(std::string("<no-message-id-") + std::to_string(i) + ">");
        m_ids.push_back(m_made_ids.back());
      } else {
        m_ids.push_back(m_p[i].message_id());
      }
      m_by_id.emplace(m_ids[i], i);  // a duplicate id keeps its first message
      m_times.push_back(m_p[i].time);
    }
  }

  ThreadSet run() {
    link_threads();
    group_series();
    find_naked_covers();
    fill_partial_rerolls();
    collect_replies();
    mark_superseded();
    // b4 appends a patch's own follow-ups first, then those sent to the cover letter.
    for (auto& f : m_set.facts)
      std::stable_sort(f.review_trailers.begin(), f.review_trailers.end(),
                       [](const ReviewTrailer& a, const ReviewTrailer& b) {
                         return !a.via_cover && b.via_cover;
                       });
    // Grown one at a time; a batch keeps them while it judges.
    m_set.series.shrink_to_fit();
    m_set.threads.shrink_to_fit();
    return std::move(m_set);
  }

 private:
  // The message this one answers: In-Reply-To, else the newest References entry.
  std::optional<std::string_view> parent_of(std::size_t i) const {
    const ThreadInput& p = m_p[i];
    if (!p.in_reply_to().empty() && p.in_reply_to() != m_ids[i]) return p.in_reply_to();
    for (std::size_t k = p.reference_count(); k-- > 0;)
      if (p.reference(k) != m_ids[i]) return p.reference(k);
    return std::nullopt;
  }

  std::optional<std::size_t> find(std::string_view id) const {
    auto it = m_by_id.find(id);
    if (it == m_by_id.end()) return std::nullopt;
    return it->second;
  }

  void link_threads() {
    std::unordered_map<std::string_view, std::size_t> thread_of_root;
    m_root_of.reserve(m_p.size());
    std::vector<std::string_view> path;
    std::unordered_set<std::string_view> seen;
    for (std::size_t i = 0; i < m_p.size(); ++i) {
      ThreadFacts& f = m_set.facts[i];
      if (std::optional<std::string_view> parent = parent_of(i)) f.parent.emplace(*parent);
      if (f.parent)
        if (auto pi = find(*f.parent); pi && *pi != i) ++m_set.facts[*pi].replies;
      // Walk up to the root; a parent missing from the input is the root (its id is
      // still the thread's name). A reference loop has no top: every message on it gets
      // the loop's smallest id, so they all land in one thread. Roots found before are
      // reused: a thread's messages mostly arrive after their parents.
      path.assign(1, m_ids[i]);
      seen.clear();
      seen.insert(m_ids[i]);
      std::string_view root = m_ids[i];
      std::optional<std::size_t> at = i;
      while (at) {
        if (auto known = m_root_of.find(path.back()); known != m_root_of.end() && path.size() > 1) {
          root = known->second;
          break;
        }
        std::optional<std::string_view> up = parent_of(*at);
        if (!up) break;
        if (!seen.insert(*up).second) {
          auto loop = std::find(path.begin(), path.end(), *up);
          root = *std::min_element(loop, path.end());
          break;
        }
        path.push_back(*up);
        root = *up;
        at = find(*up);
        if (!at) break;
      }
      for (const auto& id : path) m_root_of.emplace(id, root);
      f.thread = root;
      auto [it, fresh] = thread_of_root.emplace(root, m_set.threads.size());
      if (fresh) m_set.threads.push_back({std::string(root), {}, {}});
      m_set.threads[it->second].messages.push_back(i);
    }
  }

  bool is_series_member(std::size_t i) const { return m_p[i].series_member; }
  bool is_numbered_cover(std::size_t i) const {
    const ThreadInput& s = m_p[i];
    return s.index && *s.index == 0 && !s.is_reply && !is_series_member(i);
  }

  bool has_member(const Series& s, int number) const {
    return number >= 1 && number <= static_cast<int>(s.members.size()) && s.members[number - 1];
  }

  // Whether a message with this number, version and stable range may join series `s`.
  bool fits(const Series& s, int number, int version, int total, const std::string& range) const {
    if (number == 0 ? s.cover.has_value() : has_member(s, number)) return false;
    if (s.stable_range != range) return false;  // AUTOSEL 6.6 09/59 is not AUTOSEL 6.1 09/59
    // An unlabeled patch answering a vN cover belongs to it (Patchwork: base-different-versions).
    if (s.version != version && version != 1) return false;
    return s.total == total || number > s.total;
  }

  std::string range_of(std::size_t i) const {
    const ThreadInput& s = m_p[i];
    std::string range;
    if (s.stable_from().empty()) return range;
    range = s.stable_from();
    range += '-';
    range += s.stable_to();
    return range;
  }

  void claim(int sid, std::size_t i) {
    m_claims.emplace(m_ids[i], sid);
    const ThreadInput& p = m_p[i];
    if (!p.in_reply_to().empty()) m_claims.emplace(p.in_reply_to(), sid);
    for (std::size_t k = 0; k < p.reference_count(); ++k) m_claims.emplace(p.reference(k), sid);
  }

  void add(int sid, std::size_t i, int number) {
    Series& s = m_set.series[sid];
    if (number == 0) {
      s.cover = i;
      m_set.facts[i].is_cover = true;
    } else {
      if (static_cast<int>(s.members.size()) < number) {
        s.members.resize(number);
        s.carried_from.resize(number);
      }
      s.members[number - 1] = i;
    }
    m_set.facts[i].series = sid;
    if (m_times[i]) m_last_time[sid] = *m_times[i];
    claim(sid, i);
  }

  int new_series(std::size_t i, int total) {
    Series s;
    s.id = static_cast<int>(m_set.series.size());
    s.thread = m_set.facts[i].thread;
    s.author_email = m_p[i].author_email();
    s.version = m_p[i].version;
    s.total = total;
    s.resend = m_p[i].resend;
    s.autosel = m_p[i].autosel;
    s.stable_range = range_of(i);
    m_set.series.push_back(std::move(s));
    m_last_time.push_back(m_times[i].value_or(0));
    return m_set.series.back().id;
  }

  void group_series() {
    for (std::size_t i = 0; i < m_p.size(); ++i) {
      bool cover = is_numbered_cover(i);
      if (!cover && !is_series_member(i)) continue;
      const ThreadInput& subj = m_p[i];
      if (!cover && !subj.index) {  // an unnumbered patch is a series of one
        add(new_series(i, 1), i, 1);
        continue;
      }
      int number = cover ? 0 : *subj.index;
      int total = subj.total.value_or(0);
      std::optional<int> chosen;
      // The message's own id (a later member may have named it first), then the
      // closest reference outwards.
      std::vector<std::string_view> refs{m_ids[i]};
      if (!m_p[i].in_reply_to().empty()) refs.emplace_back(m_p[i].in_reply_to());
      for (std::size_t k = m_p[i].reference_count(); k-- > 0;)
        refs.emplace_back(m_p[i].reference(k));
      for (const auto& ref : refs) {
        auto c = m_claims.find(ref);
        if (c != m_claims.end() && fits(m_set.series[c->second], number, subj.version, total, range_of(i))) {
          chosen = c->second;
          break;
        }
      }
      if (!chosen) chosen = by_markers(i, number, total);
      if (!chosen) chosen = new_series(i, total);
      add(*chosen, i, number);
    }
    for (Series& s : m_set.series) {
      for (int n = 1; n <= s.total; ++n)
        if (!has_member(s, n)) s.missing.push_back(n);
      m_set.threads[thread_index(s.thread)].series.push_back(s.id);
    }
  }

  // Unthreaded mail: the newest series of the same sender, version and total whose last
  // message came at most 20 minutes earlier.
  std::optional<int> by_markers(std::size_t i, int number, int total) const {
    if (!m_times[i]) return std::nullopt;
    for (int sid = static_cast<int>(m_set.series.size()) - 1; sid >= 0; --sid) {
      const Series& s = m_set.series[sid];
      if (!iequals(s.author_email, m_p[i].author_email()) || s.version != m_p[i].version ||
          s.total != total)
        continue;
      long long gap = *m_times[i] - m_last_time[sid];
      if (gap < -k_unthreaded_window || gap > k_unthreaded_window) continue;
      if (fits(s, number, s.version, total, range_of(i))) return sid;
    }
    return std::nullopt;
  }

  std::size_t thread_index(std::string_view root) {
    if (m_thread_index.empty())
      for (std::size_t t = 0; t < m_set.threads.size(); ++t) m_thread_index[m_set.threads[t].root] = t;
    return m_thread_index.at(root);
  }

  // b4: the first message of a thread, by the series' author, without a diff and not a
  // reply, that numbered patches answer is the cover letter even without "0/N".
  void find_naked_covers() {
    for (Series& s : m_set.series) {
      if (s.cover || s.total < 1) continue;
      for (const auto& m : s.members) {
        if (!m) continue;
        const auto& parent = m_set.facts[*m].parent;
        if (!parent) continue;
        auto pi = find(*parent);
        if (!pi || m_p[*pi].is_patch || m_p[*pi].is_reply || m_set.facts[*pi].series ||
            m_set.facts[*pi].parent || !iequals(m_p[*pi].author_email(), s.author_email))
          continue;
        s.cover = *pi;
        m_set.facts[*pi].is_cover = true;
        m_set.facts[*pi].series = s.id;
        break;
      }
    }
  }

  // b4: a v(N+1) of some patches sent in reply to vN reuses vN's other patches.
  void fill_partial_rerolls() {
    for (Series& s : m_set.series) {
      if (s.missing.empty()) continue;
      std::optional<int> older;
      for (const auto& m : s.members) {
        if (!m || !m_set.facts[*m].parent) continue;
        auto pi = find(*m_set.facts[*m].parent);
        if (!pi || !m_set.facts[*pi].series) continue;
        const Series& o = m_set.series[*m_set.facts[*pi].series];
        if (o.id != s.id && o.version < s.version && o.total == s.total &&
            iequals(o.author_email, s.author_email))
          older = o.id;
      }
      if (!older) continue;
      const Series& o = m_set.series[*older];
      std::vector<int> still_missing;
      for (int n : s.missing) {
        if (has_member(o, n)) {
          if (static_cast<int>(s.members.size()) < n) {  // missing numbers run up to the total
            s.members.resize(n);
            s.carried_from.resize(n);
          }
          s.members[n - 1] = o.members[n - 1];
          s.carried_from[n - 1] = o.version;
        } else {
          still_missing.push_back(n);
        }
      }
      s.missing = std::move(still_missing);
      if (!s.cover && o.cover) s.cover = o.cover;
    }
  }

  static bool already_carried(const ThreadInput& patch, const ReviewTrailer& t) {
    for (std::size_t k = 0; k < patch.own_trailer_count(); ++k)
      if (iequals(patch.own_trailer(k, 0), t.key) &&
          ((!t.email.empty() && iequals(patch.own_trailer(k, 1), t.email)) ||
           patch.own_trailer(k, 2) == t.value))
        return true;
    return false;
  }

  void attach(std::size_t target, const ReviewTrailer& rt) {
    if (already_carried(m_p[target], rt)) return;
    auto& list = m_set.facts[target].review_trailers;
    for (const auto& have : list)
      if (iequals(have.key, rt.key) && have.value == rt.value) return;
    list.push_back(rt);
  }

  // Every patch a cover letter stands for: its series' members and those of a partial
  // reroll that reuses it.
  template <typename Fn>
  void for_each_covered(std::size_t cover, Fn fn) {
    std::unordered_set<std::size_t> done;
    for (const Series& s : m_set.series)
      if (s.cover == cover)
        for (const auto& m : s.members)
          if (m && done.insert(*m).second) fn(*m);
  }

  void collect_replies() {
    for (std::size_t i = 0; i < m_p.size(); ++i) {
      ThreadFacts& f = m_set.facts[i];
      if (f.series || !f.parent) continue;  // patches and covers are not follow-ups
      // The patch or cover this reply is about: the nearest such ancestor.
      std::optional<std::size_t> at = find(*f.parent);
      std::unordered_set<std::size_t> seen;
      while (at && !m_set.facts[*at].series && seen.insert(*at).second) {
        const auto& up = m_set.facts[*at].parent;
        at = up ? find(*up) : std::nullopt;
      }
      if (!at || !m_set.facts[*at].series) continue;
      f.answers = *at;
      const ThreadInput& reply = m_p[i];
      std::string sender(reply.author_name());
      sender += " <";
      sender += reply.author_email();
      sender += '>';
      bool to_cover = m_set.facts[*at].is_cover;
      for (const Trailer& t : reply.reply_trailers) {
        ReviewTrailer rt{t.key, t.value, t.name, t.email, std::string(m_ids[i]), sender, false, to_cover};
        // b4: a person trailer counts when it names the sender (address or name); Fixes,
        // Link and Closes name no person, so there is nobody to impersonate.
        bool person = t.key.size() > 3 && iequals(std::string_view(t.key).substr(t.key.size() - 3), "-by");
        rt.sender_matches = !person ||
                            (!t.email.empty() && iequals(t.email, reply.author_email())) ||
                            (!t.name.empty() && iequals(t.name, reply.author_name()));
        if (to_cover) for_each_covered(*at, [&](std::size_t m) { attach(m, rt); });
        else attach(*at, rt);
      }
      for (const Statement& st : reply.statements) {
        ReplyFact fact{st.kind, std::string(m_ids[i]), sender, st.line};
        if (to_cover) for_each_covered(*at, [&](std::size_t m) { m_set.facts[m].reply_facts.push_back(fact); });
        else m_set.facts[*at].reply_facts.push_back(fact);
      }
    }
  }

  // A newer version of a series by the same author that carries a patch of the same title
  // supersedes it; the newest such version is named.
  void mark_superseded() {
    std::unordered_map<std::string, std::vector<int>> by_author;
    for (const Series& s : m_set.series) by_author[lower(s.author_email)].push_back(s.id);
    for (Series& s : m_set.series) {
      for (int newer : by_author[lower(s.author_email)]) {
        const Series& n = m_set.series[newer];
        // A higher version, or a RESEND of the same version sent later, replaces it.
        bool replaces = n.version > s.version ||
                        (n.version == s.version && n.resend && n.id > s.id);
        if (!replaces || n.stable_range != s.stable_range) continue;
        for (std::size_t k = 0; k < s.members.size(); ++k) {
          if (!s.members[k] || s.carried_from[k]) continue;
          std::size_t old_msg = *s.members[k];
          for (std::size_t j = 0; j < n.members.size(); ++j) {
            if (!n.members[j] || n.carried_from[j] || m_p[*n.members[j]].title() != m_p[old_msg].title())
              continue;
            auto& by = m_set.facts[old_msg].superseded_by;
            int by_version = by.empty() ? 0 : m_p[m_by_id.at(by)].version;
            if (n.version >= by_version) by = m_ids[*n.members[j]];
            if (!s.superseded_by || m_set.series[*s.superseded_by].version <= n.version)
              s.superseded_by = n.id;
          }
        }
      }
    }
  }

  static std::string lower(std::string s) {
    for (char& c : s) c = to_lower(c);
    return s;
  }

  // The maps below hold views of the records' ids (and of m_made_ids): the builder copies
  // no id but those its ThreadSet keeps, so threading an archive allocates little beside it.
  const std::vector<ThreadInput>& m_p;
  ThreadSet m_set;
  std::deque<std::string> m_made_ids;  // "<no-message-id-N>" for messages without one
  std::vector<std::string_view> m_ids;
  std::unordered_map<std::string_view, std::size_t> m_by_id;
  std::vector<std::optional<long long>> m_times;
  std::unordered_map<std::string_view, int> m_claims;  // Message-ID -> series that named it first
  std::vector<long long> m_last_time;                  // per series: date of its newest member
  std::unordered_map<std::string_view, std::size_t> m_thread_index;  // views of threads' roots
  std::unordered_map<std::string_view, std::string_view> m_root_of;  // Message-ID -> thread root
};

}  // namespace

ThreadSet build_threads(const std::vector<ThreadInput>& mails) { return Builder(mails).run(); }

ThreadSet build_threads(const std::vector<Patch>& patches) {
  std::vector<ThreadInput> mails;
  mails.reserve(patches.size());
  for (const Patch& p : patches) mails.push_back(thread_input(p));
  return build_threads(mails);
}

}  // namespace pt
