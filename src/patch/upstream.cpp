#include "patch/upstream.hpp"

#include <algorithm>
#include <cstddef>

#include "util/text.hpp"

// The two forms of Documentation/process/stable-kernel-rules.rst ("commit <sha1> upstream."
// as the first line of the body, or "[ Upstream commit <sha1> ]" below the title), plus the
// line `git cherry-pick -x` appends. Lines may be indented; quoted lines ("> ...") are not
// references of this mail. Scanning is a hand-written matcher: this runs on every mail.

namespace pt {
namespace {

using std::size_t;
using std::string_view;

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Consumes `word` (ASCII case-insensitive) at s[pos..].
bool eat_word(string_view s, size_t& pos, string_view word) {
  if (!istarts_with(s.substr(pos), word)) return false;
  pos += word.size();
  return true;
}

// Consumes one or more blanks.
bool eat_blanks(string_view s, size_t& pos) {
  size_t start = pos;
  while (pos < s.size() && is_blank(s[pos])) ++pos;
  return pos > start;
}

// Consumes a commit id: 12-40 hex digits (abbreviated or SHA-1) or 64 (SHA-256), not
// followed by a letter or digit. Stores it lower-cased.
bool eat_sha(string_view s, size_t& pos, std::string& sha) {
  size_t end = pos;
  while (end < s.size() && is_hex(s[end])) ++end;
  size_t len = end - pos;
  if (!((len >= 12 && len <= 40) || len == 64)) return false;
  if (end < s.size() && is_alnum(s[end])) return false;
  sha.resize(len);
  std::transform(s.begin() + pos, s.begin() + end, sha.begin(), to_lower);
  pos = end;
  return true;
}

// The reference held by one line (without its newline), or false.
bool match_line(string_view line, std::string& sha, const char*& form) {
  size_t pos = 0;
  eat_blanks(line, pos);
  if (pos >= line.size()) return false;
  switch (line[pos]) {
    case '[':  // [ Upstream commit <sha> ]
      ++pos;
      eat_blanks(line, pos);
      if (!eat_word(line, pos, "upstream") || !eat_blanks(line, pos) ||
          !eat_word(line, pos, "commit") || !eat_blanks(line, pos) || !eat_sha(line, pos, sha))
        return false;
      form = "upstream-commit";
      return true;
    case 'c':
    case 'C':  // commit <sha> upstream.
      if (!eat_word(line, pos, "commit") || !eat_blanks(line, pos) || !eat_sha(line, pos, sha) ||
          !eat_blanks(line, pos) || !eat_word(line, pos, "upstream"))
        return false;
      if (pos < line.size() && is_alnum(line[pos])) return false;  // "upstreamed"
      form = "commit-upstream";
      return true;
    case '(':  // (cherry picked from commit <sha>)
      if (!eat_word(line, pos, "(cherry picked from commit ") || !eat_sha(line, pos, sha))
        return false;
      form = "cherry-picked";
      return true;
    default:
      return false;
  }
}

}  // namespace

std::vector<UpstreamRef> find_upstream_refs(std::string_view message) {
  std::vector<UpstreamRef> refs;
  std::string sha;
  int line_no = 0;
  for (size_t pos = 0; pos < message.size();) {
    size_t nl = find_newline(message, pos);
    size_t end = nl == string_view::npos ? message.size() : nl;
    string_view line = message.substr(pos, end - pos);
    pos = nl == string_view::npos ? message.size() : nl + 1;
    ++line_no;
    const char* form = nullptr;
    if (!match_line(line, sha, form)) continue;
    bool seen =
        std::any_of(refs.begin(), refs.end(), [&](const UpstreamRef& r) { return r.sha == sha; });
    if (!seen) refs.push_back({sha, form, line_no});
  }
  return refs;
}

}  // namespace pt
