// repo stage: opening a repository, libgit2's process-wide settings, git config, its places.
#include "repo/repository.hpp"

#include <mutex>

#include "repo/repository_impl.hpp"

namespace pt {

namespace {

using repository_impl::last_error;

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

}  // namespace

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

std::string Repository::work_dir() const {
  const char* dir = git_repository_workdir(m_impl->repo);
  return dir ? dir : "";
}

std::string Repository::common_dir() const { return git_repository_commondir(m_impl->repo); }

}  // namespace pt
