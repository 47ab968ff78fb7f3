// input stage: the value type handed to the mail stage.
// (file, byte offset, bytes of one message)
#pragma once

#include <cstdint>
#include <string>

namespace pt {

struct RawMessage {
  std::string source;       // file name, "-" for standard input, "dir/cur/name" for maildir
  std::uint64_t offset = 0; // byte offset of the message (its mbox From line) in the source
  std::string envelope;     // the mbox "From " line without its newline, "" for bare mail
  std::string bytes;        // the message: headers and body, mbox quoting undone, LF ends
};

}  // namespace pt
