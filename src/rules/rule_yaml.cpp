#include "rules/rule_yaml.hpp"

#include <algorithm>
#include <filesystem>

#include "rules/check_catalog.hpp"

namespace pt {

void add_error(Diagnostics& errors, const std::string& file, const YAML::Mark& mark,
               std::string message) {
  Diagnostic d{file, 0, 0, std::move(message)};
  if (mark.line >= 0) {
    d.line = mark.line + 1;
    d.column = mark.column + 1;
  }
  errors.push_back(std::move(d));
}

namespace {

const std::vector<std::string> k_top_keys = {"name", "description", "extends", "targets", "rules", "disable"};
const std::vector<std::string> k_rule_keys = {"id", "severity", "message", "when"};
const std::vector<std::string> k_when_keys = {"prefix", "paths", "autosel", "stable_range"};
const std::vector<std::string> k_target_keys = {"branch_pattern", "mainline"};
const std::vector<std::string> k_severities = {"blocker", "warning", "info"};
// libstdc++ compiles a regular expression by recursion, a level per term and per nested
// group: tens of thousands of characters overflow the stack (found with tests/fuzz). Rule
// patterns are a line or two; longer ones are refused before they reach std::regex.
constexpr std::size_t k_max_pattern = 2048;

// True when a repetition count ("{n}", "{n,m}") or a back-reference ("\\n") has more than
// 9 digits: libstdc++ 12 reads them into a long without an overflow check (undefined
// behaviour; found with tests/fuzz), and no rule needs a number that large.
bool has_huge_number(std::string_view p) {
  auto digits = [&p](std::size_t i) {
    std::size_t j = i;
    while (j < p.size() && p[j] >= '0' && p[j] <= '9') ++j;
    return j - i;
  };
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '\\') {
      if (digits(i + 1) > 9) return true;
      ++i;  // the escaped character
    } else if (p[i] == '{') {
      std::size_t n = digits(i + 1);
      if (n > 9) return true;
      if (i + 1 + n < p.size() && p[i + 1 + n] == ',' && digits(i + 2 + n) > 9) return true;
    }
  }
  return false;
}

std::string join(const std::vector<std::string>& parts, const char* separator = ", ") {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : separator) + p;
  return out;
}

// "all", "any", "not" and every check kind: what may stand where a check is expected.
const std::vector<std::string>& check_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> k = {"all", "any", "not"};
    for (auto& kind : check_kinds()) k.push_back(kind);
    return k;
  }();
  return keys;
}

bool is_check_key(const std::string& key) {
  const auto& k = check_keys();
  return std::find(k.begin(), k.end(), key) != k.end();
}

std::string describe(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Scalar: return "'" + n.Scalar() + "'";
    default: return "nothing";
  }
}

std::string regex_problem(const std::regex_error& e) {
  namespace rc = std::regex_constants;
  switch (e.code()) {
    case rc::error_collate: return "invalid collating element";
    case rc::error_ctype: return "invalid character class";
    case rc::error_escape: return "invalid escape";
    case rc::error_backref: return "invalid back reference";
    case rc::error_brack: return "unmatched '['";
    case rc::error_paren: return "unmatched '(' or ')'";
    case rc::error_brace: return "unmatched '{'";
    case rc::error_badbrace: return "invalid repetition count in '{}'";
    case rc::error_range: return "invalid character range";
    case rc::error_badrepeat: return "nothing to repeat before '*', '+', '?' or '{'";
    default: return "too complex";
  }
}

// One key of a mapping with its value.
struct Entry {
  std::string key;
  YAML::Mark mark;
  YAML::Node value;
};

class Reader {
 public:
  Reader(const std::string& file, Diagnostics& errors) : m_file(file), m_errors(errors) {}
  Draft read(const YAML::Node& root);

 private:
  void error(const YAML::Mark& m, std::string message) {
    add_error(m_errors, m_file, m, std::move(message));
  }
  // Where a value is; an empty value ("key:" and nothing) points at its key.
  static YAML::Mark where(const Entry& e) {
    YAML::Mark m = e.value.Mark();
    return m.line < 0 || e.value.IsNull() ? e.mark : m;
  }

  std::vector<Entry> entries(const YAML::Node& map);
  void unknown_key(const Entry& e, const std::string& context, const std::vector<std::string>& known);

  std::optional<std::string> text(const Entry& e);
  std::optional<std::vector<Located>> text_list(const Entry& e);
  std::optional<long> integer(const Entry& e);
  std::optional<bool> boolean(const Entry& e);
  std::optional<ParamValue> param(const Entry& e, const ParamSpec& spec);

