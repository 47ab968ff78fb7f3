#include "app/hook_queues.hpp"

#include <cstdio>
#include <map>
#include <set>

#include "facts/quilt_series.hpp"
#include "input/mbox_splitter.hpp"
#include "patch/patch_builder.hpp"
#include "repo/commit_patch.hpp"
#include "util/text.hpp"

namespace pt {

namespace {

// A block in the cards' frame for what is not a patch card: a skipped commit, the series file.
void print_block(std::ostream& out, const TextStyle& style, const std::string& title,
                 const std::vector<std::pair<std::string, std::string>>& fields) {
  out << (style.ascii ? "+ " : "┌ ") << title << "\n";
  for (const auto& [name, value] : fields) {
    std::string label = name;
    if (label.size() < 10) label.resize(10, ' ');
    out << (style.ascii ? "| " : "│ ") << label << value << "\n";
  }
  out << (style.ascii ? "+-" : "└─") << "\n";
  out.flush();
}

std::string title_of(const std::string& message) {
  return std::string(trim(std::string_view(message).substr(0, message.find('\n'))));
}

// A quilt patch file is a mail (stable-queue's carry "From <sha> ..." lines and headers).
std::optional<Patch> parse_patch_file(const std::string& bytes, const std::string& source) {
  std::optional<RawMessage> first;
  MboxSplitter split(source, MboxDialect::detect, [&first](RawMessage&& m) {
    if (!first) first = std::move(m);
  });
  split.feed(bytes);
  split.finish();
  if (!first) return std::nullopt;
  return build_patch(*first, MailInfoOptions{});
}

}  // namespace

std::string stable_version_of(const std::string& name) {
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (!is_digit(name[i]) || (i > 0 && is_digit(name[i - 1]))) continue;
    std::size_t j = i;
    while (j < name.size() && is_digit(name[j])) ++j;
    if (j + 1 >= name.size() || name[j] != '.' || !is_digit(name[j + 1])) continue;
    std::size_t k = j + 1;
    while (k < name.size() && is_digit(name[k])) ++k;
    return name.substr(i, k - i);
  }
  return {};
}

void judge_commit_queue(const Repository& repo, BackportFactCollector& collector,
                        const HookJudge& judge, const std::string& branch,
                        const std::vector<std::string>& commits, const std::string& tip,
                        const TextStyle& style, std::ostream& out, HookTally& tally) {
  const std::string version = stable_version_of(branch);
  // As the stable review mails name the tree: "[PATCH 6.6 12/80]".
  const std::string prefix = version.empty() ? "PATCH" : "PATCH " + version;
  for (const auto& c : commits) {
    std::optional<Repository::CommitInfo> info = repo.commit_info(c);
    if (!info) throw RepositoryError("cannot read commit " + c);
    const std::string id = c.substr(0, 12);
    const std::string title = "commit " + id + " on " + branch + ": " + title_of(info->message);
    if (info->parents != 1) {
      print_block(out, style, title,
                  {{"skipped", info->parents ? "a merge commit: not a backport, not judged"
                                             : "a root commit: nothing to judge it against"}});
      ++tally.skipped;
      continue;
    }
    std::optional<Patch> patch = commit_patch(repo, c, prefix, "commit " + id + " on " + branch);
    if (!patch || !patch->is_patch) {
      print_block(out, style, title, {{"skipped", "changes no file: nothing to judge"}});
      ++tally.skipped;
      continue;
    }
    BackportTarget target{branch, *repo.first_parent(c), "the branch before " + id, nullptr, tip,
                          {}};
    PatchFacts facts = collector.collect(*patch, target);
    Decision d = judge.judge(*patch, facts, out);
    ++tally.judged;
    if (d.verdict == Verdict::no) ++tally.no;
  }
}

std::vector<std::string> changed_queue_dirs(const std::vector<std::string>& changed) {
  std::set<std::string> dirs;
  for (const auto& path : changed) {
    std::size_t slash = path.find('/');
    if (slash == std::string::npos) continue;
    std::string dir = path.substr(0, slash);
    // stable-queue: queue-6.6/, queue-5.15/ (releases/ holds what was released: not a queue)
    if (starts_with(dir, "queue-") && stable_version_of(dir) == dir.substr(6)) dirs.insert(dir);
  }
  return {dirs.begin(), dirs.end()};
}

