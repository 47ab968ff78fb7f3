// `patchtriage hook ...`: git's hook input -> the new commits of queue branches (or the
// changed patches of quilt queues) -> one card per backport -> accept (0) or reject (1).
// A hook that cannot judge exits 2 or 4 with a message saying so, never 1.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>
#include <sstream>

#include "app/commands.hpp"
#include "app/hook_queues.hpp"
#include "repo/hook_install.hpp"
#include "rules/glob.hpp"
#include "rules/rule_files.hpp"
#include "rules/rule_loader.hpp"
#include "util/text.hpp"

namespace pt {

namespace {

namespace fs = std::filesystem;

// One line of git's hook input: pre-receive "old new ref"; pre-push "local_ref local_sha
// remote_ref remote_sha" (githooks(5)).
struct RefUpdate {
  std::string old_sha, new_sha, ref, local_ref;
};

bool is_zero(const std::string& sha) { return sha.find_first_not_of('0') == std::string::npos; }

bool is_sha(const std::string& s) {
  if (s.size() != 40 && s.size() != 64) return false;
  for (char c : s)
    if (!is_hex(c)) return false;
  return true;
}

const char* hook_name(HookKind kind) {
  switch (kind) {
    case HookKind::pre_receive:
      return "pre-receive";
    case HookKind::pre_push:
      return "pre-push";
    case HookKind::post_commit:
      return "post-commit";
    case HookKind::install:
      return "install";
    case HookKind::uninstall:
      return "uninstall";
  }
  return "?";
}

std::vector<RefUpdate> read_updates(std::istream& in, HookKind kind) {
  std::vector<RefUpdate> out;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (trim(line).empty()) continue;
    std::istringstream words(line);
    std::vector<std::string> w;
    for (std::string x; words >> x;) w.push_back(x);
    RefUpdate u;
    if (kind == HookKind::pre_receive && w.size() == 3 && is_sha(w[0]) && is_sha(w[1])) {
      u = {w[0], w[1], w[2], ""};
    } else if (kind == HookKind::pre_push && w.size() == 4 && is_sha(w[1]) && is_sha(w[3])) {
      u = {w[3], w[1], w[2], w[0]};
    } else {
      throw HookConfigError(std::string("hook input line ") + std::to_string(n) + ": expected '" +
                            (kind == HookKind::pre_push
                                 ? "local_ref local_sha remote_ref remote_sha"
                                 : "old_sha new_sha ref") +
                            "', got '" + line + "' (is this the right hook type?)");
    }
    out.push_back(std::move(u));
  }
  return out;
}

// git config's booleans (git-config(1) "Values": true, yes, on, 1 / false, no, off, 0).
bool parse_bool(const std::string& key, const std::string& value) {
  std::string v;
  for (char c : value) v += to_lower(c);
  if (v.empty() || v == "true" || v == "yes" || v == "on" || v == "1") return true;
  if (v == "false" || v == "no" || v == "off" || v == "0") return false;
  throw HookConfigError("git config " + key + ": '" + value + "' is not a boolean (true or false)");
}

std::string expand_home(std::string path) {
  if (path.rfind("~/", 0) == 0)
    if (const char* home = std::getenv("HOME")) path = std::string(home) + path.substr(1);
  return path;
}

// The command line first, then the repository's git config (system, global, local), then
// the defaults: the order of the man page's HOOKS section.
struct HookConfig {
  std::vector<std::string> branches;
  std::string rules, mainline, kernel, branch_pattern;
  bool warn_only = false;
};

HookConfig resolve_config(const Options& o, const Repository& repo) {
  auto last = [&repo](const char* key) {
    std::vector<std::string> v = repo.config_values(key);
    return v.empty() ? std::string() : v.back();
  };
  HookConfig c;
  c.branches = o.hook.branches;
  if (c.branches.empty())
    for (const auto& value : repo.config_values("patchtriage.hookBranches")) {
      std::string word;
      for (char ch : value + " ") {
        if (is_space(ch) || ch == ',') {
          if (!word.empty()) c.branches.push_back(word);
          word.clear();
        } else {
          word += ch;
        }
      }
    }
  if (c.branches.empty()) c.branches = k_default_hook_branches;
  c.rules = !o.rules.empty() ? o.rules : last("patchtriage.hookRules");
  if (c.rules.empty()) c.rules = "hook";
  c.mainline = !o.mainline.empty() ? o.mainline : last("patchtriage.mainline");
  c.kernel = expand_home(!o.hook.kernel.empty() ? o.hook.kernel : last("patchtriage.repo"));
  c.warn_only = o.hook.warn_only;
  if (!c.warn_only) {
    std::vector<std::string> v = repo.config_values("patchtriage.hookWarnOnly");
    if (!v.empty()) c.warn_only = parse_bool("patchtriage.hookWarnOnly", v.back());
  }
  c.branch_pattern = o.branch_pattern;
  return c;
}

bool use_color(ColorMode mode) {
  if (mode == ColorMode::always) return true;
  if (mode == ColorMode::never) return false;
  const char* no_color = std::getenv("NO_COLOR");  // https://no-color.org
  return isatty(STDOUT_FILENO) && !(no_color && *no_color);
}

// The repository the hook runs in: $GIT_DIR (git sets it for hooks), else the one here.
// In pre-receive the pushed objects wait in a quarantine directory (git-receive-pack(1),
// "QUARANTINE ENVIRONMENT"): read them from there too, in memory.
std::unique_ptr<Repository> open_hook_repository() {
  const char* git_dir = std::getenv("GIT_DIR");
  auto repo = std::make_unique<Repository>(git_dir && *git_dir ? git_dir : ".");
  std::set<std::string> seen;
  std::error_code ec;
  seen.insert(fs::weakly_canonical(fs::path(repo->common_dir()) / "objects", ec).string());
  std::vector<std::string> dirs;
  for (const char* var : {"GIT_QUARANTINE_PATH", "GIT_OBJECT_DIRECTORY"})
    if (const char* d = std::getenv(var); d && *d) dirs.emplace_back(d);
  if (const char* alts = std::getenv("GIT_ALTERNATE_OBJECT_DIRECTORIES"); alts && *alts) {
    std::string all = alts;
    for (std::size_t start = 0; start <= all.size();) {
      std::size_t colon = all.find(':', start);
      if (colon == std::string::npos) colon = all.size();
      if (colon > start) dirs.push_back(all.substr(start, colon - start));
      start = colon + 1;
    }
  }
  for (const auto& d : dirs) {
    std::string canonical = fs::weakly_canonical(d, ec).string();
    if (!fs::is_directory(d, ec) || !seen.insert(canonical).second) continue;
    if (!repo->add_object_directory(d))
      throw RepositoryError("cannot read the pushed objects in " + d);
  }
  return repo;
}

// The commits a ref update brings: new, minus what the ref had (or, for a new ref or an old
// value this repository lacks, minus every other branch and remote-tracking branch), minus
// `also_hide` (mainline: its commits are not backports).
std::vector<std::string> new_commits(const Repository& repo, const RefUpdate& u,
                                     const std::string& also_hide, std::size_t max) {
  std::vector<std::string> hide;
  if (!is_zero(u.old_sha) && repo.commit_info(u.old_sha)) {
    hide.push_back(u.old_sha);
  } else {
    for (const char* prefix : {"refs/heads/", "refs/remotes/"})
      for (const auto& [name, commit] : repo.refs(prefix))
        if (name != u.ref && name != u.local_ref) hide.push_back(commit);
  }
  if (!also_hide.empty()) hide.push_back(also_hide);
  std::vector<std::string> commits = repo.rev_list(u.new_sha, hide, max + 1);
  if (commits.size() > max)
    throw HookConfigError(u.ref + " brings more than " + std::to_string(max) +
                          " new commits; is the branch it starts from missing here? "
                          "(--max-commits raises the limit)");
  return commits;
}

// A repository with its history indexes and fact collector, opened once per run.
struct FactSource {
  std::unique_ptr<Repository> owned;
  const Repository* repo = nullptr;
  std::unique_ptr<HistoryIndexes> indexes;
  std::unique_ptr<BackportFactCollector> collector;
  std::optional<std::string> mainline_commit;

