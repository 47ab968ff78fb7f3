// mail stage: one raw message -> author, subject, date, commit message and patch text.
// Follows git mailinfo's rules (headers, in-body headers, MIME parts, decoding, scissors).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pt {

enum class QuotedCr { nowarn, warn, strip };

struct MailInfoOptions {
  bool scissors = false;        // --scissors: drop everything up to a "-- >8 --" line
  bool inbody_headers = true;   // --no-inbody-headers turns this off
  bool add_message_id = false;  // --message-id: append "Message-ID: <id>" to the message
  QuotedCr quoted_cr = QuotedCr::warn;
  // The body is already decoded whatever Content-Transfer-Encoding says: b4 hands its
  // review-check commands a re-serialised message whose header may still say
  // quoted-printable over 8-bit text (decoding it again would join lines ending in '=').
  bool body_already_decoded = false;
};

// One header field as written. Both views point into the message given to
// extract_mailinfo: they are valid only while that text lives.
struct HeaderField {
  std::string_view name;  // as written
  std::string_view text;  // after the colon, folds and blanks as written, no final newline
  // Unfolded (RFC 5322 3.2.2, each line's trailing blanks dropped), raw (not RFC 2047
  // decoded), leading blanks removed: git mailinfo's view of the value.
  std::string value() const;
  // The same as a view: of the text itself when the field is one line (most are), else of
  // `scratch`, which it is unfolded into.
  std::string_view value(std::string& scratch) const;
};

// A header field's text unfolded as git mailinfo reads it: each line without its trailing
// blanks, each continuation line's first blank turned into one space.
std::string unfold_header(std::string_view text);

struct MailInfo {
  std::vector<HeaderField> headers;  // top-level headers in order (views into the message)

  bool has_from = false, has_subject = false, has_date = false;
  std::string author_name, author_email;
  std::string subject;  // the chosen Subject, RFC 2047 decoded, before prefix cleanup
  std::string title;    // Subject as git mailinfo prints it
  std::string date;     // Date as git mailinfo prints it
  bool from_in_body = false, subject_in_body = false, date_in_body = false;

  std::string message;     // git mailinfo's msg file
  std::string patch_text;  // git mailinfo's patch file (git's patch_lines != 0: not empty)

  bool quoted_cr = false;            // a decoded line ended in CRLF
  std::vector<std::string> notes;    // conversion problems, malformed words (with what)
};

// Runs git mailinfo's extraction on one message (its bytes without an mbox From line).
// MailInfo::headers refer to `message`: keep it alive while they are read. Never fails:
// problems that stop git are recorded in MailInfo::notes and parsing goes on.
MailInfo extract_mailinfo(std::string_view message, const MailInfoOptions& options);

// True when `line` (without its newline) is a git scissors line such as "-- >8 --".
bool is_scissors_line(std::string_view line);

}  // namespace pt

namespace pt {

// The "info" text git mailinfo prints: Author/Email, Subject, Date lines (each only when
// known) and an empty line.
std::string format_info(const MailInfo& info);

}  // namespace pt
