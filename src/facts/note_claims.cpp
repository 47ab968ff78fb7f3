// facts stage: the claims of AUTOSEL notes gathered, ordered, deduplicated (see note_claims.hpp).
#include "facts/note_claims.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "facts/note_extractors.hpp"
#include "facts/note_sentences.hpp"
#include "facts/note_words.hpp"
#include "util/text.hpp"

// The notes are Markdown-ish prose wrapped at 72-80 columns (and, in pasted web pages, all on
// one line). They are cut into sentences first (bullets, table rows, ". "), then each
// sentence goes through one extractor per claim kind. Every extractor wants a precise
// quantity or name: wording it cannot pin down ("small", "a few lines") is left alone,
// because a wrong "contradicted" costs a reviewer more than a missed claim.
//
// Sentences: note_sentences; what extractors look for: note_words; the extractors:
// note_size_claims, note_commit_claims, note_role_claims, note_line_claims.

namespace pt {
namespace {

std::string claim_key(const Claim& c) {
  std::string k = std::to_string(static_cast<int>(c.kind)) + "|";
  std::visit(
      [&](const auto& p) {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, SizeClaim>)
          k += std::to_string(int(p.measure)) + "|" + std::to_string(p.value) + "|" +
               std::to_string(p.value2) + "|" + std::to_string(int(p.bound)) + "|" + p.path;
        else if constexpr (std::is_same_v<T, CommitClaim>)
          k += std::to_string(int(p.what)) + "|" + p.key + "|" + normalize_person(p.person) + "|" +
               p.sha + "|" + p.tag + "|" + std::to_string(p.in);
        else if constexpr (std::is_same_v<T, RoleClaim>)
          k += normalize_person(p.person) + "|" + note_claims::lower_ascii(p.scope);
        else
          k += p.path + "|" + std::to_string(p.first_line) + "|" + std::to_string(p.last_line) +
               "|" + p.quoted;
      },
      c.params);
  return k;
}

}  // namespace

