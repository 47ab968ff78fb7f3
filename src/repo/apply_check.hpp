// repo stage: does a diff apply to a tree? git apply --check's rules, in memory.
// Diff + a way to read the target's files -> per-file, per-hunk verdicts.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "patch/diff.hpp"

namespace pt {

// Reads a file of the target tree: its bytes, or nullopt when the path does not exist.
using FileReader = std::function<std::optional<std::string>(const std::string& path)>;

// three_way: the hunks do not apply, but a 3-way merge from the preimage blob named by the
// diff's `index` line succeeds (git apply --3way). invalid_path: a name git apply refuses
// (absolute, "..", ".git", beyond a symlink an earlier file of the patch creates).
enum class ApplyStatus { clean, offset, reduced_context, three_way, conflict, missing_file, already_exists, unsupported, invalid_path };

struct HunkResult {
  ApplyStatus status = ApplyStatus::clean;
  long expected_line = 0;  // where the hunk header says it goes (1-based)
  long applied_line = 0;   // where it matched (1-based), 0 when it did not
  long offset = 0;         // applied - expected
  std::string first_mismatch;  // conflict: the first preimage line not found at the expected place
};

struct FileResult {
  std::string path;
  ApplyStatus status = ApplyStatus::clean;
  std::string detail;     // "does not exist", "already exists", "binary patch without full index"
  std::vector<HunkResult> hunks;
};

struct ApplyResult {
  ApplyStatus status = ApplyStatus::clean;  // the worst of the files
  std::vector<FileResult> files;
};

// Applies `diff` (reversed when `reverse`, as git apply -R) to the files `read` gives,
// hunk by hunk on an in-memory image, with git apply's defaults: full context, exact
// lines, hunks searched outward from their stated line, first/last hunks anchored to the
// file's start/end when they have no leading/trailing context. Nothing is written.
// When `contents` is given it receives every file the patch touched: its new bytes, or
// nullopt for a file the patch removes (only files whose hunks all applied).
// `min_context` >= 0 allows git apply -C<n>: a hunk that does not match may lose context
// lines down to that many (git's reduction order); such hunks are `reduced_context`.
ApplyResult check_apply(const Diff& diff, const FileReader& read, bool reverse,
                        std::map<std::string, std::optional<std::string>>* contents = nullptr,
                        int min_context = -1);

const char* to_string(ApplyStatus status);

// The worse of two statuses (clean < offset < reduced_context < three_way < conflict < ...).
ApplyStatus worse(ApplyStatus a, ApplyStatus b);

}  // namespace pt