  FactSource(const Repository& r, const std::string& wanted_mainline, const std::string& what)
      : repo(&r) {
    init(wanted_mainline, what);
  }
  FactSource(std::unique_ptr<Repository> r, const std::string& wanted_mainline,
             const std::string& what)
      : owned(std::move(r)), repo(owned.get()) {
    init(wanted_mainline, what);
  }

 private:
  void init(const std::string& wanted, const std::string& what) {
    std::string ref = find_mainline(*repo, wanted);
    if (ref.empty())
      throw RepositoryError("no mainline ref " +
                            (wanted.empty()
                                 ? std::string("(master, origin/master, mainline/master)")
                                 : "'" + wanted + "'") +
                            " in the " + what + " " + repo->git_dir() +
                            ": upstream commits cannot be checked (--mainline or git config "
                            "patchtriage.mainline)");
    indexes = std::make_unique<HistoryIndexes>(*repo, ref);
    collector = std::make_unique<BackportFactCollector>(*repo, *indexes);
    mainline_commit = indexes->mainline_commit();
  }
};

bool matches_any(const std::vector<std::string>& globs, const std::string& branch) {
  for (const auto& g : globs)
    if (match_glob(g, branch)) return true;
  return false;
}

// One hook run: the repository, its configuration and rule set, the fact sources opened
// on first need; judges one ref update at a time.
class HookRun {
 public:
  HookRun(const Options& o, const Repository& repo, HookConfig cfg, const RuleSet& rules,
          std::string mainline)
      : m_o(o),
        m_repo(repo),
        m_cfg(std::move(cfg)),
        m_mainline(std::move(mainline)),
        m_style{use_color(o.color), o.ascii},
        m_judge(rules, m_style) {}

