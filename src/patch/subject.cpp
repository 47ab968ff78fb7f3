#include "patch/subject.hpp"

#include <algorithm>
#include <cstddef>
#include <utility>

#include "util/text.hpp"

// Prefix conventions: Documentation/process/submitting-patches.rst ("[PATCH v2 3/7]",
// "[PATCH net-next]"), Documentation/process/stable-kernel-rules.rst and Sasha Levin's
// AUTOSEL mails ("[PATCH AUTOSEL 6.6 12/40]", "[PATCH AUTOSEL 7.0-6.6]"), Greg's review
// mails ("[PATCH 6.1 12/80]"), and Patchwork's parser (glued "PATCH1/8", hg "1 of 8",
// "(v2)" in the subject text, "Re " without colon).

namespace pt {
namespace {

using std::size_t;
using std::string_view;

struct Marker {
  string_view word;
  bool forward;
};
// Reply and forward markers in the languages seen on kernel lists (German Aw:, Nordic Sv:).
constexpr Marker k_markers[] = {
    {"re", false}, {"aw", false}, {"sv", false}, {"fwd", true}, {"fw", true}};

// Length of a reply/forward marker at the start of `s` ("Re:", "FWD:"), or 0.
// `allow_bare_re` accepts "Re " without colon, which Patchwork treats as a reply too.
size_t match_marker(string_view s, bool allow_bare_re, bool& forward) {
  for (const auto& m : k_markers) {
    if (!istarts_with(s, m.word)) continue;
    size_t n = m.word.size();
    if (n < s.size() && s[n] == ':') {
      forward = m.forward;
      return n + 1;
    }
    if (allow_bare_re && m.word == "re" && n < s.size() && (s[n] == ' ' || s[n] == '\t')) {
      forward = false;
      return n + 1;
    }
  }
  return 0;
}

// Unsigned decimal at s[pos..], at most 6 digits so that it fits an int; -1 if none.
int read_number(string_view s, size_t& pos) {
  size_t start = pos;
  int value = 0;
  while (pos < s.size() && is_digit(s[pos]) && pos - start < 6)
    value = value * 10 + (s[pos++] - '0');
  if (pos == start || (pos < s.size() && is_digit(s[pos]))) {
    pos = start;
    return -1;
  }
  return value;
}

// A stable series "X.Y" as (X, Y); kernels before 3.0 are not maintained, so "2.1" is not
// taken (it is more likely a revision like "v2.1").
using KernelVersion = std::pair<int, int>;

// Reads "X.Y", "X.Y.y", "vX.Y", "stable-X.Y" or "linux-X.Y.y" filling all of `s`.
// `explicit_branch` tells whether the token names a stable branch on its own (".y",
// "stable-", "linux-") rather than being a bare number pair.
bool read_kernel_version(string_view s, KernelVersion& out, bool& explicit_branch) {
  explicit_branch = false;
  for (string_view p : {string_view("linux-"), string_view("stable-")})
    if (istarts_with(s, p)) {
      s.remove_prefix(p.size());
      explicit_branch = true;
    }
  if (!s.empty() && (s[0] == 'v' || s[0] == 'V')) s.remove_prefix(1);
  size_t pos = 0;
  int major = read_number(s, pos);
  if (major < 3 || major > 99 || pos >= s.size() || s[pos] != '.') return false;
  ++pos;
  int minor = read_number(s, pos);
  if (minor < 0) return false;
  string_view rest = s.substr(pos);
  if (!rest.empty() && !iequals(rest, ".y") && !iequals(rest, ".x")) return false;
  explicit_branch |= !rest.empty();
  out = {major, minor};
  return true;
}

// One version or a range "7.0-6.6" / "v5.10-v6.1" into `versions`; `explicit_branch` as
// for read_kernel_version.
bool read_stable_token(string_view tok, std::vector<KernelVersion>& versions,
                       bool& explicit_branch) {
  KernelVersion a, b;
  bool explicit_b = false;
  if (read_kernel_version(tok, a, explicit_branch)) {
    versions.push_back(a);
    return true;
  }
  // The dash of "linux-"/"stable-" is not a range dash, so try every dash.
  for (size_t dash = tok.find('-'); dash != string_view::npos; dash = tok.find('-', dash + 1)) {
    if (read_kernel_version(tok.substr(0, dash), a, explicit_branch) &&
        read_kernel_version(tok.substr(dash + 1), b, explicit_b)) {
      explicit_branch |= explicit_b;
      versions.push_back(a);
      versions.push_back(b);
      return true;
    }
  }
  return false;
}

// What a prefix token like "PATCH", "v2", "1/7" or a glued "v2PATCH1/4" says.
struct TokenInfo {
  bool patch = false, rfc = false, resend = false;
  int version = -1;            // from vN
  int index = -1, total = -1;  // from N/M
  int trailing_number = -1;    // a final bare N, the start of "N of M"
};

// Splits a token into the known glued parts (PATCH, RFC, RESEND, vN[.M], N/M, N) in any
// order; false when something else remains, then the token is a plain word ("net-next").
bool read_token(string_view tok, TokenInfo& info) {
  size_t pos = 0;
  while (pos < tok.size()) {
    string_view rest = tok.substr(pos);
    if (istarts_with(rest, "PATCH")) {
      info.patch = true;
      pos += 5;
    } else if (istarts_with(rest, "RESEND")) {
      info.resend = true;
      pos += 6;
    } else if (istarts_with(rest, "RFC")) {
      info.rfc = true;
      pos += 3;
    } else if ((rest[0] == 'v' || rest[0] == 'V') && rest.size() > 1 && is_digit(rest[1])) {
      ++pos;
      int v = read_number(tok, pos);
      if (v < 0) return false;
      // "v2.3PATCH1/4": the minor revision does not change the integer version.
      if (pos + 1 < tok.size() && tok[pos] == '.' && is_digit(tok[pos + 1])) {
        ++pos;
        if (read_number(tok, pos) < 0) return false;
      }
      info.version = v;
    } else if (is_digit(rest[0])) {
      int n = read_number(tok, pos);
      if (n < 0) return false;
      if (pos == tok.size()) {
        info.trailing_number = n;
        break;
      }
      if (tok[pos] != '/') return false;
      ++pos;
      int m = read_number(tok, pos);
      if (m < 0) return false;
      info.index = n;
      info.total = m;
    } else {
      return false;
    }
  }
  return true;
}

bool is_all_digits(string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return is_digit(c); });
}

