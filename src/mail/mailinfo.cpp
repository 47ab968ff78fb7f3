#include "mail/mailinfo.hpp"

#include <array>
#include <cstring>
#include <optional>

#include "mail/address.hpp"
#include "mail/charset.hpp"
#include "mail/header_fields.hpp"
#include "mail/mailinfo_rules.hpp"
#include "mail/rfc2047.hpp"
#include "mail/transfer_decoding.hpp"
#include "util/text.hpp"

// The rules below are git's (mailinfo.c, v2.39): the same input must give the same msg,
// patch and info, byte for byte, because git am is what maintainers compare us with.

namespace pt {

namespace {

enum { k_from, k_subject, k_date, k_header_count };
constexpr std::array<std::string_view, k_header_count> k_header_names = {"From", "Subject",
                                                                         "Date"};
using header_line::Field;
using header_line::field_of;
using header_line::header_colon;
using header_line::k_mbox_from;
using header_line::skip_header;
using mailinfo_rules::cleanup_subject;
using mailinfo_rules::is_format_patch_separator;
using mailinfo_rules::patchbreak;
using mailinfo_rules::slurp_attr;

// git keeps at most four nested multipart boundaries (MAX_BOUNDARIES 5, slot 0 unused).
constexpr std::size_t k_max_boundaries = 4;

// Reads lines out of one message, like git's strbuf_getwholeline / strbuf_getline_lf.
class LineReader {
 public:
  explicit LineReader(std::string_view text) : m_text(text) {}
  // The next line with its '\n'; false (and an empty line) at the end.
  bool whole_line(std::string& line) {
    if (m_pos >= m_text.size()) {
      line.clear();
      return false;
    }
    line.assign(next_line(m_text, m_pos));
    return true;
  }
  // The next line without its '\n'; false (and an empty line) at the end.
  bool line_lf(std::string& line) {
    if (!whole_line(line)) return false;
    if (!line.empty() && line.back() == '\n') line.pop_back();
    return true;
  }
  // The next line with its '\n' as a view into the message (no copy); false at the end.
  bool view_line(std::string_view& line) {
    if (m_pos >= m_text.size()) {
      line = {};
      return false;
    }
    line = next_line(m_text, m_pos);
    return true;
  }
  // The next line without its '\n' as a view into the message; false at the end.
  bool view_line_lf(std::string_view& line) {
    if (!view_line(line)) return false;
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    return true;
  }
  int peek() const { return m_pos < m_text.size() ? static_cast<unsigned char>(m_text[m_pos]) : -1; }
  std::string_view text() const { return m_text; }
  void skip_rest() { m_pos = m_text.size(); }
  std::size_t pos() const { return m_pos; }  // byte offset of the next line in the message

 private:
  std::string_view m_text;
  std::size_t m_pos = 0;
};

class Engine {
 public:
  Engine(std::string_view text, const MailInfoOptions& options, MailInfo& out)
      : m_options(options), m_in(text), m_out(out) {}

  void run() {
    m_out.headers.reserve(64);  // lore mail carries 30-60 header fields
    std::string_view raw;
    bool folded = false, end = false;
    while (read_header(raw, folded, end)) {
      record_header(raw);
      // Only the few fields git reads are unfolded; Received, ARC and DKIM are not.
      if (field_of(raw) != Field::none) check_header(unfolded(raw, folded), m_primary, true);
    }
    std::string line;
    if (!end) {
      line.assign(raw);
      line.push_back('\n');
    }
    handle_body(line);
    finish_info();
  }

 private:
  using Slots = std::array<std::optional<std::string>, k_header_count>;

