// input stage: the value type handed to the mail stage.
// (file, byte offset, bytes of one message)
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace pt {

struct RawMessage {
  std::string source;       // file name, "-" for standard input, "dir/cur/name" for maildir
  std::uint64_t offset = 0; // byte offset of the message (its mbox From line) in the source
  std::string envelope;     // the mbox "From " line without its newline, "" for bare mail
  std::string bytes;        // the message: headers and body, mbox quoting undone, LF ends
  // Or, not copied, a slice of the block of the file it was read in (shared: the block lives
  // while a message of it does). Most messages of a file come so; mbox quoting, CRLF ends
  // and a block boundary inside a message make it a copy in `bytes`.
  std::shared_ptr<const char[]> block = nullptr;
  std::string_view slice = {};
  // The message, wherever it is held.
  std::string_view text() const { return block ? slice : std::string_view(bytes); }
};

}  // namespace pt
