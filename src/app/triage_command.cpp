#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <rang.hpp>

#include "app/commands.hpp"
#include "patch/patch_builder.hpp"
#include "report/summary_text.hpp"

namespace pt {

namespace {

bool use_color(ColorMode mode) {
  if (mode == ColorMode::always) return true;
  if (mode == ColorMode::never) return false;
  const char* no_color = std::getenv("NO_COLOR");  // https://no-color.org
  return isatty(STDOUT_FILENO) && !(no_color && *no_color);
}

}  // namespace

int run_triage(const Options& options) {
  TextStyle style{use_color(options.color), options.ascii};
  // rang decides by itself whether stdout is a terminal; we decided already.
  rang::setControlMode(style.color ? rang::control::Force : rang::control::Off);
  std::size_t patches = 0, messages = 0;
  read_inputs(
      options.inputs, options.input,
      [&](RawMessage&& raw) {
        Patch p = build_patch(raw, options.mailinfo);
        ++messages;
        if (!p.is_patch) return;
        ++patches;
        render_summary(std::cout, p, style);
        std::cout.flush();  // line by line to a pipe: a reader sees each patch at once
      },
      [&](const InputProblem& problem) {
        std::cerr << "patchtriage: " << problem.source << ": " << problem.what << "\n";
      });
  if (patches == 0) {
    std::cerr << "patchtriage: no patch found in the input (" << messages << " message"
              << (messages == 1 ? "" : "s") << " read)\n";
    return k_exit_no_patch;
  }
  std::cerr << "patchtriage: " << patches << " patch" << (patches == 1 ? "" : "es") << " in "
            << messages << " message" << (messages == 1 ? "" : "s")
            << "; no rule set is evaluated yet, so no YES/NO verdict is printed\n";
  return k_exit_yes;
}

}  // namespace pt
