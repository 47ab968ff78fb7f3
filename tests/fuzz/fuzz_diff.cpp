// fuzz target: patch stage diff parsing and diff header path names.
// patch text -> Diff (files, hunks, counts); header lines -> the names git apply reads.
#include <string>

#include "fuzz_support.hpp"
#include "patch/diff.hpp"
#include "patch/diff_paths.hpp"
#include "util/text.hpp"

namespace dp = pt::diff_paths;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = pt::fuzz::as_text(data, size);
  int strip = static_cast<int>(size % 3);
  pt::Diff diff = pt::parse_diff(text, strip);
  int insertions = 0, deletions = 0;
  for (const pt::FileDiff& f : diff.files) {
    insertions += f.insertions;
    deletions += f.deletions;
    (void)pt::to_string(f.status);
    for (const pt::Hunk& h : f.hunks)
      for (std::size_t i = 0; i < h.lines.size(); ++i) (void)h.lines[i];
  }
  pt::fuzz::require(insertions == diff.insertions && deletions == diff.deletions,
                    "diff counts are the sum of the files' counts");

  const std::string def = "default/name.c";
  for (std::string_view line : pt::fuzz::lines_of(text)) {
    if (pt::starts_with(line, "diff --git ")) {
      (void)dp::git_header_name(strip, line.substr(11));
    } else if (pt::starts_with(line, "--- ") || pt::starts_with(line, "+++ ")) {
      std::string_view rest = line.substr(4);
      (void)dp::is_dev_null(rest);
      (void)dp::find_name(rest, nullptr, strip, dp::term_tab);
      (void)dp::find_name(rest, &def, strip, dp::term_space | dp::term_tab);
      (void)dp::find_name_traditional(rest, &def, strip);
      (void)dp::find_name_traditional(rest, nullptr, strip);
      (void)dp::guess_p_value(rest);
      (void)dp::has_epoch_timestamp(rest);
    } else if (!line.empty() && line[0] == '"') {
      std::size_t consumed = 0;
      if (auto name = dp::unquote_c_style(line, &consumed))
        pt::fuzz::require(consumed <= line.size(), "unquote consumes inside the line");
    } else {
      (void)dp::skip_tree_prefix(strip, line);
    }
  }
  return 0;
}
