#include "input/mbox_splitter.hpp"

#include <cstdlib>
#include <cstring>

#include "util/text.hpp"

namespace pt {

bool is_from_line(std::string_view line) {
  // git mailsplit's is_from_line: look back from the end for a ':' with digits around it
  // (hh:mm or mm:ss) followed by a year above 90.
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  std::size_t len = line.size() + 1;  // git counts the newline
  if (len < 20 || !starts_with(line, "From ")) return false;
  std::size_t colon = std::string_view::npos;
  for (std::size_t i = line.size() - 1; i >= 5; --i) {
    if (line[i] == ':') {
      colon = i;
      break;
    }
  }
  if (colon == std::string_view::npos || colon < 4 + 5 || colon + 2 >= line.size()) return false;
  if (!is_digit(line[colon - 4]) || !is_digit(line[colon - 2]) || !is_digit(line[colon - 1]) ||
      !is_digit(line[colon + 1]) || !is_digit(line[colon + 2]))
    return false;
  std::string tail(line.substr(colon + 3));
  return std::strtol(tail.c_str(), nullptr, 10) > 90;
}

MboxSplitter::MboxSplitter(std::string source, MboxDialect dialect, Emit emit)
    : m_source(std::move(source)), m_dialect(dialect), m_emit(std::move(emit)) {}

void MboxSplitter::feed(std::string_view chunk) {
  std::size_t pos = 0;
  if (!m_pending.empty()) {
    std::size_t nl = chunk.find('\n');
    if (nl == std::string_view::npos) {
      m_pending.append(chunk);
      return;
    }
    m_pending.append(chunk.substr(0, nl + 1));
    std::string line = std::move(m_pending);
    m_pending.clear();
    take_line(line);
    pos = nl + 1;
  }
  std::size_t last_nl = chunk.rfind('\n');
  if (last_nl == std::string_view::npos || last_nl < pos) {
    m_pending.assign(chunk.substr(pos));
    return;
  }
  take_lines(chunk.substr(pos, last_nl + 1 - pos));
  m_pending.assign(chunk.substr(last_nl + 1));
}

// Complete lines: ordinary ones are copied as one run; only lines that may be a separator,
// need mboxrd unquoting or end in CRLF go through take_line.
void MboxSplitter::take_lines(std::string_view text) {
  std::size_t run = 0, pos = 0;
  auto flush = [&](std::size_t end) {
    if (end > run) {
      m_current.bytes.append(text.substr(run, end - run));
      m_offset += end - run;
    }
  };
  while (pos < text.size()) {
    const char* nl = static_cast<const char*>(std::memchr(text.data() + pos, '\n', text.size() - pos));
    std::size_t end = nl - text.data() + 1;
    char first = text[pos];
    bool special = !m_started || (first == 'F' && !m_bare) || (first == '>' && m_dialect == MboxDialect::mboxrd) ||
                   (end - pos > 1 && text[end - 2] == '\r');
    if (special) {
      flush(pos);
      take_line(text.substr(pos, end - pos));
      run = end;
    }
    pos = end;
  }
  flush(pos);
}

void MboxSplitter::finish() {
  if (!m_pending.empty()) {
    std::string line = std::move(m_pending);
    m_pending.clear();
    take_line(line);
  }
  if (m_have_message) emit_current();
}

void MboxSplitter::emit_current() {
  ++m_count;
  m_emit(std::move(m_current));
  m_current = RawMessage{};
  m_have_message = false;
}

void MboxSplitter::take_line(std::string_view line) {
  std::uint64_t line_offset = m_offset;
  m_offset += line.size();
  if (!m_started) {
    // mailsplit skips leading whitespace before the first From line.
    if (trim(line).empty()) return;
    m_started = true;
    m_bare = !is_from_line(line);
    if (m_dialect == MboxDialect::detect)
      m_dialect = starts_with(line, "From mboxrd@z ") ? MboxDialect::mboxrd : MboxDialect::mboxo;
    if (!m_bare) {
      m_current.source = m_source;
      m_current.offset = line_offset;
      m_current.envelope.assign(rtrim(line));
      m_have_message = true;
      return;
    }
    m_current.source = m_source;
    m_current.offset = line_offset;
    m_have_message = true;
  } else if (!m_bare && is_from_line(line)) {
    emit_current();
    m_current.source = m_source;
    m_current.offset = line_offset;
    m_current.envelope.assign(rtrim(line));
    m_have_message = true;
    return;
  }
  std::string& out = m_current.bytes;
  // mailsplit turns CRLF into LF (git am without --keep-cr).
  bool crlf = line.size() > 1 && line[line.size() - 1] == '\n' && line[line.size() - 2] == '\r';
  if (crlf) line.remove_suffix(2);
  if (m_dialect == MboxDialect::mboxrd && !line.empty() && line[0] == '>') {
    // mboxrd: ">From ", ">>From " ... lose one '>'.
    std::size_t n = line.find_first_not_of('>');
    if (n != std::string_view::npos && starts_with(line.substr(n), "From ")) line.remove_prefix(1);
  }
  out.append(line);
  if (crlf) out.push_back('\n');
}

}  // namespace pt
