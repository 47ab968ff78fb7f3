// The summary command: results files of batch runs (shards) -> one summary, as batch prints
// it, less what only a run knows (timings, unreadable input files).
#include <iostream>

#include "app/batch_results.hpp"
#include "app/commands.hpp"
#include "report/batch_summary.hpp"

namespace pt {

int run_summary(const Options& options) {
  BatchSummary summary;
  bool read_any = false;
  for (const auto& path : options.inputs) {
    try {
      // A torn last line is reported, not cut off: summary never writes to its inputs.
      read_results(
          path == "-" ? "/dev/stdin" : path, false, [&](std::string_view text, std::size_t number) {
            std::string why;
            if (std::optional<ResultRecord> r = parse_result_line(text, why))
              add_result(summary, r->digest);
            else
              std::cerr << "patchtriage: " << path << ":" << number << ": ignored: " << why << "\n";
          });
      read_any = true;
    } catch (const std::exception& e) {
      std::cerr << "patchtriage: " << e.what() << "\n";
    }
  }
  std::cout << render_batch_summary(summary, "patchtriage summary");
  if (!options.summary_json.empty() &&
      !write_text_file(options.summary_json, batch_summary_json(summary)))
    return k_exit_usage;
  if (!read_any || summary.patches == 0) return k_exit_no_patch;
  return summary.no ? k_exit_no : k_exit_yes;
}

}  // namespace pt
