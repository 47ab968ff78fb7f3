// Rule set loading: the shipped sets load clean; every broken file in testdata/rules/broken
// gives exactly the errors in its .expected file (UPDATE_GOLDEN=1 rewrites them for review).
#include "rules/rule_loader.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/commands.hpp"
#include "rules/rule_files.hpp"
#include "test_support.hpp"

namespace pt {
namespace {

namespace fs = std::filesystem;

const std::string k_rules_dir = std::string(PATCHTRIAGE_SOURCE_DIR) + "/rules";
const std::string k_broken_dir = std::string(PATCHTRIAGE_SOURCE_DIR) + "/testdata/rules/broken";
const std::string k_good_dir = std::string(PATCHTRIAGE_SOURCE_DIR) + "/testdata/rules/good";

std::string errors_text(const Diagnostics& errors, const std::string& strip) {
  std::string out;
  for (const auto& d : errors) {
    std::string line = to_string(d);
    for (std::size_t at = strip.empty() ? std::string::npos : line.find(strip); at != std::string::npos;
         at = line.find(strip))
      line.erase(at, strip.size());
    out += line + "\n";
  }
  return out;
}

TEST(RuleLoader, every_shipped_set_loads_clean) {
  std::vector<RuleSetFile> sets = list_rule_sets({k_rules_dir});
  ASSERT_EQ(sets.size(), 4u);
  EXPECT_EQ(sets[0].name, "autosel");
  EXPECT_EQ(sets[1].name, "hook");
  EXPECT_EQ(sets[2].name, "netdev");
  EXPECT_EQ(sets[3].name, "stable");
  for (const auto& s : sets) {
    Expected<RuleSet> set = load_rule_set(s.name, {k_rules_dir});
    ASSERT_TRUE(set) << errors_text(set.error(), "");
    EXPECT_EQ(set->name, s.name);
    EXPECT_FALSE(set->description.empty());
    EXPECT_FALSE(set->rules.empty());
    for (const auto& r : set->rules) EXPECT_FALSE(r.message.empty()) << r.id;
  }
}

TEST(RuleLoader, autosel_extends_stable_and_appends_its_rules) {
  Expected<RuleSet> stable = load_rule_set("stable", {k_rules_dir});
  Expected<RuleSet> autosel = load_rule_set("autosel", {k_rules_dir});
  ASSERT_TRUE(stable);
  ASSERT_TRUE(autosel);
  EXPECT_EQ(autosel->extends, std::vector<std::string>{"stable"});
  ASSERT_EQ(autosel->rules.size(), stable->rules.size() + 4);
  for (std::size_t i = 0; i < stable->rules.size(); ++i)
    EXPECT_EQ(autosel->rules[i].id, stable->rules[i].id);
  EXPECT_EQ(autosel->rules[stable->rules.size()].id, "reviewer-evidence");
  EXPECT_EQ(autosel->rules.back().id, "notes-claims");
  EXPECT_EQ(autosel->rules.back().severity, Severity::warning);
  EXPECT_EQ(autosel->targets.branch_pattern, "linux-{major}.{minor}.y");
  EXPECT_EQ(autosel->targets.mainline, "master");
  EXPECT_EQ(autosel->rules.back().origin.substr(0, 13), "autosel.yaml:");
}

TEST(RuleLoader, stable_size_rule_is_a_blocker_at_100_lines_with_context) {
  Expected<RuleSet> stable = load_rule_set(k_rules_dir + "/stable.yaml", {k_rules_dir});
  ASSERT_TRUE(stable);
  const Rule* size = nullptr;
  for (const auto& r : stable->rules)
    if (r.id == "size") size = &r;
  ASSERT_NE(size, nullptr);
  EXPECT_EQ(size->severity, Severity::blocker);
  EXPECT_EQ(size->check.kind, "diffstat");
  EXPECT_EQ(size->check.params.number("max_lines_with_context"), 100);
  EXPECT_FALSE(size->check.params.has("max_files"));
}

TEST(RuleLoader, a_child_overrides_in_place_disables_and_sets_targets) {
  Expected<RuleSet> set = parse_rule_set(
      "name: relaxed\n"
      "description: stable with a softer size rule\n"
      "extends: stable\n"
      "targets: {mainline: origin/master}\n"
      "disable: [no-nak]\n"
      "rules:\n"
      "  - id: size\n"
      "    diffstat: {max_lines_with_context: 300}\n"
      "    severity: warning\n"
      "    message: at most 300 lines\n"
      "  - id: only-usb\n"
      "    when: {paths: drivers/usb/**}\n"
      "    paths: {allowed: [drivers/usb/**]}\n"
      "    severity: info\n"
      "    message: USB only\n",
      k_good_dir + "/relaxed.yaml", {k_rules_dir});
  ASSERT_TRUE(set) << errors_text(set.error(), "");
  Expected<RuleSet> stable = load_rule_set("stable", {k_rules_dir});
  ASSERT_TRUE(stable);
  ASSERT_EQ(set->rules.size(), stable->rules.size());  // one disabled, one added
  std::size_t size_at = 0;
  for (std::size_t i = 0; i < stable->rules.size(); ++i)
    if (stable->rules[i].id == "size") size_at = i;
  EXPECT_EQ(set->rules[size_at].id, "size");
  EXPECT_EQ(set->rules[size_at].severity, Severity::warning);
  EXPECT_EQ(set->rules[size_at].check.params.number("max_lines_with_context"), 300);
  EXPECT_EQ(set->rules[size_at].origin, "relaxed.yaml:7");
  for (const auto& r : set->rules) EXPECT_NE(r.id, "no-nak");
  EXPECT_EQ(set->rules.back().id, "only-usb");
  EXPECT_EQ(set->rules.back().when.paths, std::vector<std::string>{"drivers/usb/**"});
  EXPECT_EQ(set->targets.mainline, "origin/master");
  EXPECT_EQ(set->targets.branch_pattern, "linux-{major}.{minor}.y");
}

TEST(RuleLoader, extends_a_file_by_relative_path) {
  Expected<RuleSet> set = load_rule_set(k_good_dir + "/local.yaml", {});
  ASSERT_TRUE(set) << errors_text(set.error(), "");
  EXPECT_EQ(set->extends, (std::vector<std::string>{"base", "root"}));
  ASSERT_EQ(set->rules.size(), 3u);
  EXPECT_EQ(set->rules[0].id, "root-rule");
  EXPECT_EQ(set->rules[1].id, "base-rule");
  EXPECT_EQ(set->rules[2].id, "local-rule");
}

TEST(RuleLoader, combinators_and_conditions_are_read_into_the_tree) {
  Expected<RuleSet> set = parse_rule_set(
      "name: t\ndescription: t\nrules:\n"
      "  - id: r\n"
      "    when: {prefix: [net, net-next], autosel: false, stable_range: false}\n"
      "    all:\n"
      "      - not: {prefix: {forbidden: RFC}}\n"
      "      - any: [{trailer_present: {key: [Reviewed-by, Acked-by], min: 2, max: 3}}, {no_nak: }]\n"
      "    severity: warning\n"
      "    message: m\n",
      "inline.yaml", {});
  ASSERT_TRUE(set) << errors_text(set.error(), "");
  const Rule& r = set->rules.at(0);
  EXPECT_EQ(r.when.prefix, (std::vector<std::string>{"net", "net-next"}));
  EXPECT_EQ(r.when.autosel, false);
  EXPECT_EQ(r.when.stable_range, false);
  ASSERT_EQ(r.check.op, CheckExpr::Op::all);
  ASSERT_EQ(r.check.children.size(), 2u);
  EXPECT_EQ(r.check.children[0].op, CheckExpr::Op::negate);
  EXPECT_EQ(r.check.children[0].children.at(0).params.list("forbidden"), std::vector<std::string>{"RFC"});
  const CheckExpr& any = r.check.children[1];
  ASSERT_EQ(any.op, CheckExpr::Op::any);
  EXPECT_EQ(any.children.at(0).params.list("key"), (std::vector<std::string>{"Reviewed-by", "Acked-by"}));
  EXPECT_EQ(any.children.at(0).params.number("max"), 3);
  EXPECT_EQ(any.children.at(1).kind, "no_nak");
  EXPECT_TRUE(any.children.at(1).params.empty());
}

TEST(RuleLoader, an_unknown_name_suggests_the_closest_shipped_set) {
  Expected<RuleSet> set = load_rule_set("stabel", {k_rules_dir});
  ASSERT_FALSE(set);
  EXPECT_EQ(errors_text(set.error(), ""), "stabel: no rule set named 'stabel'; did you mean 'stable'?\n");
  set = load_rule_set("debian", {k_rules_dir});
  ASSERT_FALSE(set);
  EXPECT_EQ(errors_text(set.error(), ""),
            "debian: no rule set named 'debian' (shipped sets: autosel hook netdev stable)\n");
}

TEST(RuleLoader, a_missing_file_is_an_error_not_an_exception) {
  Expected<RuleSet> set = load_rule_set(k_broken_dir + "/no-such-file.yaml", {});
  ASSERT_FALSE(set);
  EXPECT_EQ(errors_text(set.error(), k_broken_dir + "/"),
            "no-such-file.yaml: cannot read rule set: No such file or directory\n");
}

// Found with the fuzz targets (tests/fuzz, fuzz_rules): std::regex compiled 30,000 nested
// groups by recursion until the stack overflowed (SIGSEGV in `rules check`).
TEST(RuleLoader, an_overlong_pattern_is_an_error_not_a_stack_overflow) {
  auto rule_file = [](const std::string& pattern) {
    return "name: t\ndescription: t\nrules:\n  - id: r\n    severity: info\n    message: m\n"
           "    subject_regex: {pattern: \"" + pattern + "\"}\n";
  };
  Expected<RuleSet> set =
      parse_rule_set(rule_file(std::string(30000, '(') + std::string(30000, ')')), "deep.yaml", {});
  ASSERT_FALSE(set);
  EXPECT_EQ(errors_text(set.error(), ""),
            "deep.yaml:7:30: pattern: regular expression of 60000 characters; at most 2048 are read\n");
  set = parse_rule_set(rule_file(std::string(1024, '(') + std::string(1024, ')')), "deep.yaml", {});
  EXPECT_TRUE(set) << errors_text(set.error(), "");
}

// Found by tests/fuzz (fuzz_rules, UBSan): libstdc++ 12 overflowed a long reading the
// back-reference "\\7777777777777777777777" (and so a count "{7777777777777777777777}").
TEST(RuleLoader, a_count_or_back_reference_past_9_digits_is_an_error) {
  auto rule_file = [](const std::string& pattern) {
    return "name: t\ndescription: t\nrules:\n  - id: r\n    severity: info\n    message: m\n"
           "    trailer_present: {key: Cc, value: \"" + pattern + "\"}\n";
  };
  for (std::string pattern : {"(v)\\\\7777777777777777777777", "a{7777777777777777777777}",
                              "a{1,77777777777}"}) {
    Expected<RuleSet> set = parse_rule_set(rule_file(pattern), "big.yaml", {});
    ASSERT_FALSE(set) << pattern;
    EXPECT_NE(errors_text(set.error(), "").find("a count or back-reference of more than 9 digits"),
              std::string::npos)
        << errors_text(set.error(), "");
  }
  Expected<RuleSet> set = parse_rule_set(rule_file("(a)\\\\1x{2,30}"), "big.yaml", {});
  EXPECT_TRUE(set) << errors_text(set.error(), "");
}

TEST(RuleLoader, search_dirs_start_with_the_environment_then_the_source_tree) {
  const char* old = std::getenv("PATCHTRIAGE_RULES_DIR");
  std::string saved = old ? old : "";
  ::setenv("PATCHTRIAGE_RULES_DIR", (k_good_dir + ":/no/such/dir").c_str(), 1);
  std::vector<std::string> dirs = rule_search_dirs();
  if (old) ::setenv("PATCHTRIAGE_RULES_DIR", saved.c_str(), 1);
  else ::unsetenv("PATCHTRIAGE_RULES_DIR");
  ASSERT_GE(dirs.size(), 2u);
  EXPECT_EQ(dirs.front(), fs::weakly_canonical(k_good_dir).string());
  EXPECT_EQ(dirs.back(), fs::weakly_canonical(k_rules_dir).string());
  // The good directory's "base" hides nothing shipped; the shipped names are all there.
  std::vector<RuleSetFile> sets = list_rule_sets(dirs);
  std::vector<std::string> names;
  for (const auto& s : sets) names.push_back(s.name);
  EXPECT_NE(std::find(names.begin(), names.end(), "stable"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "base"), names.end());
}

TEST(RuleLoader, did_you_mean_needs_a_close_candidate) {
  std::vector<std::string> keys{"id", "severity", "message", "when"};
  EXPECT_EQ(did_you_mean("severty", keys), "; did you mean 'severity'?");
  EXPECT_EQ(did_you_mean("Severity", keys), "; did you mean 'severity'?");
  EXPECT_EQ(did_you_mean("mesage", keys), "; did you mean 'message'?");
  EXPECT_EQ(did_you_mean("frobnicate", keys), "");
  EXPECT_EQ(did_you_mean("ix", keys), "");  // one wrong letter of two is not a typo
}

TEST(RuleLoader, branch_pattern_maps_stable_versions_to_branches) {
  EXPECT_EQ(branch_for_version("linux-{major}.{minor}.y", "6.6"), "linux-6.6.y");
  EXPECT_EQ(branch_for_version("stable/{major}.{minor}", "5.15"), "stable/5.15");
  EXPECT_EQ(branch_for_version("linux-{major}.{minor}.y", "6.6.1"), "");
  EXPECT_EQ(branch_for_version("linux-{major}.{minor}.y", ""), "");
}

// `patchtriage rules check` / `rules list`, run in process (the binary runs them the same way).
TEST(RulesCommand, check_prints_ok_or_every_error_and_exits_2) {
  std::ostringstream out, err;
  EXPECT_EQ(run_rules_check({k_rules_dir + "/autosel.yaml", k_broken_dir + "/bad_when.yaml"}, out, err), 2);
  EXPECT_EQ(out.str(), k_rules_dir + "/autosel.yaml: ok: rule set 'autosel' (extends stable), 17 rules\n");
  EXPECT_EQ(err.str(), k_broken_dir + "/bad_when.yaml:5:11: when: expected a mapping of conditions (prefix, "
                           "paths, autosel, stable_range), got 'AUTOSEL'\n" +
                           k_broken_dir + "/bad_when.yaml:10:11: when: expected at least one condition (prefix, "
                           "paths, autosel, stable_range)\n" +
                           k_broken_dir + "/bad_when.yaml:15:21: autosel: expected true or false, got 'sometimes'\n");
  std::ostringstream out2, err2;
  EXPECT_EQ(run_rules_check({k_rules_dir + "/stable.yaml", k_rules_dir + "/netdev.yaml"}, out2, err2), 0);
  EXPECT_EQ(err2.str(), "");
  EXPECT_EQ(out2.str(), k_rules_dir + "/stable.yaml: ok: rule set 'stable', 13 rules\n" + k_rules_dir +
                            "/netdev.yaml: ok: rule set 'netdev', 7 rules\n");
}

TEST(RulesCommand, list_names_the_shipped_sets) {
  std::ostringstream out, err;
  EXPECT_EQ(run_rules_list(out, err), 0);
  EXPECT_EQ(err.str(), "");
  const std::string text = out.str();
  for (const char* line : {"autosel  rule set 'autosel' (extends stable), 17 rules  ",
                           "netdev  rule set 'netdev', 7 rules  ", "stable  rule set 'stable', 13 rules  "})
    EXPECT_NE(text.find(line), std::string::npos) << line << "\n" << text;
}

// Every broken file: the exact errors, each with file:line:col.
class BrokenRuleFile : public testing::TestWithParam<std::string> {};

TEST_P(BrokenRuleFile, reports_every_error_exactly) {
  const std::string yaml = k_broken_dir + "/" + GetParam() + ".yaml";
  const std::string expected_path = k_broken_dir + "/" + GetParam() + ".expected";
  Expected<RuleSet> set = load_rule_set(yaml, {k_rules_dir});
  ASSERT_FALSE(set) << GetParam() << " loaded without errors";
  std::string actual = errors_text(set.error(), k_broken_dir + "/");
  if (std::getenv("UPDATE_GOLDEN")) std::ofstream(expected_path) << actual;
  EXPECT_EQ(actual, test::read_file(expected_path));
  for (const auto& d : set.error()) {
    EXPECT_GT(d.line, 0) << to_string(d);
    EXPECT_GT(d.column, 0) << to_string(d);
  }
}

std::vector<std::string> broken_files() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(k_broken_dir))
    if (e.path().extension() == ".yaml") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

INSTANTIATE_TEST_SUITE_P(Rules, BrokenRuleFile, testing::ValuesIn(broken_files()),
                         [](const testing::TestParamInfo<std::string>& i) { return test::case_name(i.param); });

}  // namespace
}  // namespace pt
