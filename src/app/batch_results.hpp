// app: the JSON Lines results file of a batch.
// results.jsonl <-> resume keys and records; judged patches -> whole lines, one write(2) each.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "patch/patch.hpp"

namespace pt {

// What identifies a judged patch across runs: its Message-ID, a tab, and the FNV-1a 64 hash
// (16 hex digits) of the JSON text of [title, message, patch_text] as the record holds them
// (bytes that are not UTF-8 already replaced), so that the key computed from the parsed mail
// equals the key read back from the results file.
std::string result_key(std::string_view message_id, std::string_view title,
                       std::string_view message, std::string_view patch_text);
std::string result_key(const Patch& patch);

// Reads the results file at `path` line by line, calling `line(text, number)` for each whole
// line (without its newline). A last line without a newline is a write cut short by a kill:
// when `drop_torn` it is cut off the file (truncated) and its size returned, else it is
// passed on like the others. Throws std::runtime_error when the file cannot be read.
std::size_t read_results(
    const std::string& path, bool drop_torn,
    const std::function<void(std::string_view text, std::size_t number)>& line);

// Writes `text` to `path` (created or truncated); false, after saying why on stderr, when
// it cannot.
bool write_text_file(const std::string& path, const std::string& text);

// Where the lines go: a file (created, truncated unless appending) or standard output.
// Each line is handed to the kernel whole with write(2) (looping over short writes), never
// buffered in the process, so a killed run leaves whole lines behind (at worst a torn last
// one, which --resume cuts off).
class ResultWriter {
 public:
  // `path` "" or "-": standard output. Throws std::runtime_error when it cannot be opened.
  ResultWriter(const std::string& path, bool append);
  ~ResultWriter();
  ResultWriter(const ResultWriter&) = delete;
  ResultWriter& operator=(const ResultWriter&) = delete;
  // Writes `text` and a newline; throws std::runtime_error on a write error (disk full).
  void write_line(std::string text);

 private:
  int m_fd = 1;
  bool m_owned = false;
  std::string m_name = "standard output";
};

}  // namespace pt
