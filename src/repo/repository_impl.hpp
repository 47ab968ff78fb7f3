// repo stage, inside Repository: the libgit2 handle and the commit trees its reads share.
// Repository's state for repository.cpp (opening, config), repository_history.cpp (commits,
// refs, walks) and repository_trees.cpp (trees, files, blobs); not for use elsewhere.
#pragma once

#include <git2.h>

#include <cctype>
#include <map>
#include <mutex>
#include <string>

#include "repo/repository.hpp"

namespace pt {

namespace repository_impl {

// libgit2's message for the last call that failed on this thread.
inline std::string last_error() {
  const git_error* e = git_error_last();
  return e && e->message ? e->message : "unknown libgit2 error";
}

}  // namespace repository_impl

struct Repository::Impl {
  git_repository* repo = nullptr;
  // Trees of the commits asked about, looked up once: every file read goes through one.
  mutable std::mutex mu;
  mutable std::map<std::string, git_tree*> trees;
  ~Impl() {
    for (auto& [id, tree] : trees) git_tree_free(tree);
    git_repository_free(repo);
  }
  // The root tree of `commit`, looked up once and kept; throws when the commit or its tree
  // cannot be read. Call with `mu` held.
  git_tree* tree_of(const std::string& commit) const {
    if (auto it = trees.find(commit); it != trees.end()) return it->second;
    git_oid oid;
    git_commit* c = nullptr;
    if (git_oid_fromstr(&oid, commit.c_str()) != 0 || git_commit_lookup(&c, repo, &oid) != 0)
      throw RepositoryError("cannot read commit " + commit + ": " + repository_impl::last_error());
    git_tree* tree = nullptr;
    int rc = git_commit_tree(&tree, c);
    git_commit_free(c);
    if (rc != 0) throw RepositoryError("cannot read the tree of " + commit + ": " + repository_impl::last_error());
    trees.emplace(commit, tree);
    return tree;
  }
  // The object of `type` an abbreviated hex id names (the caller frees it), nullptr when
  // there is none, it is ambiguous, or `hex` is not min_length..40 hex digits.
  git_object* lookup_prefix(const std::string& hex, git_object_t type, std::size_t min_length) const {
    if (hex.size() < min_length || hex.size() > GIT_OID_HEXSZ) return nullptr;
    for (char c : hex)
      if (!std::isxdigit(static_cast<unsigned char>(c))) return nullptr;
    git_oid prefix;
    git_object* obj = nullptr;
    if (git_oid_fromstrn(&prefix, hex.c_str(), hex.size()) != 0 ||
        git_object_lookup_prefix(&obj, repo, &prefix, hex.size(), type) != 0)
      return nullptr;
    return obj;
  }
  // The commit a full hex id names (the caller frees it), nullptr when there is none.
  git_commit* lookup_commit(const std::string& hex) const {
    git_oid oid;
    git_commit* c = nullptr;
    if (git_oid_fromstr(&oid, hex.c_str()) != 0 || git_commit_lookup(&c, repo, &oid) != 0) return nullptr;
    return c;
  }
};

}  // namespace pt
