#include "repo/repository.hpp"

#include <git2.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>

namespace pt {

namespace {

std::string last_error() {
  const git_error* e = git_error_last();
  return e && e->message ? e->message : "unknown libgit2 error";
}

// libgit2 wants one init per process before any call.
void init_libgit2() {
  static std::once_flag once;
  std::call_once(once, [] {
    git_libgit2_init();
    // Blobs stay out of libgit2's object cache (its default): the apply checks share a
    // patch's files through TargetFiles, and a batch's workers share hot files through one
    // FileCache, which keeps the blobs (an uncached blob lives by its reference count alone,
    // so one worker's blob serves the others). With blobs cached here as well, the same file
    // was held twice and the trees were pushed out.
    // Trees are cached: by default only trees under 4 KB are, and the kernel's large
    // directories (drivers/, drivers/usb/host/) were inflated again for every file read.
    git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, static_cast<size_t>(1 << 20));
    // libgit2 hashes every object it reads to check its id (git itself does not when
    // reading): 14% of a batch's time. Objects are only read here, never written.
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    // Bounded memory: the pack windows libgit2 maps (8 GB by default; every page touched
    // counts in the process's memory). Measured with bench/apply_bench, history_bench and a
    // batch over the benchmark file: same speed, ~60 MB less in the batch (bench/README.md).
    // The object cache: see cap_object_cache.
    git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, static_cast<size_t>(32) << 20);
    git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, static_cast<size_t>(8) << 20);
  });
}

std::string oid_hex(const git_oid* oid);

}  // namespace

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
      throw RepositoryError("cannot read commit " + commit + ": " + last_error());
    git_tree* tree = nullptr;
    int rc = git_commit_tree(&tree, c);
    git_commit_free(c);
    if (rc != 0) throw RepositoryError("cannot read the tree of " + commit + ": " + last_error());
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

Repository::Repository(const std::string& path) : m_impl(std::make_unique<Impl>()) {
  init_libgit2();
  if (git_repository_open_ext(&m_impl->repo, path.c_str(), 0, nullptr) != 0)
    throw RepositoryError("not a git repository: " + path + " (" + last_error() + ")");
}

Repository::~Repository() = default;

std::optional<std::string> Repository::user_config(const std::string& key) {
  init_libgit2();
  std::optional<std::string> out;
  git_config* cfg = nullptr;
  if (git_config_open_default(&cfg) != 0) return out;
  git_buf value = GIT_BUF_INIT;
  if (git_config_get_path(&value, cfg, key.c_str()) == 0 && value.ptr) out = value.ptr;
  git_buf_dispose(&value);
  git_config_free(cfg);
  return out;
}

void Repository::cap_object_cache(std::size_t bytes) {
  init_libgit2();
  git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, static_cast<ssize_t>(bytes));
}

std::string Repository::find_kernel_tree(const std::string& dir) {
  init_libgit2();
  std::string out;
  git_repository* repo = nullptr;
  if (git_repository_open_ext(&repo, dir.c_str(), 0, nullptr) != 0) return {};
  git_object* top = nullptr;
  bool kernel = false;
  if (git_revparse_single(&top, repo, "HEAD^{tree}") == 0) {
    git_tree* tree = reinterpret_cast<git_tree*>(top);
    kernel = git_tree_entry_byname(tree, "MAINTAINERS") && git_tree_entry_byname(tree, "Kconfig");
    git_object_free(top);
  }
  if (kernel) out = git_repository_workdir(repo) ? git_repository_workdir(repo) : git_repository_path(repo);
  git_repository_free(repo);
  return out;
}

std::string Repository::find_default(const std::string& dir) {
  if (std::optional<std::string> configured = user_config("patchtriage.repo")) return *configured;
  return find_kernel_tree(dir);
}

std::string Repository::git_dir() const { return git_repository_path(m_impl->repo); }

