#include "report/patch_json.hpp"

#include <nlohmann/json.hpp>

#include "mail/address.hpp"

namespace pt {

namespace {

using json = nlohmann::ordered_json;

json optional_int(const std::optional<int>& v) { return v ? json(*v) : json(nullptr); }

json file_json(const FileDiff& f) {
  return json{{"old", f.old_path},     {"new", f.new_path},   {"insertions", f.insertions},
              {"deletions", f.deletions}, {"binary", f.binary}, {"status", to_string(f.status)},
              {"hunks", f.hunks.size()}};
}

json series_json(const std::vector<Patch>& patches, const Series& s, std::optional<int> number) {
  json j = {{"id", s.id},
            {"version", s.version},
            {"index", number ? json(*number) : json(nullptr)},
            {"total", s.total},
            {"cover", s.cover ? json(patches[*s.cover].message_id) : json(nullptr)},
            {"missing", s.missing}};
  return j;
}

json review_json(const ReviewTrailer& t) {
  return {{"key", t.key},          {"value", t.value},   {"name", t.name},
          {"email", t.email},      {"from_reply", t.from_reply}, {"sender", t.sender},
          {"sender_matches", t.sender_matches}, {"via_cover", t.via_cover}};
}

// How a message that did not arrive as mail was made sense of (null for mail as sent).
json recovered_json(const Patch& p) {
  if (!p.recovered) return nullptr;
  const Recovery& r = *p.recovered;
  json repairs = r.repairs;
  for (const auto& s : r.diff_repairs) repairs.push_back(s);
  return {{"form", r.form},
          {"repairs", repairs},
          {"confidence", r.confidence},
          {"diff_exact", r.diff_exact},
          {"preimage_exact", r.preimage_exact},
          {"evidence", r.evidence}};
}

// Status words of facts.apply (CONTRACT.md): an existing file in the way is a conflict.
const char* status_word(ApplyStatus s) {
  return s == ApplyStatus::already_exists ? "conflict" : to_string(s);
}

json apply_json(const ApplyResult& r) {
  json files = json::array();
  json hunks = json::array();
  for (const auto& f : r.files) {
    json fh = json::array();
    for (const auto& h : f.hunks) {
      json hj = {{"file", f.path},
                 {"status", status_word(h.status)},
                 {"expected_line", h.expected_line},
                 {"applied_line", h.applied_line ? json(h.applied_line) : json(nullptr)},
                 {"offset", h.offset}};
      if (!h.first_mismatch.empty()) hj["first_mismatch"] = h.first_mismatch;
      fh.push_back(hj);
      hunks.push_back(std::move(hj));
    }
    files.push_back({{"path", f.path}, {"status", status_word(f.status)}, {"detail", f.detail},
                     {"hunks", fh.size()}});
  }
  return {{"status", status_word(r.status)}, {"files", files}, {"hunks", hunks}};
}

json presence_json(const std::map<std::string, BranchPresence>& in_branch) {
  json out = json::object();
  for (const auto& [branch, p] : in_branch)
    out[branch] = {{"present", p.known ? json(p.present) : json(nullptr)},
                   {"how", p.present ? json(p.how) : json(nullptr)},
                   {"commit", p.present ? json(p.commit) : json(nullptr)}};
  return out;
}

json maintainers_json(const std::vector<MaintainerEntry>& entries) {
  json out = json::array();
  for (const auto& e : entries)
    out.push_back({{"name", e.name}, {"email", e.email}, {"role", e.role}, {"section", e.section},
                   {"printed_by_get_maintainer", e.printed}});
  return out;
}

json facts_json(const PatchFacts& all) {
  const ApplyFacts& facts = all.apply;
  const HistoryFacts& history = all.history;
  json targets = json::array();
  json apply = json::object(), reverse = json::object(), already = json::object();
  for (const auto& t : facts.targets) {
    targets.push_back({{"branch", t.name},
                       {"commit", t.commit ? json(*t.commit) : json(nullptr)},
                       {"derived_from", t.derived_from},
                       {"present", t.commit.has_value()}});
    auto it = facts.by_branch.find(t.name);
    if (it == facts.by_branch.end()) {
      apply[t.name] = {{"status", "skip"}, {"evidence", t.name + " not in repository"}};
      continue;
    }
    const BranchApplyFacts& b = it->second;
    apply[t.name] = apply_json(b.forward);
    reverse[t.name] = {{"status", status_word(b.reverse.status)}};
    // The strongest proof first: a branch commit naming the upstream commit.
    auto up = history.upstream_in_branch.find(t.name);
    if (up != history.upstream_in_branch.end() && up->second.present)
      already[t.name] = {{"value", true},
                         {"by", "upstream_ref"},
                         {"how", up->second.how},
                         {"commit", up->second.commit},
                         {"reverse_apply", b.already_applied}};
    else if (auto pid = history.patch_id_in_branch.find(t.name);
             pid != history.patch_id_in_branch.end())
      already[t.name] = {{"value", true},
                         {"by", "patch_id"},
                         {"commit", pid->second},
                         {"reverse_apply", b.already_applied}};
    else
      already[t.name] = {{"value", b.already_applied},
                         {"by", b.already_applied ? json("reverse_apply") : json(nullptr)},
                         {"commit", nullptr},
                         {"reverse_apply", b.already_applied}};
  }
  json upstream = json::array();
  for (const auto& u : history.upstream)
    upstream.push_back({{"sha", u.sha},
                        {"exists", u.full.has_value()},
                        {"commit", u.full ? json(*u.full) : json(nullptr)},
                        {"title", u.title},
                        {"in_mainline", u.in_mainline},
                        {"first_tag", u.first_tag ? json(*u.first_tag) : json(nullptr)},
                        {"patch_id_equal", u.patch_id_equal ? json(*u.patch_id_equal) : json(nullptr)},
                        {"files_only_upstream", u.only_upstream},
                        {"files_only_in_mail", u.only_in_mail}});
  json fixes = json::array();
  for (const auto& f : history.fixes)
    fixes.push_back({{"value", f.value},
                     {"sha", f.sha},
                     {"title", f.quoted_title},
                     {"valid", f.valid},
                     {"problem", f.problem.empty() ? json(nullptr) : json(f.problem)},
                     {"resolves", f.full.has_value()},
                     {"commit", f.full ? json(*f.full) : json(nullptr)},
                     {"commit_title", f.title},
                     {"title_matches", f.title_matches},
                     {"in_branch", presence_json(f.in_branch)}});
  json follow_ups = json::array();
  for (const auto& f : history.follow_ups)
    follow_ups.push_back({{"commit", f.commit},
                          {"title", f.title},
                          {"kind", f.kind},
                          {"of", f.of},
                          {"in_branch", presence_json(f.in_branch)}});
  json prerequisites = json::object();
  for (const auto& [branch, pre] : all.prerequisites) {
    json list = json::array();
    for (const auto& p : pre.commits)
      list.push_back({{"commit", p.commit},
                      {"title", p.title},
                      {"files", p.files},
                      {"lines", p.lines},
                      {"cherry_pick", "git cherry-pick -x " + p.commit.substr(0, 12)}});
    prerequisites[branch] = std::move(list);
  }
  return {{"targets", targets},
          {"mainline", history.mainline_ref.empty() ? json(nullptr) : json(history.mainline_ref)},
          {"apply", apply},
          {"reverse_apply", reverse},
          {"already_applied", already},
          {"upstream", upstream},
          {"fixes", fixes},
          {"follow_ups", follow_ups},
          {"prerequisites", prerequisites},
          {"mail_patch_id", history.mail_patch_id ? json(*history.mail_patch_id) : json(nullptr)},
          {"maintainers_branch", all.maintainers_branch.empty() ? json(nullptr) : json(all.maintainers_branch)},
          {"maintainers", maintainers_json(all.maintainers)}};
}

}  // namespace

std::string patch_to_json_line(const std::vector<Patch>& patches, std::size_t index,
                               const ThreadSet& threads, const JsonExtras& extras) {
  const PatchFacts* facts = extras.facts;
  const Decision* decision = extras.decision;
  const Patch& p = extras.whole ? *extras.whole : patches[index];
  const ThreadFacts& tf = threads.facts[index];
  json files = json::array();
  for (const auto& f : p.diff.files) files.push_back(file_json(f));
  json trailers = json::array();
  for (const auto& t : p.trailers)
    trailers.push_back({{"key", t.key}, {"value", t.value}, {"name", t.name}, {"email", t.email}});
  json upstream = json::array();
  for (const auto& u : p.upstream) upstream.push_back(u.sha);
  json upstream_refs = json::array();
  for (const auto& u : p.upstream)
    upstream_refs.push_back({{"sha", u.sha}, {"form", u.form}, {"line", u.line}});
  json parts = json::array();
  for (const auto& m : p.parts)
    parts.push_back({{"content_type", m.content_type}, {"charset", m.charset},
                     {"filename", m.filename}, {"disposition", m.disposition},
                     {"encoding", m.encoding}, {"size", m.size}});
  const Subject& s = p.subject_info;
  json j = {
      {"source", {{"file", p.source}, {"offset", p.offset}}},
      {"message_id", p.message_id},
      {"in_reply_to", p.in_reply_to},
      {"references", p.references},
      {"subject", p.subject},
      {"title", p.title},
      {"prefixes", s.prefixes},
      {"version", s.version},
      {"index", optional_int(s.index)},
      {"total", optional_int(s.total)},
      {"is_reply", s.is_reply},
      {"rfc", s.rfc},
      {"resend", s.resend},
      {"autosel", s.autosel},
      {"stable_range", s.stable_from.empty() ? json(nullptr)
                                             : json{{"from", s.stable_from}, {"to", s.stable_to}}},
      {"author", {{"name", p.author.name}, {"email", p.author.email}}},
      {"author_from_body", p.author_from_body},
      {"date", p.date},
      {"date_utc", p.date_utc.empty() ? json(nullptr) : json(p.date_utc)},
      {"to", split_recipients(p.to)},
      {"cc", split_recipients(p.cc)},
      {"message", p.message},
      {"patch_text", p.patch_text},
      {"notes", p.notes},
      {"diffstat", p.diffstat},
      {"diff", p.diff.text()},
      {"files", files},
      {"insertions", p.diff.insertions},
      {"deletions", p.diff.deletions},
      {"hunk_lines", p.diff.hunk_lines},
      {"trailers", trailers},
      {"upstream", upstream},
      {"upstream_refs", upstream_refs},
      {"stable_base", p.stable_base.empty() ? json(nullptr) : json(p.stable_base)},
      {"pull_request", p.pull_request ? json{{"url", p.pull_request->url}, {"ref", p.pull_request->ref}}
                                      : json(nullptr)},
      {"mime_parts", parts},
      {"kind", tf.is_cover && !p.is_patch ? "cover_letter" : to_string(p.kind)},
      {"is_patch", p.is_patch},
      {"problems", p.problems},
      {"recovered", recovered_json(p)},
      {"thread", tf.thread},
      {"series", nullptr},
      {"replies", tf.replies},
      {"review_trailers", json::array()},
      {"reply_facts", json::array()},
      {"answers", tf.answers ? json(patches[*tf.answers].message_id) : json(nullptr)},
      {"superseded_by", tf.superseded_by.empty() ? json(nullptr) : json(tf.superseded_by)},
  };
  if (tf.series) {
    const Series& s = threads.series[*tf.series];
    std::optional<int> number;
    for (std::size_t k = 0; k < s.members.size(); ++k)
      if (s.members[k] == index) number = static_cast<int>(k) + 1;
    if (tf.is_cover) number = 0;
    j["series"] = series_json(patches, s, number);
  }
  for (const auto& t : tf.review_trailers) j["review_trailers"].push_back(review_json(t));
  if (facts) {
    j["facts"] = facts_json(*facts);
    // CONTRACT: each review trailer carries the reviewer's role for the touched files.
    auto role = [&](const std::string& email) { return role_of(facts->maintainers, email); };
    for (auto& t : j["trailers"])
      if (!t["email"].get<std::string>().empty()) t["role"] = role(t["email"].get<std::string>());
    for (auto& t : j["review_trailers"])
      if (!t["email"].get<std::string>().empty()) t["role"] = role(t["email"].get<std::string>());
  }
  for (const auto& f : tf.reply_facts)
    j["reply_facts"].push_back(
        {{"kind", f.kind}, {"from_reply", f.from_reply}, {"sender", f.sender}, {"line", f.line}});
  if (extras.claims) {
    json claims = json::array();
    for (const CheckedClaim& c : *extras.claims)
      claims.push_back({{"kind", to_string(c.claim.kind)},
                        {"line", c.claim.line},
                        {"text", c.claim.text},
                        {"phrase", c.claim.phrase},
                        {"status", to_string(c.verdict.status)},
                        {"evidence", c.verdict.evidence}});
    j["note_claims"] = std::move(claims);
  }
  if (decision) {
    j["verdict"] = to_string(decision->verdict);
    j["rule_set"] = decision->rule_set;
    json rules = json::array();
    for (const RuleResult& r : decision->results)
      rules.push_back({{"id", r.id},
                       {"severity", to_string(r.severity)},
                       {"result", to_string(r.result)},
                       {"evidence", r.evidence},
                       {"message", r.message}});
    j["rules"] = std::move(rules);
  }
  return j.dump(extras.indent, ' ', false, json::error_handler_t::replace);
}

std::string thread_to_json_line(const std::vector<Patch>& patches, const ThreadSet& threads,
                                const Thread& thread) {
  auto brief = [&](std::size_t i) {
    return json{{"message_id", patches[i].message_id}, {"title", patches[i].title},
                {"author", patches[i].author.email}, {"date_utc", patches[i].date_utc}};
  };
  json series = json::array();
  for (int sid : thread.series) {
    const Series& s = threads.series[sid];
    json members = json::array();
    for (std::size_t k = 0; k < s.members.size(); ++k) {
      if (!s.members[k]) continue;
      json m = brief(*s.members[k]);
      m["index"] = k + 1;
      if (s.carried_from[k]) m["carried_from_version"] = s.carried_from[k];
      m["review_trailers"] = threads.facts[*s.members[k]].review_trailers.size();
      members.push_back(std::move(m));
    }
    series.push_back({{"id", s.id},
                      {"version", s.version},
                      {"total", s.total},
                      {"author", s.author_email},
                      {"autosel", s.autosel},
                      {"resend", s.resend},
                      {"cover", s.cover ? brief(*s.cover) : json(nullptr)},
                      {"patches", members},
                      {"missing", s.missing},
                      {"superseded_by_series",
                       s.superseded_by ? json(*s.superseded_by) : json(nullptr)}});
  }
  json others = json::array();
  for (std::size_t i : thread.messages) {
    if (threads.facts[i].series) continue;
    json m = brief(i);
    m["answers"] = threads.facts[i].answers ? json(patches[*threads.facts[i].answers].message_id)
                                            : json(nullptr);
    others.push_back(std::move(m));
  }
  json j = {{"thread", thread.root},
            {"messages", thread.messages.size()},
            {"series", series},
            {"replies", others}};
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace pt
