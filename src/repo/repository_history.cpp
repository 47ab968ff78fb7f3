// repo stage: commits, refs and tags, patch ids, blame, and walks of the history.
#include "repo/repository.hpp"

#include "repo/repository_impl.hpp"

namespace pt {

namespace {

using repository_impl::last_error;

std::string oid_hex(const git_oid* oid) {
  char hex[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(hex, sizeof hex, oid);
  return hex;
}

}  // namespace

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

}  // namespace pt