  // The cards of one update on stdout; what was judged.
  HookTally judge(const RefUpdate& u) {
    HookTally tally;
    const std::string branch = u.ref.substr(11);
    if (matches_any(m_cfg.branches, branch)) {
      // A commit queue: every new commit is a backport onto the branch before it.
      if (!m_queue) m_queue = std::make_unique<FactSource>(m_repo, m_mainline, "repository");
      std::vector<std::string> commits =
          new_commits(m_repo, u, m_queue->mainline_commit.value_or(""), m_o.hook.max_commits);
      judge_commit_queue(m_repo, *m_queue->collector, m_judge, branch, commits, u.new_sha, m_style,
                         std::cout, tally);
      return tally;
    }
    // A quilt queue (queue-X.Y/series): only a stable-queue style tree holds one; any other
    // branch (mainline, a feature branch) is not ours to judge, however much it brings.
    std::vector<std::string> top;
    for (const auto& name : m_repo.list_directory(u.new_sha, ""))
      if (name.back() == '/') top.push_back(name + "series");
    if (changed_queue_dirs(top).empty()) return tally;
    // The files the push adds or changes: old tree to new tree; for a new branch, what its
    // new commits change.
    std::set<std::string> changed;
    if (!is_zero(u.old_sha) && m_repo.commit_info(u.old_sha)) {
      for (auto& p : m_repo.changed_paths(u.old_sha, u.new_sha)) changed.insert(p);
    } else {
      for (const auto& c : new_commits(m_repo, u, "", m_o.hook.max_commits))
        for (auto& p : m_repo.changed_paths(m_repo.first_parent(c).value_or(""), c))
          changed.insert(p);
    }
    const std::vector<std::string> changed_list(changed.begin(), changed.end());
    const std::vector<std::string> dirs = changed_queue_dirs(changed_list);
    if (dirs.empty()) return tally;  // the push leaves every queue as it was
    if (!m_kernel) {
      if (m_cfg.kernel.empty())
        throw HookConfigError(branch + " changes the quilt queue " + dirs.front() +
                              ", but no kernel repository is configured to apply it to "
                              "(--kernel PATH or git config patchtriage.repo)");
      m_kernel = std::make_unique<FactSource>(std::make_unique<Repository>(m_cfg.kernel),
                                              m_mainline, "kernel repository");
    }
    QuiltKernel kernel{*m_kernel->repo, *m_kernel->collector, m_cfg.branch_pattern};
    for (const auto& dir : dirs)
      judge_quilt_queue(m_repo, u.new_sha, dir, changed_list, kernel, m_judge, m_style, std::cout,
                        tally);
    return tally;
  }

