#include <algorithm>

#include "rules/rule_checks.hpp"
#include "util/text.hpp"

namespace pt::checks {

CheckOutcome no_repository() { return skip("no repository (-C)"); }

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += separator;
    out += p;
  }
  return out;
}

std::string describe(const Trailer& t) {
  std::string out = t.key + ": " + t.value;
  if (t.line > 0) out += " (message line " + std::to_string(t.line) + ")";
  return out;
}

std::string short_id(const std::string& sha) { return sha.substr(0, 12); }

CheckOutcome combine_branches(const std::vector<std::string>& fails, const std::vector<std::string>& passes,
                         const std::vector<std::string>& skips, const std::string& none) {
  if (!fails.empty()) return fail(join(fails));
  if (!passes.empty()) {
    std::vector<std::string> all = passes;
    all.insert(all.end(), skips.begin(), skips.end());
    return pass(join(all));
  }
  if (!skips.empty()) return skip(join(skips));
  return skip(none);
}

std::vector<std::string> touched_files(const Patch& patch) {
  std::vector<std::string> out;
  auto add = [&out](const std::string& path) {
    if (!path.empty() && std::find(out.begin(), out.end(), path) == out.end()) out.push_back(path);
  };
  for (const auto& f : patch.diff.files) {
    add(f.old_path);
    add(f.new_path);
  }
  return out;
}

// A bracket token of the subject equal to `wanted` (ASCII case ignored); RFC and RESEND also
// in the forms the subject parser recognises ("RFCv2", "PATCH-RFC").
bool has_prefix(const Subject& s, const std::string& wanted) {
  for (const auto& tok : s.prefixes)
    if (iequals(tok, wanted)) return true;
  if (iequals(wanted, "RFC")) return s.rfc;
  if (iequals(wanted, "RESEND")) return s.resend;
  if (iequals(wanted, "AUTOSEL")) return s.autosel;
  return false;
}

std::string prefix_text(const Subject& s) {
  return s.prefixes.empty() ? "no subject prefix" : "subject prefix [" + join(s.prefixes, " ") + "]";
}

}  // namespace pt::checks
