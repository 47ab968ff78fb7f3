#include "facts/quilt_series.hpp"

#include <algorithm>
#include <set>

#include "util/text.hpp"

namespace pt {

std::vector<SeriesEntry> parse_series(std::string_view text) {
  std::vector<SeriesEntry> out;
  std::size_t pos = 0;
  int line_no = 0;
  while (pos < text.size()) {
    std::string_view line = next_line(text, pos);
    ++line_no;
    // quilt (series file format): "#" starts a comment at the start of a line or after
    // whitespace; the first word is the patch, the rest its options.
    std::size_t hash = std::string_view::npos;
    for (std::size_t i = 0; i < line.size(); ++i)
      if (line[i] == '#' && (i == 0 || is_space(line[i - 1]))) {
        hash = i;
        break;
      }
    line = trim(line.substr(0, hash));
    if (line.empty()) continue;
    std::size_t end = 0;
    while (end < line.size() && !is_space(line[end])) ++end;
    out.push_back({std::string(line.substr(0, end)), line_no});
  }
  return out;
}

std::vector<SeriesProblem> check_series(const std::vector<SeriesEntry>& entries,
                                        const std::vector<std::string>& files) {
  std::vector<SeriesProblem> out;
  std::set<std::string> present(files.begin(), files.end()), listed;
  for (const auto& e : entries) {
    if (!listed.insert(e.name).second)
      out.push_back({SeriesProblem::Kind::duplicate_entry, e.name, e.line});
    else if (!present.count(e.name))
      out.push_back({SeriesProblem::Kind::missing_file, e.name, e.line});
  }
  std::vector<std::string> sorted = files;
  std::sort(sorted.begin(), sorted.end());
  for (const auto& f : sorted)
    if (f != "series" && !f.empty() && f[0] != '.' && f.back() != '/' && !listed.count(f))
      out.push_back({SeriesProblem::Kind::not_in_series, f, 0});
  return out;
}

std::string describe(const SeriesProblem& p) {
  std::string where = p.line ? "series line " + std::to_string(p.line) + ": " : "";
  switch (p.kind) {
    case SeriesProblem::Kind::missing_file:
      return where + "'" + p.name + "' has no file";
    case SeriesProblem::Kind::duplicate_entry:
      return where + "'" + p.name + "' is listed twice";
    case SeriesProblem::Kind::not_in_series:
      return "'" + p.name + "' is not in the series";
  }
  return where + p.name;
}

}  // namespace pt