 private:
  const Options& m_o;
  const Repository& m_repo;
  HookConfig m_cfg;
  std::string m_mainline;
  TextStyle m_style;
  HookJudge m_judge;
  std::unique_ptr<FactSource> m_queue, m_kernel;
};

// git's hook input -> ref updates (post-commit: HEAD of the current branch).
std::vector<RefUpdate> hook_updates(const Repository& repo, HookKind kind) {
  if (kind == HookKind::post_commit) {
    std::optional<std::string> head = repo.resolve("HEAD");
    std::string branch = repo.head_branch();
    if (!head || branch.empty()) return {};
    return {{repo.first_parent(*head).value_or(std::string(40, '0')), *head, "refs/heads/" + branch,
             ""}};
  }
  if (isatty(STDIN_FILENO))  // git pipes the ref lines; a terminal means nobody will
    throw HookConfigError(std::string("hook ") + hook_name(kind) +
                          " reads git's hook input on stdin ('old new ref' lines): let git run "
                          "it (patchtriage hook install), or pipe the lines in");
  return read_updates(std::cin, kind);
}

int run_checks(const Options& o) {
  std::unique_ptr<Repository> repo = open_hook_repository();
  HookConfig cfg = resolve_config(o, *repo);

  // The rule set: a broken one is a configuration error, reported before any input is read.
  Expected<RuleSet> rules = load_rule_set(cfg.rules, rule_search_dirs());
  if (!rules) {
    for (const auto& d : rules.error()) std::cerr << to_string(d) << "\n";
    throw HookConfigError("rule set '" + cfg.rules + "' does not load" +
                          (rules.error().empty() ? std::string(": not found") : std::string()));
  }
  if (cfg.branch_pattern.empty()) cfg.branch_pattern = rules->targets.branch_pattern;
  // "master" is also what an unset mainline tries first (then origin/master).
  std::string mainline = cfg.mainline;
  if (mainline.empty() && rules->targets.mainline != "master") mainline = rules->targets.mainline;
  const bool warn_only = cfg.warn_only;

  HookRun run(o, *repo, std::move(cfg), *rules, mainline);
  HookTally total;
  for (const RefUpdate& u : hook_updates(*repo, o.hook.kind)) {
    if (is_zero(u.new_sha) || u.ref.rfind("refs/heads/", 0) != 0) continue;  // deletions, tags
    HookTally tally = run.judge(u);
    if (!tally.judged && !tally.skipped) continue;
    std::cerr << "patchtriage hook: " << u.ref.substr(11) << ": " << tally.judged << " judged, "
              << tally.judged - tally.no << " YES, " << tally.no << " NO";
    if (tally.skipped) std::cerr << ", " << tally.skipped << " not judged";
    std::cerr << "\n";
    total.judged += tally.judged;
    total.no += tally.no;
  }
  if (total.no == 0) return k_exit_yes;
  if (warn_only) {
    std::cerr << "patchtriage hook: " << total.no << " NO (--warn-only: nothing rejected)\n";
    return k_exit_yes;
  }
  std::cerr << "patchtriage hook: " << total.no << " NO: "
            << (o.hook.kind == HookKind::post_commit ? "the commit is not a good backport"
                                                     : "push rejected")
            << " (the cards above say why; --warn-only reports without rejecting)\n";
  return k_exit_no;
}

std::string self_path() {
  std::error_code ec;
  fs::path p = fs::read_symlink("/proc/self/exe", ec);
  if (ec)
    throw HookConfigError("cannot find the patchtriage binary (/proc/self/exe): " + ec.message());
  return p.string();
}

int run_install(const Options& o) {
  std::unique_ptr<Repository> repo = open_hook_repository();
  const std::string type = !o.hook.type.empty()       ? o.hook.type
                           : repo->work_dir().empty() ? "pre-receive"
                                                      : "pre-push";
  // The options given now, written into the script (paths made absolute: hooks run
  // elsewhere).
  std::vector<std::string> args = {type};
  for (const auto& b : o.hook.branches) args.insert(args.end(), {"--branches", b});
  if (o.hook.warn_only) args.push_back("--warn-only");
  if (!o.hook.kernel.empty())
    args.insert(args.end(), {"--kernel", fs::absolute(expand_home(o.hook.kernel)).string()});
  if (!o.rules.empty())
    args.insert(args.end(), {"--rules", is_rule_path(o.rules) || fs::exists(o.rules)
                                            ? fs::absolute(o.rules).string()
                                            : o.rules});
  if (!o.mainline.empty()) args.insert(args.end(), {"--mainline", o.mainline});
  if (!o.branch_pattern.empty()) args.insert(args.end(), {"--branch-pattern", o.branch_pattern});
  const std::string dir = hooks_dir(*repo);
  HookFileChange c = install_hook_file(dir, type, hook_script(self_path(), args), o.hook.force);
  if (c.refused) {
    std::cerr << "patchtriage: hook install: " << c.path
              << " exists and was not written by patchtriage; --force replaces it (keeping it as "
              << c.path << ".before-patchtriage)\n";
    return k_exit_usage;
  }
  std::cout << "patchtriage: installed " << c.path << " (" << type << ")";
  if (!c.backup.empty()) std::cout << "; the previous hook is kept as " << c.backup;
  std::cout << "\n";
  return k_exit_yes;
}

int run_uninstall(const Options& o) {
  std::unique_ptr<Repository> repo = open_hook_repository();
  const std::string dir = hooks_dir(*repo);
  std::vector<std::string> types = {"pre-receive", "pre-push", "post-commit"};
  if (!o.hook.type.empty()) types = {o.hook.type};
  int removed = 0;
  bool refused = false;
  for (const auto& type : types) {
    HookFileChange c = uninstall_hook_file(dir, type);
    if (c.changed) {
      ++removed;
      std::cout << "patchtriage: removed " << c.path;
      if (!c.backup.empty()) std::cout << "; put back the hook it had replaced";
      std::cout << "\n";
    } else if (c.refused && !o.hook.type.empty()) {
      std::cerr << "patchtriage: hook uninstall: " << c.path
                << " was not written by patchtriage; left alone\n";
      refused = true;
    }
  }
  if (!removed && !refused) std::cout << "patchtriage: no patchtriage hook in " << dir << "\n";
  return refused ? k_exit_usage : k_exit_yes;
}

}  // namespace

int run_hook(const Options& o) {
  const char* what = hook_name(o.hook.kind);
  try {
    switch (o.hook.kind) {
      case HookKind::install:
        return run_install(o);
      case HookKind::uninstall:
        return run_uninstall(o);
      default:
        return run_checks(o);
    }
  } catch (const RepositoryError& e) {
    std::cerr << "patchtriage: hook " << what << ": repository error: " << e.what()
              << "\npatchtriage: the hook could not judge (exit " << k_exit_repository
              << "): this is not a verdict on any patch\n";
    return k_exit_repository;
  } catch (const std::exception& e) {
    std::cerr << "patchtriage: hook " << what << ": configuration error: " << e.what()
              << "\npatchtriage: the hook could not judge (exit " << k_exit_usage
              << "): this is not a verdict on any patch\n";
    return k_exit_usage;
  }
}

}  // namespace pt
