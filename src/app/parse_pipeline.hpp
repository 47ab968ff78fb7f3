// app: the parallel front half of every command.
// inputs -> raw messages (one reader thread) -> patch objects (N workers), in input order.
#pragma once

#include <functional>
#include <vector>

#include "input/input_reader.hpp"
#include "mail/mailinfo.hpp"
#include "patch/patch.hpp"

namespace pt {

// Reads every input and hands each message's patch object to `sink` from one of `jobs`
// worker threads (0: one per core), with its position in the input; `sink` must be
// thread-safe. Memory stays flat: the reader waits when the workers fall behind.
// `wanted` (when set): only the messages at positions it holds are parsed and handed on.
void parse_each(const std::vector<std::string>& inputs, const InputOptions& input,
                const MailInfoOptions& mailinfo, unsigned jobs,
                const std::function<void(const InputProblem&)>& problem,
                const std::function<void(std::size_t position, Patch&&)>& sink,
                const std::function<bool(std::size_t position)>& wanted = {});

// parse_each, collected: every patch object in input order.
std::vector<Patch> parse_inputs(const std::vector<std::string>& inputs,
                                const InputOptions& input, const MailInfoOptions& mailinfo,
                                unsigned jobs,
                                const std::function<void(const InputProblem&)>& problem);

}  // namespace pt
