#include "repo/apply_check.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "repo/spare_lines.hpp"
#include "util/text.hpp"

// git apply's matching rules (apply.c: apply_one_fragment, find_pos, match_fragment), with
// its defaults: no context reduction, exact lines, no whitespace fixing. Learned from the
// rules, written here over an in-memory image of each file.

namespace pt {

const char* to_string(ApplyStatus s) {
  switch (s) {
    case ApplyStatus::clean: return "clean";
    case ApplyStatus::offset: return "offset";
    case ApplyStatus::reduced_context: return "reduced_context";
    case ApplyStatus::three_way: return "three_way";
    case ApplyStatus::conflict: return "conflict";
    case ApplyStatus::missing_file: return "missing_file";
    case ApplyStatus::already_exists: return "already_exists";
    case ApplyStatus::unsupported: return "unsupported";
    case ApplyStatus::invalid_path: return "invalid_path";
  }
  return "conflict";
}

namespace {

using Line = FileLine;

// A file's lines as the hunks applied so far left them. Until a hunk changes them they are
// the TargetFiles' own lines, not a copy: most checks only search (a conflict changes
// nothing). Bytes belong to the TargetFiles or to the diff's hunks.
class Image {
 public:
  Image() = default;
  explicit Image(std::shared_ptr<const TargetFiles::File> file)
      : m_file(std::move(file)), m_target(&m_file->lines) {}
  Image(const Image&) = default;
  Image(Image&&) = default;
  Image& operator=(const Image&) = default;
  Image& operator=(Image&&) = default;
  ~Image() { spare_lines::give(std::move(m_own)); }
  const std::vector<Line>& lines() const { return m_target ? *m_target : m_own; }
  // Replaces `count` lines at `at` by `with`.
  void replace(std::size_t at, std::size_t count, const std::vector<Line>& with) {
    if (m_target) {
      m_own = spare_lines::take(m_target->size() - count + with.size());
      m_own.assign(m_target->begin(), m_target->begin() + static_cast<long>(at));
      m_own.insert(m_own.end(), with.begin(), with.end());
      m_own.insert(m_own.end(), m_target->begin() + static_cast<long>(at + count), m_target->end());
      m_target = nullptr;
      return;
    }
    m_own.erase(m_own.begin() + static_cast<long>(at), m_own.begin() + static_cast<long>(at + count));
    m_own.insert(m_own.begin() + static_cast<long>(at), with.begin(), with.end());
  }

