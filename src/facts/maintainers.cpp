// facts stage: get_maintainer's lookup: a patch's paths and keywords against the parsed
// MAINTAINERS (see maintainers.hpp). Parsing is in maintainers_parse.cpp; the pieces it
// compiles in maintainers_regex, maintainers_patterns and maintainers_addresses.
#include "facts/maintainers.hpp"

#include <algorithm>
#include <iterator>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "facts/maintainers_addresses.hpp"
#include "facts/maintainers_index.hpp"
#include "facts/maintainers_patterns.hpp"
#include "facts/maintainers_regex.hpp"
#include "util/text.hpp"

namespace pt {
namespace maintainers {
namespace {

// Lines of a patch, classified as get_maintainer's reading loop does (its elsif chain: a line
// that names a file, a Fixes: tag or a hunk is never searched for keywords).

enum class LineKind { other, paths, fixes, file_header, hunk };

// (\S+)\s*$ at s[i]: one non-space run and nothing but whitespace after it.
bool last_token(std::string_view s, std::size_t i, std::string_view& token) {
  std::size_t e = i;
  while (e < s.size() && !is_space(s[e])) ++e;
  if (e == i) return false;
  for (std::size_t k = e; k < s.size(); ++k)
    if (!is_space(s[k])) return false;
  token = s.substr(i, e - i);
  return true;
}

bool octal_run(std::string_view s, std::size_t& i) {
  std::size_t b = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '7') ++i;
  return i > b;
}

LineKind classify_line(std::string_view line, std::vector<std::string>* files) {
  std::string_view tok, tok2;
  if (starts_with(line, " mode change ")) {
    std::size_t i = 13;
    if (octal_run(line, i) && line.substr(i, 4) == " => " && (i += 4, octal_run(line, i)) &&
        i < line.size() && line[i] == ' ' && last_token(line, i + 1, tok)) {
      if (files) files->emplace_back(tok);
      return LineKind::paths;
    }
  }
  if (starts_with(line, "rename from ") || starts_with(line, "rename to ")) {
    std::size_t i = line[7] == 'f' ? 12 : 10;
    if (last_token(line, i, tok)) {
      if (files) files->emplace_back(tok);
      return LineKind::paths;
    }
  }
  if (starts_with(line, "diff --git a/")) {
    std::size_t i = 13, e = i;
    while (e < line.size() && !is_space(line[e])) ++e;
    if (e > i && line.substr(e, 3) == " b/" && last_token(line, e + 3, tok2)) {
      if (files) {
        files->emplace_back(line.substr(i, e - i));
        files->emplace_back(tok2);
      }
      return LineKind::paths;
    }
  }
  if (starts_with(line, "Fixes:")) {
    std::size_t i = 6, b;
    while (i < line.size() && is_space(line[i])) ++i;
    b = i;
    while (i < line.size() && is_hex(line[i])) ++i;
    if (b > 6 && i - b >= 6) return LineKind::fixes;
  }
  if (starts_with(line, "+++") || starts_with(line, "---")) {
    std::size_t i = 3;
    while (i < line.size() && is_space(line[i])) ++i;
    if (i > 3 && i < line.size()) {
      std::size_t e = i;
      while (e < line.size() && !is_space(line[e])) ++e;
      std::string_view name = line.substr(i, e - i);
      std::size_t slash = name.find('/');
      if (slash != std::string_view::npos) name.remove_prefix(slash + 1);  // s@^[^/]*/@@
      if (files) files->emplace_back(name);
      return LineKind::file_header;
    }
  }
  if (starts_with(line, "@@ -")) {
    std::size_t i = 4, b = i;
    while (i < line.size() && is_digit(line[i])) ++i;
    if (i > b && i < line.size() && line[i] == ',' && i + 1 < line.size() &&
        is_digit(line[i + 1]))
      return LineKind::hunk;
  }
  return LineKind::other;
}

void sort_unique(std::vector<std::string>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

// The K: lines that match `patch_text`, read line by line as get_maintainer reads a patch:
// before the first ---/+++ line a keyword may match anywhere (mail headers, commit message),
// after it only as "^[+-].*" . $keyword (so only the first alternative of a keyword with
// a top-level '|' is held to added and removed lines).
std::vector<std::size_t> matching_keywords(const MaintainersIndex& ix, std::string_view patch_text) {
  std::vector<std::size_t> candidates;
  std::string folded = lower(patch_text);
  for (std::size_t k = 0; k < ix.keywords.size(); ++k) {
    const auto& kw = ix.keywords[k];
    if (!kw.plain && !kw.in_diff) continue;
    bool possible = false;
    for (const std::string& lit : kw.literals)
      if (lit.empty() || find_bytes(folded, lit) != std::string_view::npos) possible = true;
    if (possible) candidates.push_back(k);
  }
  std::vector<bool> matched(ix.keywords.size(), false);
  if (candidates.empty()) return {};
  bool in_diff = false;
  std::size_t pos = 0;
  while (pos < patch_text.size()) {
    std::size_t start = pos;
    std::string_view line = next_line(patch_text, pos);
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    LineKind kind = classify_line(line, nullptr);
    if (kind == LineKind::file_header) in_diff = true;
    if (kind != LineKind::other) continue;
    std::string_view folded_line = std::string_view(folded).substr(start, line.size());
    for (std::size_t k : candidates) {
      if (matched[k]) continue;
      bool possible = false;
      for (const std::string& lit : ix.keywords[k].literals)
        if (lit.empty() || folded_line.find(lit) != std::string_view::npos) possible = true;
      if (!possible) continue;
      const auto& re = in_diff ? ix.keywords[k].in_diff : ix.keywords[k].plain;
      if (re && std::regex_search(line.begin(), line.end(), *re)) matched[k] = true;
    }
  }
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < matched.size(); ++k)
    if (matched[k]) out.push_back(k);
  return out;
}

std::vector<MaintainerEntry> find_impl(const MaintainersFile& m,
                                       const std::vector<std::string>& files_in,
                                       std::string_view patch_text, const MaintainersTree* tree) {
  if (!m.index) return {};
  const MaintainersIndex& ix = *m.index;
  std::vector<std::string> files = files_in;
  sort_unique(files);  // @files = sort_and_uniq(@files)

  std::vector<MaintainerEntry> people, lists;
  std::unordered_set<std::string> name_used, address_used, list_used;  // lower case
  // One entry per (section, address, line type): a section reached again through another
  // path or keyword adds nothing new.
  std::set<std::tuple<std::string, std::string, std::string>> listed;

  auto add_section = [&](std::size_t s, const std::string& keyword) {
    const MaintainerSection& sec = m.sections[s];
    for (const auto& c : ix.sections[s].contacts) {
      if (c.type == 'L') {
        // "([^\s]+)\s+(.*)$": the address, then a note; subscribers-only lists are left out.
        std::size_t b = 0;
        while (b < c.value.size() && is_space(c.value[b])) ++b;
        std::size_t e = b;
        while (e < c.value.size() && !is_space(c.value[e])) ++e;
        std::size_t n = e;
        while (n < c.value.size() && is_space(c.value[n])) ++n;
        std::string address = n > e ? c.value.substr(b, e - b) : c.value;
        std::string note = n > e ? c.value.substr(n) : std::string();
        if (note.find("subscribers-only") != std::string::npos) continue;
        MaintainerEntry e_{"", address,
                           note.find("moderated") != std::string::npos ? "moderated list"
                                                                       : "open list",
                           sec.name, keyword, 'L'};
        e_.printed = list_used.insert(lower(address)).second;
        if (!e_.printed && !listed.emplace(sec.name, lower(address), "L").second) continue;
        if (e_.printed) listed.emplace(sec.name, lower(address), "L");
        lists.push_back(std::move(e_));
        continue;
      }
      for (const std::string& one : split_address_list(c.value)) {
        Address a = parse_email(one);
        if (a.address.empty()) continue;  // "Invalid MAINTAINERS address"
        MaintainerEntry e_{a.name, a.address,
                           c.type == 'M' ? ix.sections[s].role : std::string("reviewer"),
                           sec.name, keyword, c.type};
        // email_inuse(): a name or an address seen before (any case) is not pushed again.
        bool used = (!a.name.empty() && name_used.count(lower(escape_name(a.name)))) ||
                    address_used.count(lower(a.address));
        e_.printed = !used;
        std::string kind(1, c.type);
        if (used && !listed.emplace(sec.name, lower(a.address), kind).second) continue;
        if (!used) {
          listed.emplace(sec.name, lower(a.address), kind);
          if (!a.name.empty()) name_used.insert(lower(escape_name(a.name)));
          address_used.insert(lower(a.address));
        }
        people.push_back(std::move(e_));
      }
    }
  };

  for (const std::string& file : files) {
    // Every F: and N: line matching the path, then per section: skipped when an X: matches
    // (exclusions come first), else its depth is that of its last matching line, as
    // get_maintainer's loop overwrites $hash{$tvi} line by line.
    std::vector<MaintainersIndex::RuleRef> matched;
    std::string keys[3] = {"", bucket_key(file, 1), bucket_key(file, 2)};
    for (int k = 0; k < 3; ++k) {
      if (k > 0 && (keys[k].empty() || keys[k] == keys[k - 1])) continue;
      auto bucket = ix.f_buckets.find(keys[k]);
      if (bucket == ix.f_buckets.end()) continue;
      for (const auto& ref : bucket->second)
        if (file_match(ix.sections[ref.section].rules[ref.rule].glob, file)) matched.push_back(ref);
    }
    std::string folded_file = lower(file);
    for (const auto& ref : ix.n_rules) {
      const auto& rule = ix.sections[ref.section].rules[ref.rule];
      bool possible = false;
      for (const std::string& lit : rule.literals)
        if (lit.empty() || folded_file.find(lit) != std::string::npos) possible = true;
      if (possible && std::regex_search(file, *rule.regex)) matched.push_back(ref);
    }
    std::sort(matched.begin(), matched.end());
    std::vector<std::pair<int, std::size_t>> hits;  // (depth, section) in MAINTAINERS order
    for (std::size_t i = 0; i < matched.size();) {
      std::size_t j = i;
      while (j + 1 < matched.size() && matched[j + 1].section == matched[i].section) ++j;
      const auto& six = ix.sections[matched[i].section];
      bool excluded = std::any_of(six.excludes.begin(), six.excludes.end(),
                                  [&](const FilePattern& x) { return file_match(x, file); });
      if (!excluded) {
        const auto& last = six.rules[matched[j].rule];
        hits.emplace_back(last.type == 'F' ? last.glob.depth : 0, matched[i].section);
      }
      i = j + 1;
    }
    // Deepest pattern first. get_maintainer orders equal depths by Perl's hash order, which
    // changes from run to run (PERL_HASH_SEED); MAINTAINERS order is the stable choice here.
    std::stable_sort(hits.begin(), hits.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [depth, s] : hits) add_section(s, "");
  }

  for (std::size_t k : matching_keywords(ix, patch_text))
    add_section(ix.keywords[k].section, ix.keywords[k].text);

  // deduplicate_email(): .mailmap, then the first name or address seen wins.
  std::unordered_map<std::string, Address> dedup_name, dedup_address;
  auto deduplicate = [&](MaintainerEntry& e) {
    Address a = apply_mailmap(ix.mailmap, Address{e.name, e.email});
    if (!e.printed) {
      e.name = a.name;
      e.email = a.address;
      return;
    }
    std::string ln = lower(escape_name(a.name)), la = lower(a.address);
    if (!a.name.empty() && dedup_name.count(ln)) {
      a = dedup_name[ln];
    } else if (dedup_address.count(la)) {
      a = dedup_address[la];
    } else {
      dedup_name[ln] = a;
      dedup_address[la] = a;
    }
    a = apply_mailmap(ix.mailmap, a);
    e.name = a.name;
    e.email = a.address;
  };
  for (auto& e : people) deduplicate(e);
  for (auto& e : lists) deduplicate(e);

  // Linus is THE REST's maintainer, and get_maintainer drops him unless --git-chief-penguins.
  for (auto& e : people)
    if (format_email(Address{e.name, e.email})
            .find("Linus Torvalds <torvalds@linux-foundation.org>") != std::string::npos)
      e.printed = false;

  if (tree && tree->read_file) {
    for (const std::string& file : files) {
      // maintainers_in_file(): not MAINTAINERS itself, only *.yaml without --file-emails.
      if (file.size() >= 11 && file.compare(file.size() - 11, 11, "MAINTAINERS") == 0) {
        std::size_t b = file.size() - 11;
        if (b == 0 || !is_alnum(file[b - 1])) continue;  // \bMAINTAINERS$
      }
      if (file.size() < 5 || file.compare(file.size() - 5, 5, ".yaml") != 0) continue;
      std::optional<std::string> content = tree->read_file(file);
      if (!content) continue;
      for (const std::string& found : file_emails(*content)) {
        Address a = apply_mailmap(ix.mailmap, parse_email(found));
        if (a.address.empty()) continue;
        bool used = (!a.name.empty() && name_used.count(lower(escape_name(a.name)))) ||
                    address_used.count(lower(a.address));
        if (!used) {
          if (!a.name.empty()) name_used.insert(lower(escape_name(a.name)));
          address_used.insert(lower(a.address));
          MaintainerEntry e_{a.name, a.address, "in file", "", "", 'F'};
          e_.in_file = true;
          people.push_back(std::move(e_));
        }
        // add_role(): every pushed entry with this name or this address gets ",in file".
        for (auto& e : people)
          if (e.printed && (e.name == a.name || e.email == a.address)) e.in_file = true;
      }
    }
  }

  // merge_email(): one line per formatted address.
  std::unordered_set<std::string> seen;
  for (auto& e : people)
    if (e.printed) e.printed = seen.insert(format_email(Address{e.name, e.email})).second;
  for (auto& e : lists)
    if (e.printed) e.printed = seen.insert(format_email(Address{e.name, e.email})).second;

  people.insert(people.end(), std::make_move_iterator(lists.begin()),
                std::make_move_iterator(lists.end()));
  return people;
}

}  // namespace
}  // namespace maintainers

