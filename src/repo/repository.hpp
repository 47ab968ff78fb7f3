// repo stage: a kernel git repository, read through libgit2 and never written.
// path + ref names -> trees and file contents (the only place that includes git2.h).
#pragma once

#include <functional>
#include <memory>
#include <stdexcept>
#include <optional>
#include <string>
#include <vector>

#include "repo/file_bytes.hpp"

namespace pt {

// An open repository. Reading only: no refs, index, objects, config or work tree files are
// ever written (libgit2 opens without taking locks for reads).
class Repository {
 public:
  // Opens the repository at `path` (a work tree, its .git, or a bare repository; parent
  // directories are searched like git does). Throws RepositoryError when there is none.
  explicit Repository(const std::string& path);
  ~Repository();
  Repository(const Repository&) = delete;
  Repository& operator=(const Repository&) = delete;

  // The commit id a ref or revision names ("linux-6.1.y", "origin/master", a sha), or
  // nullopt when it names nothing.
  std::optional<std::string> resolve(const std::string& rev) const;
  // The local branch names of the repository.
  std::vector<std::string> branches() const;
  // The bytes of `path` in the tree of commit `commit`, nullopt when it is absent.
  std::optional<std::string> read_file(const std::string& commit, const std::string& path) const;
  // The same bytes without a copy: a view of the repository's blob object, which `owner`
  // keeps alive (release it before this Repository goes).
  std::optional<FileBytes> read_file_bytes(const std::string& commit, const std::string& path) const;
  // True when `path` is a directory in the tree of commit `commit`.
  bool is_directory(const std::string& commit, const std::string& path) const;
  // The repository to use when none was named: git config `patchtriage.repo` (global and
  // system config), else the repository around `dir` when its HEAD holds a kernel tree
  // (MAINTAINERS and Kconfig at the top); "" when neither.
  static std::string find_default(const std::string& dir);
  // A value of the user's git configuration (global and system files, as `git config
  // --global`/`--system` read them; not a repository's), nullopt when unset.
  static std::optional<std::string> user_config(const std::string& key);
  // The repository around `dir` when its HEAD holds a kernel tree (MAINTAINERS and Kconfig
  // at the top), else "".
  static std::string find_kernel_tree(const std::string& dir);
  // Caps libgit2's object cache for the whole process (every Repository shares the
  // budget; libgit2's default grows to 256 MB). A batch does so once the history indexes are
  // built: walking a million commits wants the large cache (2.3x slower with 32 MB), judging
  // patches does not (bench/README.md).
  static void cap_object_cache(std::size_t bytes);
  // Where the repository is (its git directory).
  std::string git_dir() const;

  // The full commit id an abbreviated or full hex id names, nullopt when none or ambiguous.
  std::optional<std::string> expand(const std::string& hex) const;
  // The commit's message (raw, with its title line), "" when it is not a commit.
  std::string message(const std::string& commit) const;
  // True when `ancestor` is `descendant` or one of its ancestors.
  bool is_ancestor(const std::string& ancestor, const std::string& descendant) const;
  // The merge base of two commits, nullopt when they share no history.
  std::optional<std::string> merge_base(const std::string& a, const std::string& b) const;
  // git patch-id --stable of a git-format diff text; nullopt when libgit2 cannot read it.
  std::optional<std::string> patch_id_of_text(std::string_view diff_text) const;
  // git patch-id --stable of a commit's change against its first parent, and the paths it
  // touches; nullopt for a root or merge commit.
  std::optional<std::string> patch_id_of_commit(const std::string& commit,
                                                std::vector<std::string>* paths = nullptr) const;
  // Calls `visit(commit id, message)` for each commit reachable from `tip` and not from
  // `hide` (may be ""), newest first, at most `limit` commits. `visit` must not call back
  // into this Repository (the walk holds its lock).
  void walk(const std::string& tip, const std::string& hide, std::size_t limit,
            const std::function<void(const std::string&, const std::string&)>& visit) const;