  bool read_id(const Entry& e, Located& id);
  std::optional<Rule> read_rule(const YAML::Node& n, std::size_t index, Located& id);
  std::optional<Condition> read_condition(const Entry& e);
  std::optional<CheckExpr> read_check(const std::string& kind, const YAML::Mark& mark,
                                      const YAML::Node& value);
  std::optional<CheckExpr> read_item(const YAML::Node& item, const std::string& context);
  void read_targets(const Entry& e, Draft& d);
  void read_rules(const Entry& e, Draft& d);

  const std::string& m_file;
  Diagnostics& m_errors;
};

std::vector<Entry> Reader::entries(const YAML::Node& map) {
  std::vector<Entry> out;
  for (auto it = map.begin(); it != map.end(); ++it) {
    const YAML::Node k = it->first;  // a copy: the iterator's pair is a temporary
    if (!k.IsScalar()) {
      error(k.Mark(), "expected a key name, got " + describe(k));
      continue;
    }
    auto dup = std::find_if(out.begin(), out.end(), [&](const Entry& e) { return e.key == k.Scalar(); });
    if (dup != out.end()) {
      error(k.Mark(), "duplicate key '" + k.Scalar() + "' (first at line " +
                          std::to_string(dup->mark.line + 1) + ")");
      continue;
    }
    out.push_back({k.Scalar(), k.Mark(), it->second});
  }
  return out;
}

void Reader::unknown_key(const Entry& e, const std::string& context,
                         const std::vector<std::string>& known) {
  std::string hint = did_you_mean(e.key, known);
  if (hint.empty()) hint = "; expected one of: " + join(known);
  error(e.mark, "unknown key '" + e.key + "' " + context + hint);
}

std::optional<std::string> Reader::text(const Entry& e) {
  if (e.value.IsScalar()) return e.value.Scalar();
  error(where(e), e.key + ": expected a string, got " + describe(e.value));
  return std::nullopt;
}

