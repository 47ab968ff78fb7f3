// git's file header rules (apply.c, 2.39: parse_git_diff_header, its optable, and the
// traditional "--- "/"+++ " names), for the diff parser (diff_parser_impl.hpp).
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "patch/diff_parser_impl.hpp"

namespace pt::diff_parsing {

namespace {

// Octal mode as strtoul(…, 8) reads it; git wants a blank (or the line end) right after it.
bool parse_mode(std::string_view s, unsigned long& mode, std::string& text) {
  size_t i = 0;
  while (i < s.size() && is_space(s[i])) ++i;
  size_t begin = i;
  mode = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '7')
    mode = mode * 8 + static_cast<unsigned>(s[i++] - '0');
  if (i == begin || (i < s.size() && !is_space(s[i]))) return false;
  text.assign(s.substr(begin, i - begin));
  return true;
}

}  // namespace

DiffParser::Found DiffParser::parse_git_header(Header& h, size_t& header_bytes,
                                               int& header_lines) {
  // A git diff states creation and deletion explicitly, so nothing is guessed later.
  h.is_new = 0;
  h.is_delete = 0;
  std::string_view first = line_at(m_pos);
  // The name on the "diff --git" line is only needed when no other line names the file
  // (mode change, empty file created or deleted); then both sides must be identical.
  h.def_name = dp::git_header_name(m_p_value, chomp(first).substr(11));
  size_t pos = m_pos + first.size();
  int line_no = m_line + 1;
  for (;;) {
    std::string_view line = line_at(pos);
    if (line.empty() || line.back() != '\n') break;
    bool done = false;
    if (!apply_git_header_line(h, chomp(line), line_no, done)) return Found::fatal;
    int extensions = (h.is_delete == 1) + (h.is_new == 1) + h.is_rename + h.is_copy;
    if (extensions > 1) {
      fail(line_no, "inconsistent header lines " + std::to_string(h.extension_line) + " and " +
                        std::to_string(line_no));
      return Found::fatal;
    }
    if (extensions && !h.extension_line) h.extension_line = line_no;
    if (done) break;
    pos += line.size();
    ++line_no;
  }
  if (!h.old_name && !h.new_name) {
    if (!h.def_name) {
      fail(line_no, "git diff header lacks filename information when removing " +
                        std::to_string(m_p_value) + " leading pathname component" +
                        (m_p_value == 1 ? "" : "s"));
      return Found::fatal;
    }
    h.old_name = h.def_name;
    h.new_name = h.def_name;
  }
  if ((!h.new_name && !h.is_delete) || (!h.old_name && !h.is_new)) {
    fail(line_no, "git diff header lacks filename information");
    return Found::fatal;
  }
  header_bytes = pos - m_pos;
  header_lines = line_no - m_line;
  return Found::header;
}

