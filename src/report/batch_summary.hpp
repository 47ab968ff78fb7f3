// report stage: the summary of a batch, from its results.
// results (judged patches or JSON Lines records) + the run's own notes -> text and JSON.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pt {

// What the summary counts of one result.
struct ResultDigest {
  bool no = false;                                          // verdict NO
  std::vector<std::pair<std::string, std::string>> failed;  // (severity, rule id) per failing rule
  std::vector<std::pair<std::string, std::string>> apply;   // (branch, facts.apply status)
};

// One results line, parsed: the digest and what the resume key is made of.
struct ResultRecord {
  ResultDigest digest;
  std::string message_id, title, message, patch_text;
};

// Parses one line of batch (or --format jsonl) output; nullopt with `why` set when it is not
// a JSON object with a verdict.
std::optional<ResultRecord> parse_result_line(std::string_view line, std::string& why);

struct SlowPatch {
  double ms = 0;
  std::string message_id, title, where;  // where: "file:offset"
};

// Counts over results, and what only the run itself knows (timings, files it could not read):
// the records do not carry those, so a summary merged from results files leaves them out.
struct BatchSummary {
  std::size_t patches = 0, yes = 0, no = 0;
  std::map<std::pair<std::string, std::string>, std::size_t> failing;  // (severity, id) -> patches
  std::map<std::string, std::map<std::string, std::size_t>> apply;  // branch -> status -> patches

  bool run = false;  // the sections below are filled (a batch run, not `summary`)
  bool interrupted = false;
  std::size_t files = 0, mails = 0, judged = 0, resumed = 0;
  double seconds = 0;
  std::vector<std::pair<std::string, double>> phases;           // (name, seconds) in order
  std::vector<SlowPatch> slowest;                               // slowest first
  std::vector<std::string> skipped;                             // not mail
  std::vector<std::pair<std::string, std::string>> unreadable;  // (file, why)
  std::vector<std::pair<std::string, std::string>> not_judged;  // (file:offset, why)
};

// Counts one result.
void add_result(BatchSummary& summary, const ResultDigest& digest);
// Keeps `patch` among the `keep` slowest.
void add_timing(BatchSummary& summary, SlowPatch patch, std::size_t keep = 10);

// The summary for a terminal: `title` ("patchtriage batch"), totals, the top failing rules
// (blockers, then warnings), apply rates per branch, then the run's own sections.
std::string render_batch_summary(const BatchSummary& summary, const std::string& title);
// The same as one JSON object (every skipped file listed), pretty-printed, with a newline.
std::string batch_summary_json(const BatchSummary& summary);

}  // namespace pt