  // One header field as a view into the message: its first line without trailing blanks,
  // or (`folded`) everything up to the end of its last continuation line. False at the
  // end of the header block: then `raw` is the line that ended it without trailing blanks
  // (consumed), and `end` says the input ran out instead. m_colon: see header_colon.
  bool read_header(std::string_view& raw, bool& folded, bool& end) {
    folded = false;
    std::size_t begin = m_in.pos();
    std::string_view first;
    end = !m_in.view_line_lf(first);
    raw = rtrim(first);
    if (end || raw.empty()) return false;
    m_colon = header_colon(raw);
    if (m_colon == std::string_view::npos) return false;
    std::size_t stop = begin + first.size();
    for (;;) {  // RFC 5322 folding: a line starting with a blank continues the field
      int peek = m_in.peek();
      if (peek != ' ' && peek != '\t') break;
      std::string_view more;
      m_in.view_line_lf(more);
      stop = m_in.pos() - (m_in.pos() > 0 && m_in.text()[m_in.pos() - 1] == '\n' ? 1 : 0);
      folded = true;
    }
    if (folded) raw = m_in.text().substr(begin, stop - begin);
    return true;
  }

  // The header line as git sees it: unfolded into a scratch buffer when it was folded.
  std::string_view unfolded(std::string_view raw, bool folded) {
    if (!folded) return raw;
    m_unfolded = unfold_header(raw);
    return m_unfolded;
  }

  // Keeps the field read_header just read (not an mbox "From " line).
  void record_header(std::string_view raw) {
    if (m_colon == k_mbox_from) return;
    m_out.headers.push_back({raw.substr(0, m_colon), raw.substr(m_colon + 1)});
  }

  std::string decode(std::string_view value) {
    DecodedHeader d = decode_rfc2047(value);
    if (!d.ok) add_note("malformed RFC 2047 encoded word in header: " + std::string(value));
    if (!d.converted) add_note("header charset could not be converted: " + std::string(value));
    return std::move(d.text);
  }

  bool check_header(std::string_view line, Slots& slots, bool overwrite) {
    std::string_view value;
    Field field = field_of(line);
    int slot = field == Field::from ? k_from
               : field == Field::subject ? k_subject
               : field == Field::date ? k_date
                                      : -1;
    if (slot >= 0) {
      if (slots[slot] && !overwrite) return false;
      skip_header(line, k_header_names[slot], value);
      slots[slot] = decode(value);
      return true;
    }
    if (field == Field::content_type) {
      skip_header(line, "Content-Type", value);
      handle_content_type(decode(value));
      return true;
    }
    if (field == Field::transfer_encoding) {
      skip_header(line, "Content-Transfer-Encoding", value);
      std::string v = decode(value);
      if (m_options.body_already_decoded) m_encoding = TransferEncoding::none;
      else if (ifind(v, "base64") != std::string::npos) m_encoding = TransferEncoding::base64;
      else if (ifind(v, "quoted-printable") != std::string::npos)
        m_encoding = TransferEncoding::quoted_printable;
      else m_encoding = TransferEncoding::none;
      return true;
    }
    if (field == Field::message_id) {
      skip_header(line, "Message-Id", value);
      if (m_options.add_message_id) m_message_id = decode(value);
      return true;
    }
    return false;
  }

  void handle_content_type(const std::string& value) {
    std::string attr;
    m_flowed = slurp_attr(value, "format=", attr) && iequals(attr, "flowed");
    m_delsp = slurp_attr(value, "delsp=", attr) && iequals(attr, "yes");
    if (slurp_attr(value, "boundary=", attr)) {
      if (m_boundaries.size() < k_max_boundaries) {
        m_boundaries.push_back("--" + attr);
      } else if (!m_too_deep) {  // named once, by where the first dropped one's header ends
        m_too_deep = true;
        std::string note = "too many nested MIME boundaries (git keeps ";
        note += std::to_string(k_max_boundaries) + "): the one before byte ";
        note += std::to_string(m_in.pos());
        note += " of the message and any deeper are ignored";
        add_note(std::move(note));
      }
    }
    slurp_attr(value, "charset=", m_charset);
    m_charset_may_change_ascii = charset_may_change_ascii(m_charset);
  }

