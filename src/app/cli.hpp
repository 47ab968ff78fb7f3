// app: the command line.
// argc/argv -> Options (or an exit code when --help/--version/errors end the run).
#pragma once

#include <optional>

#include "app/options.hpp"

namespace pt {

// Parses the command line; returns the options, or sets `exit_code` and returns nullopt
// when the run ends here (help printed, usage error reported).
std::optional<Options> parse_command_line(int argc, char** argv, int& exit_code);

}  // namespace pt
