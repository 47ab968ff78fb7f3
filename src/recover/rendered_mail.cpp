// recover stage: which rendering a message is, and the dispatch to its unwrapper.
#include "recover/rendered_mail.hpp"

#include <initializer_list>

#include "util/text.hpp"

namespace pt {

const char* to_string(RenderedForm form) {
  switch (form) {
    case RenderedForm::mail: return "mail";
    case RenderedForm::lore_page: return "lore-page";
    case RenderedForm::lkml_page: return "lkml-page";
    case RenderedForm::flattened: return "flattened";
  }
  return "mail";
}

namespace {

// detect_form runs on every message of large mboxes: it reads only this much of the head
// and of the tail, walks lines as views, and allocates nothing.
constexpr std::size_t k_head_window = 16 * 1024;
constexpr std::size_t k_tail_window = 4 * 1024;
// A line this long with several header names on it is a mail whose line breaks were lost.
constexpr std::size_t k_flattened_line = 2000;
// Page chrome (title, search box) a user may copy above the lore headers.
constexpr int k_max_chrome_lines = 10;

std::string_view line_at(std::string_view text, std::size_t& pos) {
  std::string_view line = next_line(text, pos);
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// "Name" of a "Name: value" line (RFC 5322 field name characters), or "".
std::string_view field_name(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && line[i] > ' ' && line[i] < 127 && line[i] != ':') ++i;
  if (i == 0 || i >= line.size() || line[i] != ':') return {};
  return line.substr(0, i);
}

bool is_one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names)
    if (iequals(name, n)) return true;
  return false;
}

// The only fields a lore message page shows above the body.
bool is_lore_field(std::string_view name) {
  return is_one_of(name, {"From", "To", "Cc", "Bcc", "Reply-To", "Subject", "Date", "Message-ID",
                          "In-Reply-To", "References"});
}

bool is_address_field(std::string_view name) {
  return is_one_of(name, {"From", "To", "Cc", "Bcc", "Reply-To"});
}

// Fields only real mail starts with: a message that opens with one is mail, whatever
// follows. (A page's first line may look like a field too: "search: help / ...".)
bool is_transport_field(std::string_view name) {
  return is_one_of(name, {"Return-Path", "Received", "Delivered-To", "Message-ID", "MIME-Version",
                          "DKIM-Signature", "Authentication-Results", "Envelope-To"}) ||
         istarts_with(name, "X-") || istarts_with(name, "ARC-") || istarts_with(name, "Content-");
}

// lore turns some header values into links and appends their labels.
bool has_lore_decoration(std::string_view line) {
  std::string_view v = rtrim(line);
  return ends_with(v, "[thread overview]") || ends_with(v, "> (raw)") ||
         ends_with(v, "(permalink / raw)");
}

// --- flattened -----------------------------------------------------------------------

std::size_t count_header_tokens(std::string_view text) {
  std::size_t n = 0;
  for (std::string_view t : {"From: ", "Subject: ", "Date: ", "Message-ID: ", "Message-Id: "})
    if (find_bytes(text, t) != std::string_view::npos) ++n;
  return n;
}

bool has_mail_body_token(std::string_view text) {
  return find_bytes(text, " diff --git ") != std::string_view::npos ||
         find_bytes(text, " Signed-off-by: ") != std::string_view::npos;
}

// One of the first few lines is thousands of bytes long and holds a header block and a
// patch: the newlines became spaces.
bool looks_flattened(std::string_view bytes) {
  std::size_t pos = 0;
  for (int i = 0; i < 3 && pos < bytes.size(); ++i) {
    std::size_t start = pos;
    std::size_t nl = bytes.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? bytes.size() : nl;
    pos = end + 1;
    if (end - start <= k_flattened_line) continue;
    std::string_view line = bytes.substr(start, end - start);
    std::string_view head = line.substr(0, k_head_window);
    std::string_view tail = line.size() > k_head_window ? line.substr(line.size() - k_head_window)
                                                        : std::string_view{};
    // A patch shows a diff or a sign-off; a reply or cover letter may have neither, but then
    // all four of From, Subject, Date and Message-ID stand in its first kilobytes.
    std::size_t headers = count_header_tokens(head);
    if (headers >= 4 || (headers >= 3 && (has_mail_body_token(head) || has_mail_body_token(tail))))
      return true;
  }
  return false;
}

// --- lkml.iu.edu ---------------------------------------------------------------------

bool all_of(std::string_view s, bool (*pred)(char)) {
  for (char c : s)
    if (!pred(c)) return false;
  return !s.empty();
}
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit_c(char c) { return is_digit(c); }

// Next space-separated word of s from pos.
std::string_view word_at(std::string_view s, std::size_t& pos) {
  while (pos < s.size() && s[pos] == ' ') ++pos;
  std::size_t start = pos;
  while (pos < s.size() && s[pos] != ' ') ++pos;
  return s.substr(start, pos - start);
}

// "Thu Aug 10 2017 - 18:45:26 EST": hypermail's date, never a mail's.
bool is_lkml_date(std::string_view v) {
  std::size_t p = 0;
  std::string_view dow = word_at(v, p), mon = word_at(v, p), day = word_at(v, p),
                   year = word_at(v, p), dash = word_at(v, p), time = word_at(v, p);
  return dow.size() == 3 && all_of(dow, is_alpha) && mon.size() == 3 && all_of(mon, is_alpha) &&
         day.size() <= 2 && all_of(day, is_digit_c) && year.size() == 4 &&
         all_of(year, is_digit_c) && dash == "-" && time.size() >= 7 && time.size() <= 8 &&
         time[time.size() - 3] == ':' && time[time.size() - 6] == ':';
}

