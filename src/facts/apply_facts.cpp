#include "facts/apply_facts.hpp"

#include <algorithm>
#include <cstdio>

#include "repo/three_way.hpp"
#include "util/text.hpp"

namespace pt {

namespace {

// "6.12" -> (6, 12); nullopt for anything else.
std::optional<std::pair<int, int>> version_of(const std::string& v) {
  int major = 0, minor = 0;
  char tail = 0;
  if (std::sscanf(v.c_str(), "%d.%d%c", &major, &minor, &tail) < 2) return std::nullopt;
  return std::make_pair(major, minor);
}

}  // namespace

std::string branch_for(const std::string& pattern, int major, int minor) {
  std::string out = pattern;
  auto put = [&](const std::string& key, int value) {
    for (std::size_t at; (at = out.find(key)) != std::string::npos;)
      out.replace(at, key.size(), std::to_string(value));
  };
  put("{major}", major);
  put("{minor}", minor);
  return out;
}

std::optional<std::pair<int, int>> version_of_branch(const std::string& pattern,
                                                     const std::string& branch) {
  // Walk the pattern: literal text must match, {major}/{minor} take a run of digits.
  std::optional<int> major, minor;
  std::size_t p = 0, b = 0;
  while (p < pattern.size()) {
    bool is_major = pattern.compare(p, 7, "{major}") == 0;
    bool is_minor = pattern.compare(p, 7, "{minor}") == 0;
    if (is_major || is_minor) {
      std::size_t start = b;
      int v = 0;
      while (b < branch.size() && b - start < 6 && branch[b] >= '0' && branch[b] <= '9')
        v = v * 10 + (branch[b++] - '0');
      if (b == start) return std::nullopt;
      (is_major ? major : minor) = v;
      p += 7;
    } else {
      if (b >= branch.size() || branch[b] != pattern[p]) return std::nullopt;
      ++p;
      ++b;
    }
  }
  if (b != branch.size() || !major || !minor) return std::nullopt;
  return std::make_pair(*major, *minor);
}

std::vector<BranchTarget> target_branches(const Patch& patch, const Repository& repo,
                                          const std::vector<std::string>& explicit_branches,
                                          const std::string& pattern) {
  std::vector<BranchTarget> out;
  if (!explicit_branches.empty()) {
    for (const auto& b : explicit_branches) out.push_back({b, repo.resolve(b), "-b"});
    return out;
  }
  const Subject& s = patch.subject_info;
  auto hi = version_of(s.stable_from), lo = version_of(s.stable_to);
  if (hi && lo) {
    if (*lo > *hi) std::swap(hi, lo);
    std::string why = "subject range " + s.stable_from +
                      (s.stable_to != s.stable_from ? "-" + s.stable_to : "");
    std::vector<std::pair<std::pair<int, int>, std::string>> found;
    for (const auto& name : repo.branches())
      if (auto v = version_of_branch(pattern, name))
        if (*v >= *lo && *v <= *hi) found.emplace_back(*v, name);
    // Newest first.
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [v, name] : found) out.push_back({name, repo.resolve(name), why});
    if (out.empty()) {
      // The range names branches this repository lacks: a fact, not an error.
      out.push_back({branch_for(pattern, lo->first, lo->second), std::nullopt, why});
    }
    return out;
  }
  // "X-stable-base: Linux 6.6.101": the tag of that release, when the repository has it.
  if (starts_with(patch.stable_base, "Linux ")) {
    std::string tag = "v";  // (+=: g++ 12 warns falsely on "v" + string, PR 105329)
    tag += trim(std::string_view(patch.stable_base).substr(6));
    if (auto commit = repo.resolve(tag)) {
      out.push_back({tag, commit, "X-stable-base: " + patch.stable_base});
      return out;
    }
  }
  out.push_back({"HEAD", repo.resolve("HEAD"), "HEAD"});
  return out;
}

BranchApplyFacts apply_on(const Patch& patch, const Repository& repo, TargetFiles& files) {
  BranchApplyFacts b;
  b.forward = check_apply(patch.diff, files, false);
  // What git apply -C1 would still do with a hunk whose outer context drifted.
  if (b.forward.status == ApplyStatus::conflict) {
    ApplyResult reduced = check_apply(patch.diff, files, false, nullptr, 1);
    if (reduced.status == ApplyStatus::reduced_context) b.forward = std::move(reduced);
  }
  // What git apply --3way would do: merge from the preimage blobs the index lines name.
  if (b.forward.status == ApplyStatus::conflict) {
    BlobReader blob = [&repo](const std::string& id) { return repo.read_blob(id); };
    FileMerger merge = [&repo](const std::string& base, const std::string& ours,
                               const std::string& theirs) {
      return repo.merge_file(base, ours, theirs);
    };
    b.forward = check_three_way(patch.diff, files.reader(), blob, merge, std::move(b.forward));
  }
  b.reverse = check_apply(patch.diff, files, true);
  b.already_applied = applies(b.reverse.status);
  return b;
}

ApplyFacts collect_apply_facts(const Patch& patch, const Repository& repo,
                               const std::vector<BranchTarget>& targets, FileCache* files) {
  ApplyFacts facts;
  facts.targets = targets;
  for (const auto& t : targets) {
    if (!t.commit) continue;
    const std::string commit = *t.commit;
    // Each file read (without a copy) and split once for the four checks.
    TargetFiles target([&repo, commit, files](const std::string& path) {
      auto load = [&] { return repo.read_file_bytes(commit, path); };
      return files ? files->get(commit, path, load) : load();
    });
    BranchApplyFacts b = apply_on(patch, repo, target);
    facts.by_branch.emplace(t.name, std::move(b));
  }
  return facts;
}

}  // namespace pt
