// repo stage: does a diff apply to a tree? git apply --check's rules, in memory.
// Diff + a way to read the target's files -> per-file, per-hunk verdicts.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "patch/diff.hpp"
#include "repo/file_bytes.hpp"

namespace pt {

// Reads a file of the target tree: its bytes, or nullopt when the path does not exist.
using FileReader = std::function<std::optional<std::string>(const std::string& path)>;
// The same without a copy (Repository::read_file_bytes).
using FileBytesReader = std::function<std::optional<FileBytes>(const std::string& path)>;

// One line of a file, without its newline; `eol` is false for a last line without one.
struct FileLine {
  std::string_view text;
  bool eol = true;
  bool operator==(const FileLine& o) const { return eol == o.eol && text == o.text; }
};

// The files of one target tree, each read once and split into lines once: the checks of
// one patch (forward, -C1, --3way, reverse) share them instead of reading every file four
// times. Up to `budget` bytes of files are kept between checks; beyond that (a treewide
// patch of hundreds of files) a file lives only while a check uses it and is read again
// by the next: memory stays bounded. Not thread-safe; one per patch and target.
class TargetFiles {
 public:
  struct File {
    FileBytes bytes;
    std::vector<FileLine> lines;  // point into `bytes`
    File() = default;
    File(const File&) = delete;
    File& operator=(const File&) = delete;
    ~File();  // its lines' memory goes to this thread's next file (spare_lines.hpp)
  };
  static constexpr std::size_t k_default_budget = 8u << 20;
  explicit TargetFiles(FileBytesReader read, std::size_t budget = k_default_budget)
      : m_read(std::move(read)), m_budget(budget) {}
  explicit TargetFiles(FileReader read, std::size_t budget = k_default_budget);
  // The file at `path`, nullptr when the target has none.
  std::shared_ptr<const File> get(const std::string& path);
  // A FileReader over the same cache (for code that wants the bytes).
  FileReader reader();

 private:
  FileBytesReader m_read;
  std::size_t m_budget, m_kept = 0;
  std::map<std::string, std::shared_ptr<const File>> m_files;  // null: no such file
};

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
ApplyResult check_apply(const Diff& diff, TargetFiles& files, bool reverse,
                        std::map<std::string, std::optional<std::string>>* contents = nullptr,
                        int min_context = -1);
// The same over a reader whose files are read for this call only.
ApplyResult check_apply(const Diff& diff, const FileReader& read, bool reverse,
                        std::map<std::string, std::optional<std::string>>* contents = nullptr,
                        int min_context = -1);

const char* to_string(ApplyStatus status);

// The worse of two statuses (clean < offset < reduced_context < three_way < conflict < ...).
ApplyStatus worse(ApplyStatus a, ApplyStatus b);

}  // namespace pt
