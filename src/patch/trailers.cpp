#include "patch/trailers.hpp"

#include <string.h>  // memrchr

#include <algorithm>
#include <cstddef>

#include "util/text.hpp"

// The block detection follows git 2.39's trailer.c (find_patch_start, find_trailer_start,
// trailer_info_get) and commit.c's ignore_non_trailer, with no trailer.* configuration and
// the default separator ':' and comment character '#'. Each helper names the git function
// whose behaviour it reproduces, so a divergence can be checked against that function.

namespace pt {
namespace {

using std::size_t;
using std::string_view;
constexpr size_t k_npos = string_view::npos;

constexpr char k_comment_char = '#';
// Lines git writes itself: one of them lets a paragraph pass with only 25% trailer lines.
constexpr string_view k_git_generated_prefixes[] = {"Signed-off-by: ",
                                                    "(cherry picked from commit "};
// wt-status.c's cut line, preceded by the comment character and a space.
constexpr string_view k_cut_line = "# ------------------------ >8 ------------------------\n";

// git's isspace (ctype.c) knows only SP, HT, LF and CR; \v and \f are not spaces there.
bool git_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool git_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

string_view git_trim(string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && git_space(s[b])) ++b;
  while (e > b && git_space(s[e - 1])) --e;
  return s.substr(b, e - b);
}

// Start of the line after the one starting at `pos`, or the end of `text`.
size_t line_after(string_view text, size_t pos) {
  size_t nl = find_newline(text, pos);
  return nl == k_npos ? text.size() : nl + 1;
}

// is_blank_line: only whitespace up to the newline.
bool is_blank_line_at(string_view text, size_t pos) {
  while (pos < text.size() && text[pos] != '\n' && git_space(text[pos])) ++pos;
  return pos == text.size() || text[pos] == '\n';
}

// last_line: start of the last line in text[0, len), ignoring a final newline; -1 if empty.
std::ptrdiff_t last_line(string_view text, size_t len) {
  if (len == 0) return -1;
  if (len == 1) return 0;
  const void* nl = memrchr(text.data(), '\n', len - 1);
  return nl ? static_cast<const char*>(nl) - text.data() + 1 : 0;
}

// find_separator: offset of ':' after a token of alnum/'-' optionally followed by blanks;
// -1 when the line is not `Token: value` (a leading blank never starts a token).
std::ptrdiff_t find_separator(string_view text, size_t pos) {
  bool whitespace_found = false;
  for (size_t i = pos; i < text.size(); ++i) {
    char c = text[i];
    if (c == ':') return std::ptrdiff_t(i - pos);
    if (!whitespace_found && (git_alnum(c) || c == '-')) continue;
    if (i != pos && (c == ' ' || c == '\t')) {
      whitespace_found = true;
      continue;
    }
    break;
  }
  return -1;
}

// find_patch_start: the first line starting with "---" and a whitespace byte (format-patch's
// divider, also "--- a/file"); "---" alone at the very end does not count.
size_t find_patch_start(string_view text) {
  for (size_t pos = 0; pos < text.size(); pos = line_after(text, pos))
    if (text.compare(pos, 3, "---") == 0 && pos + 3 < text.size() && git_space(text[pos + 3]))
      return pos;
  return text.size();
}

// wt_status_locate_end limited to text[0, len). git searches past len and loops forever
// when a cut line follows the divider (git 2.39.5 hangs on it); we simply ignore it there.
size_t locate_cut_line(string_view text, size_t len) {
  string_view region = text.substr(0, len);
  if (starts_with(region, k_cut_line)) return 0;
  // The first line start holding the whole cut line: one search, not one per line.
  static constexpr string_view k_after_newline =
      "\n# ------------------------ >8 ------------------------\n";
  size_t at = find_bytes(region, k_after_newline);
  return at == k_npos ? len : at + 1;
}

// ignore_non_trailer: drops trailing blank lines, comment lines and an old "Conflicts:"
// block; returns where the trailer search must stop.
size_t find_trailer_end(string_view text, size_t len) {
  size_t cutoff = locate_cut_line(text, len);
  size_t boc = 0, bol = 0;  // git uses 0 as "no run of comments yet"; so do we
  bool in_old_conflicts_block = false;
  while (bol < cutoff) {
    size_t nl = find_newline(text.substr(0, len), bol);
    size_t next = nl == k_npos ? len : nl + 1;
    if (text[bol] == k_comment_char || text[bol] == '\n') {
      if (!boc) boc = bol;
    } else if (text.compare(bol, 11, "Conflicts:\n") == 0) {
      in_old_conflicts_block = true;
      if (!boc) boc = bol;
    } else if (in_old_conflicts_block && text[bol] == '\t') {
      // a path inside the conflicts block
    } else if (boc) {
      boc = 0;
      in_old_conflicts_block = false;
    }
    bol = next;
  }
  return boc ? boc : cutoff;
}

// find_trailer_start: scanning upwards, the last paragraph is a trailer block when all its
// lines are trailers, or when one is git-generated and trailers are >= 25% of the lines.
size_t find_trailer_start(string_view text, size_t len) {
  // The first paragraph is the title and never holds trailers.
  size_t end_of_title = 0;
  while (end_of_title < len) {
    if (text[end_of_title] != k_comment_char && is_blank_line_at(text, end_of_title)) break;
    end_of_title = line_after(text, end_of_title);
  }

  bool only_spaces = true, recognized_prefix = false;
  int trailer_lines = 0, non_trailer_lines = 0;
  // Indented lines continue the trailer above them, or are prose if a non-trailer is above.
  int possible_continuation_lines = 0;
  for (std::ptrdiff_t l = last_line(text, len); l >= std::ptrdiff_t(end_of_title);
       l = last_line(text, size_t(l))) {
    size_t bol = size_t(l);
    if (text[bol] == k_comment_char) {
      non_trailer_lines += possible_continuation_lines;
      possible_continuation_lines = 0;
      continue;
    }
    if (is_blank_line_at(text, bol)) {
      if (only_spaces) continue;
      non_trailer_lines += possible_continuation_lines;
      if (recognized_prefix && trailer_lines * 3 >= non_trailer_lines) return line_after(text, bol);
      if (trailer_lines && !non_trailer_lines) return line_after(text, bol);
      return len;
    }
    only_spaces = false;

    string_view rest = text.substr(bol);
    if (std::any_of(std::begin(k_git_generated_prefixes), std::end(k_git_generated_prefixes),
                    [&](string_view p) { return starts_with(rest, p); })) {
      ++trailer_lines;
      possible_continuation_lines = 0;
      recognized_prefix = true;
      continue;
    }
    if (find_separator(text, bol) >= 1 && !git_space(text[bol])) {
      ++trailer_lines;
      possible_continuation_lines = 0;
    } else if (git_space(text[bol])) {
      ++possible_continuation_lines;
    } else {
      non_trailer_lines += 1 + possible_continuation_lines;
      possible_continuation_lines = 0;
    }
  }
  return len;
}

// unfold_value: each newline plus the whitespace after it becomes one space.
std::string unfold_value(string_view value) {
  size_t nl = value.find('\n');
  if (nl == k_npos) return std::string(git_trim(value));  // most values: one line
  std::string out;
  out.reserve(value.size());
  size_t i = 0;
  for (; nl != k_npos; nl = value.find('\n', i)) {
    out.append(value.substr(i, nl - i));
    out.push_back(' ');
    i = nl + 1;
    while (i < value.size() && git_space(value[i])) ++i;
  }
  out.append(value.substr(i));
  return std::string(git_trim(out));
}

// Keys whose values are references, never people, even when they hold an '@'
// (Link: https://lore.kernel.org/r/<msgid@host>).
bool is_reference_key(string_view key) {
  static constexpr string_view k_keys[] = {
      "Fixes",    "Link",           "Closes",       "Message-Id",  "Change-Id",
      "Bug",      "BugLink",        "References",   "Base-commit", "Git-commit",
      "Git-repo", "Patch-mainline", "Patchwork-Id", "Upstream"};
  return std::any_of(std::begin(k_keys), std::end(k_keys),
                     [&](string_view k) { return iequals(key, k); });
}

// People trailers: the kernel's *-by tags and the address tags; also any other key whose
// value starts with or holds an address.
bool looks_like_person(string_view key, string_view value) {
  if (is_reference_key(key)) return false;
  if (key.size() > 3 && iequals(key.substr(key.size() - 3), "-by")) return true;
  if (iequals(key, "Cc") || iequals(key, "To") || iequals(key, "From")) return true;
  if (value.find("://") != k_npos) return false;
  size_t lt = value.find('<');
  if (lt != k_npos && value.find('@', lt) != k_npos && value.find('>', lt) != k_npos) return true;
  // "Name <>": a person whose address a pasted page hid (recovered mail writes it so).
  if (lt != k_npos && value.substr(lt) == "<>") return true;
  string_view first = value.substr(0, std::min(value.find(' '), value.size()));
  return first.find('@') != k_npos;
}

// Display name without surrounding double quotes and with \" unescaped inside them, as
// RFC 5322 quoted strings are read ("Doe, Jane" -> Doe, Jane).
// A name's ends without no-break spaces (U+00A0, which some mail clients put before the
// address): they are layout, not part of the name.
string_view trim_nbsp(string_view s) {
  while (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") s = git_trim(s.substr(0, s.size() - 2));
  while (s.size() >= 2 && s.substr(0, 2) == "\xC2\xA0") s = git_trim(s.substr(2));
  return s;
}

std::string unquote_name(string_view name) {
  if (name.size() < 2 || name.front() != '"' || name.back() != '"') return std::string(name);
  std::string out;
  for (size_t i = 1; i + 1 < name.size(); ++i) {
    if (name[i] == '\\' && i + 2 < name.size()) ++i;
    out.push_back(name[i]);
  }
  return out;
}

}  // namespace

void split_person(std::string_view value, std::string& name, std::string& email,
                  std::string& comment) {
  name.clear();
  email.clear();
  comment.clear();
  string_view v = git_trim(value);

  // `Name <addr> rest`: the first '<' outside a quoted name opens the address.
  bool in_quotes = false;
  size_t lt = k_npos;
  for (size_t i = 0; i < v.size(); ++i) {
    if (in_quotes && v[i] == '\\') {
      ++i;
    } else if (v[i] == '"') {
      in_quotes = !in_quotes;
    } else if (!in_quotes && v[i] == '<') {
      lt = i;
      break;
    }
  }
  size_t gt = lt == k_npos ? k_npos : v.find('>', lt);
  if (gt != k_npos) {
    name = unquote_name(trim_nbsp(git_trim(v.substr(0, lt))));
    email = std::string(git_trim(v.substr(lt + 1, gt - lt - 1)));
    comment = std::string(git_trim(v.substr(gt + 1)));
    return;
  }

  // `addr rest`: a bare address, e.g. "stable@vger.kernel.org # 6.1.x".
  size_t sp = 0;
  while (sp < v.size() && !git_space(v[sp])) ++sp;
  string_view first = v.substr(0, sp);
  if (first.find('@') != k_npos) {
    email = std::string(first);
    comment = std::string(git_trim(v.substr(sp)));
    return;
  }

  // A name without address (renderings that lost the address); '#' starts a comment.
  size_t hash = v.find('#');
  name = std::string(trim_nbsp(git_trim(v.substr(0, hash))));
  if (hash != k_npos) comment = std::string(v.substr(hash));
}

std::vector<Trailer> parse_trailers(std::string_view message) {
  // git reads the message as a C string: nothing after a NUL byte exists for it.
  message = message.substr(0, message.find('\0'));

  size_t patch_start = find_patch_start(message);
  size_t trailer_end = find_trailer_end(message, patch_start);
  size_t trailer_start = find_trailer_start(message, trailer_end);

  std::vector<Trailer> out;
  if (trailer_start >= trailer_end) return out;
  int line = 1 + int(count_newlines(message.substr(0, trailer_start)));

  // trailer_info_get: a line starting with whitespace joins the item above it, but only
  // when that item is a `Token: value` line.
  size_t pos = trailer_start;
  while (pos < trailer_end) {
    size_t item_start = pos;
    int item_line = line;
    pos = std::min(line_after(message, pos), trailer_end);
    ++line;
    std::ptrdiff_t sep = find_separator(message, item_start);
    if (sep >= 1) {
      while (pos < trailer_end && git_space(message[pos])) {
        pos = std::min(line_after(message, pos), trailer_end);
        ++line;
      }
    }
    // --parse drops comment lines and lines that are not `Token: value`.
    if (message[item_start] == k_comment_char || sep < 1) continue;

    Trailer t;
    string_view item = message.substr(item_start, pos - item_start);
    t.key = std::string(git_trim(item.substr(0, size_t(sep))));
    t.value = unfold_value(git_trim(item.substr(size_t(sep) + 1)));
    t.line = item_line;
    if (looks_like_person(t.key, t.value)) split_person(t.value, t.name, t.email, t.comment);
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace pt
