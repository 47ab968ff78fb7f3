#include <exception>
#include <iostream>

#include "app/cli.hpp"
#include "app/commands.hpp"
#include "util/allocator.hpp"

namespace pt {

int run_app(int argc, char** argv) {
  tune_allocator();
  try {
    int exit_code = 0;
    std::optional<Options> options = parse_command_line(argc, argv, exit_code);
    if (!options) return exit_code;
    switch (options->command) {
      case Command::inspect: return run_inspect(*options);
      case Command::triage: return run_triage(*options);
      case Command::batch: return run_batch(*options);
      case Command::summary: return run_summary(*options);
      case Command::hook: return run_hook(*options);
    }
    return k_exit_usage;
  } catch (const std::exception& e) {
    std::cerr << "patchtriage: error: " << e.what() << "\n";
    return k_exit_usage;
  }
}

}  // namespace pt