  // The bytes of the blob an abbreviated or full id names (a diff's `index` line), nullopt
  // when the object store lacks it or the prefix is ambiguous.
  std::optional<std::string> read_blob(const std::string& hex) const;
  // A 3-way merge of file contents (git merge-file, in memory): the merged bytes, or nullopt
  // when `ours` and `theirs` conflict.
  std::optional<std::string> merge_file(const std::string& base, const std::string& ours,
                                        const std::string& theirs) const;
  // Every tag (name without refs/tags/) with the commit it peels to; tags of other objects
  // are left out.
  std::vector<std::pair<std::string, std::string>> tags() const;
  // The commit that last changed each line `first`..`last` (1-based, inclusive) of `path` as
  // of commit `newest`, not looking past `oldest` (lines older than it are `oldest`'s; "" =
  // no bound). Empty when the file or a commit is missing.
  std::vector<std::string> blame(const std::string& path, const std::string& newest,
                                 const std::string& oldest, long first, long last) const;
  // The committer time of a commit (seconds since the epoch), 0 when it is not a commit.
  long long commit_time(const std::string& commit) const;
  // The first parent of a commit, nullopt for a root commit or a missing one.
  std::optional<std::string> first_parent(const std::string& commit) const;

  // --- Hook mode (app/hook_*): what a git hook needs to read; still nothing is written. ---

  // Makes the objects in `dir` (an objects directory) readable as well: git's pre-receive
  // quarantine ($GIT_QUARANTINE_PATH) holds the pushed objects until the hook accepts them.
  // In memory only. Returns false when libgit2 cannot read the directory.
  bool add_object_directory(const std::string& dir);
  // The commits reachable from `tip` and from none of `hide` (ids that do not resolve are
  // ignored), parents before children (git rev-list --topo-order --reverse), at most
  // `limit`. Empty when `tip` is not a commit.
  std::vector<std::string> rev_list(const std::string& tip, const std::vector<std::string>& hide,
                                    std::size_t limit) const;
  // Every reference whose full name starts with `prefix` ("refs/heads/"), with the commit it
  // peels to; references to other objects are left out.
  std::vector<std::pair<std::string, std::string>> refs(const std::string& prefix) const;
  // Every value of git config `key` ("patchtriage.hookBranches") as git reads it for this
  // repository (system, global, then the repository's own), in that order.
  std::vector<std::string> config_values(const std::string& key) const;
  // The branch HEAD points to ("queue/6.6"), "" when HEAD is detached or unborn.
  std::string head_branch() const;
  // The work tree ("" for a bare repository) and the common git directory (shared by
  // linked work trees: where hooks/ lives), both ending in '/'.
  std::string work_dir() const;
  std::string common_dir() const;
  // Author, message and parent count of a commit; nullopt when it is not a commit.
  struct CommitInfo {
    std::string id, author_name, author_email, message;
    long long author_time = 0;   // seconds since the epoch
    int author_offset = 0;       // minutes east of UTC
    std::size_t parents = 0;
  };
  std::optional<CommitInfo> commit_info(const std::string& commit) const;
  // The commit's change against its first parent (the empty tree for a root commit) as a
  // git diff with full index lines and binary data (git show --format= --full-index
  // --binary --no-renames); "" for a merge or a missing commit.
  std::string commit_diff(const std::string& commit) const;
  // The paths that differ between the trees of `from` ("" = the empty tree) and `to`,
  // sorted; throws RepositoryError when a commit cannot be read.
  std::vector<std::string> changed_paths(const std::string& from, const std::string& to) const;
  // The names of the entries of directory `path` ("" = the top) in commit `commit`'s tree,
  // directories with a trailing '/'; empty when there is no such directory.
  std::vector<std::string> list_directory(const std::string& commit, const std::string& path) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

struct RepositoryError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace pt
