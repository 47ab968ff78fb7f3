// app: the parallel front half of every command.
// inputs -> raw messages (one reader thread) -> patch objects (N workers), in input order.
#pragma once

#include <functional>
#include <vector>

#include "input/input_reader.hpp"
#include "mail/mailinfo.hpp"
#include "patch/patch.hpp"

namespace pt {

// Reads every input and builds the patch object of each message on `jobs` worker threads
// (0: one per core). Results keep the input order. Input problems go to `problem` from
// the calling thread.
std::vector<Patch> parse_inputs(const std::vector<std::string>& inputs,
                                const InputOptions& input, const MailInfoOptions& mailinfo,
                                unsigned jobs,
                                const std::function<void(const InputProblem&)>& problem);

}  // namespace pt
