// input stage: split an mbox stream into messages.
// byte chunks -> RawMessage (git mailsplit's rules: From lines, mboxrd, CRLF).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "input/raw_message.hpp"

namespace pt {

enum class MboxDialect { detect, mboxo, mboxrd };

// True for an mbox separator line as git mailsplit accepts it: "From " ... hh:mm[:ss] year.
bool is_from_line(std::string_view line);

// Splits mbox text incrementally so that memory stays flat in the input size: feed chunks,
// each complete message is handed to the callback as soon as the next separator is seen.
// Input that does not start with a From line is one bare message (an .eml, a single mail).
class MboxSplitter {
 public:
  using Emit = std::function<void(RawMessage&&)>;
  MboxSplitter(std::string source, MboxDialect dialect, Emit emit);
  // Adds bytes; complete messages are emitted. With a `block` that holds `chunk` (and is
  // never written again), a message inside the chunk is handed on as a slice of it, uncopied.
  void feed(std::string_view chunk, std::shared_ptr<const char[]> block = {});
  // Ends the input: the last message is emitted.
  void finish();
  std::uint64_t message_count() const { return m_count; }

 private:
  void feed_chunk(std::string_view chunk);
  void take_line(std::string_view line);  // one line with its '\n' (the last may lack it)
  void take_lines(std::string_view text);  // complete lines, the fast path
  void emit_current();
  // Adds bytes to the current message: as a longer slice of the block when they follow the
  // slice so far, else as a copy.
  void append_bytes(std::string_view bytes);
  void materialize();  // the slice so far becomes a copy

  std::string m_source;
  MboxDialect m_dialect;
  Emit m_emit;
  std::string m_pending;        // an incomplete line carried to the next chunk
  std::uint64_t m_offset = 0;   // offset of the next byte to be taken
  bool m_started = false;       // past the leading blank lines
  bool m_bare = false;          // input is one message without a From line
  bool m_have_message = false;
  RawMessage m_current;
  std::shared_ptr<const char[]> m_block;      // what holds the chunk being fed, if shared
  std::string_view m_chunk;                   // the chunk being fed
  const char* m_slice_begin = nullptr;        // the current message as a slice of m_chunk
  const char* m_slice_end = nullptr;
  std::uint64_t m_count = 0;
};

}  // namespace pt