 private:
  std::shared_ptr<const TargetFiles::File> m_file;  // the bytes the lines point into
  const std::vector<Line>* m_target = nullptr;
  std::vector<Line> m_own;
};

void split_lines(std::string_view bytes, std::vector<Line>& lines) {
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    std::size_t nl = bytes.find('\n', pos);
    if (nl == std::string_view::npos) {
      lines.push_back({bytes.substr(pos), false});
      break;
    }
    lines.push_back({bytes.substr(pos, nl - pos), true});
    pos = nl + 1;
  }
}

struct Fragment {
  std::vector<Line> pre, post;
  int leading = 0, trailing = 0;
  long old_start = 0, new_start = 0;
};

// Pre- and postimage of a hunk, reversed for -R; "\ No newline at end of file" takes the
// newline off the line before it.
Fragment fragment_of(const Hunk& h, bool reverse) {
  Fragment f;
  f.old_start = reverse ? h.new_start : h.old_start;
  f.new_start = reverse ? h.old_start : h.new_start;
  const char del = reverse ? '+' : '-', add = reverse ? '-' : '+';
  char last = 0;
  bool seen_change = false;
  for (std::size_t i = 0; i < h.lines.size(); ++i) {
    std::string_view l = h.lines[i];
    if (l.empty()) continue;
    char m = l[0];
    std::string_view text = l.substr(1);
    if (m == '\\') {
      if (last == ' ' || last == del)
        if (!f.pre.empty()) f.pre.back().eol = false;
      if (last == ' ' || last == add)
        if (!f.post.empty()) f.post.back().eol = false;
      continue;
    }
    if (m == ' ') {
      f.pre.push_back({text, true});
      f.post.push_back({text, true});
      if (!seen_change) ++f.leading;
      ++f.trailing;
    } else if (m == del) {
      f.pre.push_back({text, true});
      seen_change = true;
      f.trailing = 0;
    } else if (m == add) {
      f.post.push_back({text, true});
      seen_change = true;
      f.trailing = 0;
    }
    last = m;
  }
  if (!seen_change) f.trailing = 0;  // all context: git counts it as leading
  return f;
}

bool matches_at(const Image& img, const std::vector<Line>& pre, std::size_t at, bool match_beginning,
                bool match_end) {
  if (match_beginning && at != 0) return false;
  if (at + pre.size() > img.lines().size()) return false;
  if (match_end && at + pre.size() != img.lines().size()) return false;
  for (std::size_t k = 0; k < pre.size(); ++k)
    if (!(img.lines()[at + k] == pre[k])) return false;
  return true;
}

// git's find_pos: try the stated line, then alternately one further forward and back
// (forward first at equal distance). Only lines equal to the preimage's first line can
// start a match, so the two directions are scanned for those and merged by distance.
long find_pos(const Image& img, const std::vector<Line>& pre, long line, bool match_beginning,
              bool match_end) {
  const long n = static_cast<long>(img.lines().size());
  const long len = static_cast<long>(pre.size());
  if (match_beginning) line = 0;
  else if (match_end) line = n - len;
  if (line < 0 || line > n) line = n;  // git: unsigned comparison
  if (match_beginning || match_end || pre.empty())  // one place can match
    return matches_at(img, pre, static_cast<std::size_t>(line), match_beginning, match_end) ? line : -1;
  const Line& first = pre.front();
  const long last_start = n - len;  // a match must fit in the file
  auto starts_at = [&](long at) { return img.lines()[static_cast<std::size_t>(at)] == first; };
  auto next_forward = [&](long from) {
    for (long at = from; at <= last_start; ++at)
      if (starts_at(at)) return at;
    return -1L;
  };
  auto next_backward = [&](long from) {
    for (long at = std::min(from, last_start); at >= 0; --at)
      if (starts_at(at)) return at;
    return -1L;
  };
  long fwd = next_forward(line), bwd = next_backward(line - 1);
  while (fwd >= 0 || bwd >= 0) {
    bool forward = fwd >= 0 && (bwd < 0 || fwd - line <= line - bwd);
    long at = forward ? fwd : bwd;
    if (matches_at(img, pre, static_cast<std::size_t>(at), false, false)) return at;
    if (forward) fwd = next_forward(at + 1);
    else bwd = next_backward(at - 1);
  }
  return -1;
}

// git apply refuses these names whatever the tree holds (apply.c check_unsafe_path ->
// read-cache.c verify_path): empty, absolute, a trailing '/', an empty, "." or ".."
// component, a ".git" component in any case, a symlink named .gitmodules. (git's NTFS and
// HFS spellings of .git are not checked.) Returns why, or nullptr for a name git accepts.
const char* unsafe_path_reason(std::string_view path, std::string_view mode) {
  if (path.empty()) return "an empty name";
  if (path.front() == '/') return "an absolute name";
  if (path.back() == '/') return "a name ending in '/'";
  for (std::size_t start = 0;;) {
    std::size_t end = path.find('/', start);
    std::string_view c = path.substr(start, end == std::string_view::npos ? end : end - start);
    if (c.empty()) return "an empty component";
    if (c == "." || c == "..") return c == "." ? "a '.' component" : "a '..' component";
    if (iequals(c, ".git")) return "a '.git' component";
    if (mode == "120000" && iequals(c, ".gitmodules")) return "a symlink named .gitmodules";
    if (end == std::string_view::npos) return nullptr;
    start = end + 1;
  }
}

// The leading directory of `path` that an earlier file of the patch made a symlink, or "".
std::string symlink_prefix(const std::string& path, const std::set<std::string>& links) {
  for (std::size_t slash = path.find('/'); slash != std::string::npos;
       slash = path.find('/', slash + 1))
    if (links.count(path.substr(0, slash))) return path.substr(0, slash);
  return {};
}

std::string first_mismatch(const Image& img, const std::vector<Line>& pre, long at) {
  for (std::size_t k = 0; k < pre.size(); ++k) {
    std::size_t i = static_cast<std::size_t>(std::max(0L, at)) + k;
    if (i >= img.lines().size() || !(img.lines()[i] == pre[k])) return std::string(pre[k].text);
  }
  return {};
}

}  // namespace

TargetFiles::File::~File() { spare_lines::give(std::move(lines)); }

TargetFiles::TargetFiles(FileReader read, std::size_t budget)
    : m_read([read = std::move(read)](const std::string& path) -> std::optional<FileBytes> {
        std::optional<std::string> text = read(path);
        if (!text) return std::nullopt;
        return FileBytes::of(std::move(*text));
      }),
      m_budget(budget) {}

