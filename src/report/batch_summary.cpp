#include "report/batch_summary.hpp"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace pt {

namespace {

using json = nlohmann::ordered_json;

constexpr std::size_t k_top_rules = 10;     // per severity
constexpr std::size_t k_listed_files = 10;  // skipped files on the terminal; JSON has them all

// facts.apply status words in the order of the apply checks (best first), then others.
constexpr const char* k_status_order[] = {"clean",       "offset",   "reduced_context",
                                          "three_way",   "conflict", "missing_file",
                                          "unsupported", "invalid_path", "skip"};

int status_rank(const std::string& s) {
  for (int i = 0; i < static_cast<int>(std::size(k_status_order)); ++i)
    if (s == k_status_order[i]) return i;
  return static_cast<int>(std::size(k_status_order));
}

int severity_rank(const std::string& s) { return s == "blocker" ? 0 : s == "warning" ? 1 : 2; }

// Applies as `git apply --check` would take it: exactly or at an offset.
bool applies(const std::string& status) { return status == "clean" || status == "offset"; }

std::string percent(std::size_t part, std::size_t whole) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", whole ? 100.0 * part / whole : 0.0);
  return buf;
}

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string plural(std::size_t n, const char* one, const char* many) {
  std::string s = std::to_string(n);
  s += ' ';
  s += n == 1 ? one : many;
  return s;
}

// The failing rules by severity, most frequent first (ties by id).
std::vector<std::pair<std::pair<std::string, std::string>, std::size_t>> ranked_rules(
    const BatchSummary& s) {
  std::vector<std::pair<std::pair<std::string, std::string>, std::size_t>> rules(s.failing.begin(),
                                                                                 s.failing.end());
  std::stable_sort(rules.begin(), rules.end(), [](const auto& a, const auto& b) {
    int ra = severity_rank(a.first.first), rb = severity_rank(b.first.first);
    if (ra != rb) return ra < rb;
    if (a.second != b.second) return a.second > b.second;
    return a.first.second < b.first.second;
  });
  return rules;
}

std::vector<std::pair<std::string, std::size_t>> ranked_statuses(
    const std::map<std::string, std::size_t>& statuses) {
  std::vector<std::pair<std::string, std::size_t>> out(statuses.begin(), statuses.end());
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return status_rank(a.first) < status_rank(b.first);
  });
  return out;
}

std::size_t total(const std::map<std::string, std::size_t>& statuses) {
  std::size_t n = 0;
  for (const auto& [status, count] : statuses) n += count;
  return n;
}

std::size_t applying(const std::map<std::string, std::size_t>& statuses) {
  std::size_t n = 0;
  for (const auto& [status, count] : statuses)
    if (applies(status)) n += count;
  return n;
}

}  // namespace