std::vector<Claim> extract_claims(std::string_view notes,
                                  const std::vector<std::string>& own_commits) {
  // LLM notes run to 20 KB; a mail whose "notes" are megabytes of log is not one of them.
  constexpr std::size_t k_max_notes = 256 * 1024;
  notes = notes.substr(0, k_max_notes);
  std::vector<note_claims::Sentence> sentences;
  std::vector<note_claims::Citation> citations;
  note_claims::segment_notes(notes, sentences, citations);
  std::vector<Claim> found;
  for (const note_claims::Sentence& s : sentences) {
    std::vector<Claim> here;
    if (!note_claims::about_other_commit(s, own_commits)) note_claims::extract_size(s, here);
    note_claims::extract_trailers(s, own_commits, here);
    note_claims::extract_tags(s, here);
    note_claims::extract_roles(s, here);
    note_claims::extract_file_lines(s, here);
    // In the order the sentence says them.
    std::stable_sort(here.begin(), here.end(), [&](const Claim& a, const Claim& b) {
      return s.plain.find(a.phrase) < s.plain.find(b.phrase);
    });
    for (Claim& c : here) found.push_back(std::move(c));
  }
  for (const note_claims::Citation& c : citations) {
    Claim claim;
    claim.kind = ClaimKind::file_line;
    claim.text = c.header + "\n" + c.claim.quoted + "```";
    claim.line = c.line;
    claim.phrase = c.header.substr(3);
    claim.params = c.claim;
    found.push_back(std::move(claim));
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const Claim& a, const Claim& b) { return a.line < b.line; });
  // "stub_rx.c:381" where the note also names drivers/usb/usbip/stub_rx.c: that file.
  std::set<std::string> full_paths;
  for (const Claim& c : found)
    if (const auto* f = std::get_if<FileLineClaim>(&c.params))
      if (f->path.find('/') != std::string::npos) full_paths.insert(f->path);
  for (Claim& c : found) {
    auto* f = std::get_if<FileLineClaim>(&c.params);
    if (!f || f->path.find('/') != std::string::npos) continue;
    std::string match;
    int matches = 0;
    for (const std::string& p : full_paths)
      if (p.size() > f->path.size() &&
          p.compare(p.size() - f->path.size(), f->path.size(), f->path) == 0 &&
          p[p.size() - f->path.size() - 1] == '/')
        match = p, ++matches;
    if (matches == 1) f->path = match;
  }
  // Each distinct claim once; a file:line named twice keeps the code of both sentences.
  std::vector<Claim> out;
  std::map<std::string, std::size_t> seen;
  for (Claim& c : found) {
    auto [it, fresh] = seen.emplace(claim_key(c), out.size());
    if (fresh) {
      out.push_back(std::move(c));
      continue;
    }
    // "Reviewed-by: X" says more than "reviewed by X": keep the trailer's wording.
    auto* said = std::get_if<CommitClaim>(&out[it->second].params);
    const auto* again = std::get_if<CommitClaim>(&c.params);
    if (said && again && said->prose && !again->prose) {
      out[it->second] = std::move(c);
      continue;
    }
    auto* mine = std::get_if<FileLineClaim>(&out[it->second].params);
    const auto* more = std::get_if<FileLineClaim>(&c.params);
    if (mine && more) {
      if (mine->code.empty() && !more->code.empty()) {
        out[it->second].text = c.text;  // the sentence that says what is there
        out[it->second].phrase = c.phrase;
      }
      for (const std::string& code : more->code)
        if (std::find(mine->code.begin(), mine->code.end(), code) == mine->code.end())
          mine->code.push_back(code);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Names.

std::string normalize_person(std::string_view name) {
  // Latin letters with diacritics that kernel names use, folded to ASCII (UTF-8 pairs).
  static const std::pair<const char*, char> k_fold[] = {
      {"\xC3\xA0", 'a'}, {"\xC3\xA1", 'a'}, {"\xC3\xA2", 'a'}, {"\xC3\xA4", 'a'}, {"\xC3\xA5", 'a'},
      {"\xC3\xA3", 'a'}, {"\xC3\xA7", 'c'}, {"\xC3\xA8", 'e'}, {"\xC3\xA9", 'e'}, {"\xC3\xAA", 'e'},
      {"\xC3\xAB", 'e'}, {"\xC3\xAC", 'i'}, {"\xC3\xAD", 'i'}, {"\xC3\xAE", 'i'}, {"\xC3\xAF", 'i'},
      {"\xC3\xB1", 'n'}, {"\xC3\xB2", 'o'}, {"\xC3\xB3", 'o'}, {"\xC3\xB4", 'o'}, {"\xC3\xB6", 'o'},
      {"\xC3\xB8", 'o'}, {"\xC3\xB5", 'o'}, {"\xC3\xB9", 'u'}, {"\xC3\xBA", 'u'}, {"\xC3\xBB", 'u'},
      {"\xC3\xBC", 'u'}, {"\xC3\xBD", 'y'}, {"\xC3\x81", 'a'}, {"\xC3\x89", 'e'}, {"\xC3\x96", 'o'},
      {"\xC3\x9C", 'u'}, {"\xC3\x85", 'a'}, {"\xC3\x98", 'o'}, {"\xC3\x9F", 's'}, {"\xC4\x85", 'a'},
      {"\xC4\x87", 'c'}, {"\xC4\x8D", 'c'}, {"\xC4\x99", 'e'}, {"\xC4\x9B", 'e'}, {"\xC5\x82", 'l'},
      {"\xC5\x81", 'l'}, {"\xC5\x84", 'n'}, {"\xC5\x88", 'n'}, {"\xC5\x99", 'r'}, {"\xC5\x9B", 's'},
      {"\xC5\xA1", 's'}, {"\xC5\xA5", 't'}, {"\xC5\xAF", 'u'}, {"\xC5\xBA", 'z'}, {"\xC5\xBC", 'z'},
      {"\xC5\xBE", 'z'}, {"\xC5\xA0", 's'}, {"\xC5\xBD", 'z'}, {"\xC4\x8C", 'c'}, {"\xC5\x98", 'r'},
      {"\xC4\x9F", 'g'}, {"\xC4\xB1", 'i'}, {"\xC5\x9F", 's'}};
  std::string out;
  for (std::size_t i = 0; i < name.size();) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    if (c >= 0x80) {
      bool folded = false;
      for (const auto& [utf8, ascii] : k_fold) {
        if (name.compare(i, 2, utf8) == 0) {
          out.push_back(ascii);
          i += 2;
          folded = true;
          break;
        }
      }
      if (!folded) out.push_back(name[i++]);
      continue;
    }
    char ch = to_lower(name[i++]);
    if (ch == '-' || ch == '.' || ch == '_' || is_space(ch)) ch = ' ';
    if (ch == ' ' && (out.empty() || out.back() == ' ')) continue;
    out.push_back(ch);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out == "greg kh" || out == "gkh" || out == "gregkh") return "greg kroah hartman";
  return out;
}

bool same_person(std::string_view a, std::string_view b) {
  std::string x = normalize_person(a), y = normalize_person(b);
  if (x.empty() || y.empty()) return false;
  if (x == y) return true;
  std::size_t xs = x.find(' '), ys = y.find(' ');
  if (xs == std::string::npos || ys == std::string::npos) return false;
  return x.substr(0, xs) == y.substr(0, ys) && x.substr(x.rfind(' ')) == y.substr(y.rfind(' '));
}

const char* to_string(ClaimKind kind) {
  switch (kind) {
    case ClaimKind::size:
      return "size";
    case ClaimKind::commit:
      return "commit";
    case ClaimKind::role:
      return "role";
    case ClaimKind::file_line:
      return "file_line";
  }
  return "size";
}

const char* to_string(SizeMeasure measure) {
  switch (measure) {
    case SizeMeasure::insertions:
      return "insertions";
    case SizeMeasure::deletions:
      return "deletions";
    case SizeMeasure::changed_lines:
      return "changed_lines";
    case SizeMeasure::insertions_deletions:
      return "insertions_deletions";
    case SizeMeasure::files:
      return "files";
    case SizeMeasure::hunks:
      return "hunks";
  }
  return "changed_lines";
}

const char* to_string(CommitFact fact) {
  switch (fact) {
    case CommitFact::trailer_present:
      return "trailer_present";
    case CommitFact::trailer_absent:
      return "trailer_absent";
    case CommitFact::in_tag:
      return "in_tag";
    case CommitFact::first_tag:
      return "first_tag";
  }
  return "trailer_present";
}

}  // namespace pt
