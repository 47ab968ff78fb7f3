// rules stage: path globs of `paths:` checks and `when: {paths: ...}` conditions.
// glob + repository path -> match or not.
#pragma once

#include <string_view>

namespace pt {

// Matches a path against a glob: `*` and `?` stay inside one path component, `**` spans
// components ("drivers/usb/**" matches everything below drivers/usb), `[abc]`/`[a-z]`/`[!a]`
// are classes. A glob without '/' matches the last component anywhere ("*.rst"), as
// .gitignore patterns do; a glob ending in '/' matches everything below that directory.
bool match_glob(std::string_view glob, std::string_view path);

}  // namespace pt