std::optional<std::vector<Located>> Reader::text_list(const Entry& e) {
  if (e.value.IsScalar()) return std::vector<Located>{{e.value.Scalar(), e.value.Mark()}};
  if (!e.value.IsSequence() || e.value.size() == 0) {
    error(where(e), e.key + ": expected a string or a list of strings, got " +
                        (e.value.IsSequence() ? std::string("an empty list") : describe(e.value)));
    return std::nullopt;
  }
  std::vector<Located> out;
  bool ok = true;
  for (const auto& item : e.value) {
    if (item.IsScalar()) {
      out.push_back({item.Scalar(), item.Mark()});
    } else {
      error(item.Mark(), e.key + ": expected a string in the list, got " + describe(item));
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<long> Reader::integer(const Entry& e) {
  long v = 0;
  if (e.value.IsScalar() && YAML::convert<long>::decode(e.value, v) && v >= 0) return v;
  error(where(e), e.key + ": expected a non-negative integer, got " + describe(e.value));
  return std::nullopt;
}

std::optional<bool> Reader::boolean(const Entry& e) {
  bool v = false;
  if (e.value.IsScalar() && YAML::convert<bool>::decode(e.value, v)) return v;
  error(where(e), e.key + ": expected true or false, got " + describe(e.value));
  return std::nullopt;
}

std::vector<std::string> texts(const std::vector<Located>& list) {
  std::vector<std::string> out;
  for (const auto& l : list) out.push_back(l.text);
  return out;
}

std::optional<ParamValue> Reader::param(const Entry& e, const ParamSpec& spec) {
  std::vector<std::string> choices(spec.choices.begin(), spec.choices.end());
  auto check_choice = [&](const Located& value) {
    if (std::find(choices.begin(), choices.end(), value.text) != choices.end()) return true;
    error(value.mark, e.key + ": expected one of " + join(choices) + ", got '" + value.text + "'" +
                          did_you_mean(value.text, choices));
    return false;
  };
  switch (spec.type) {
    case ParamType::text:
      if (auto v = text(e)) return ParamValue{*v, nullptr};
      return std::nullopt;
    case ParamType::text_list:
      if (auto v = text_list(e)) return ParamValue{texts(*v), nullptr};
      return std::nullopt;
    case ParamType::integer:
      if (auto v = integer(e)) return ParamValue{*v, nullptr};
      return std::nullopt;
    case ParamType::boolean:
      if (auto v = boolean(e)) return ParamValue{*v, nullptr};
      return std::nullopt;
    case ParamType::pattern: {
      auto v = text(e);
      if (!v) return std::nullopt;
      if (v->size() > k_max_pattern) {
        error(where(e), e.key + ": regular expression of " + std::to_string(v->size()) +
                            " characters; at most " + std::to_string(k_max_pattern) + " are read");
        return std::nullopt;
      }
      if (has_huge_number(*v)) {
        error(where(e), e.key + ": invalid regular expression '" + *v +
                            "': a count or back-reference of more than 9 digits");
        return std::nullopt;
      }
      try {
        return ParamValue{*v, std::make_shared<const std::regex>(*v, std::regex::ECMAScript)};
      } catch (const std::regex_error& re) {
        error(where(e), e.key + ": invalid regular expression '" + *v + "': " + regex_problem(re));
        return std::nullopt;
      }
    }
    case ParamType::choice: {
      auto v = text(e);
      if (!v || !check_choice({*v, where(e)})) return std::nullopt;
      return ParamValue{*v, nullptr};
    }
    case ParamType::choice_list: {
      auto v = text_list(e);
      if (!v) return std::nullopt;
      bool ok = true;
      for (const auto& item : *v) ok = check_choice(item) && ok;
      if (!ok) return std::nullopt;
      return ParamValue{texts(*v), nullptr};
    }
  }
  return std::nullopt;
}

std::optional<CheckExpr> Reader::read_item(const YAML::Node& item, const std::string& context) {
  if (!item.IsMap() || item.size() != 1) {
    error(item.Mark(), context + ": expected one check (a mapping with one key, such as "
                                 "'applies: {mode: clean}'), got " +
                           (item.IsMap() ? std::to_string(item.size()) + " keys" : describe(item)));
    return std::nullopt;
  }
  std::vector<Entry> es = entries(item);
  if (es.empty()) return std::nullopt;
  const Entry& e = es.front();
  if (!is_check_key(e.key)) {
    std::string hint = did_you_mean(e.key, check_keys());
    if (hint.empty()) hint = "; known kinds: " + join(check_keys());
    error(e.mark, "unknown check kind '" + e.key + "'" + hint);
    return std::nullopt;
  }
  return read_check(e.key, e.mark, e.value);
}

std::optional<CheckExpr> Reader::read_check(const std::string& kind, const YAML::Mark& mark,
                                            const YAML::Node& value) {
  CheckExpr c;
  c.kind = kind;
  const YAML::Mark at = value.IsNull() || value.Mark().line < 0 ? mark : value.Mark();
  if (kind == "all" || kind == "any") {
    c.op = kind == "all" ? CheckExpr::Op::all : CheckExpr::Op::any;
    if (!value.IsSequence() || value.size() == 0) {
      error(at, kind + ": expected a list of checks, got " +
                    (value.IsSequence() ? std::string("an empty list") : describe(value)));
      return std::nullopt;
    }
    bool ok = true;
    for (const auto& item : value) {
      auto child = read_item(item, kind);
      if (child) c.children.push_back(std::move(*child));
      ok = ok && child;
    }
    if (!ok) return std::nullopt;
    return c;
  }
  if (kind == "not") {
    c.op = CheckExpr::Op::negate;
    auto child = read_item(value, "not");
    if (!child) return std::nullopt;
    c.children.push_back(std::move(*child));
    return c;
  }
  const CheckSpec* spec = find_check(kind);
  if (!spec) return std::nullopt;
  std::vector<std::string> names;
  for (const auto& p : spec->params) names.emplace_back(p.name);
  if (!value.IsNull() && !value.IsMap()) {
    error(at, kind + ": expected a mapping of parameters" +
                  (names.empty() ? std::string(" ({})") : " (" + join(names) + ")") + ", got " +
                  describe(value));
    return std::nullopt;
  }
  bool ok = true;
  std::vector<std::string> given;  // valid or not: a bad value is not also "missing"
  if (value.IsMap()) {
    for (const Entry& e : entries(value)) {
      given.push_back(e.key);
      auto p = std::find_if(spec->params.begin(), spec->params.end(),
                            [&](const ParamSpec& s) { return s.name == e.key; });
      if (p == spec->params.end()) {
        std::string hint = did_you_mean(e.key, names);
        if (hint.empty())
          hint = names.empty() ? "; " + kind + " takes no parameters"
                               : "; " + kind + " takes " + join(names);
        error(e.mark, "unknown parameter '" + e.key + "' for " + kind + hint);
        ok = false;
        continue;
      }
      auto v = param(e, *p);
      if (v) c.params.set(e.key, std::move(*v));
      ok = ok && v;
    }
  }
  auto was_given = [&given](std::string_view name) {
    return std::find(given.begin(), given.end(), name) != given.end();
  };
  for (const auto& p : spec->params)
    if (p.required && !was_given(p.name)) {
      error(mark, kind + ": missing parameter '" + std::string(p.name) + "'");
      ok = false;
    }
  if (!spec->one_of.empty()) {
    bool any = false;
    for (auto name : spec->one_of) any = any || was_given(name);
    if (!any && ok) {
      std::vector<std::string> one_of(spec->one_of.begin(), spec->one_of.end());
      error(mark, kind + ": needs at least one of " + join(one_of));
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return c;
}

std::optional<Condition> Reader::read_condition(const Entry& e) {
  if (!e.value.IsMap()) {
    error(where(e), "when: expected a mapping of conditions (" + join(k_when_keys) + "), got " +
                        describe(e.value));
    return std::nullopt;
  }
  Condition c;
  bool ok = true;
  for (const Entry& w : entries(e.value)) {
    if (w.key == "prefix" || w.key == "paths") {
      auto v = text_list(w);
      if (v) (w.key == "prefix" ? c.prefix : c.paths) = texts(*v);
      ok = ok && v;
    } else if (w.key == "autosel" || w.key == "stable_range") {
      auto v = boolean(w);
      if (v) (w.key == "autosel" ? c.autosel : c.stable_range) = *v;
      ok = ok && v;
    } else {
      unknown_key(w, "in when", k_when_keys);
      ok = false;
    }
  }
  if (ok && c.empty()) {
    error(where(e), "when: expected at least one condition (" + join(k_when_keys) + ")");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return c;
}

bool Reader::read_id(const Entry& e, Located& id) {
  auto v = text(e);
  if (!v) return false;
  bool valid = !v->empty();
  for (char ch : *v)
    valid = valid && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                      (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.');
  if (!valid) error(where(e), "id: '" + *v + "' is not a rule id (letters, digits, '-', '_', '.')");
  id = {*v, where(e)};
  return valid;
}

std::optional<Rule> Reader::read_rule(const YAML::Node& n, std::size_t index, Located& id) {
  std::string label = "rule " + std::to_string(index + 1);
  if (!n.IsMap()) {
    error(n.Mark(), label + ": expected a mapping with id, severity, message and a check, got " +
                        describe(n));
    return std::nullopt;
  }
  const std::vector<Entry> es = entries(n);
  Rule r;
  bool ok = true, has_id = false, has_severity = false, has_message = false;
  for (const Entry& e : es) {
    if (e.key != "id") continue;
    has_id = true;  // a bad id is reported as bad, not also as missing
    ok = read_id(e, id) && ok;
    r.id = id.text;
    if (!id.text.empty()) label = "rule '" + id.text + "'";
  }
  const Entry* check = nullptr;
  std::vector<std::string> meant;  // what misspelt keys were probably meant to be
  for (const Entry& e : es) {
    if (e.key == "id") continue;
    if (e.key == "severity") {
      auto v = text(e);
      has_severity = true;
      if (!v) {
        ok = false;
      } else if (*v == "blocker" || *v == "warning" || *v == "info") {
        r.severity = *v == "blocker" ? Severity::blocker
                     : *v == "warning" ? Severity::warning
                                       : Severity::info;
      } else {
        error(where(e), "severity: expected blocker, warning or info, got '" + *v + "'" +
                            did_you_mean(*v, k_severities));
        ok = false;
      }
    } else if (e.key == "message") {
      auto v = text(e);
      has_message = true;
      if (v) r.message = *v;
      ok = ok && v;
    } else if (e.key == "when") {
      auto c = read_condition(e);
      if (c) r.when = std::move(*c);
      ok = ok && c;
    } else if (is_check_key(e.key)) {
      if (check) {
        error(e.mark, label + " has two checks ('" + check->key + "' and '" + e.key +
                          "'); combine them with all: or any:");
        ok = false;
      } else {
        check = &e;
      }
    } else {
      std::vector<std::string> known = k_rule_keys;
      known.insert(known.end(), check_keys().begin(), check_keys().end());
      std::string hint = did_you_mean(e.key, known);
      meant.push_back(closest_match(e.key, known));
      if (hint.empty())
        hint = "; expected " + join(k_rule_keys) + " or a check: " + join(check_keys());
      error(e.mark, "unknown key '" + e.key + "' in " + label + hint);
      ok = false;
    }
  }
  // A key reported as a typo of "severity" is not also reported as a missing severity.
  auto typo_of = [&meant](const std::string& key) {
    return std::find(meant.begin(), meant.end(), key) != meant.end();
  };
  bool check_typo = false;
  for (const auto& m : meant) check_typo = check_typo || (!m.empty() && is_check_key(m));
  if (!has_id && !typo_of("id")) error(n.Mark(), label + " has no id");
  if (!has_severity && !typo_of("severity"))
    error(n.Mark(), label + " has no severity (blocker, warning or info)");
  if (!has_message && !typo_of("message")) error(n.Mark(), label + " has no message");
  if (!check) {
    if (!check_typo) error(n.Mark(), label + " has no check; add one of: " + join(check_keys()));
  } else {
    auto c = read_check(check->key, check->mark, check->value);
    if (c) r.check = std::move(*c);
    ok = ok && c;
  }
  if (!ok || !has_id || !has_severity || !has_message || !check) return std::nullopt;
  r.origin = std::filesystem::path(m_file).filename().string() + ":" + std::to_string(n.Mark().line + 1);
  return r;
}

void Reader::read_targets(const Entry& e, Draft& d) {
  if (!e.value.IsMap()) {
    error(where(e), "targets: expected a mapping (" + join(k_target_keys) + "), got " + describe(e.value));
    return;
  }
  for (const Entry& t : entries(e.value)) {
    if (t.key == "branch_pattern") {
      auto v = text(t);
      if (!v) continue;
      if (v->find("{major}") == std::string::npos || v->find("{minor}") == std::string::npos) {
        error(where(t), "branch_pattern: expected {major} and {minor} in '" + *v + "'");
        continue;
      }
      d.set.targets.branch_pattern = *v;
      d.has_branch_pattern = true;
    } else if (t.key == "mainline") {
      auto v = text(t);
      if (!v) continue;
      d.set.targets.mainline = *v;
      d.has_mainline = true;
    } else {
      unknown_key(t, "in targets", k_target_keys);
    }
  }
}

void Reader::read_rules(const Entry& e, Draft& d) {
  if (!e.value.IsSequence()) {
    error(where(e), "rules: expected a list of rules, got " + describe(e.value));
    return;
  }
  std::size_t index = 0;
  std::vector<Located> ids;
  for (const auto& item : e.value) {
    Located id;
    auto rule = read_rule(item, index++, id);
    if (!id.text.empty()) {
      auto dup = std::find_if(ids.begin(), ids.end(), [&](const Located& l) { return l.text == id.text; });
      if (dup != ids.end()) {
        error(id.mark, "duplicate rule id '" + id.text + "' (first at line " +
                           std::to_string(dup->mark.line + 1) + ")");
        continue;
      }
      ids.push_back(id);
    }
    if (rule) {
      d.set.rules.push_back(std::move(*rule));
      d.rule_marks.push_back(item.Mark());
    }
  }
}

Draft Reader::read(const YAML::Node& root) {
  Draft d;
  if (!root.IsDefined() || root.IsNull()) {
    error(YAML::Mark(), "empty rule set: expected a mapping with name, description and rules");
    return d;
  }
  if (!root.IsMap()) {
    error(root.Mark(), "expected a mapping with name, description and rules, got " + describe(root));
    return d;
  }
  bool has_name = false, has_description = false, has_rules = false;
  std::optional<Entry> disable;
  for (const Entry& e : entries(root)) {
    if (e.key == "name") {
      has_name = true;
      if (auto v = text(e)) d.set.name = *v;
    } else if (e.key == "description") {
      has_description = true;
      if (auto v = text(e)) d.set.description = *v;
    } else if (e.key == "extends") {
      if (auto v = text(e)) d.extends = Located{*v, where(e)};
    } else if (e.key == "targets") {
      read_targets(e, d);
    } else if (e.key == "rules") {
      has_rules = true;
      read_rules(e, d);
    } else if (e.key == "disable") {
      disable = e;
      if (auto v = text_list(e)) d.disable = *v;
    } else {
      unknown_key(e, "at the top level", k_top_keys);
    }
  }
  if (!has_name) error(root.Mark(), "missing key 'name'");
  if (!has_description) error(root.Mark(), "missing key 'description'");
  if (!has_rules && !d.extends) error(root.Mark(), "missing key 'rules' (only a set that extends another may omit it)");
  if (disable && !d.extends) error(disable->mark, "disable: only a rule set that extends another can disable rules");
  return d;
}

}  // namespace

Draft read_rule_document(const YAML::Node& root, const std::string& file, Diagnostics& errors) {
  return Reader(file, errors).read(root);
}

}  // namespace pt