// One extended header line (git's optable, same order); `done` marks the header's end.
bool DiffParser::apply_git_header_line(Header& h, std::string_view line, int line_no,
                                       bool& done) {
  auto mode = [&](std::string_view rest, unsigned long& value, std::string& text) {
    return parse_mode(rest, value, text) || fail(line_no, "invalid mode: " + std::string(rest));
  };
  // rename/copy lines carry names without the a/ b/ prefix: one component less is removed.
  int inner_p = m_p_value ? m_p_value - 1 : 0;
  if (starts_with(line, "@@ -")) {
    done = true;
  } else if (starts_with(line, "--- ")) {
    return verify_name(h.old_name, h.is_new == 1, line.substr(4), line_no, "old");
  } else if (starts_with(line, "+++ ")) {
    return verify_name(h.new_name, h.is_delete == 1, line.substr(4), line_no, "new");
  } else if (starts_with(line, "old mode ")) {
    return mode(line.substr(9), h.old_mode, h.old_mode_text);
  } else if (starts_with(line, "new mode ")) {
    return mode(line.substr(9), h.new_mode, h.new_mode_text);
  } else if (starts_with(line, "deleted file mode ")) {
    h.is_delete = 1;
    h.old_name = h.def_name;
    return mode(line.substr(18), h.old_mode, h.old_mode_text);
  } else if (starts_with(line, "new file mode ")) {
    h.is_new = 1;
    h.new_name = h.def_name;
    return mode(line.substr(14), h.new_mode, h.new_mode_text);
  } else if (starts_with(line, "copy from ") || starts_with(line, "copy to ")) {
    bool from = line[5] == 'f';
    h.is_copy = true;
    auto& name = from ? h.old_name : h.new_name;
    name = dp::find_name(line.substr(from ? 10 : 8), nullptr, inner_p, 0);
  } else if (starts_with(line, "rename old ") || starts_with(line, "rename from ")) {
    h.is_rename = true;
    h.old_name = dp::find_name(line.substr(line[7] == 'o' ? 11 : 12), nullptr, inner_p, 0);
  } else if (starts_with(line, "rename new ") || starts_with(line, "rename to ")) {
    h.is_rename = true;
    h.new_name = dp::find_name(line.substr(line[7] == 'n' ? 11 : 10), nullptr, inner_p, 0);
  } else if (starts_with(line, "similarity index ")) {
    uint64_t v = 0;
    if (parse_num(line, 17, v) && v <= 100) h.similarity = static_cast<int>(v);
  } else if (starts_with(line, "dissimilarity index ")) {
    // A rewrite score; FileDiff::similarity only describes renames and copies.
  } else if (starts_with(line, "index ")) {
    // "index <old>..<new>[ <mode>]"; ids longer than a SHA-1 make git ignore the line.
    std::string_view rest = line.substr(6);
    size_t dots = rest.find('.');
    if (dots == npos || dots + 1 >= rest.size() || rest[dots + 1] != '.' || dots > max_hex_id)
      return true;
    h.old_blob.assign(rest.substr(0, dots));
    rest.remove_prefix(dots + 2);
    size_t space = rest.find(' ');
    if (std::min(space, rest.size()) > max_hex_id) return true;
    h.new_blob.assign(rest.substr(0, space));
    if (space != npos) return mode(rest.substr(space + 1), h.old_mode, h.old_mode_text);
  } else {
    done = true;  // any other line ends the header (and may be "GIT binary patch")
  }
  return true;
}

// git insists that ---/+++ names agree with what the header already said.
bool DiffParser::verify_name(std::optional<std::string>& name, bool is_null,
                             std::string_view line, int line_no, const char* side) {
  if (!name && !is_null) {
    name = dp::find_name(line, nullptr, m_p_value, dp::term_tab);
    return true;
  }
  if (name) {
    if (is_null) return fail(line_no, "bad git-diff - expected /dev/null, got " + *name);
    auto another = dp::find_name(line, nullptr, m_p_value, dp::term_tab);
    if (!another || *another != *name)
      return fail(line_no, std::string("bad git-diff - inconsistent ") + side + " filename");
    return true;
  }
  if (!dp::is_dev_null(line)) return fail(line_no, "bad git-diff - expected /dev/null");
  return true;
}

// "--- old" / "+++ new" without a git header: /dev/null or an epoch timestamp mark
// creation and deletion; otherwise git cannot tell yet (is_new/is_delete stay -1).
bool DiffParser::parse_traditional(Header& h, std::string_view first, std::string_view second) {
  if (!m_p_value_known) {
    int p = dp::guess_p_value(first), q = dp::guess_p_value(second);
    if (p < 0) p = q;
    if (p >= 0 && p == q) {
      m_p_value = p;
      m_p_value_known = true;
    }
  }
  std::optional<std::string> name;
  if (dp::is_dev_null(first)) {
    h.is_new = 1;
    h.is_delete = 0;
    name = dp::find_name_traditional(second, nullptr, m_p_value);
    h.new_name = name;
  } else if (dp::is_dev_null(second)) {
    h.is_new = 0;
    h.is_delete = 1;
    name = dp::find_name_traditional(first, nullptr, m_p_value);
    h.old_name = name;
  } else {
    auto first_name = dp::find_name_traditional(first, nullptr, m_p_value);
    name = dp::find_name_traditional(second, first_name ? &*first_name : nullptr, m_p_value);
    if (dp::has_epoch_timestamp(first)) {
      h.is_new = 1;
      h.is_delete = 0;
      h.new_name = name;
    } else if (dp::has_epoch_timestamp(second)) {
      h.is_new = 0;
      h.is_delete = 1;
      h.old_name = name;
    } else {
      h.old_name = name;
      h.new_name = name;
    }
  }
  return name || fail(m_line, "unable to find filename in patch");
}

}  // namespace pt::diff_parsing
