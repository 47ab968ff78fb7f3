#include "report/patch_json.hpp"

#include <nlohmann/json.hpp>

namespace pt {

namespace {

using json = nlohmann::ordered_json;

json optional_int(const std::optional<int>& v) { return v ? json(*v) : json(nullptr); }

json file_json(const FileDiff& f) {
  return json{{"old", f.old_path},     {"new", f.new_path},   {"insertions", f.insertions},
              {"deletions", f.deletions}, {"binary", f.binary}, {"status", to_string(f.status)},
              {"hunks", f.hunks.size()}};
}

}  // namespace

std::string patch_to_json_line(const Patch& p) {
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
      {"to", p.to},
      {"cc", p.cc},
      {"message", p.message},
      {"patch_text", p.patch_text},
      {"notes", p.notes},
      {"diffstat", p.diffstat},
      {"diff", p.diff.text},
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
      {"kind", to_string(p.kind)},
      {"is_patch", p.is_patch},
      {"problems", p.problems},
  };
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace pt
