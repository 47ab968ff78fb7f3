// facts stage: commit claims of AUTOSEL notes, trailers and tags (see note_extractors.hpp).
#include <algorithm>
#include <iterator>
#include <set>

#include "facts/note_extractors.hpp"
#include "facts/note_words.hpp"

namespace pt::note_claims {

// ---------------------------------------------------------------------------------------------
// Commit claims: trailers.

namespace {

struct TrailerWord {
  const char* text;  // as it may appear in the note
  const char* key;   // the trailer key it names
  bool formal;       // hyphenated key (Reviewed-by) rather than prose (reviewed by)
  bool case_sensitive;
};

const TrailerWord k_trailer_words[] = {
    {"Reviewed-by", "Reviewed-by", true, false},
    {"Acked-by", "Acked-by", true, false},
    {"Tested-by", "Tested-by", true, false},
    {"Reported-by", "Reported-by", true, false},
    {"Suggested-by", "Suggested-by", true, false},
    {"Signed-off-by", "Signed-off-by", true, false},
    {"Co-developed-by", "Co-developed-by", true, false},
    {"reviewed by", "Reviewed-by", false, false},
    {"acked by", "Acked-by", false, false},
    {"tested by", "Tested-by", false, false},
    {"reported by", "Reported-by", false, false},
    {"signed off by", "Signed-off-by", false, false},
    {"Fixes:", "Fixes", true, true},
    {"Fixes tag", "Fixes", true, true},
    {"Fixes/", "Fixes", true, true},
    {"Cc: stable", "Cc: stable", true, false},
    {"Cc:stable", "Cc: stable", true, false},
    {"Cc-stable", "Cc: stable", true, false},
    {"stable tag", "Cc: stable", true, false},
    {"Link:", "Link", true, true},
    {"Closes:", "Closes", true, true},
};

bool is_negation_word(std::string_view w) {
  return w == "no" || w == "not" || w == "without" || w == "lack" || w == "lacks" ||
         w == "lacking" || w == "absence" || w == "absent" || w == "missing" || w == "none" ||
         w == "neither" || w == "nor";
}

// True when a negation governs the key at `pos`: "No Fixes: tag", "no `Fixes:`, `Reported-by:`,
// or `Cc: stable`", "the lack of explicit Cc: stable and Fixes: tags". Walking back from the
// key only over other keys and filler words keeps "I did not confirm ... Tested-by" out.
bool negated_before(std::string_view lower, std::size_t pos) {
  // clang-format off
  static const char* const k_filler[] = {
      "explicit", "public", "the", "a", "an", "any", "or", "and", "nor", "tag", "tags", "trailer",
      "trailers", "stable", "cc", "cc-stable", "fixes", "link", "closes", "reported-by",
      "reviewed-by", "acked-by", "tested-by", "suggested-by", "of", "is", "are", "was", "were",
      "there", "has", "have", "had", "also", "formal", "upstream", "stable@vger.kernel.org"};
  // clang-format on
  std::size_t i = pos;
  for (int steps = 0; steps < 12 && i > 0; ++steps) {
    while (i > 0 && (lower[i - 1] == ' ' || lower[i - 1] == ',' || lower[i - 1] == '/' ||
                     lower[i - 1] == ':' || lower[i - 1] == '(' || lower[i - 1] == '*' ||
                     lower[i - 1] == '-'))
      --i;
    if (i >= 3 && lower.compare(i - 3, 3, "\xE2\x9D\x8C") == 0) return true;  // the red cross
    std::size_t b = i;
    while (b > 0 && lower[b - 1] != ' ' && lower[b - 1] != ',' && lower[b - 1] != '/' &&
           lower[b - 1] != '(' && lower[b - 1] != '*')
      --b;
    std::string_view w = lower.substr(b, i - b);
    while (!w.empty() && (w.back() == ':' || w.back() == '.')) w.remove_suffix(1);
    if (w.empty()) return false;
    if (w.find('.') != std::string_view::npos && w.find('@') == std::string_view::npos)
      return false;
    if (is_negation_word(w)) return true;
    bool filler = std::any_of(std::begin(k_filler), std::end(k_filler),
                              [&](const char* f) { return w == f; });
    if (!filler) return false;
    i = b;
  }
  return false;
}

// "Fixes: (absent", "Cc: stable: absent", "Has Fixes: tag: ❌ No" (a table row).
bool negated_after(std::string_view lower, std::size_t pos) {
  std::string_view rest = lower.substr(pos, 40);
  std::size_t stop = rest.find_first_of(".;");
  rest = rest.substr(0, stop);
  for (std::string_view w : {"absent", "(none", ": none", "not present", ": no", "\xE2\x9D\x8C"})
    if (rest.find(w) != std::string_view::npos) return true;
  return false;
}

bool affirmed_after(std::string_view lower, std::size_t pos) {
  std::string_view rest = lower.substr(pos, 30);
  return rest.find("\xE2\x9C\x85") != std::string_view::npos ||
         rest.find(": yes") != std::string_view::npos;
}

}  // namespace

void extract_trailers(const Sentence& s, const std::vector<std::string>& own,
                      std::vector<Claim>& out) {
  if (about_other_commit(s, own)) return;
  const std::string& t = s.plain;
  const std::string& lower = s.lower;
  for (const TrailerWord& w : k_trailer_words) {
    std::string_view word(w.text);
    std::string needle = w.case_sensitive ? std::string(word) : lower_ascii(word);
    const std::string& hay = w.case_sensitive ? t : lower;
    for (std::size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) {
      if (p > 0 && (is_alnum(hay[p - 1]) || hay[p - 1] == '-')) continue;  // "co-Signed-off-by"
      std::size_t e = p + needle.size();
      if (!w.formal && e < hay.size() && hay[e] != ' ') continue;
      if (w.formal && word.back() != ':' && word.back() != '/' && e < hay.size() &&
          is_alnum(hay[e]))
        continue;
      // A person right after the key: "Reviewed-by: Christoph Hellwig", "Acked-by (Peter Chen,
      // ...)".
      std::size_t q = e;
      while (q < t.size() && (t[q] == ' ' || t[q] == ':' || t[q] == '(')) ++q;
      std::size_t name_end = 0;
      std::string person;
      bool named = std::string_view(w.key) != "Fixes" && std::string_view(w.key) != "Cc: stable" &&
                   std::string_view(w.key) != "Link" && std::string_view(w.key) != "Closes" &&
                   read_name(t, q, name_end, person);
      if (named) {
        if (negated_before(lower, p)) continue;
        CommitClaim c;
        c.what = CommitFact::trailer_present;
        c.key = w.key;
        c.person = person;
        c.prose = !w.formal;
        add_claim(out, ClaimKind::commit, s, t.substr(p, name_end - p), c);
        continue;
      }
      if (!w.formal) continue;
      std::string_view tail = std::string_view(lower).substr(e, 25);
      if (starts_with(ltrim(tail), "other than") || starts_with(ltrim(tail), "except") ||
          starts_with(ltrim(tail), "besides"))
        continue;
      bool absent = negated_before(lower, p) || negated_after(lower, e);
      bool present = !absent && affirmed_after(lower, e) && starts_with(lower, "has ");
      if (!absent && !present) continue;
      CommitClaim c;
      c.what = absent ? CommitFact::trailer_absent : CommitFact::trailer_present;
      c.key = w.key;
      add_claim(out, ClaimKind::commit, s, t.substr(p, e - p), c);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Commit claims: tags.

namespace {

struct Version {
  std::size_t pos, end;
  std::string tag;  // "v6.1", "v6.0-rc4"
  bool and_later;   // "v6.0+", "v6.11 and later"
};

std::vector<Version> find_versions(std::string_view s) {
  std::vector<Version> out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool v = (s[i] == 'v' || s[i] == 'V') && i + 1 < s.size() && is_digit(s[i + 1]);
    std::size_t d = v ? i + 1 : i;
    if (!is_digit(s[d])) continue;
    if (i > 0 && (is_alnum(s[i - 1]) || s[i - 1] == '.' || s[i - 1] == '-' || s[i - 1] == '/'))
      continue;
    if (!v) {  // "kernel 5.10", "Linux 6.1"
      std::string_view left = s.substr(0, i);
      if (!(left.size() >= 7 && (iequals(left.substr(left.size() - 7), "kernel ") ||
                                 iequals(left.substr(left.size() - 6), "linux "))))
        continue;
    }
    std::size_t j = d;
    while (j < s.size() && is_digit(s[j])) ++j;
    if (j == d || j - d > 2 || j >= s.size() || s[j] != '.' || j + 1 >= s.size() ||
        !is_digit(s[j + 1]))
      continue;
    std::size_t k = j + 1;
    while (k < s.size() && is_digit(s[k])) ++k;
    if (k - j - 1 > 2) continue;
    std::string tag = "v";  // not "v" + string: g++ 12's false -Wrestrict at -O2
    tag += s.substr(d, k - d);
    if (k < s.size() && s[k] == '.' && k + 1 < s.size() && (is_alnum(s[k + 1])))
      continue;  // 6.1.y, 6.1.192
    if (s.compare(k, 3, "-rc") == 0 && k + 3 < s.size() && is_digit(s[k + 3])) {
      std::size_t r = k + 3;
      while (r < s.size() && is_digit(s[r])) ++r;
      tag += std::string(s.substr(k, r - k));
      k = r;
    }
    if (k < s.size() && (is_alnum(s[k]) || s[k] == '-')) continue;
    std::string_view rest = s.substr(k, 20);
    if (starts_with(rest, " timeframe") || starts_with(rest, " era") || starts_with(rest, "-ish") ||
        starts_with(rest, "-era"))
      continue;
    bool later = starts_with(rest, "+") || starts_with(rest, " and later") ||
                 starts_with(rest, " and newer") || starts_with(rest, " onward") ||
                 starts_with(rest, " or later");
    out.push_back({i, starts_with(rest, "+") ? k + 1 : k, tag, later});
    i = k;
  }
  return out;
}

const std::initializer_list<std::string_view> k_first_tag_words = {
    "introduc",   "first appeared", "first available", "appeared in",         "came from",
    "came in",    "added in",       "added by",        "merged in",           "landed in",
    "dates back", "expanded by",    "first released",  "describe --contains", "first shipped"};

// The versions each commit id of a sentence owns: those after it, up to the next id. A version
// before every id ("introduced in v6.13 (commit edfcc455c85cc)") belongs to the only commit
// named, unless that commit has versions after it.
std::vector<std::pair<std::size_t, std::vector<const Version*>>> group_versions(
    const std::vector<std::pair<std::size_t, std::string>>& shas,
    const std::vector<Version>& versions) {
  std::vector<std::pair<std::size_t, std::vector<const Version*>>> groups;  // index into shas
  auto group_of = [&](std::size_t owner) -> std::vector<const Version*>& {
    for (auto& g : groups)
      if (same_commit(shas[g.first].second, shas[owner].second)) return g.second;
    groups.push_back({owner, {}});
    return groups.back().second;
  };
  std::set<std::string> distinct;
  for (const auto& sha : shas) {
    bool seen = std::any_of(distinct.begin(), distinct.end(),
                            [&](const std::string& d) { return same_commit(d, sha.second); });
    if (!seen) distinct.insert(sha.second);
  }
  std::vector<const Version*> leading;
  for (const Version& v : versions) {
    std::size_t owner = shas.size();
    for (std::size_t k = 0; k < shas.size(); ++k)
      if (shas[k].first < v.pos) owner = k;
    if (owner == shas.size())
      leading.push_back(&v);
    else
      group_of(owner).push_back(&v);
  }
  if (!leading.empty() && distinct.size() == 1 && groups.empty()) group_of(0) = leading;
  return groups;
}

// "e41f8c0222e30 is in v6.1 (YES), v6.6 (YES), NOT in v5.15": one claim per version, each
// taking the nearest "in" / "not in" before it (or the one before that).
void emit_in_tags(const Sentence& s, std::size_t sha_pos, const std::string& sha,
                  const std::vector<const Version*>& vs, std::vector<Claim>& out) {
  const std::string& t = s.plain;
  bool in = true;
  std::size_t from = sha_pos;
  for (const Version* v : vs) {
    std::string_view between =
        std::string_view(s.lower).substr(from, v->pos > from ? v->pos - from : 0);
    std::size_t neg = std::string_view::npos, neg_end = 0, pos_word = std::string_view::npos,
                pos_end = 0;
    for (std::string_view w : {"not in", "not present in", "absent from", "absent in",
                               "missing from", "isn't in", "not yet in", "never in", "lacks"}) {
      std::size_t p = between.rfind(w);
      if (p != std::string_view::npos && (neg == std::string_view::npos || p > neg))
        neg = p, neg_end = p + w.size();
    }
    for (std::string_view w : {" is in", " are in", "present in", " in "}) {
      std::size_t p = between.rfind(w);
      // The last marker; of overlapping ones ("present in" holds " in ") the longer.
      if (p != std::string_view::npos && (pos_word == std::string_view::npos || p >= pos_end))
        pos_word = p, pos_end = p + w.size();
    }
    if (neg != std::string_view::npos && (pos_word == std::string_view::npos || pos_word < neg_end))
      in = false;
    else if (pos_word != std::string_view::npos)
      in = true;
    CommitClaim c;
    c.what = CommitFact::in_tag;
    c.sha = lower_ascii(sha);
    c.tag = v->tag;
    c.in = in;
    // The phrase of a later version starts at its own "in" / "not in", if it has one.
    std::size_t marker = std::min(neg, pos_word);  // npos when neither
    std::size_t b = from == sha_pos                    ? std::min(sha_pos, v->pos)
                    : marker != std::string_view::npos ? from + marker
                                                       : v->pos;
    std::string_view phrase = std::string_view(t).substr(b, v->end - b);
    while (!phrase.empty() && (phrase.front() == ',' || phrase.front() == ' '))
      phrase.remove_prefix(1);
    if (starts_with(phrase, "and ")) phrase.remove_prefix(4);
    add_claim(out, ClaimKind::commit, s, std::string(phrase), c);
    from = v->end;
  }
}

// "introduced by `e41f8c0222e30` (v6.0, ...)", "describe --contains efed421a94e62 -> v3.19-rc1".
void emit_first_tag(const Sentence& s, std::size_t sha_pos, const std::string& sha,
                    const Version& v, std::vector<Claim>& out) {
  const std::string& t = s.plain;
  const std::string& lower = s.lower;
  bool in_parens = false;
  if (v.pos > sha_pos) {
    std::size_t open = t.rfind('(', v.pos);
    in_parens = open != std::string::npos && open > sha_pos && t.find(')', open) > v.pos;
  }
  if (!in_parens && !contains_any(lower, k_first_tag_words)) return;
  CommitClaim c;
  c.what = CommitFact::first_tag;
  c.sha = lower_ascii(sha);
  c.tag = v.tag;
  std::size_t b = std::min(sha_pos, v.pos), e = std::max(sha_pos + sha.size(), v.end);
  // Start the phrase at the verb that makes it a first tag.
  std::size_t verb = std::string::npos;
  for (std::string_view w : k_first_tag_words) {
    std::size_t p = lower.rfind(w, b);
    if (p != std::string::npos && b - p <= 60 && (verb == std::string::npos || p > verb)) verb = p;
  }
  if (verb != std::string::npos && lower.find(". ", verb) >= b) b = verb;
  add_claim(out, ClaimKind::commit, s, t.substr(b, e - b), c);
}

}  // namespace

void extract_tags(const Sentence& s, std::vector<Claim>& out) {
  auto shas = find_shas(s.plain);
  if (shas.empty()) return;
  std::vector<Version> versions = find_versions(s.plain);
  if (versions.empty()) return;
  for (const auto& [owner, vs] : group_versions(shas, versions)) {
    const auto& [sha_pos, sha] = shas[owner];
    std::size_t b = std::min(sha_pos, vs.front()->pos);
    std::string_view group = std::string_view(s.lower).substr(b, vs.back()->end - b);
    bool in_words =
        contains_any(group, {" is in ", " are in ", "present in", "absent from", "absent in",
                             "not in ", "missing from", "contained in", "(yes)", "is not in"}) ||
        std::any_of(vs.begin(), vs.end(), [](const Version* v) { return v->and_later; });
    if (in_words)
      emit_in_tags(s, sha_pos, sha, vs, out);
    else if (vs.size() == 1)  // "(v5.17 / v6.0)" after two commits: whose is which?
      emit_first_tag(s, sha_pos, sha, *vs.front(), out);
  }
}

}  // namespace pt::note_claims
