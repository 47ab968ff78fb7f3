// mail stage: git mailinfo's line rules, each on its own (mailinfo.c, v2.39).
// a header value or body line -> what git decides about it (attribute, patch start,
// format-patch separator, cleaned subject). Used by mailinfo.cpp's engine.
#pragma once

#include <string>
#include <string_view>

namespace pt::mailinfo_rules {

// git's slurp_attr: the text after `name` (found anywhere, any case), quoted or up to ; or
// blank, into `attr`. False when `name` is not there.
bool slurp_attr(std::string_view value, std::string_view name, std::string& attr);

// git's patchbreak: true for a line that starts the patch ("diff -", "Index: ", "--- name",
// or "---" followed by blanks only).
bool patchbreak(std::string_view line);

// True for a git format-patch "From <40 hex> Mon Sep 17 00:00:00 2001" line.
bool is_format_patch_separator(std::string_view line);

// git's cleanup_subject: leading "Re:", blanks, colons and [...] groups removed, trimmed.
std::string cleanup_subject(std::string s);

}  // namespace pt::mailinfo_rules
