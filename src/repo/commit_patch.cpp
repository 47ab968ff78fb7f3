#include "repo/commit_patch.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "patch/patch_builder.hpp"

namespace pt {

namespace {

bool is_ascii(const std::string& s) {
  for (unsigned char c : s)
    if (c >= 0x80 || c == '\n') return false;
  return true;
}

// RFC 2047 "B" encoding of a whole header value, in words short enough for one line each
// (RFC 2047 section 2: an encoded word is at most 75 characters). Words are cut between
// UTF-8 characters so that each decodes on its own.
std::string encode_word(const std::string& text) {
  static const char* k_b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = std::min(text.size(), pos + 45);
    while (end < text.size() && end > pos + 1 &&
           (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
      --end;
    std::string chunk = text.substr(pos, end - pos);
    std::string b64;
    for (std::size_t i = 0; i < chunk.size(); i += 3) {
      unsigned v = static_cast<unsigned char>(chunk[i]) << 16;
      if (i + 1 < chunk.size()) v |= static_cast<unsigned char>(chunk[i + 1]) << 8;
      if (i + 2 < chunk.size()) v |= static_cast<unsigned char>(chunk[i + 2]);
      b64 += k_b64[(v >> 18) & 63];
      b64 += k_b64[(v >> 12) & 63];
      b64 += i + 1 < chunk.size() ? k_b64[(v >> 6) & 63] : '=';
      b64 += i + 2 < chunk.size() ? k_b64[v & 63] : '=';
    }
    if (!out.empty()) out += "\n ";
    out += "=?UTF-8?B?";
    out += b64;
    out += "?=";
    pos = end;
  }
  return out;
}

std::string header_text(const std::string& text) {
  return is_ascii(text) ? text : encode_word(text);
}

// A display name that needs quoting in an address (RFC 5322 specials), quoted.
std::string display_name(const std::string& name) {
  if (!is_ascii(name)) return encode_word(name);
  if (name.find_first_of("()<>[]:;@\\,.\"") == std::string::npos) return name;
  std::string out = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string rfc2822_date(long long time, int offset) {
  std::time_t local = static_cast<std::time_t>(time + static_cast<long long>(offset) * 60);
  std::tm tm{};
  gmtime_r(&local, &tm);
  static const char* k_days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* k_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int off = offset < 0 ? -offset : offset;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %d %s %d %02d:%02d:%02d %c%02d%02d", k_days[tm.tm_wday % 7],
                tm.tm_mday, k_months[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec, offset < 0 ? '-' : '+', off / 60, off % 60);
  return buf;
}

std::optional<RawMessage> format_commit_mail(const Repository& repo, const std::string& commit,
                                             const std::string& subject_prefix,
                                             const std::string& source) {
  std::optional<Repository::CommitInfo> info = repo.commit_info(commit);
  if (!info || info->parents > 1) return std::nullopt;
  // git format-patch: the subject is the message's first paragraph on one line, the body
  // what follows it.
  const std::string& msg = info->message;
  std::size_t para_end = msg.find("\n\n");
  std::string title = msg.substr(0, para_end);
  for (char& c : title)
    if (c == '\n') c = ' ';
  std::string body;
  if (para_end != std::string::npos) {
    std::size_t start = msg.find_first_not_of('\n', para_end);
    if (start != std::string::npos) body = msg.substr(start);
  }
  if (!body.empty() && body.back() != '\n') body += '\n';

  RawMessage raw;
  raw.source = source;
  raw.envelope = "From " + info->id + " Mon Sep 17 00:00:00 2001";
  std::string& m = raw.bytes;
  m += "From: ";
  m += display_name(info->author_name);
  m += " <";
  m += info->author_email;
  m += ">\nDate: ";
  m += rfc2822_date(info->author_time, info->author_offset);
  m += "\nSubject: ";
  if (!subject_prefix.empty()) {
    m += '[';
    m += subject_prefix;
    m += "] ";
  }
  m += header_text(title);
  m += "\nMessage-ID: <";
  m += info->id;
  m += "@patchtriage.hook>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
       "Content-Transfer-Encoding: 8bit\n\n";
  m += body;
  m += "---\n";
  m += repo.commit_diff(commit);
  return raw;
}

std::optional<Patch> commit_patch(const Repository& repo, const std::string& commit,
                                  const std::string& subject_prefix, const std::string& source) {
  std::optional<RawMessage> raw = format_commit_mail(repo, commit, subject_prefix, source);
  if (!raw) return std::nullopt;
  MailInfoOptions options;
  options.inbody_headers = false;  // the author is the commit's, whatever the message says
  return build_patch(*raw, options);
}

}  // namespace pt
