#include <cstdio>
#include <iostream>

#include "app/commands.hpp"
#include "patch/patch_builder.hpp"
#include "report/patch_json.hpp"

namespace pt {

int run_inspect(const Options& options) {
  std::size_t messages = 0, patches = 0, problems = 0;
  std::string line;
  read_inputs(
      options.inputs, options.input,
      [&](RawMessage&& raw) {
        Patch p = build_patch(raw, options.mailinfo);
        ++messages;
        if (p.is_patch) ++patches;
        line = patch_to_json_line(p);
        line.push_back('\n');
        std::fwrite(line.data(), 1, line.size(), stdout);
      },
      [&](const InputProblem& problem) {
        if (!problem.skipped_only) ++problems;
        std::fprintf(stderr, "patchtriage: %s: %s\n", problem.source.c_str(), problem.what.c_str());
      });
  std::fflush(stdout);
  if (messages == 0) {
    std::fprintf(stderr, "patchtriage: no mail found in the input\n");
    return k_exit_no_patch;
  }
  return k_exit_yes;
}

}  // namespace pt