  bool is_boundary(std::string_view line) const {
    return !m_boundaries.empty() && starts_with(line, m_boundaries.back());
  }

  bool find_boundary(std::string& line) {
    while (m_in.line_lf(line))
      if (is_boundary(line)) return true;
    return false;
  }

  // At a boundary line: an end boundary closes the part (and skips its epilogue);
  // otherwise the part's own headers are read. False when the input ends.
  bool handle_boundary(std::string& line) {
    for (;;) {
      const std::string& top = m_boundaries.back();
      if (line.size() >= top.size() + 2 && line.compare(top.size(), 2, "--") == 0) {
        m_boundaries.pop_back();
        std::string newline = "\n";
        handle_filter(newline);
        if (!find_boundary(line)) return false;
        continue;
      }
      break;
    }
    m_encoding = TransferEncoding::none;
    m_charset.clear();
    m_charset_may_change_ascii = false;
    std::string_view raw;
    bool folded = false, end = false;
    while (read_header(raw, folded, end))
      if (field_of(raw) != Field::none) check_header(unfolded(raw, folded), m_primary, false);
    if (!m_in.line_lf(line)) return false;
    line.push_back('\n');
    return true;
  }

  void handle_body(std::string& first) {
    std::string prev;
    if (!m_boundaries.empty() && !find_boundary(first)) return;
    std::string_view line = first;
    std::string decoded;
    do {
      if (is_boundary(line)) {
        if (!prev.empty()) {
          handle_filter(prev);
          prev.clear();
        }
        summarize_quoted_cr();
        first.assign(line);
        if (!handle_boundary(first)) return;
        line = first;
      }
      if (m_encoding == TransferEncoding::none) {
        handle_filter_flowed(line, prev);
        if (m_filter_stage == 1 && m_boundaries.empty() && !m_flowed && take_rest_of_patch())
          break;
        continue;
      }
      // git prepends the partial line in `prev` to each decoded line: quadratic on a body
      // that decodes to one huge line (base64 of 'A's, QP soft breaks). `prev` never holds a
      // '\n', so append to it and split only once the added bytes end a line.
      std::size_t scanned = prev.size();
      if (m_encoding == TransferEncoding::base64) prev += decode_base64(line);
      else append_quoted_printable(prev, line, false);
      if (prev.find('\n', scanned) == std::string::npos) continue;
      decoded.swap(prev);
      prev.clear();
      // A decoded line may hold several lines, or only the start of one.
      std::size_t pos = 0;
      while (pos < decoded.size()) {
        std::string_view part = next_line(decoded, pos);
        if (part.back() != '\n') {
          prev.assign(part);
          break;
        }
        handle_filter_flowed(part, prev);
      }
    } while (m_in.view_line(line));
    if (!prev.empty()) handle_filter(prev);
    summarize_quoted_cr();
    flush_inbody_header();
  }

  // Past the commit message of a plain single-part mail every remaining line goes to the
  // patch text unchanged: append them in one piece instead of line by line. Not when a CR
  // is left (a CRLF line is looked at and maybe stripped line by line). True when taken.
  bool take_rest_of_patch() {
    std::string_view rest = m_in.text().substr(m_in.pos());
    if (rest.empty() || std::memchr(rest.data(), '\r', rest.size())) return false;
    m_out.patch_text.append(rest);
    m_in.skip_rest();
    return true;
  }

  void summarize_quoted_cr() {
    if (m_have_quoted_cr && m_options.quoted_cr == QuotedCr::warn)
      add_note("quoted CRLF detected");
    m_have_quoted_cr = false;
  }