// A title line, then "From: <name>" and, on the next non-empty line, an lkml date.
bool looks_lkml(std::string_view head) {
  std::size_t pos = 0;
  bool saw_title = false;
  for (int i = 0; i < 30 && pos < head.size(); ++i) {
    std::string_view line = line_at(head, pos);
    if (!starts_with(line, "From: ")) {
      saw_title |= !trim(line).empty();  // a title may look like a field ("Re: ...")
      continue;
    }
    if (!saw_title) return false;
    std::string_view next;
    for (int j = 0; j < 2 && pos < head.size() && trim(next).empty(); ++j) next = line_at(head, pos);
    return starts_with(next, "Date: ") && is_lkml_date(trim(next.substr(6)));
  }
  return false;
}

// --- lore.kernel.org -----------------------------------------------------------------

// A "From: " line with another lore header field within the next few lines.
bool opens_lore_headers(std::string_view text, std::size_t pos_after, std::string_view line) {
  if (!starts_with(line, "From: ")) return false;
  std::size_t pos = pos_after;
  for (int i = 0; i < 6 && pos < text.size(); ++i)
    if (is_one_of(field_name(line_at(text, pos)), {"To", "Cc", "Subject", "Date"})) return true;
  return false;
}

bool has_lore_footer(std::string_view tail) {
  int marks = 0;
  for (std::string_view m : {"\nThread overview: ", "\nReply instructions:",
                             "\nThis is a public inbox, see mirroring instructions",
                             "other threads:[~", "\n^ permalink raw reply"})
    if (find_bytes(tail, m) != std::string_view::npos) ++marks;
  return marks >= 2;
}

struct HeaderWalk {
  bool from = false, subject_or_date = false, decorated = false, only_lore_fields = true;
  bool ended_by_blank = false, ended_by_text = false;
};

// Walks the header block at pos the way a lore page shows it: address continuations may
// have lost their indentation (the previous line then ends in a comma).
HeaderWalk walk_headers(std::string_view head, std::size_t pos) {
  HeaderWalk w;
  std::string_view field, prev;
  for (int i = 0; i < 400 && pos < head.size(); ++i) {
    std::string_view line = line_at(head, pos);
    if (line.empty()) {
      w.ended_by_blank = true;
      return w;
    }
    std::string_view name = field_name(line);
    bool indented = is_space(line[0]);
    // lore folds an address list after a comma, or between a name and its <address>.
    bool unindented_cont = !indented && !is_lore_field(name) && is_address_field(field) &&
                           (ends_with(rtrim(prev), ",") || starts_with(line, "<"));
    prev = line;
    if (indented || unindented_cont) continue;
    if (name.empty()) {
      w.ended_by_text = true;
      return w;
    }
    if (!is_lore_field(name)) {
      w.only_lore_fields = false;  // real mail, or a page body opening with "Key: value"
      return w;
    }
    field = name;
    w.from |= iequals(field, "From");
    w.subject_or_date |= iequals(field, "Subject") || iequals(field, "Date");
    w.decorated |= has_lore_decoration(line);
  }
  return w;  // header block longer than the window: not a page
}

bool looks_lore(std::string_view head, std::string_view tail) {
  std::size_t pos = 0, start = std::string_view::npos;
  for (int i = 0; i <= k_max_chrome_lines && pos < head.size(); ++i) {
    std::size_t line_start = pos;
    std::string_view line = line_at(head, pos);
    if (opens_lore_headers(head, pos, line)) {
      start = line_start;
      break;
    }
    if (i == 0 && is_transport_field(field_name(line))) return false;
  }
  if (start == std::string_view::npos) return false;
  HeaderWalk w = walk_headers(head, start);
  if (!w.from || !w.subject_or_date) return false;
  // No mail has "Message-ID: <...> (raw)": the labels decide, whatever the body looks like.
  if (w.decorated) return true;
  if (!w.only_lore_fields) return false;
  if (w.ended_by_text) return true;
  return w.ended_by_blank && has_lore_footer(tail);
}

}  // namespace

RenderedForm detect_form(std::string_view bytes) {
  if (looks_flattened(bytes)) return RenderedForm::flattened;
  if (starts_with(bytes, "From ")) return RenderedForm::mail;  // mbox or format-patch file
  std::string_view head = bytes.substr(0, k_head_window);
  std::string_view tail =
      bytes.size() > k_tail_window ? bytes.substr(bytes.size() - k_tail_window) : bytes;
  if (looks_lkml(head)) return RenderedForm::lkml_page;
  if (looks_lore(head, tail)) return RenderedForm::lore_page;
  return RenderedForm::mail;
}

std::optional<UnwrappedMail> unwrap_rendered(std::string_view bytes) {
  switch (detect_form(bytes)) {
    case RenderedForm::lore_page: return unwrap_lore_page(bytes);
    case RenderedForm::lkml_page: return unwrap_lkml_page(bytes);
    case RenderedForm::flattened: return unflatten_mail(bytes);
    case RenderedForm::mail: break;
  }
  return std::nullopt;
}

}  // namespace pt
