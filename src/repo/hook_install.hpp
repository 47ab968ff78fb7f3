// repo stage: the hook script `patchtriage hook install` writes, the one file patchtriage
// ever writes into a repository (CONTRACT.md), and its removal.
// Repository (core.hooksPath, git dir) + hook name + command line -> <hooks dir>/<name>.
#pragma once

#include <string>
#include <vector>

#include "repo/repository.hpp"

namespace pt {

// The line that marks a hook script as patchtriage's: uninstall removes only such files,
// install replaces them without --force.
inline constexpr const char* k_hook_marker =
    "# patchtriage-hook: written by `patchtriage hook install`; `patchtriage hook uninstall` "
    "removes it";

// The directory git runs hooks from: core.hooksPath (relative to the work tree's top, or to
// the git directory of a bare repository; "~/" expanded), else <common git dir>/hooks.
std::string hooks_dir(const Repository& repo);

// The script: a POSIX sh file with the marker that execs `binary` with `args` (each quoted)
// and git's own arguments; it exits 4 with a message when the binary has gone.
std::string hook_script(const std::string& binary, const std::vector<std::string>& args);

// True when the file at `path` exists and carries the marker.
bool is_our_hook(const std::string& path);

struct HookFileChange {
  std::string path;  // the hook file
  std::string
      backup;  // the foreign hook kept aside (install --force) or put back (uninstall); "" none
  bool refused = false;  // a foreign hook is there (install without --force, uninstall)
  bool changed = false;  // the file was written or removed
};

// Writes `script` as hook `name` in `dir` (created when missing), executable, through a
// temporary file and a rename. A hook without the marker is left alone (refused) unless
// `force`: then it is renamed to <name>.before-patchtriage. Throws std::runtime_error when
// the file system says no.
HookFileChange install_hook_file(const std::string& dir, const std::string& name,
                                 const std::string& script, bool force);

// Removes hook `name` from `dir` when it carries the marker, and puts back the hook that
// install --force kept aside. A foreign hook is refused; no hook is no change.
HookFileChange uninstall_hook_file(const std::string& dir, const std::string& name);

}  // namespace pt
