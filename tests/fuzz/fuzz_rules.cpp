// fuzz target: rules stage loading (YAML syntax, schema, check parameters, extends).
// YAML text claimed to sit beside the shipped rule sets -> RuleSet | diagnostics.
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "rules/glob.hpp"
#include "rules/rule_loader.hpp"

#ifndef PATCHTRIAGE_FUZZ_RULES_DIR
#error "PATCHTRIAGE_FUZZ_RULES_DIR names the shipped rules/ directory"
#endif

namespace {

// Every glob of a check tree: the `paths` check's allowed/forbidden lists.
void collect_globs(const pt::CheckExpr& e, std::vector<std::string>& out) {
  for (const char* key : {"allowed", "forbidden"})
    for (std::string& g : e.params.list(key)) out.push_back(std::move(g));
  for (const pt::CheckExpr& c : e.children) collect_globs(c, out);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The shipped sets are read (never written) for `extends: stable` or `extends: stable.yaml`.
  static const std::vector<std::string> dirs = {PATCHTRIAGE_FUZZ_RULES_DIR};
  static const std::string file = std::string(PATCHTRIAGE_FUZZ_RULES_DIR) + "/fuzz-input.yaml";
  std::string text(pt::fuzz::as_text(data, size));
  pt::Expected<pt::RuleSet> set = pt::parse_rule_set(text, file, dirs);
  if (set) {
    // The globs a loaded set holds, against paths as diffs name them (rule_eval matches
    // each touched file against each glob).
    static const std::string k_paths[] = {"drivers/usb/core/hub.c", "MAINTAINERS", "a/b/",
                                          std::string(200, 'a') + "/" + std::string(200, 'a')};
    std::vector<std::string> globs;
    for (const pt::Rule& r : set->rules) {
      pt::fuzz::require(!r.id.empty(), "loaded rules have ids");
      globs.insert(globs.end(), r.when.paths.begin(), r.when.paths.end());
      collect_globs(r.check, globs);
    }
    for (const std::string& g : globs)
      for (const std::string& path : k_paths) (void)pt::match_glob(g, path);
  } else {
    pt::fuzz::require(!set.error().empty(), "a failed load says why");
    for (const pt::Diagnostic& d : set.error()) (void)pt::to_string(d);
  }
  return 0;
}
