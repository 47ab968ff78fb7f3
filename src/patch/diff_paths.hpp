// patch stage: path names in diff headers, parsed with the rules of git apply.
// Every `line` argument is the rest of one header line without its '\n'.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pt::diff_paths {

// Name terminators for find_name(): which blanks end an unquoted name.
inline constexpr int term_space = 1;
inline constexpr int term_tab = 2;

// True for a name that is "/dev/null" followed by a blank or the end of the line.
bool is_dev_null(std::string_view line);

// Decodes a C-style quoted name starting at in[0] == '"'; sets *consumed to the bytes read.
std::optional<std::string> unquote_c_style(std::string_view in, size_t* consumed = nullptr);

// Removes `p_value` leading components; nullopt for absolute names or too few components.
std::optional<std::string_view> skip_tree_prefix(int p_value, std::string_view name);

// Name in a "--- "/"+++ "/"rename from " line: quoted, or up to a `terminate` blank.
// `def` replaces a name that only adds a suffix to it ("file.orig" -> "file").
std::optional<std::string> find_name(std::string_view line, const std::string* def, int p_value,
                                     int terminate);

// Name in a traditional "--- "/"+++ " line, where a trailing diff timestamp is not part of it.
std::optional<std::string> find_name_traditional(std::string_view line, const std::string* def,
                                                 int p_value);

// The name shared by both sides of "diff --git A B" (`rest` follows "diff --git "), if identical.
std::optional<std::string> git_header_name(int p_value, std::string_view rest);

// The -p value a "--- "/"+++ " name implies: 0 for a name without '/', else -1 (unknown).
int guess_p_value(std::string_view line);

// True when the line ends in a GNU diff epoch timestamp (marks a created/deleted file).
bool has_epoch_timestamp(std::string_view line);

}  // namespace pt::diff_paths