std::vector<std::string> patch_paths(std::string_view patch_text) {
  std::vector<std::string> files;
  std::size_t pos = 0;
  while (pos < patch_text.size()) {
    std::string_view line = next_line(patch_text, pos);
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    maintainers::classify_line(line, &files);
  }
  maintainers::sort_unique(files);
  return files;
}

std::vector<MaintainerEntry> find_maintainers(const MaintainersFile& m,
                                              const std::vector<std::string>& files,
                                              std::string_view patch_text) {
  return maintainers::find_impl(m, files, patch_text, nullptr);
}

std::vector<MaintainerEntry> find_maintainers(const MaintainersFile& m,
                                              const std::vector<std::string>& files,
                                              std::string_view patch_text,
                                              const MaintainersTree& tree) {
  return maintainers::find_impl(m, files, patch_text, &tree);
}

std::string role_of(const std::vector<MaintainerEntry>& entries, std::string_view email) {
  std::string role = "none";
  for (const MaintainerEntry& e : entries) {
    if (!iequals(e.email, email)) continue;
    if (e.from == 'M') return "maintainer";
    if (e.from == 'R') role = "reviewer";
  }
  return role;
}

std::vector<std::string> get_maintainer_lines(const std::vector<MaintainerEntry>& entries,
                                              bool keyword_suffix) {
  // get_subsystem_name(): past 50 characters, the first 47 (trailing blanks dropped) + "...".
  auto cut = [](const std::string& name) {
    if (maintainers::utf8_length(name) <= 50) return name;
    std::size_t bytes = 0;
    for (std::size_t chars = 0; bytes < name.size(); ++bytes) {
      if ((static_cast<unsigned char>(name[bytes]) & 0xC0) != 0x80 && chars++ == 47) break;
    }
    return std::string(rtrim(std::string_view(name).substr(0, bytes))) + "...";
  };
  std::vector<std::string> out;
  for (const MaintainerEntry& e : entries) {
    if (!e.printed) continue;
    std::string role;
    if (e.from == 'F') {
      role = "in file";
    } else {
      std::string section = cut(e.section);
      role = e.role;
      if (!(e.from == 'L' && section == "THE REST")) role += ":" + section;
      if (keyword_suffix && !e.keyword.empty()) role += ":Keyword:" + e.keyword;
      if (e.in_file) role += ",in file";
    }
    out.push_back(maintainers::format_email(maintainers::Address{e.name, e.email}) + " (" + role + ")");
  }
  return out;
}

}  // namespace pt
