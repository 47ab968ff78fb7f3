// facts stage: MAINTAINERS roles, as `scripts/get_maintainer.pl --no-git --no-git-fallback
// --roles --rolestats <patch>` finds them. MAINTAINERS text (+ tree lookups) + paths + patch -> people and lists.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pt {

// One MAINTAINERS section: its header line and its typed lines as written.
struct MaintainerSection {
  std::string name;                      // the header line, e.g. "USB SUBSYSTEM"
  std::string status;                    // the last S: value ("Supported", "Odd Fixes", ...)
  std::vector<std::string> maintainers;  // M: "Name <addr>"
  std::vector<std::string> reviewers;    // R: "Name <addr>"
  std::vector<std::string> lists;        // L: the address only
  std::vector<std::string> list_notes;   // L: the text after the address, same index as lists
  std::vector<std::string> files;        // F: patterns as written
  std::vector<std::string> excludes;     // X: patterns as written
  std::vector<std::string> regexes;      // N: path regexes (Perl, /x)
  std::vector<std::string> keywords;     // K: content regexes (Perl, /x)
};

// What get_maintainer reads from the kernel tree it runs in besides MAINTAINERS; the caller
// supplies it (libgit2, a checkout) so this stage stays free of repositories. Either may be empty.
struct MaintainersTree {
  // True when `path` is a directory: an F:/X: pattern naming one without a trailing '/'
  // covers everything below it (get_maintainer's `-d $value`).
  std::function<bool(const std::string& path)> is_directory;
  // The bytes of a file of the tree, nullopt when absent: `.mailmap`, touched `*.yaml`.
  std::function<std::optional<std::string>(const std::string& path)> read_file;
};

// Compiled patterns, role order and .mailmap (defined in maintainers_index.hpp).
struct MaintainersIndex;

// A parsed MAINTAINERS file; parse once, then look up any number of patches.
struct MaintainersFile {
  std::vector<MaintainerSection> sections;
  std::shared_ptr<const MaintainersIndex> index;  // built by parse_maintainers
};

// Parses the MAINTAINERS file's bytes. Without a tree, an F:/X: pattern lacking a trailing '/'
// is a file name, and no .mailmap applies.
MaintainersFile parse_maintainers(std::string_view text);
// Parses MAINTAINERS of `tree`: resolves directory patterns and reads its .mailmap.
MaintainersFile parse_maintainers(std::string_view text, const MaintainersTree& tree);

// One line of get_maintainer's answer (or one it leaves out, see `printed`).
struct MaintainerEntry {
  std::string name;     // "" for lists
  std::string email;    // after .mailmap, as printed
  std::string role;     // maintainer, supporter, odd fixer, orphan minder, obsolete minder,
                        // chief penguin, unknown, reviewer, open list, moderated list, in file
  std::string section;  // full section name ("THE REST" for LKML); "" for "in file"
  std::string keyword;  // the K: regex that brought the section in, "" for a path match
  char from = 'M';      // MAINTAINERS line type: 'M', 'R', 'L'; 'F' for an address in a touched .yaml
  bool in_file = false; // also named in a touched .yaml (get_maintainer appends ",in file")
  bool printed = true;  // false: get_maintainer leaves it out (named before, or the chief penguin)
};

// The paths get_maintainer takes from a patch (diff --git, ---/+++, rename, mode change
// lines, "dev/null" included), sorted and unique.
std::vector<std::string> patch_paths(std::string_view patch_text);

// People and lists for a patch touching `files` (new and old paths), with `patch_text` (the
// mail or patch as given to get_maintainer) scanned for K: keywords. Printed entries come in
// get_maintainer's order: people, then lists.
std::vector<MaintainerEntry> find_maintainers(const MaintainersFile& m,
                                              const std::vector<std::string>& files,
                                              std::string_view patch_text);
// The same, adding the addresses that touched `*.yaml` bindings of `tree` name ("in file").
std::vector<MaintainerEntry> find_maintainers(const MaintainersFile& m,
                                              const std::vector<std::string>& files,
                                              std::string_view patch_text,
                                              const MaintainersTree& tree);

// The strongest role an address holds for these files: "maintainer", "reviewer", or "none"
// (CONTRACT: a review trailer's role).
std::string role_of(const std::vector<MaintainerEntry>& entries, std::string_view email);

// The printed entries as get_maintainer's output lines, "Name <addr> (role:SECTION)" with
// section names cut past 47 characters; `keyword_suffix` adds ":Keyword:<regex>" to roles
// from a K: match, as 6.12's get_maintainer does and 6.1's does not.
std::vector<std::string> get_maintainer_lines(const std::vector<MaintainerEntry>& entries,
                                              bool keyword_suffix);

}  // namespace pt
