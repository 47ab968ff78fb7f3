#include "report/b4_check.hpp"

#include <nlohmann/json.hpp>

namespace pt {

std::string b4_check_json(const std::vector<B4Entry>& entries) {
  using json = nlohmann::ordered_json;
  json list = json::array();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const Decision& d = *entries[i].decision;
    const Patch& p = *entries[i].patch;
    std::size_t failed_warnings = 0, passed = 0;
    for (const RuleResult& r : d.results) {
      if (r.result == Result::pass) ++passed;
      if (r.result == Result::fail && r.severity == Severity::warning) ++failed_warnings;
    }
    std::string status = d.verdict == Verdict::no ? "fail" : failed_warnings ? "warn" : "pass";
    std::string summary;
    if (!d.reasons.empty()) {
      const RuleResult& first = d.reasons.front();
      summary = std::string(to_string(d.verdict)) + " (" + d.rule_set + "): " + first.id + ": " +
                first.evidence;
      if (d.reasons.size() > 1) summary += " (+" + std::to_string(d.reasons.size() - 1) + " more)";
    } else {
      summary = "YES (" + d.rule_set + "): " + std::to_string(passed) + " of " +
                std::to_string(d.results.size()) + " checks passed, none failed";
    }
    json details = json::array();
    for (const RuleResult& r : d.results)
      details.push_back({{"id", r.id},
                         {"severity", to_string(r.severity)},
                         {"result", to_string(r.result)},
                         {"evidence", r.evidence}});
    if (entries.size() > 1) summary = p.title + ": " + summary;
    std::string tool = "patchtriage";
    if (entries.size() > 1) {
      tool += ' ';
      tool += std::to_string(i + 1);
      tool += '/';
      tool += std::to_string(entries.size());
    }
    list.push_back({{"tool", tool},
                    {"status", status},
                    {"summary", summary},
                    {"url", ""},
                    {"details", details.dump(-1, ' ', false, json::error_handler_t::replace)}});
  }
  return list.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace pt