std::shared_ptr<const TargetFiles::File> TargetFiles::get(const std::string& path) {
  if (auto it = m_files.find(path); it != m_files.end()) return it->second;
  std::shared_ptr<File> file;
  if (std::optional<FileBytes> bytes = m_read(path)) {
    file = std::make_shared<File>();
    file->bytes = std::move(*bytes);
    std::string_view text = file->bytes.bytes;
    file->lines =
        spare_lines::take(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
    split_lines(text, file->lines);
  }
  std::size_t size = file ? file->bytes.bytes.size() + file->lines.size() * sizeof(Line) : 0;
  if (m_kept + size <= m_budget) {
    m_kept += size;
    m_files.emplace(path, file);
  }
  return file;
}

FileReader TargetFiles::reader() {
  return [this](const std::string& path) -> std::optional<std::string> {
    if (auto f = get(path)) return std::string(f->bytes.bytes);
    return std::nullopt;
  };
}

ApplyResult check_apply(const Diff& diff, const FileReader& read, bool reverse,
                        std::map<std::string, std::optional<std::string>>* contents,
                        int min_context) {
  TargetFiles files(read);
  return check_apply(diff, files, reverse, contents, min_context);
}

ApplyStatus worse(ApplyStatus a, ApplyStatus b) {
  auto rank = [](ApplyStatus s) {
    switch (s) {
      case ApplyStatus::clean: return 0;
      case ApplyStatus::offset: return 1;
      case ApplyStatus::reduced_context: return 2;
      case ApplyStatus::unsupported: return 2;
      case ApplyStatus::three_way: return 3;
      case ApplyStatus::conflict: return 4;
      case ApplyStatus::already_exists: return 5;
      case ApplyStatus::missing_file: return 6;
      case ApplyStatus::invalid_path: return 7;
    }
    return 4;
  };
  return rank(b) > rank(a) ? b : a;
}

ApplyResult check_apply(const Diff& diff, TargetFiles& files, bool reverse,
                        std::map<std::string, std::optional<std::string>>* contents,
                        int min_context) {
  ApplyResult result;
  // Files this patch already touched: later file diffs see their new state.
  std::map<std::string, std::optional<Image>> touched;
  std::set<std::string> links;  // symlinks earlier files of the patch create
  auto current = [&](const std::string& path) -> std::optional<Image> {
    if (auto it = touched.find(path); it != touched.end()) return it->second;
    std::shared_ptr<const TargetFiles::File> file = files.get(path);
    if (!file) return std::nullopt;
    return Image(std::move(file));
  };
  auto exists = [&](const std::string& path) {
    if (auto it = touched.find(path); it != touched.end()) return it->second.has_value();
    return files.get(path) != nullptr;
  };
  // How many of the file diffs still to come read each path as their old file. A touched
  // file's new lines are kept only while one will (or for `contents`); otherwise only that
  // it exists is: an image holds its file, so a treewide patch kept every file it changed,
  // past the TargetFiles' budget (~7 MB of lines for 247 files, per check).
  std::map<std::string_view, int> reads_left;  // keys: the diff's paths
  if (!contents)
    for (const FileDiff& fd : diff.files)
      if (const std::string& old_path = reverse ? fd.new_path : fd.old_path; !old_path.empty())
        ++reads_left[old_path];
  for (const FileDiff& fd : diff.files) {
    FileResult fr;
    std::string old_path = reverse ? fd.new_path : fd.old_path;
    std::string new_path = reverse ? fd.old_path : fd.new_path;
    if (auto it = reads_left.find(old_path); it != reads_left.end()) --it->second;
    bool creates = old_path.empty();
    bool deletes = new_path.empty();
    fr.path = creates ? new_path : old_path;
    std::optional<Image> img;
    if (creates) {
      if (exists(new_path)) {
        fr.status = ApplyStatus::already_exists;
        fr.detail = "already exists";
      } else {
        img = Image{};
      }
    } else {
      img = current(old_path);
      if (!img) {
        fr.status = ApplyStatus::missing_file;
        fr.detail = "does not exist";
      }
    }
    if (img && !creates && !deletes && new_path != old_path && exists(new_path)) {
      fr.status = ApplyStatus::already_exists;  // a rename or copy onto an existing file
      fr.detail = new_path + " already exists";
      img.reset();
    }
    // Names git apply refuses, checked where git checks them: after the files' existence.
    const std::string& old_mode = reverse ? fd.new_mode : fd.old_mode;
    const std::string& new_mode = reverse ? fd.old_mode : fd.new_mode;
    bool checks_old = img && !creates && fd.status != FileStatus::copied;
    const char* why = nullptr;
    std::string link;
    if (checks_old && (why = unsafe_path_reason(old_path, old_mode)))
      fr.path = old_path;
    else if (img && !deletes && (why = unsafe_path_reason(new_path, new_mode)))
      fr.path = new_path;
    else if (img && !deletes && !(link = symlink_prefix(new_path, links)).empty())
      fr.path = new_path;
    if (why || !link.empty()) {
      fr.status = ApplyStatus::invalid_path;
      fr.detail = why ? std::string("is an invalid path (") + why + "), which git apply refuses"
                      : "is beyond a symbolic link (" + link + ", created by an earlier file "
                        "of the patch), which git apply refuses";
      img.reset();
    }
    if (img && fd.binary) {
      fr.status = ApplyStatus::unsupported;
      fr.detail = "binary patch: contents not checked";
    } else if (img) {
      for (const Hunk& h : fd.hunks) {
        Fragment f = fragment_of(h, reverse);
        HunkResult hr;
        hr.expected_line = f.new_start;
        // git: a hunk at line 0 or 1 must match at the start; one without trailing context
        // must match at the end.
        bool match_beginning = f.old_start == 0 || f.old_start == 1;
        bool match_end = f.trailing == 0;
        long pos = f.new_start ? f.new_start - 1 : 0;
        long at = find_pos(*img, f.pre, pos, match_beginning, match_end);
        bool reduced = false;
        // git apply -C<n>: drop context lines, the longer side first, until it matches or
        // no more than n lines of context are left on either side.
        while (at < 0 && min_context >= 0 &&
               (f.leading > min_context || f.trailing > min_context)) {
          if (match_beginning || match_end) {
            match_beginning = match_end = false;
          } else {
            if (f.leading >= f.trailing) {
              f.pre.erase(f.pre.begin());
              f.post.erase(f.post.begin());
              --pos;
              --f.leading;
            }
            if (f.trailing > f.leading) {
              f.pre.pop_back();
              f.post.pop_back();
              --f.trailing;
            }
            reduced = true;
          }
          at = find_pos(*img, f.pre, std::max(0L, pos), match_beginning, match_end);
        }
        if (at < 0) {
          hr.status = ApplyStatus::conflict;
          hr.first_mismatch = first_mismatch(*img, f.pre, pos);
          fr.status = worse(fr.status, ApplyStatus::conflict);
          fr.hunks.push_back(std::move(hr));
          continue;
        }
        hr.applied_line = at + 1;
        hr.offset = at - pos;
        hr.status = reduced ? ApplyStatus::reduced_context
                            : hr.offset ? ApplyStatus::offset : ApplyStatus::clean;
        fr.status = worse(fr.status, hr.status);
        img->replace(static_cast<std::size_t>(at), f.pre.size(), f.post);
        fr.hunks.push_back(std::move(hr));
      }
      if (deletes && fr.status != ApplyStatus::conflict && !img->lines().empty()) {
        fr.status = ApplyStatus::conflict;
        fr.detail = "removal patch leaves file contents";
      }
    }
    // Record the file's new state for later file diffs of the same patch. Image lines of
    // the postimage point into the diff's hunk buffers, which outlive this call.
    if (fr.status == ApplyStatus::clean || fr.status == ApplyStatus::offset ||
        fr.status == ApplyStatus::reduced_context) {
      if (!deletes) {
        auto later = reads_left.find(new_path);
        if (!contents && (later == reads_left.end() || later->second == 0)) img = Image{};
        touched[new_path] = std::move(img);  // (not read again below)
      }
      if (deletes || (new_path != old_path && fd.status == FileStatus::renamed))
        touched[old_path] = std::nullopt;
      if (deletes) links.erase(old_path);
      else if (new_mode == "120000") links.insert(new_path);
      else if (!new_mode.empty()) links.erase(new_path);
    }
    result.status = worse(result.status, fr.status);
    result.files.push_back(std::move(fr));
  }
  if (contents) {
    for (const auto& [path, img] : touched) {
      if (!img) {
        (*contents)[path] = std::nullopt;
        continue;
      }
      std::string bytes;
      for (const Line& l : img->lines()) {
        bytes.append(l.text);
        if (l.eol) bytes.push_back('\n');
      }
      (*contents)[path] = std::move(bytes);
    }
  }
  return result;
}

}  // namespace pt
