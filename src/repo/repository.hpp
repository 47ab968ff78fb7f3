// repo stage: a kernel git repository, read through libgit2 and never written.
// path + ref names -> trees and file contents (the only place that includes git2.h).
#pragma once

#include <memory>
#include <stdexcept>
#include <optional>
#include <string>
#include <vector>

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
  // Where the repository is (its git directory).
  std::string git_dir() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

struct RepositoryError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace pt
