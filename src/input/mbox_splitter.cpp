#include "input/mbox_splitter.hpp"

#include <string.h>  // memrchr

#include <algorithm>
#include <cstdlib>
#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "util/text.hpp"

namespace pt {

namespace {
constexpr std::size_t k_message_reserve = 16 << 10;
}  // namespace

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

void MboxSplitter::feed(std::string_view chunk, std::shared_ptr<const char[]> block) {
  m_block = std::move(block);
  m_chunk = chunk;
  feed_chunk(chunk);
  // A message that goes on in the next chunk is copied now: that chunk is another block.
  if (m_slice_begin) materialize();
  m_block.reset();
  m_chunk = {};
}

void MboxSplitter::feed_chunk(std::string_view chunk) {
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

namespace {

// First byte of a line that take_line must see: a possible separator ("From ") and, in
// mboxrd, a quoted one (">From ").
struct SpecialStart {
  bool from, quote;
  bool operator()(char c) const { return (c == 'F' && from) || (c == '>' && quote); }
};

// The first position at or after `pos` of a '\n' whose next byte starts a special line,
// or of a "\r\n" (a CRLF line end); npos when there is none. Sixteen bytes at a time:
// most lines are ordinary, and a memchr per line cost more than the rest of splitting.
std::size_t next_event(std::string_view text, std::size_t pos, SpecialStart special) {
  const char* d = text.data();
  const std::size_t n = text.size();
#ifdef __SSE2__
  const __m128i nl = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
  const __m128i from = _mm_set1_epi8('F'), quote = _mm_set1_epi8('>');
  const __m128i zero = _mm_setzero_si128();
  for (; pos + 17 <= n; pos += 16) {
    __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + pos));
    __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + pos + 1));
    __m128i starts = _mm_or_si128(special.from ? _mm_cmpeq_epi8(b, from) : zero,
                                  special.quote ? _mm_cmpeq_epi8(b, quote) : zero);
    __m128i hit = _mm_or_si128(_mm_and_si128(_mm_cmpeq_epi8(a, nl), starts),
                               _mm_and_si128(_mm_cmpeq_epi8(a, cr), _mm_cmpeq_epi8(b, nl)));
    if (int mask = _mm_movemask_epi8(hit)) return pos + static_cast<std::size_t>(__builtin_ctz(mask));
  }
#endif
  for (; pos + 1 < n; ++pos) {
    if ((d[pos] == '\n' && special(d[pos + 1])) || (d[pos] == '\r' && d[pos + 1] == '\n'))
      return pos;
  }
  return std::string_view::npos;
}

std::size_t line_end(std::string_view text, std::size_t pos) {
  const void* nl = std::memchr(text.data() + pos, '\n', text.size() - pos);
  return nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - text.data()) + 1 : text.size();
}

}  // namespace

// Complete lines: ordinary ones are copied as one run; only lines that may be a separator,
// need mboxrd unquoting or end in CRLF go through take_line.
void MboxSplitter::take_lines(std::string_view text) {
  std::size_t pos = 0;
  // Until the first separator (or the first line of a bare message) every line is special.
  while (!m_started && pos < text.size()) {
    std::size_t end = line_end(text, pos);
    take_line(text.substr(pos, end - pos));
    pos = end;
  }
  const SpecialStart special{!m_bare, m_dialect == MboxDialect::mboxrd};
  std::size_t run = pos;  // start of the ordinary lines not yet copied
  auto take_special = [&](std::size_t start) {
    if (start > run) {
      append_bytes(text.substr(run, start - run));
      m_offset += start - run;
    }
    std::size_t end = line_end(text, start);
    take_line(text.substr(start, end - start));
    run = end;
  };
  // `pos` is always a line start here.
  while (pos < text.size()) {
    if (special(text[pos])) {
      take_special(pos);
      pos = run;
      continue;
    }
    std::size_t at = next_event(text, pos, special);
    if (at == std::string_view::npos) break;
    if (text[at] == '\n') {
      take_special(at + 1);
    } else {  // a CRLF line: from the line start before its '\r'
      const void* nl = at > pos ? memrchr(text.data() + pos, '\n', at - pos) : nullptr;
      take_special(nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - text.data()) + 1
                      : pos);
    }
    pos = run;
  }
  if (text.size() > run) {
    append_bytes(text.substr(run));
    m_offset += text.size() - run;
  }
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
  if (m_slice_begin) {
    m_current.block = m_block;
    m_current.slice = std::string_view(m_slice_begin, static_cast<std::size_t>(m_slice_end - m_slice_begin));
    m_slice_begin = m_slice_end = nullptr;
  }
  m_emit(std::move(m_current));
  m_current = RawMessage{};
  m_have_message = false;
}

void MboxSplitter::append_bytes(std::string_view bytes) {
  if (bytes.empty()) return;
  if (m_slice_begin) {
    if (bytes.data() == m_slice_end) {
      m_slice_end += bytes.size();
      return;
    }
    materialize();
  } else if (m_block && m_current.bytes.empty() && bytes.data() >= m_chunk.data() &&
             bytes.data() + bytes.size() <= m_chunk.data() + m_chunk.size()) {
    m_slice_begin = bytes.data();
    m_slice_end = bytes.data() + bytes.size();
    return;
  }
  // Most lore mails are 4-32 KB: start there rather than grow a byte buffer from nothing.
  if (m_current.bytes.empty()) m_current.bytes.reserve(k_message_reserve);
  m_current.bytes.append(bytes);
}

void MboxSplitter::materialize() {
  std::string_view slice(m_slice_begin, static_cast<std::size_t>(m_slice_end - m_slice_begin));
  m_slice_begin = m_slice_end = nullptr;
  m_current.bytes.reserve(std::max(k_message_reserve, 2 * slice.size()));
  m_current.bytes.append(slice);
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
  // mailsplit turns CRLF into LF (git am without --keep-cr).
  bool crlf = line.size() > 1 && line[line.size() - 1] == '\n' && line[line.size() - 2] == '\r';
  if (crlf) line.remove_suffix(2);
  if (m_dialect == MboxDialect::mboxrd && !line.empty() && line[0] == '>') {
    // mboxrd: ">From ", ">>From " ... lose one '>'.
    std::size_t n = line.find_first_not_of('>');
    if (n != std::string_view::npos && starts_with(line.substr(n), "From ")) line.remove_prefix(1);
  }
  append_bytes(line);  // a rewritten line no longer follows the slice: the message is copied
  if (crlf) append_bytes("\n");
}

}  // namespace pt