std::optional<std::string> Repository::resolve(const std::string& rev) const {
  std::lock_guard lock(m_impl->mu);
  git_object* obj = nullptr;
  if (git_revparse_single(&obj, m_impl->repo, (rev + "^{commit}").c_str()) != 0) return std::nullopt;
  char hex[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(hex, sizeof hex, git_object_id(obj));
  git_object_free(obj);
  return std::string(hex);
}

std::vector<std::string> Repository::branches() const {
  std::lock_guard lock(m_impl->mu);
  std::vector<std::string> out;
  git_branch_iterator* it = nullptr;
  if (git_branch_iterator_new(&it, m_impl->repo, GIT_BRANCH_LOCAL) != 0) return out;
  git_reference* ref = nullptr;
  git_branch_t type;
  while (git_branch_next(&ref, &type, it) == 0) {
    const char* name = nullptr;
    if (git_branch_name(&name, ref) == 0 && name) out.emplace_back(name);
    git_reference_free(ref);
  }
  git_branch_iterator_free(it);
  return out;
}

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

namespace {
std::string oid_hex(const git_oid* oid) {
  char hex[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(hex, sizeof hex, oid);
  return hex;
}
}  // namespace

std::optional<std::string> Repository::expand(const std::string& hex) const {
  std::lock_guard lock(m_impl->mu);
  git_object* obj = m_impl->lookup_prefix(hex, GIT_OBJECT_COMMIT, 4);
  if (!obj) return std::nullopt;
  std::string out = oid_hex(git_object_id(obj));
  git_object_free(obj);
  return out;
}

std::string Repository::message(const std::string& commit) const {
  std::lock_guard lock(m_impl->mu);
  git_commit* c = m_impl->lookup_commit(commit);
  if (!c) return {};
  std::string out = git_commit_message_raw(c) ? git_commit_message_raw(c) : "";
  git_commit_free(c);
  return out;
}

bool Repository::is_ancestor(const std::string& ancestor, const std::string& descendant) const {
  if (ancestor == descendant) return true;
  std::lock_guard lock(m_impl->mu);
  git_oid a, d;
  if (git_oid_fromstr(&a, ancestor.c_str()) != 0 || git_oid_fromstr(&d, descendant.c_str()) != 0)
    return false;
  return git_graph_descendant_of(m_impl->repo, &d, &a) == 1;
}

std::optional<std::string> Repository::merge_base(const std::string& x, const std::string& y) const {
  std::lock_guard lock(m_impl->mu);
  git_oid a, b, out;
  if (git_oid_fromstr(&a, x.c_str()) != 0 || git_oid_fromstr(&b, y.c_str()) != 0) return std::nullopt;
  if (git_merge_base(&out, m_impl->repo, &a, &b) != 0) return std::nullopt;
  return oid_hex(&out);
}

namespace {

// Stable patch id of a diff (libgit2 implements git patch-id --stable), plus its paths.
std::optional<std::string> diff_patch_id(git_diff* diff, std::vector<std::string>* paths) {
  git_oid id;
  if (git_diff_patchid(&id, diff, nullptr) != 0) return std::nullopt;
  if (paths)
    for (std::size_t i = 0; i < git_diff_num_deltas(diff); ++i) {
      const git_diff_delta* d = git_diff_get_delta(diff, i);
      paths->push_back(d->new_file.path ? d->new_file.path : d->old_file.path);
    }
  return oid_hex(&id);
}

}  // namespace

std::optional<std::string> Repository::patch_id_of_text(std::string_view text) const {
  if (text.empty()) return std::nullopt;
  git_diff* diff = nullptr;
  if (git_diff_from_buffer(&diff, text.data(), text.size()) != 0) return std::nullopt;
  std::optional<std::string> out = diff_patch_id(diff, nullptr);
  git_diff_free(diff);
  return out;
}

std::optional<std::string> Repository::patch_id_of_commit(const std::string& commit,
                                                          std::vector<std::string>* paths) const {
  std::lock_guard lock(m_impl->mu);
  git_commit* c = m_impl->lookup_commit(commit);
  if (!c) return std::nullopt;
  std::optional<std::string> out;
  git_commit* parent = nullptr;
  git_tree *old_tree = nullptr, *new_tree = nullptr;
  git_diff* diff = nullptr;
  if (git_commit_parentcount(c) == 1 && git_commit_parent(&parent, c, 0) == 0 &&
      git_commit_tree(&old_tree, parent) == 0 && git_commit_tree(&new_tree, c) == 0 &&
      git_diff_tree_to_tree(&diff, m_impl->repo, old_tree, new_tree, nullptr) == 0)
    out = diff_patch_id(diff, paths);
  git_diff_free(diff);
  git_tree_free(new_tree);
  git_tree_free(old_tree);
  git_commit_free(parent);
  git_commit_free(c);
  return out;
}

void Repository::walk(const std::string& tip, const std::string& hide, std::size_t limit,
                      const std::function<void(const std::string&, const std::string&)>& visit) const {
  std::lock_guard lock(m_impl->mu);
  git_revwalk* w = nullptr;
  if (git_revwalk_new(&w, m_impl->repo) != 0) throw RepositoryError("revwalk: " + last_error());
  git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
  git_oid oid;
  if (git_oid_fromstr(&oid, tip.c_str()) == 0) git_revwalk_push(w, &oid);
  if (!hide.empty() && git_oid_fromstr(&oid, hide.c_str()) == 0) git_revwalk_hide(w, &oid);
  std::size_t n = 0;
  while (n < limit && git_revwalk_next(&oid, w) == 0) {
    git_commit* c = nullptr;
    if (git_commit_lookup(&c, m_impl->repo, &oid) != 0) continue;
    const char* msg = git_commit_message_raw(c);
    std::string id = oid_hex(&oid);
    std::string text = msg ? msg : "";
    git_commit_free(c);
    visit(id, text);
    ++n;
  }
  git_revwalk_free(w);
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

std::vector<std::pair<std::string, std::string>> Repository::tags() const {
  std::lock_guard lock(m_impl->mu);
  std::vector<std::pair<std::string, std::string>> out;
  git_strarray names = {};
  if (git_tag_list(&names, m_impl->repo) != 0) return out;
  for (std::size_t i = 0; i < names.count; ++i) {
    std::string ref = std::string("refs/tags/") + names.strings[i];
    git_object* obj = nullptr;
    if (git_revparse_single(&obj, m_impl->repo, (ref + "^{commit}").c_str()) != 0) continue;
    out.emplace_back(names.strings[i], oid_hex(git_object_id(obj)));
    git_object_free(obj);
  }
  git_strarray_dispose(&names);
  return out;
}

std::vector<std::string> Repository::blame(const std::string& path, const std::string& newest,
                                           const std::string& oldest, long first,
                                           long last) const {
  std::vector<std::string> out;
  if (first < 1 || last < first) return out;
  std::lock_guard lock(m_impl->mu);
  git_blame_options opts = GIT_BLAME_OPTIONS_INIT;
  if (git_oid_fromstr(&opts.newest_commit, newest.c_str()) != 0) return out;
  if (!oldest.empty() && git_oid_fromstr(&opts.oldest_commit, oldest.c_str()) != 0) return out;
  opts.min_line = static_cast<std::size_t>(first);
  opts.max_line = static_cast<std::size_t>(last);
  git_blame* blame = nullptr;
  if (git_blame_file(&blame, m_impl->repo, path.c_str(), &opts) != 0) return out;
  for (long line = first; line <= last; ++line) {
    const git_blame_hunk* h = git_blame_get_hunk_byline(blame, static_cast<std::size_t>(line));
    if (!h) break;
    out.push_back(oid_hex(&h->final_commit_id));
  }
  git_blame_free(blame);
  return out;
}

long long Repository::commit_time(const std::string& commit) const {
  std::lock_guard lock(m_impl->mu);
  git_commit* c = m_impl->lookup_commit(commit);
  if (!c) return 0;
  long long t = static_cast<long long>(git_commit_time(c));
  git_commit_free(c);
  return t;
}

std::optional<std::string> Repository::first_parent(const std::string& commit) const {
  std::lock_guard lock(m_impl->mu);
  git_commit* c = m_impl->lookup_commit(commit);
  if (!c) return std::nullopt;
  std::optional<std::string> out;
  if (git_commit_parentcount(c) > 0) out = oid_hex(git_commit_parent_id(c, 0));
  git_commit_free(c);
  return out;
}

// --- Hook mode -------------------------------------------------------------------------

bool Repository::add_object_directory(const std::string& dir) {
  std::lock_guard lock(m_impl->mu);
  git_odb* odb = nullptr;
  if (git_repository_odb(&odb, m_impl->repo) != 0) return false;
  // An alternate is only ever read from (libgit2 writes to no alternate).
  int rc = git_odb_add_disk_alternate(odb, dir.c_str());
  git_odb_free(odb);
  return rc == 0;
}

std::vector<std::string> Repository::rev_list(const std::string& tip,
                                              const std::vector<std::string>& hide,
                                              std::size_t limit) const {
  std::lock_guard lock(m_impl->mu);
  std::vector<std::string> out;
  git_revwalk* w = nullptr;
  if (git_revwalk_new(&w, m_impl->repo) != 0) throw RepositoryError("revwalk: " + last_error());
  git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
  git_oid oid;
  if (git_oid_fromstr(&oid, tip.c_str()) != 0 || git_revwalk_push(w, &oid) != 0) {
    git_revwalk_free(w);
    return out;
  }
  for (const auto& h : hide)
    if (git_oid_fromstr(&oid, h.c_str()) == 0) git_revwalk_hide(w, &oid);  // unknown ids: ignored
  while (out.size() < limit && git_revwalk_next(&oid, w) == 0) out.push_back(oid_hex(&oid));
  git_revwalk_free(w);
  return out;
}

std::vector<std::pair<std::string, std::string>> Repository::refs(const std::string& prefix) const {
  std::lock_guard lock(m_impl->mu);
  std::vector<std::pair<std::string, std::string>> out;
  git_reference_iterator* it = nullptr;
  if (git_reference_iterator_glob_new(&it, m_impl->repo, (prefix + "*").c_str()) != 0) return out;
  git_reference* ref = nullptr;
  while (git_reference_next(&ref, it) == 0) {
    git_object* obj = nullptr;
    if (git_reference_peel(&obj, ref, GIT_OBJECT_COMMIT) == 0) {
      out.emplace_back(git_reference_name(ref), oid_hex(git_object_id(obj)));
      git_object_free(obj);
    }
    git_reference_free(ref);
  }
  git_reference_iterator_free(it);
  return out;
}

std::vector<std::string> Repository::config_values(const std::string& key) const {
  std::lock_guard lock(m_impl->mu);
  std::vector<std::string> out;
  git_config* cfg = nullptr;
  if (git_repository_config_snapshot(&cfg, m_impl->repo) != 0) return out;
  git_config_iterator* it = nullptr;
  if (git_config_multivar_iterator_new(&it, cfg, key.c_str(), nullptr) == 0) {
    git_config_entry* entry = nullptr;
    while (git_config_next(&entry, it) == 0) out.emplace_back(entry->value ? entry->value : "");
    git_config_iterator_free(it);
  }
  git_config_free(cfg);
  return out;
}

std::string Repository::head_branch() const {
  std::lock_guard lock(m_impl->mu);
  git_reference* head = nullptr;
  if (git_reference_lookup(&head, m_impl->repo, "HEAD") != 0) return {};
  std::string out;
  if (git_reference_type(head) == GIT_REFERENCE_SYMBOLIC) {
    std::string target = git_reference_symbolic_target(head);
    if (target.rfind("refs/heads/", 0) == 0) out = target.substr(11);
  }
  git_reference_free(head);
  return out;
}

std::string Repository::work_dir() const {
  const char* dir = git_repository_workdir(m_impl->repo);
  return dir ? dir : "";
}

std::string Repository::common_dir() const { return git_repository_commondir(m_impl->repo); }

std::optional<Repository::CommitInfo> Repository::commit_info(const std::string& commit) const {
  std::lock_guard lock(m_impl->mu);
  git_commit* c = m_impl->lookup_commit(commit);
  if (!c) return std::nullopt;
  CommitInfo info;
  info.id = oid_hex(git_commit_id(c));
  const git_signature* author = git_commit_author(c);
  info.author_name = author->name ? author->name : "";
  info.author_email = author->email ? author->email : "";
  info.author_time = static_cast<long long>(author->when.time);
  info.author_offset = author->when.offset;
  info.message = git_commit_message_raw(c) ? git_commit_message_raw(c) : "";
  info.parents = git_commit_parentcount(c);
  git_commit_free(c);
  return info;
}

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