namespace {

// The series file of `dir` against the directory, as a card of its own; its entries.
std::vector<SeriesEntry> judge_series_file(const Repository& queue_repo, const std::string& tip,
                                           const std::string& dir,
                                           const std::vector<std::string>& files,
                                           const TextStyle& style, std::ostream& out,
                                           HookTally& tally) {
  const std::string series_path = dir + "/series";
  std::optional<std::string> text = queue_repo.read_file(tip, series_path);
  std::vector<SeriesEntry> entries = text ? parse_series(*text) : std::vector<SeriesEntry>{};
  std::vector<std::pair<std::string, std::string>> fields;
  if (!text) fields.push_back({"problem", "no series file: quilt cannot apply the queue"});
  for (const auto& p : check_series(entries, files)) fields.push_back({"problem", describe(p)});
  const bool ok = fields.empty();
  std::string counts =
      std::to_string(entries.size()) + (entries.size() == 1 ? " patch, " : " patches, ");
  counts +=
      std::to_string(files.size()) + (files.size() == 1 ? " file in " : " files in ") + dir + "/";
  fields.insert(fields.begin(), {"entries", counts});
  fields.push_back({"verdict", ok ? "YES (series file and directory agree)"
                                  : "NO (quilt would fail or skip files)"});
  print_block(out, style, series_path, fields);
  ++tally.judged;
  if (!ok) ++tally.no;
  return entries;
}

// One entry of the series with a file: its patch object and whether the push changed it.
struct QuiltItem {
  SeriesEntry entry;
  std::optional<Patch> patch;
  bool changed = false;
};

}  // namespace

void judge_quilt_queue(const Repository& queue_repo, const std::string& tip, const std::string& dir,
                       const std::vector<std::string>& changed, QuiltKernel& kernel,
                       const HookJudge& judge, const TextStyle& style, std::ostream& out,
                       HookTally& tally) {
  const std::vector<std::string> files = queue_repo.list_directory(tip, dir);
  if (files.empty()) return;  // the push removed the queue
  const std::set<std::string> changed_set(changed.begin(), changed.end());
  const std::vector<SeriesEntry> entries =
      judge_series_file(queue_repo, tip, dir, files, style, out, tally);

  // The stable branch of the queue's version in the kernel repository.
  int major = 0, minor = 0;
  std::sscanf(stable_version_of(dir).c_str(), "%d.%d", &major, &minor);
  const std::string branch = branch_for(kernel.branch_pattern, major, minor);
  const std::optional<std::string> base = kernel.repo.resolve(branch);
  if (!base)
    throw RepositoryError("the kernel repository " + kernel.repo.git_dir() + " has no branch " +
                          branch + " for " + dir + " (--kernel, --branch-pattern)");

  // Every entry with a file, parsed, with the upstream commits it names.
  std::vector<QuiltItem> items;
  std::vector<QueuedPatch> queued;
  for (const auto& e : entries) {
    const std::string path = dir + "/" + e.name;
    std::optional<std::string> bytes = queue_repo.read_file(tip, path);
    if (!bytes) continue;  // reported with the series
    QuiltItem item{e, parse_patch_file(*bytes, path), changed_set.count(path) > 0};
    QueuedPatch q{e.name, {}, false};
    if (item.patch)
      for (const auto& u : item.patch->upstream)
        if (auto full = kernel.repo.expand(u.sha)) q.upstream.push_back(*full);
    items.push_back(std::move(item));
    queued.push_back(std::move(q));
  }

  // In series order, each on the branch with the earlier ones applied (in memory); the
  // changed ones judged there.
  const std::string target_name = branch + "+" + dir;
  std::map<std::string, std::optional<std::string>> overlay;
  const std::string commit = *base;
  FileReader read = [&overlay, &kernel,
                     commit](const std::string& p) -> std::optional<std::string> {
    if (auto it = overlay.find(p); it != overlay.end()) return it->second;
    return kernel.repo.read_file(commit, p);
  };
  std::size_t applied = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const QuiltItem& item = items[i];
    const std::string path = dir + "/" + item.entry.name;
    const bool has_diff = item.patch && item.patch->is_patch;
    if (item.changed && !has_diff) {
      print_block(out, style, path,
                  {{"problem", "series line " + std::to_string(item.entry.line) +
                                   ": the file holds no patch (no diff)"},
                   {"verdict", "NO (quilt cannot apply it)"}});
      ++tally.judged;
      ++tally.no;
    } else if (item.changed) {
      std::vector<QueuedPatch> others;
      for (std::size_t k = 0; k < queued.size(); ++k)
        if (k != i) {
          others.push_back(queued[k]);
          others.back().before = k < i;
        }
      std::string where =
          "series line " + std::to_string(item.entry.line) + ", after " + std::to_string(applied);
      where += (applied == 1 ? " earlier patch of " : " earlier patches of ") + dir;
      BackportTarget target{target_name, commit, where, &overlay, "", std::move(others)};
      PatchFacts facts = kernel.collector.collect(*item.patch, target);
      Decision d = judge.judge(*item.patch, facts, out);
      ++tally.judged;
      if (d.verdict == Verdict::no) ++tally.no;
    }
    if (!has_diff) continue;
    std::map<std::string, std::optional<std::string>> contents;
    ApplyResult r = check_apply(item.patch->diff, read, false, &contents);
    if (applies(r.status)) {
      for (auto& [p, bytes] : contents) overlay[p] = std::move(bytes);
      ++applied;
    } else if (!item.changed) {
      out << "patchtriage hook: note: " << path << " (unchanged) does not apply to " << target_name
          << "; the patches after it are checked without it\n";
    }
  }
}

}  // namespace pt
