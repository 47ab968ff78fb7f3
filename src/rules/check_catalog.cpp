#include "rules/check_catalog.hpp"

#include <algorithm>

#include "rules/rule_checks.hpp"

namespace pt {

namespace {

using P = ParamType;

// One table for every kind (ccache keeps its config keys the same way): the loader validates
// against it, evaluation runs from it, rules/README.md documents each row.
std::vector<CheckSpec> make_catalog() {
  std::vector<CheckSpec> c = {
      {"applies", {{"mode", P::choice, false, {"clean", "offset", "reduced_context", "three_way"}}},
       {}, true, checks::applies},
      {"diffstat",
       {{"max_lines_changed", P::integer}, {"max_lines_with_context", P::integer},
        {"max_files", P::integer}},
       {"max_lines_changed", "max_lines_with_context", "max_files"}, false, checks::diffstat},
      {"diff_well_formed", {}, {}, false, checks::diff_well_formed},
      {"fixes_target_present", {}, {}, true, checks::fixes_target_present},
      {"follow_ups", {{"mode", P::choice, false, {"included_or_absent", "absent"}}}, {}, true,
       checks::follow_ups},
      {"maintainers_in_cc", {{"roles", P::choice_list, false, {"maintainer", "reviewer", "list"}}},
       {}, true, checks::maintainers_in_cc},
      {"no_nak", {}, {}, false, checks::no_nak},
      {"note_claims", {}, {}, false, checks::note_claims},
      {"not_already_applied", {}, {}, true, checks::not_already_applied},
      {"patch_id_equals_upstream", {}, {}, true, checks::patch_id_equals_upstream},
      {"paths", {{"allowed", P::text_list}, {"forbidden", P::text_list}},
       {"allowed", "forbidden"}, false, checks::paths},
      {"prefix", {{"forbidden", P::text_list}, {"required", P::text_list}},
       {"forbidden", "required"}, false, checks::prefix},
      {"signoff_chain", {}, {}, false, checks::signoff_chain},
      {"stable_version_hint", {{"required", P::boolean}}, {}, false, checks::stable_version_hint},
      {"subject_regex", {{"pattern", P::pattern, true}, {"must_match", P::boolean}}, {}, false,
       checks::subject_regex},
      {"tag_syntax", {{"key", P::choice, true, {"Fixes", "Closes", "Link", "Cc", "Reported-by"}}},
       {}, false, checks::tag_syntax},
      {"title_regex", {{"pattern", P::pattern, true}, {"must_match", P::boolean}}, {}, false,
       checks::title_regex},
      {"trailer_present",
       {{"key", P::text_list, true},
        {"min", P::integer},
        {"max", P::integer},
        {"role", P::choice, false, {"any", "reviewer", "maintainer"}},
        {"value", P::pattern},
        {"replies", P::boolean}},
       {}, false, checks::trailer_present},
      {"upstream_ref", {{"resolvable", P::boolean}, {"in_mainline", P::boolean}}, {}, true,
       checks::upstream_ref},
  };
  std::sort(c.begin(), c.end(), [](const CheckSpec& a, const CheckSpec& b) { return a.kind < b.kind; });
  return c;
}

}  // namespace

const std::vector<CheckSpec>& check_catalog() {
  static const std::vector<CheckSpec> catalog = make_catalog();
  return catalog;
}

const CheckSpec* find_check(std::string_view kind) {
  for (const auto& spec : check_catalog())
    if (spec.kind == kind) return &spec;
  return nullptr;
}

std::vector<std::string> check_kinds() {
  std::vector<std::string> out;
  for (const auto& spec : check_catalog()) out.emplace_back(spec.kind);
  return out;
}

}  // namespace pt
