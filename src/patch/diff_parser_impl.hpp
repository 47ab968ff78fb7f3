// patch stage, inside the diff parser: its state and the rules its files share.
// diff text -> Diff (diff_parser.cpp: headers found, hunks and binary blocks read;
// diff_header_parser.cpp: git's extended header lines and traditional ---/+++ names).
// The rules come from git 2.39's apply.c; not for use outside these two files.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "patch/diff.hpp"
#include "patch/diff_paths.hpp"
#include "util/text.hpp"

namespace pt::diff_parsing {

namespace dp = diff_paths;
constexpr size_t npos = std::string_view::npos;
constexpr size_t max_hex_id = 40;  // git compares abbreviated ids against the SHA-1 hex size

inline std::string_view chomp(std::string_view line) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  return line;
}

// What git keeps in `struct patch` while it reads one file header. It survives a
// "diff --git" line that git ignores, exactly as git's stale fields do (verified: names
// from such a line leak into the next header).
struct Header {
  std::optional<std::string> old_name, new_name, def_name;
  int is_new = -1, is_delete = -1;  // -1 = not known yet (traditional diffs)
  bool is_rename = false, is_copy = false;
  unsigned long old_mode = 0, new_mode = 0;
  std::string old_mode_text, new_mode_text, old_blob, new_blob;
  int similarity = -1;
  int extension_line = 0;
};

// The numbers of "@@ -a,b +c,d @@": a missing count means 1, as in git's parse_range.
struct Range {
  uint64_t old_start = 0, old_count = 1, new_start = 0, new_count = 1;
  std::string_view section;
};

// Decimal number at `at`; returns the digits read, 0 for no number or one that overflows.
size_t parse_num(std::string_view s, size_t at, uint64_t& value);

class DiffParser {
 public:
  DiffParser(std::string_view text, int strip) : m_text(text) {
    // An explicit strip level other than git's default is taken as known (git apply -pN).
    if (strip != 1) {
      m_p_value = strip;
      m_p_value_known = true;
    }
  }
  Diff run();

 private:
  enum class Found { header, none, fatal };

  // One line at `pos`, with its '\n' when it has one (git's linelen).
  std::string_view line_at(size_t pos) const {
    if (pos >= m_text.size()) return {};
    size_t nl = find_newline(m_text, pos);
    size_t end = nl == npos ? m_text.size() : nl + 1;
    return m_text.substr(pos, end - pos);
  }
  size_t remaining(size_t pos) const { return pos < m_text.size() ? m_text.size() - pos : 0; }
  void advance(size_t bytes, int lines) {
    m_pos += bytes;
    m_line += lines;
  }
  bool binary_corrupt(int line, bool& corrupt) {
    m_binary_error = "line " + std::to_string(line) + ": corrupt binary patch";
    return corrupt = true;
  }
  bool fail(int line, std::string what) {
    m_diff.error = "line " + std::to_string(line) + ": " + what;
    return false;
  }

  Found find_header(Header& h, size_t& header_begin);
  Found parse_git_header(Header& h, size_t& header_bytes, int& header_lines);
  bool apply_git_header_line(Header& h, std::string_view line, int line_no, bool& done);
  bool verify_name(std::optional<std::string>& name, bool is_null, std::string_view line,
                   int line_no, const char* side);
  bool parse_traditional(Header& h, std::string_view first, std::string_view second);
  bool parse_hunks(Header& h, FileDiff& file);
  bool parse_hunk(FileDiff& file);
  bool parse_binary(FileDiff& file);
  bool parse_binary_hunk(size_t& pos, int& lines, bool& corrupt);
  void finish_file(Header&& h, FileDiff& file);
  size_t include_scm_preamble(size_t begin) const;

  std::string_view m_text;
  size_t m_pos = 0;  // start of the line being looked at
  int m_line = 1;    // its 1-based number
  int m_p_value = 1;  // -p1 until a traditional header proves otherwise (git's guess_p_value)
  bool m_p_value_known = false;
  Diff m_diff;
  std::string m_binary_error;  // why a binary block ended the parse, if one did
  std::shared_ptr<DiffText> m_store;  // the diff's text and hunk lines (see DiffText)
  size_t m_store_from = 0;            // where in m_text the store's copy starts

  // At the first file header: the text from there on (with a CVS/SVN preamble before it)
  // is copied once; hunks as written and the diff's text are views of it.
  void start_store(size_t header_begin) {
    m_store_from = include_scm_preamble(header_begin);
    m_store = std::make_shared<DiffText>();
    m_store->bytes.assign(m_text.substr(m_store_from));
    m_store->ends.reserve((m_text.size() - m_store_from) / 32 + 8);
  }

  // The same bytes as `part` (a view of m_text past m_store_from) in the store's copy.
  std::string_view in_store(std::string_view part) const {
    return std::string_view(m_store->bytes).substr(
        static_cast<size_t>(part.data() - m_text.data()) - m_store_from, part.size());
  }
};

}  // namespace pt::diff_parsing