std::optional<ResultRecord> parse_result_line(std::string_view line, std::string& why) {
  json j = json::parse(line.begin(), line.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    why = "not a JSON object";
    return std::nullopt;
  }
  auto text = [&](const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  auto verdict = j.find("verdict");
  if (verdict == j.end() || !verdict->is_string()) {
    why = "no verdict (not a batch or --format jsonl record)";
    return std::nullopt;
  }
  ResultRecord r;
  r.digest.no = verdict->get<std::string>() == "NO";
  r.message_id = text("message_id");
  r.title = text("title");
  r.message = text("message");
  r.patch_text = text("patch_text");
  if (auto rules = j.find("rules"); rules != j.end() && rules->is_array())
    for (const auto& rule : *rules)
      if (rule.is_object() && rule.value("result", "") == "fail")
        r.digest.failed.emplace_back(rule.value("severity", ""), rule.value("id", ""));
  if (auto facts = j.find("facts"); facts != j.end() && facts->is_object())
    if (auto apply = facts->find("apply"); apply != facts->end() && apply->is_object())
      for (const auto& [branch, a] : apply->items())
        if (a.is_object()) r.digest.apply.emplace_back(branch, a.value("status", ""));
  return r;
}

void add_result(BatchSummary& s, const ResultDigest& d) {
  ++s.patches;
  ++(d.no ? s.no : s.yes);
  for (const auto& f : d.failed) ++s.failing[f];
  for (const auto& [branch, status] : d.apply) ++s.apply[branch][status];
}

void add_timing(BatchSummary& s, SlowPatch patch, std::size_t keep) {
  auto at = std::upper_bound(s.slowest.begin(), s.slowest.end(), patch.ms,
                             [](double ms, const SlowPatch& p) { return ms > p.ms; });
  if (static_cast<std::size_t>(at - s.slowest.begin()) >= keep) return;
  s.slowest.insert(at, std::move(patch));
  if (s.slowest.size() > keep) s.slowest.pop_back();
}

std::string render_batch_summary(const BatchSummary& s, const std::string& title) {
  std::string out = title;
  out += ": ";
  out += plural(s.patches, "patch", "patches");
  out += ": " + std::to_string(s.yes) + " YES, " + std::to_string(s.no) + " NO";
  if (s.interrupted) out += " (interrupted: the rest is left for --resume)";
  out += "\n";
  if (s.run) {
    out +=
        "  read " + plural(s.mails, "mail", "mails") + " from " + plural(s.files, "file", "files");
    out += " in " + fixed(s.seconds, 1) + " s";
    if (s.seconds > 0) out += " (" + fixed(s.mails / s.seconds, 0) + " mails/s)";
    for (std::size_t i = 0; i < s.phases.size(); ++i) {
      out += i ? ", " : " [";
      out += s.phases[i].first;
      out += ' ';
      out += fixed(s.phases[i].second, 1);
      out += i + 1 == s.phases.size() ? " s]" : "";
    }
    out += "; judged " + std::to_string(s.judged) + " now";
    if (s.resumed) out += ", " + std::to_string(s.resumed) + " already in the results file";
    out += "\n";
  }
  auto rules = ranked_rules(s);
  if (!rules.empty()) {
    out += "failing rules (patches):\n";
    std::string severity;
    std::size_t shown = 0;
    for (const auto& [rule, count] : rules) {
      if (rule.first != severity) severity = rule.first, shown = 0;
      if (shown++ >= k_top_rules) continue;
      char buf[256];
      std::snprintf(buf, sizeof buf, "  %-8s %-36s %7zu\n", rule.first.c_str(), rule.second.c_str(),
                    count);
      out += buf;
    }
  }
  if (!s.apply.empty()) {
    out += "apply by branch (applies: clean or at an offset, as git apply --check):\n";
    for (const auto& [branch, statuses] : s.apply) {
      std::size_t n = total(statuses);
      char buf[256];
      std::snprintf(buf, sizeof buf, "  %-16s %7zu patches, applies %6s (", branch.c_str(), n,
                    percent(applying(statuses), n).c_str());
      out += buf;
      bool first = true;
      for (const auto& [status, count] : ranked_statuses(statuses)) {
        if (!first) out += ", ";
        first = false;
        out += status + " " + std::to_string(count);
      }
      out += ")\n";
    }
  }
  if (!s.slowest.empty()) {
    out += "slowest patches:\n";
    for (const auto& p : s.slowest) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "  %8.1f ms  ", p.ms);
      out += buf;
      out += p.message_id + "  " + p.title + "  (" + p.where + ")\n";
    }
  }
  if (!s.unreadable.empty()) {
    out += "unreadable: " + plural(s.unreadable.size(), "file", "files") + "\n";
    for (const auto& [file, why] : s.unreadable) out += "  " + file + ": " + why + "\n";
  }
  if (!s.not_judged.empty()) {
    out +=
        "not judged (an internal error): " + plural(s.not_judged.size(), "patch", "patches") + "\n";
    for (const auto& [where, why] : s.not_judged) out += "  " + where + ": " + why + "\n";
  }
  if (!s.skipped.empty()) {
    out += "skipped, not mail: " + plural(s.skipped.size(), "file", "files") + "\n";
    for (std::size_t i = 0; i < s.skipped.size() && i < k_listed_files; ++i)
      out += "  " + s.skipped[i] + "\n";
    if (s.skipped.size() > k_listed_files)
      out += "  ... and " + std::to_string(s.skipped.size() - k_listed_files) +
             " more (--summary-json lists them all)\n";
  }
  return out;
}

std::string batch_summary_json(const BatchSummary& s) {
  json rules = json::array();
  for (const auto& [rule, count] : ranked_rules(s))
    rules.push_back({{"id", rule.second}, {"severity", rule.first}, {"patches", count}});
  json apply = json::object();
  for (const auto& [branch, statuses] : s.apply) {
    json counts = json::object();
    for (const auto& [status, count] : ranked_statuses(statuses)) counts[status] = count;
    apply[branch] = {
        {"patches", total(statuses)}, {"applies", applying(statuses)}, {"statuses", counts}};
  }
  json j = {{"patches", s.patches},
            {"yes", s.yes},
            {"no", s.no},
            {"failing_rules", rules},
            {"apply", apply}};
  if (s.run) {
    json slowest = json::array();
    for (const auto& p : s.slowest)
      slowest.push_back(
          {{"ms", p.ms}, {"message_id", p.message_id}, {"title", p.title}, {"source", p.where}});
    json unreadable = json::array();
    for (const auto& [file, why] : s.unreadable)
      unreadable.push_back({{"file", file}, {"error", why}});
    json not_judged = json::array();
    for (const auto& [where, why] : s.not_judged)
      not_judged.push_back({{"source", where}, {"error", why}});
    json phases = json::object();
    for (const auto& [name, seconds] : s.phases) phases[name] = seconds;
    j["run"] = {{"interrupted", s.interrupted},
                {"files", s.files},
                {"mails", s.mails},
                {"judged", s.judged},
                {"resumed", s.resumed},
                {"seconds", s.seconds},
                {"phases", phases},
                {"slowest", slowest},
                {"unreadable", unreadable},
                {"not_judged", not_judged},
                {"skipped", s.skipped}};
  }
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace pt
