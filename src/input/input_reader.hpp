// input stage: every way mail arrives -> raw messages with their location.
// paths (files, directories, maildirs, "-" for stdin; plain, gzip or zstd) -> RawMessage.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "input/mbox_splitter.hpp"
#include "input/raw_message.hpp"

namespace pt {

struct InputProblem {
  std::string source;
  std::string what;  // "cannot open: No such file or directory", "skipped: not mail", ...
  bool skipped_only = false;  // a file passed over on purpose (not mail), not an error
};

struct InputOptions {
  MboxDialect dialect = MboxDialect::detect;
};

// Reads each path in order and hands every message to `emit`; directories are walked
// recursively in name order (maildir "tmp/" is left out, files that are not mail are
// reported as skipped). Unreadable files are reported through `problem` and reading goes
// on. Memory stays flat: files and streams are read in chunks.
void read_inputs(const std::vector<std::string>& paths, const InputOptions& options,
                 const std::function<void(RawMessage&&)>& emit,
                 const std::function<void(const InputProblem&)>& problem);

// The files a directory walk reads, in name order: regular files below `dir`, leaving out
// hidden ones and folders and maildir's "tmp/" (messages still being delivered). Errors
// reading the directory go to `problem`.
std::vector<std::string> list_directory(const std::string& dir,
                                        const std::function<void(const InputProblem&)>& problem);

// True when a file's first bytes are compressed data, an mbox "From " line, or a header
// that opens real mail; false for the other files a directory holds (expected outputs,
// scripts). A file that cannot be opened counts as mail, so that reading it reports why.
bool looks_like_mail(const std::string& path);

}  // namespace pt
