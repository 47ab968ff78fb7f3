// facts stage: MAINTAINERS text -> sections and their compiled index (see maintainers.hpp).
#include <algorithm>
#include <memory>

#include "facts/maintainers.hpp"
#include "facts/maintainers_index.hpp"
#include "facts/maintainers_regex.hpp"
#include "util/text.hpp"

namespace pt {
namespace maintainers {
namespace {

// get_maintainer_role(): the section's S: word turned into a role.
std::string maintainer_role(const std::string& status, bool has_status) {
  if (!has_status) return "unknown";
  std::string s = lower(status);
  if (s == "supported") return "supporter";
  if (s == "maintained") return "maintainer";
  if (s == "odd fixes") return "odd fixer";
  if (s == "orphan") return "orphan minder";
  if (s == "obsolete") return "obsolete minder";
  if (s == "buried alive in reporters") return "chief penguin";
  return s;
}

MaintainersFile parse_impl(std::string_view text, const MaintainersTree* tree) {
  // read_maintainer_file(): type lines "X:\s*value"; blank and '#' lines vanish, every other
  // line is kept. A section is a run of type lines, named by the kept line before it, so a
  // blank line inside a section does not split it.
  struct Item {
    bool typed;
    char type;
    std::string value;
  };
  std::vector<Item> items;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::string_view line = next_line(text, pos);
    std::string_view body = line;
    if (!body.empty() && body.back() == '\n') body.remove_suffix(1);
    if (body.size() >= 2 && body[0] >= 'A' && body[0] <= 'Z' && body[1] == ':') {
      std::size_t i = 2;
      while (i < body.size() && is_space(body[i])) ++i;
      items.push_back({true, body[0], std::string(body.substr(i))});
      continue;
    }
    std::string_view t = ltrim(line);
    if (t.empty() || t[0] == '#') continue;
    items.push_back({false, 0, std::string(body)});
  }

  MaintainersFile mf;
  auto index = std::make_shared<MaintainersIndex>();
  if (tree && tree->read_file)
    if (std::optional<std::string> mm = tree->read_file(".mailmap"))
      index->mailmap = parse_mailmap(*mm);
  std::vector<std::pair<std::string, std::size_t>> keyword_order;  // (line index text, keyword)
  for (std::size_t i = 0; i < items.size();) {
    if (!items[i].typed) {
      ++i;
      continue;
    }
    MaintainerSection sec;
    MaintainersIndex::Section six;
    if (i > 0) sec.name = items[i - 1].value;
    bool has_status = false;
    std::size_t section_no = mf.sections.size();
    for (; i < items.size() && items[i].typed; ++i) {
      const Item& it = items[i];
      const std::string& v = it.value;
      switch (it.type) {
        case 'S':
          sec.status = v;
          has_status = true;
          break;
        case 'M':
          sec.maintainers.push_back(v);
          six.contacts.push_back({'M', v});
          break;
        case 'R':
          sec.reviewers.push_back(v);
          six.contacts.push_back({'R', v});
          break;
        case 'L': {
          std::size_t b = 0;
          while (b < v.size() && is_space(v[b])) ++b;
          std::size_t e = b;
          while (e < v.size() && !is_space(v[e])) ++e;
          std::size_t n = e;
          while (n < v.size() && is_space(v[n])) ++n;
          sec.lists.push_back(n > e ? v.substr(b, e - b) : v);
          sec.list_notes.push_back(n > e ? v.substr(n) : std::string());
          six.contacts.push_back({'L', v});
          break;
        }
        case 'F':
        case 'X': {
          (it.type == 'F' ? sec.files : sec.excludes).push_back(v);
          std::string converted = convert_glob(v);
          // "if pattern is a directory and it lacks a trailing slash, add one"
          if (!converted.empty() && converted.back() != '/' && tree && tree->is_directory &&
              tree->is_directory(converted))
            converted += '/';
          FilePattern fp = compile_file_pattern(converted);
          if (it.type == 'X') six.excludes.push_back(std::move(fp));
          else six.rules.push_back({'F', std::move(fp), std::nullopt, {}});
          break;
        }
        case 'N': {
          sec.regexes.push_back(v);
          MaintainersIndex::PathRule rule{'N', {}, compile_perl(v, true), required_literals(v)};
          six.rules.push_back(std::move(rule));
          break;
        }
        case 'K': {
          sec.keywords.push_back(v);
          MaintainersIndex::Keyword kw;
          kw.section = section_no;
          kw.text = v;
          kw.plain = compile_perl(v, true);
          kw.in_diff = compile_perl("^[+-].*" + v, true);
          kw.literals = required_literals(v);
          keyword_order.emplace_back(std::to_string(i), index->keywords.size());
          index->keywords.push_back(std::move(kw));
          break;
        }
        default:
          break;
      }
    }
    six.role = maintainer_role(sec.status, has_status);
    for (std::size_t r = 0; r < six.rules.size(); ++r) {
      MaintainersIndex::RuleRef ref{static_cast<std::uint32_t>(section_no),
                                    static_cast<std::uint32_t>(r)};
      const auto& rule = six.rules[r];
      if (rule.type == 'N') {
        if (rule.regex) index->n_rules.push_back(ref);
      } else if (rule.glob.valid) {
        index->f_buckets[bucket_key(rule.glob.prefix, 2)].push_back(ref);
      }
    }
    mf.sections.push_back(std::move(sec));
    index->sections.push_back(std::move(six));
  }
  // keyword matches are added in sort_and_uniq() order of their line numbers: as strings.
  std::sort(keyword_order.begin(), keyword_order.end());
  std::vector<MaintainersIndex::Keyword> ordered;
  for (const auto& [key, k] : keyword_order) ordered.push_back(std::move(index->keywords[k]));
  index->keywords = std::move(ordered);
  mf.index = std::move(index);
  return mf;
}

}  // namespace
}  // namespace maintainers

MaintainersFile parse_maintainers(std::string_view text) {
  return maintainers::parse_impl(text, nullptr);
}

MaintainersFile parse_maintainers(std::string_view text, const MaintainersTree& tree) {
  return maintainers::parse_impl(text, &tree);
}

}  // namespace pt