  // RFC 3676 format=flowed joins soft-broken lines; otherwise only CRLF is looked at.
  void handle_filter_flowed(std::string_view line, std::string& prev) {
    std::size_t len = line.size();
    if (!m_flowed) {
      if (len >= 2 && line[len - 2] == '\r' && line[len - 1] == '\n') {
        m_have_quoted_cr = true;
        m_out.quoted_cr = true;
        if (m_options.quoted_cr == QuotedCr::strip) {
          m_flowed_scratch.assign(line.substr(0, len - 2));
          m_flowed_scratch.push_back('\n');
          handle_filter(m_flowed_scratch);
          return;
        }
      }
      handle_filter(line);
      return;
    }
    if (len && line[len - 1] == '\n') {
      --len;
      if (len && line[len - 1] == '\r') --len;
    }
    if (len == 3 && starts_with(line, "-- ")) {  // the signature separator stays as is
      if (!prev.empty()) {
        handle_filter(prev);
        prev.clear();
      }
      handle_filter(line);
      return;
    }
    if (len && line[0] == ' ') {  // unstuff a space-stuffed line
      line.remove_prefix(1);
      --len;
    }
    if (len && line[len - 1] == ' ') {  // soft line break: keep for the next line
      prev.append(line.substr(0, len - (m_delsp ? 1 : 0)));
      return;
    }
    m_flowed_scratch = prev;
    m_flowed_scratch.append(line);
    prev.clear();
    handle_filter(m_flowed_scratch);
  }

  void handle_filter(std::string_view line) {
    if (m_filter_stage == 0) {
      if (!handle_commit_msg(line)) return;
      m_filter_stage = 1;
      // The rest of the message is the patch: one allocation instead of a doubling series.
      m_out.patch_text.reserve(line.size() + (m_in.text().size() - m_in.pos()));
    }
    m_out.patch_text.append(line);
  }

  // May point `line` at a converted copy (git writes the converted first patch line too).
  bool handle_commit_msg(std::string_view& line) {
    if (m_header_stage && (line.empty() || line == "\n")) {
      if (!m_accum.empty()) {
        flush_inbody_header();
        m_header_stage = false;
      }
      return false;
    }
    if (m_options.inbody_headers && m_header_stage) {
      m_header_stage = check_inbody_header(line);
      if (m_header_stage) return false;
    } else {
      m_header_stage = false;
    }
    if (!m_charset.empty() && !(is_ascii(line) && !m_charset_may_change_ascii)) {
      if (!convert_to_utf8(line, m_charset, m_converted) && !m_conversion_noted) {
        add_note("body could not be converted from charset " + m_charset + "; bytes kept");
        m_conversion_noted = true;
      }
      line = m_converted;
    }
    if (m_options.scissors && is_scissors_line(c_string(line))) {
      m_out.message.clear();
      m_header_stage = true;
      for (auto& slot : m_secondary) slot.reset();
      return false;
    }
    if (patchbreak(line)) {
      if (!m_message_id.empty()) m_out.message += "Message-ID: " + m_message_id + "\n";
      return true;
    }
    // Half the commit messages on linux-usb are under 400 bytes: one or two allocations,
    // not a doubling series from 15.
    if (m_out.message.empty()) m_out.message.reserve(512);
    m_out.message += line;
    return false;
  }

  static std::string_view c_string(std::string_view s) {
    auto nul = s.find('\0');
    return nul == std::string_view::npos ? s : s.substr(0, nul);
  }

  bool is_inbody_header(std::string_view line) const {
    std::string_view value;
    for (int i = 0; i < k_header_count; ++i)
      if (!m_secondary[i] && skip_header(line, k_header_names[i], value)) return true;
    return false;
  }

  bool check_inbody_header(std::string_view line) {
    if (!m_accum.empty() && (line[0] == ' ' || line[0] == '\t')) {
      if (m_options.scissors && is_scissors_line(c_string(line))) {
        flush_inbody_header();
        return false;
      }
      if (m_accum.back() == '\n') m_accum.pop_back();
      m_accum += line;
      return true;
    }
    flush_inbody_header();
    if (starts_with(line, ">From") && line.size() > 5 && is_space(line[5]))
      return is_format_patch_separator(std::string_view(line).substr(1));
    if (starts_with(line, "[PATCH]") && line.size() > 7 && is_space(line[7])) {
      m_secondary[k_subject] = std::string(line);
      return true;
    }
    if (is_inbody_header(line)) {
      m_accum += line;
      return true;
    }
    return false;
  }