// Splits the inside of a bracket group on whitespace, commas and nested brackets.
void split_group(string_view inside, std::vector<std::string>& tokens) {
  size_t i = 0;
  while (i < inside.size()) {
    while (i < inside.size() &&
           (is_space(inside[i]) || inside[i] == ',' || inside[i] == '[' || inside[i] == ']'))
      ++i;
    size_t start = i;
    while (i < inside.size() && !is_space(inside[i]) && inside[i] != ',' && inside[i] != '[' &&
           inside[i] != ']')
      ++i;
    if (i > start) tokens.emplace_back(inside.substr(start, i - start));
  }
}

// Position of the ']' closing the '[' at `open`, counting nested groups, or npos.
size_t find_group_end(string_view s, size_t open) {
  int depth = 0;
  for (size_t i = open; i < s.size(); ++i) {
    if (s[i] == '[')
      ++depth;
    else if (s[i] == ']' && --depth == 0)
      return i;
  }
  return string_view::npos;
}

// Fills the flags, version, n/m and stable range from the collected prefix tokens.
void interpret_prefixes(Subject& out) {
  const auto& toks = out.prefixes;
  // Bare "6.13" counts only in a patch or backport subject: "[Bug 219824] [6.13 regression]"
  // and "[REGRESSION 6.16]" are bug reports, not stable patches.
  std::vector<KernelVersion> stable, bare;
  bool stable_context = false;
  bool have_version = false;
  for (size_t i = 0; i < toks.size(); ++i) {
    string_view tok = toks[i];
    if (iequals(tok, "AUTOSEL")) {
      out.autosel = true;
      continue;
    }
    if (iequals(tok, "BACKPORT") || iequals(tok, "stable")) stable_context = true;
    std::vector<KernelVersion> found;
    bool explicit_branch = false;
    if (read_stable_token(tok, found, explicit_branch)) {
      auto& into = explicit_branch ? stable : bare;
      into.insert(into.end(), found.begin(), found.end());
      continue;
    }
    TokenInfo info;
    if (!read_token(tok, info)) continue;
    out.patch |= info.patch;
    out.rfc |= info.rfc;
    out.resend |= info.resend;
    if (info.version >= 0 && !have_version) {
      out.version = info.version;
      have_version = true;
    }
    if (info.index >= 0 && !out.index) {
      out.index = info.index;
      out.total = info.total;
    }
    // Mercurial's "[PATCH 1 of 8]" (also glued "PATCH1 of 8").
    if (info.trailing_number >= 0 && !out.index && i + 2 < toks.size() &&
        iequals(toks[i + 1], "of") && is_all_digits(toks[i + 2]) && toks[i + 2].size() <= 6) {
      out.index = info.trailing_number;
      out.total = std::stoi(toks[i + 2]);
      i += 2;
    }
  }
  if (out.patch || out.autosel || stable_context)
    stable.insert(stable.end(), bare.begin(), bare.end());
  if (!stable.empty()) {
    auto [lo, hi] = std::minmax_element(stable.begin(), stable.end());
    out.stable_from = std::to_string(hi->first) + "." + std::to_string(hi->second);
    out.stable_to = std::to_string(lo->first) + "." + std::to_string(lo->second);
  }
  if (!have_version) {
    // "(v2)" or "(V6)" in the subject text (Patchwork); a word like "(version)" is not one.
    for (size_t p = out.title.find('('); p != std::string::npos; p = out.title.find('(', p + 1)) {
      size_t q = p + 1;
      if (q < out.title.size() && (out.title[q] == 'v' || out.title[q] == 'V')) {
        ++q;
        int v = read_number(out.title, q);
        if (v >= 0 && q < out.title.size() && out.title[q] == ')') {
          out.version = v;
          break;
        }
      }
    }
  }
}

}  // namespace

Subject parse_subject(std::string_view subject) {
  Subject out;
  size_t pos = 0;
  bool seen_group = false;
  // Leading reply markers and bracket groups may interleave ("Re: [PATCH] Re: [foo] x", as
  // git mailinfo strips them); only markers before the first group make the mail a reply.
  while (true) {
    while (pos < subject.size() && is_space(subject[pos])) ++pos;
    if (pos >= subject.size()) break;
    bool forward = false;
    if (size_t n = match_marker(subject.substr(pos), !seen_group, forward)) {
      if (!seen_group) (forward ? out.is_forward : out.is_reply) = true;
      pos += n;
      continue;
    }
    if (subject[pos] != '[') break;
    size_t close = find_group_end(subject, pos);
    if (close == string_view::npos) break;
    split_group(subject.substr(pos + 1, close - pos - 1), out.prefixes);
    seen_group = true;
    pos = close + 1;
  }
  out.title = collapse_space(trim(subject.substr(pos)));
  interpret_prefixes(out);
  return out;
}

}  // namespace pt
