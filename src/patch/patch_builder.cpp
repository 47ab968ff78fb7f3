#include "patch/patch_builder.hpp"

#include <algorithm>

#include "mail/charset.hpp"
#include "mail/date.hpp"
#include "mail/rfc2047.hpp"
#include "patch/patch_recovery.hpp"
#include "util/text.hpp"

namespace pt {

const char* to_string(PatchKind kind) {
  switch (kind) {
    case PatchKind::patch: return "patch";
    case PatchKind::cover_letter: return "cover_letter";
    case PatchKind::pull_request: return "pull_request";
    case PatchKind::reply: return "reply";
    case PatchKind::no_patch: return "no_patch";
  }
  return "no_patch";
}

std::vector<std::string> parse_message_ids(std::string_view value) {
  std::vector<std::string> ids;
  std::size_t pos = 0;
  while (pos < value.size()) {
    std::size_t open = value.find('<', pos);
    if (open == std::string_view::npos) break;
    std::size_t close = value.find('>', open);
    if (close == std::string_view::npos) break;
    std::string id(value.substr(open, close - open + 1));
    bool seen = false;
    for (const auto& i : ids) seen = seen || i == id;
    if (!seen) ids.push_back(std::move(id));
    pos = close + 1;
  }
  // A malformed id without brackets is kept as written (Patchwork does the same).
  if (ids.empty() && !trim(value).empty()) ids.emplace_back(trim(value));
  return ids;
}

std::string first_message_id(std::string_view value) {
  std::size_t open = value.find('<');
  std::size_t close = open == std::string_view::npos ? open : value.find('>', open);
  if (close != std::string_view::npos) return std::string(value.substr(open, close - open + 1));
  return std::string(trim(value));
}

namespace {

// A diffstat line as git writes it: " path | 12 +++--", " path | Bin 0 -> 42 bytes",
// " 3 files changed, 5 insertions(+)", " create mode 100644 path", " rename a => b (90%)".
bool is_diffstat_line(std::string_view line) {
  std::string_view t = trim(line);
  if (t.empty()) return false;
  if (line[0] != ' ') return false;
  // Every notes line comes here (AUTOSEL notes are pages of prose): a search that starts
  // from the rare byte, not string_view::find, which calls memchr once per space.
  std::size_t bar = t.find('|');
  while (bar != std::string_view::npos && !(bar > 0 && t[bar - 1] == ' ' && bar + 1 < t.size() &&
                                            t[bar + 1] == ' '))
    bar = t.find('|', bar + 1);
  if (bar != std::string_view::npos) {
    std::string_view rest = ltrim(t.substr(bar + 2));
    return !rest.empty() && (is_digit(rest[0]) || starts_with(rest, "Bin"));
  }
  if (find_bytes(t, " changed") != std::string_view::npos &&
      (find_bytes(t, " file changed") != std::string_view::npos ||
       find_bytes(t, " files changed") != std::string_view::npos))
    return true;
  return starts_with(t, "create mode ") || starts_with(t, "delete mode ") ||
         starts_with(t, "rename ") || starts_with(t, "copy ") || starts_with(t, "mode change ") ||
         starts_with(t, "rewrite ");
}

bool starts_diff(std::string_view line) {
  return starts_with(line, "diff -") || starts_with(line, "Index: ") ||
         (starts_with(line, "--- ") && line.size() > 4 && !is_space(line[4])) ||
         starts_with(line, "+++ ") || starts_with(line, "@@ ");
}

// The first of each header field the patch object reads, found in one pass (lore mail
// carries 30-60 fields; a pass per name cost more than reading them).
struct WantedHeaders {
  const HeaderField *message_id = nullptr, *in_reply_to = nullptr, *references = nullptr,
                    *stable_base = nullptr, *content_type = nullptr, *to = nullptr, *cc = nullptr;
  int to_fields = 0, cc_fields = 0;  // To and Cc may come more than once: all are read
};

WantedHeaders find_wanted_headers(const MailInfo& info) {
  WantedHeaders w;
  for (const auto& h : info.headers) {
    const HeaderField** slot = nullptr;
    // Compares on the name's size, not a switch: a jump table mispredicts on every field.
    const std::size_t n = h.name.size();
    if (n == 2) {
      if (iequals(h.name, "To")) slot = &w.to, ++w.to_fields;
      else if (iequals(h.name, "Cc")) slot = &w.cc, ++w.cc_fields;
    } else if (n == 10) {
      slot = iequals(h.name, "Message-ID")   ? &w.message_id
             : iequals(h.name, "References") ? &w.references
                                             : nullptr;
    } else if (n == 11) {
      slot = iequals(h.name, "In-Reply-To") ? &w.in_reply_to : nullptr;
    } else if (n == 12) {
      slot = iequals(h.name, "Content-Type") ? &w.content_type : nullptr;
    } else if (n == 13) {
      slot = iequals(h.name, "X-stable-base") ? &w.stable_base : nullptr;
    }
    if (slot && !*slot) *slot = &h;
  }
  return w;
}

// The field's unfolded value, "" when the mail has no such field; a view of the mail or,
// for a folded field, of `scratch`.
std::string_view value_of(const HeaderField* h, std::string& scratch) {
  return h ? h->value(scratch) : std::string_view();
}

// A To/Cc value as kept: unfolded and decoded. A newline decoded from an encoded word
// becomes a space: it would end an item for split_recipients.
std::string recipient_value(const HeaderField& h) {
  std::string value = h.value();
  if (value.find("=?") != std::string::npos) {
    value = decode_rfc2047(value).text;
    std::replace(value.begin(), value.end(), '\n', ' ');
  }
  return value;
}

// Every `name` field's value (`first` is the first of `count`), one per line.
std::string recipients(const MailInfo& info, std::string_view name, const HeaderField* first,
                       int count) {
  if (count <= 1) return first ? recipient_value(*first) : std::string();
  std::string out;
  for (const auto& h : info.headers) {
    if (!iequals(h.name, name)) continue;
    if (!out.empty()) out += '\n';
    out += recipient_value(h);
  }
  return out;
}

}  // namespace

std::size_t split_notes(std::string_view patch_text, std::string& notes, std::string& diffstat) {
  notes.clear();
  diffstat.clear();
  std::size_t pos = 0;
  std::string_view first = next_line(patch_text, pos);
  // Only a "---" separator opens a notes section; a mail that goes straight to
  // "diff --git" has none.
  if (starts_diff(first)) return 0;
  if (!starts_with(first, "---")) return std::string_view::npos;
  std::size_t notes_begin = pos;
  std::size_t end = patch_text.size();
  std::size_t stat_begin = std::string_view::npos, stat_end = 0;
  while (pos < patch_text.size()) {
    std::size_t at = pos;
    std::string_view line = next_line(patch_text, pos);
    if (starts_diff(line)) {
      end = at;
      break;
    }
    if (is_diffstat_line(line)) {
      if (stat_begin == std::string_view::npos) stat_begin = at;
      stat_end = pos;
    }
  }
  std::string text;
  if (stat_begin != std::string_view::npos) {
    diffstat.assign(patch_text.substr(stat_begin, stat_end - stat_begin));
    text.assign(patch_text.substr(notes_begin, stat_begin - notes_begin));
    text.append(patch_text.substr(stat_end, end > stat_end ? end - stat_end : 0));
  } else {
    text.assign(patch_text.substr(notes_begin, end - notes_begin));
  }
  // A "-- " signature after the notes (mails without a diff) is not part of them.
  if (std::size_t sig = find_bytes(text, "\n-- \n"); sig != std::string::npos) text.resize(sig + 1);
  else if (starts_with(text, "-- \n")) text.clear();
  notes.assign(trim(text));
  return end;
}

std::optional<PullRequest> find_pull_request(std::string_view body) {
  // git request-pull: "The following changes since commit ..." then
  // "are available in the git repository at:" and the URL (and ref) on the next lines.
  // A case-sensitive search first: it runs on every mail, and request-pull writes it so.
  std::size_t since = find_bytes(body, "changes since commit");
  if (since == std::string_view::npos) return std::nullopt;
  std::size_t at = ifind(body.substr(since), "are available in the git repository at:");
  if (at == std::string_view::npos) return std::nullopt;
  std::size_t pos = since + at;
  next_line(body, pos);
  std::string_view line;
  while (pos < body.size()) {
    line = trim(next_line(body, pos));
    if (!line.empty()) break;
  }
  bool url_like = line.find("://") != std::string_view::npos ||
                  (line.find('@') != std::string_view::npos && line.find(':') != std::string_view::npos);
  if (!url_like) return std::nullopt;
  std::string text = collapse_space(line);
  if (text.find(' ') == std::string::npos && pos < body.size()) {
    // The ref may have been wrapped onto the next line.
    std::size_t peek = pos;
    std::string_view next = trim(next_line(body, peek));
    if (!next.empty() && next.find(' ') == std::string_view::npos && next.back() != ':') {
      text += ' ';  // (+= : g++ 12 warns falsely on "lit" + std::string, PR 105329)
      text += next;
    }
  }
  PullRequest pr;
  std::size_t space = text.find(' ');
  pr.url = text.substr(0, space);
  if (space != std::string::npos) pr.ref = text.substr(space + 1);
  return pr;
}

namespace {

Patch build_from_mail(const RawMessage& raw, const MailInfoOptions& options) {
  MailInfo info = extract_mailinfo(raw.text(), options);
  Patch p;
  p.source = raw.source;
  p.offset = raw.offset;
  const WantedHeaders wanted = find_wanted_headers(info);
  std::string scratch;
  p.message_id = first_message_id(value_of(wanted.message_id, scratch));
  p.in_reply_to = first_message_id(value_of(wanted.in_reply_to, scratch));
  p.references = parse_message_ids(value_of(wanted.references, scratch));
  p.to = recipients(info, "To", wanted.to, wanted.to_fields);
  p.cc = recipients(info, "Cc", wanted.cc, wanted.cc_fields);
  p.stable_base = std::string(trim(value_of(wanted.stable_base, scratch)));

  // Moved, not copied: `info` is not read for these again.
  p.subject_info = parse_subject(info.subject);
  p.subject = std::move(info.subject);
  p.title = std::move(info.title);
  p.author = {std::move(info.author_name), std::move(info.author_email)};
  p.author_from_body = info.from_in_body;
  p.date_utc = to_utc_iso8601(info.date);
  p.date = std::move(info.date);

  p.message = std::move(info.message);
  p.patch_text = std::move(info.patch_text);
  const std::size_t diff_start = split_notes(p.patch_text, p.notes, p.diffstat);
  p.diff = parse_diff(p.patch_text);
  if (p.diff.files.empty() && p.diff.error.find("leading pathname component") != std::string::npos) {
    // A diff made with --no-prefix: git am refuses it at -p1, but it is a patch all the same.
    p.problems.push_back("diff: " + p.diff.error + " (made without a/ b/ prefixes; git am needs -p0)");
    p.diff = parse_diff(p.patch_text, 0);
  }
  p.is_patch = !p.diff.files.empty();
  // "No valid patches" only means there is no diff: a reply or a cover letter, not a fault.
  if (!p.diff.error.empty() && (p.is_patch || p.diff.error.find("no valid patches") == std::string::npos))
    p.problems.push_back("diff: " + p.diff.error);
  if (info.headers.empty())
    p.problems.push_back("no mail header block: a web-page copy or flattened text, not a mail as sent");
  // Trailers and upstream references live in the commit message with its title.
  std::string full;
  full.reserve(p.title.size() + 2 + p.message.size());
  full.append(p.title).append("\n\n").append(p.message);
  p.trailers = parse_trailers(full);
  p.upstream = find_upstream_refs(p.message);
  p.pull_request = find_pull_request(p.message);
  // Past the notes: request-pull's text can follow a "---" line, but never sits in a diff
  // (the diff is most of the text, and a file's lines are no request).
  if (!p.pull_request)
    p.pull_request = find_pull_request(std::string_view(p.patch_text).substr(0, diff_start));
  if (ifind(value_of(wanted.content_type, scratch), "multipart") != std::string::npos)
    p.parts = outline_mime(raw.text());

  if (p.is_patch) p.kind = PatchKind::patch;
  else if (p.pull_request) p.kind = PatchKind::pull_request;
  else if (p.subject_info.is_reply) p.kind = PatchKind::reply;
  else if (p.subject_info.index && *p.subject_info.index == 0) p.kind = PatchKind::cover_letter;
  else p.kind = PatchKind::no_patch;
  for (auto& note : info.notes) p.problems.push_back(std::move(note));
  // Bytes that are not UTF-8 reach JSON as U+FFFD: say where, so nothing vanishes silently.
  for (auto [field, text] : {std::pair<const char*, const std::string*>{"subject", &p.subject},
                             {"author", &p.author.name}, {"message", &p.message}})
    if (!is_valid_utf8(*text))
      p.problems.push_back(std::string("bytes that are not UTF-8 in the ") + field +
                           " (undeclared charset?)");
  if (!info.has_from) p.problems.push_back("no From header");
  if (p.message_id.empty()) p.problems.push_back("no Message-ID header");
  return p;
}

}  // namespace

Patch build_patch(const RawMessage& raw, const MailInfoOptions& options) {
  // A web-page copy or a flattened text: back to mail first, then the same rules.
  if (std::optional<UnwrappedMail> unwrapped = unwrap_raw(raw)) {
    RawMessage mail{raw.source, raw.offset, "", std::move(unwrapped->mail)};
    Patch p = build_from_mail(mail, options);
    note_rendering(p, *unwrapped);
    return p;
  }
  Patch p = build_from_mail(raw, options);
  repair_damaged_diff(p);
  return p;
}

}  // namespace pt
