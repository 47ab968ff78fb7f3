// repo stage: commits' trees: files, directories, blobs, file merges, diffs between trees.
#include "repo/repository.hpp"

#include <algorithm>

#include "repo/repository_impl.hpp"

namespace pt {

namespace {

using repository_impl::last_error;

}  // namespace

bool Repository::is_directory(const std::string& commit, const std::string& path) const {
  std::lock_guard lock(m_impl->mu);
  git_tree* tree = m_impl->tree_of(commit);
  std::string p = path;
  while (!p.empty() && p.back() == '/') p.pop_back();
  if (p.empty()) return true;
  git_tree_entry* entry = nullptr;
  if (git_tree_entry_bypath(&entry, tree, p.c_str()) != 0) return false;
  bool dir = git_tree_entry_type(entry) == GIT_OBJECT_TREE;
  git_tree_entry_free(entry);
  return dir;
}

std::optional<FileBytes> Repository::read_file_bytes(const std::string& commit,
                                                    const std::string& path) const {
  std::lock_guard lock(m_impl->mu);
  git_tree* tree = m_impl->tree_of(commit);
  git_tree_entry* entry = nullptr;
  if (git_tree_entry_bypath(&entry, tree, path.c_str()) != 0) return std::nullopt;
  std::optional<FileBytes> out;
  if (git_tree_entry_type(entry) == GIT_OBJECT_BLOB) {
    git_blob* blob = nullptr;
    if (git_blob_lookup(&blob, m_impl->repo, git_tree_entry_id(entry)) == 0) {
      std::shared_ptr<const void> owner(blob, [](const void* b) {
        git_blob_free(static_cast<git_blob*>(const_cast<void*>(b)));
      });
      out = FileBytes{{static_cast<const char*>(git_blob_rawcontent(blob)),
                       static_cast<std::size_t>(git_blob_rawsize(blob))},
                      std::move(owner)};
    }
  }
  git_tree_entry_free(entry);
  return out;
}

std::optional<std::string> Repository::read_file(const std::string& commit,
                                                 const std::string& path) const {
  std::optional<FileBytes> file = read_file_bytes(commit, path);
  if (!file) return std::nullopt;
  return std::string(file->bytes);
}

std::optional<std::string> Repository::read_blob(const std::string& hex) const {
  if (hex.find_first_not_of('0') == std::string::npos) return std::nullopt;  // "no file"
  std::lock_guard lock(m_impl->mu);
  // A miss costs a scan of the object directories (libgit2 refreshes them): cheap on a
  // packed repository, ~1 ms with hundreds of thousands of loose objects.
  git_object* obj = m_impl->lookup_prefix(hex, GIT_OBJECT_BLOB, GIT_OID_MINPREFIXLEN);
  if (!obj) return std::nullopt;
  git_blob* blob = reinterpret_cast<git_blob*>(obj);
  std::string out(static_cast<const char*>(git_blob_rawcontent(blob)),
                  static_cast<std::size_t>(git_blob_rawsize(blob)));
  git_object_free(obj);
  return out;
}

std::optional<std::string> Repository::merge_file(const std::string& base, const std::string& ours,
                                                  const std::string& theirs) const {
  git_merge_file_input in_base = GIT_MERGE_FILE_INPUT_INIT, in_ours = GIT_MERGE_FILE_INPUT_INIT,
                       in_theirs = GIT_MERGE_FILE_INPUT_INIT;
  in_base.ptr = base.data();
  in_base.size = base.size();
  in_ours.ptr = ours.data();
  in_ours.size = ours.size();
  in_theirs.ptr = theirs.data();
  in_theirs.size = theirs.size();
  git_merge_file_result result = {};
  if (git_merge_file(&result, &in_base, &in_ours, &in_theirs, nullptr) != 0) return std::nullopt;
  std::optional<std::string> out;
  if (result.automergeable && result.ptr) out.emplace(result.ptr, result.len);
  git_merge_file_result_free(&result);
  return out;
}

// --- Hook mode -------------------------------------------------------------------------

std::string Repository::commit_diff(const std::string& commit) const {
  std::lock_guard lock(m_impl->mu);
  git_commit* c = m_impl->lookup_commit(commit);
  if (!c) return {};
  std::string out;
  git_commit* parent = nullptr;
  git_tree *old_tree = nullptr, *new_tree = nullptr;
  git_diff* diff = nullptr;
  git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
  opts.flags = GIT_DIFF_SHOW_BINARY;
  opts.id_abbrev = GIT_OID_HEXSZ;  // --full-index: the 3-way check reads the preimage blobs
  bool ok = git_commit_parentcount(c) <= 1 && git_commit_tree(&new_tree, c) == 0;
  if (ok && git_commit_parentcount(c) == 1)
    ok = git_commit_parent(&parent, c, 0) == 0 && git_commit_tree(&old_tree, parent) == 0;
  if (ok && git_diff_tree_to_tree(&diff, m_impl->repo, old_tree, new_tree, &opts) == 0) {
    git_buf buf = GIT_BUF_INIT;
    if (git_diff_to_buf(&buf, diff, GIT_DIFF_FORMAT_PATCH) == 0 && buf.ptr) out.assign(buf.ptr, buf.size);
    git_buf_dispose(&buf);
  }
  git_diff_free(diff);
  git_tree_free(new_tree);
  git_tree_free(old_tree);
  git_commit_free(parent);
  git_commit_free(c);
  return out;
}

std::vector<std::string> Repository::changed_paths(const std::string& from, const std::string& to) const {
  std::lock_guard lock(m_impl->mu);
  auto tree_of = [this](const std::string& hex) {
    git_commit* c = m_impl->lookup_commit(hex);
    if (!c) throw RepositoryError("cannot read commit " + hex + ": " + last_error());
    git_tree* tree = nullptr;
    int rc = git_commit_tree(&tree, c);
    git_commit_free(c);
    if (rc != 0) throw RepositoryError("cannot read the tree of " + hex + ": " + last_error());
    return tree;
  };
  git_tree* old_tree = from.empty() ? nullptr : tree_of(from);
  git_tree* new_tree = nullptr;
  try {
    new_tree = tree_of(to);
  } catch (...) {
    git_tree_free(old_tree);
    throw;
  }
  std::vector<std::string> out;
  git_diff* diff = nullptr;
  int rc = git_diff_tree_to_tree(&diff, m_impl->repo, old_tree, new_tree, nullptr);
  if (rc == 0)
    for (std::size_t i = 0; i < git_diff_num_deltas(diff); ++i) {
      const git_diff_delta* d = git_diff_get_delta(diff, i);
      if (d->old_file.path) out.emplace_back(d->old_file.path);
      if (d->new_file.path && (!d->old_file.path || std::string(d->new_file.path) != d->old_file.path))
        out.emplace_back(d->new_file.path);
    }
  git_diff_free(diff);
  git_tree_free(new_tree);
  git_tree_free(old_tree);
  if (rc != 0) throw RepositoryError("cannot compare " + from + " and " + to + ": " + last_error());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> Repository::list_directory(const std::string& commit,
                                                    const std::string& path) const {
  std::lock_guard lock(m_impl->mu);
  std::vector<std::string> out;
  git_tree* root = m_impl->tree_of(commit);
  git_tree* dir = nullptr;
  bool owned = false;
  std::string p = path;
  while (!p.empty() && p.back() == '/') p.pop_back();
  if (p.empty()) {
    dir = root;
  } else {
    git_tree_entry* entry = nullptr;
    if (git_tree_entry_bypath(&entry, root, p.c_str()) != 0) return out;
    if (git_tree_entry_type(entry) == GIT_OBJECT_TREE &&
        git_tree_lookup(&dir, m_impl->repo, git_tree_entry_id(entry)) == 0)
      owned = true;
    git_tree_entry_free(entry);
    if (!owned) return out;
  }
  for (std::size_t i = 0; i < git_tree_entrycount(dir); ++i) {
    const git_tree_entry* e = git_tree_entry_byindex(dir, i);
    out.emplace_back(git_tree_entry_name(e));
    if (git_tree_entry_type(e) == GIT_OBJECT_TREE) out.back() += '/';
  }
  if (owned) git_tree_free(dir);
  return out;
}

}  // namespace pt
