// recover stage (internal to hunk_rebuild): the rebuilder of a damaged diff and its state.
// hunk_rebuild.cpp runs it over the whole diff; hunk_rebuild_file.cpp finds, plans and
// writes each file's hunks in the file's candidate texts. Not for use elsewhere.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "recover/hunk_align.hpp"
#include "recover/hunk_emit.hpp"
#include "recover/hunk_infer.hpp"
#include "recover/hunk_read.hpp"
#include "recover/hunk_rebuild.hpp"

namespace pt::hunk::rebuild {

struct FileResult {
  std::vector<HunkOut> hunks;
  std::vector<std::string> origins;  // candidates whose bytes were used
  int anchored = 0;
  Counters counts;
};

// A hunk's damaged body: lines (line mode) or one word stream (flattened).
struct HunkBody {
  std::vector<Unit> units;
  std::vector<std::string_view> toks;
};

// Where a hunk was found in one candidate text, and which side of it that text holds.
struct Found {
  bool ok = false;
  bool post = false;
  AlignResult a;
};

// The candidate texts of one file, their alignments, and an index of their lines by
// words (built when first needed).
struct Candidates {
  std::vector<FileCandidate> cands;
  std::vector<FileText> texts;
  std::vector<std::vector<Found>> found;  // [candidate][hunk], empty until searched
  std::vector<std::unordered_map<std::string_view, std::vector<int>>> index;
  const std::unordered_map<std::string_view, std::vector<int>>& index_of(size_t c) {
    if (index[c].empty())
      for (size_t i = 0; i < texts[c].norm.size(); ++i)
        if (!texts[c].norm[i].empty()) index[c][texts[c].norm[i]].push_back(int(i));
    return index[c];
  }
};

// A hunk's lines as they will be written: an alignment, and what other texts say about the
// lines its text lacks.
struct Plan {
  AlignResult a;
  std::vector<LineFill> fills;
};

class Rebuilder {
 public:
  Rebuilder(std::string_view text, bool flattened, const FileLookup& lookup)
      : m_text(text), m_flattened(flattened), m_lookup(lookup) {}
  RebuiltDiff run();

 private:
  FileResult rebuild_file(const FileIn& f, bool last_file);
  Found find_hunk(const FileIn& f, const HunkIn& h, const HunkBody& b, const FileText& file,
                  bool last, int& offset, int mode) const;
  void search_all(const FileIn& f, const std::vector<HunkBody>& bodies, bool last_file,
                  Candidates& cs, size_t c) const;
  Plan plan_hunk(const FileIn& f, size_t k, const std::vector<HunkBody>& bodies, bool last,
                 Candidates& cs, size_t src, std::vector<size_t>& used) const;
  HunkOut emit_hunk(const FileIn& f, const HunkIn& h, const HunkBody& b, const Found& fd,
                    const FileText& file, const std::vector<LineFill>& fills, Counters& c) const;
  HunkOut repair_hunk(const HunkIn& h, bool last, Counters& c);

  std::string_view m_text;
  std::string m_joined;  // the text with wrapped "diff --git" lines joined, when there were any
  bool m_flattened;
  const FileLookup& m_lookup;
  std::vector<std::string_view> m_lines;
  std::vector<FileIn> m_files;
  DamageModel m_model;
};

}  // namespace pt::hunk::rebuild