  void flush_inbody_header() {
    if (m_accum.empty()) return;
    check_header(m_accum, m_secondary, false);
    m_accum.clear();
  }

  void finish_info() {
    std::array<bool, k_header_count> in_body{};
    std::array<std::string*, k_header_count> chosen{};
    for (int i = 0; i < k_header_count; ++i) {
      // In-body headers count only when the mail carries a patch (git's rule).
      if (!m_out.patch_text.empty() && m_secondary[i]) {
        chosen[i] = &*m_secondary[i];
        in_body[i] = true;
      } else if (m_primary[i]) {
        chosen[i] = &*m_primary[i];
      }
    }
    for (int i = 0; i < k_header_count; ++i)
      if (chosen[i] && chosen[i]->find('\0') != std::string::npos)
        add_note("a NUL byte in '" + std::string(k_header_names[i]) + "' is not allowed");
    // The chosen values are not read again: collapsed in place and moved out.
    if (chosen[k_from]) {
      m_out.has_from = true;
      m_out.from_in_body = in_body[k_from];
      collapse_space_in_place(*chosen[k_from]);
      Address a = parse_author(*chosen[k_from]);
      m_out.author_name = std::move(a.name);
      m_out.author_email = std::move(a.email);
    }
    if (chosen[k_subject]) {
      m_out.has_subject = true;
      m_out.subject_in_body = in_body[k_subject];
      std::string title = cleanup_subject(*chosen[k_subject]);
      collapse_space_in_place(title);
      m_out.title = std::move(title);
      // `subject` is the mail's own Subject header; the title may come from the body.
      std::string& header = m_primary[k_subject] ? *m_primary[k_subject] : *chosen[k_subject];
      collapse_space_in_place(header);
      std::string_view trimmed = trim(header);
      m_out.subject = trimmed.size() == header.size() ? std::move(header) : std::string(trimmed);
    }
    if (chosen[k_date]) {
      m_out.has_date = true;
      m_out.date_in_body = in_body[k_date];
      collapse_space_in_place(*chosen[k_date]);
      m_out.date = std::move(*chosen[k_date]);
    }
  }

  void add_note(std::string note) {
    for (const auto& n : m_out.notes)
      if (n == note) return;
    m_out.notes.push_back(std::move(note));
  }

  const MailInfoOptions& m_options;
  LineReader m_in;
  MailInfo& m_out;
  Slots m_primary, m_secondary;  // header values, in-body values
  std::vector<std::string> m_boundaries;
  bool m_too_deep = false;  // a boundary past k_max_boundaries was dropped (noted once)
  TransferEncoding m_encoding = TransferEncoding::none;
  std::string m_charset;
  bool m_flowed = false, m_delsp = false;
  int m_filter_stage = 0;
  bool m_header_stage = true;
  std::string m_accum;  // a folded in-body header being collected
  std::string m_message_id;
  bool m_have_quoted_cr = false;
  bool m_conversion_noted = false;
  bool m_charset_may_change_ascii = false;  // UTF-7, ISO-2022-*: even ASCII goes through iconv
  std::string m_converted, m_flowed_scratch;  // reused buffers: no allocation per line
  std::string m_unfolded;                     // the folded header being read, unfolded
  std::size_t m_colon = 0;                    // header_colon of the field read_header read
};

}  // namespace

MailInfo extract_mailinfo(std::string_view message, const MailInfoOptions& options) {
  MailInfo out;
  std::size_t start = 0;
  while (start < message.size() && is_space(message[start])) ++start;
  if (start == message.size()) {
    out.notes.push_back("empty message");
    return out;
  }
  Engine engine(message.substr(start), options, out);
  engine.run();
  return out;
}

}  // namespace pt
