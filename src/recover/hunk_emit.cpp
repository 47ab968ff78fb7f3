// recover stage: one hunk's lines written out once it is placed (see hunk_emit.hpp).
#include "recover/hunk_emit.hpp"

#include "util/text.hpp"

namespace pt::hunk {

std::string join_words(const std::vector<std::string_view>& t, size_t b, size_t e) {
  std::string out;
  for (size_t i = b; i < e; ++i) {
    if (i > b) out += ' ';
    out.append(t[i]);
  }
  return out;
}

std::string free_damaged(const std::vector<Unit>* units, const std::vector<std::string_view>* toks,
                         const AlignedLine& l) {
  if (units) {
    std::string s((*units)[size_t(l.begin)].raw.substr(1));
    for (int j = l.begin + 1; j < l.end; ++j) {
      s += ' ';
      s += trim((*units)[size_t(j)].raw);
    }
    return s;
  }
  const auto& t = *toks;
  std::string_view first = t[size_t(l.begin)];
  if (first.size() == 1) {  // a standalone marker: the line was indented
    std::string rest = join_words(t, size_t(l.begin) + 1, size_t(l.end));
    return rest.empty() ? rest : rest.insert(0, 1, ' ');
  }
  std::string s(first.substr(1));
  if (l.end > l.begin + 1) {
    s += ' ';
    s += join_words(t, size_t(l.begin) + 1, size_t(l.end));
  }
  return s;
}

// Lines from an alignment: file bytes for what the file has, guesses for the rest.
HunkOut build_anchored(const AlignResult& a, bool postimage, const FileText& file,
                       const std::vector<Unit>* units, const std::vector<std::string_view>* toks,
                       const std::vector<LineFill>& fills, const DamageModel& model, Counters& c) {
  HunkOut out;
  std::vector<InferLine> lines;
  std::vector<std::string> markers;  // "\ No newline" lines, by index into `lines`
  std::vector<int> marker_after;
  for (size_t j = 0; j < a.lines.size(); ++j) {
    const AlignedLine& l = a.lines[j];
    if (l.kind == Kind::marker) {
      markers.push_back(units ? std::string((*units)[size_t(l.begin)].raw)
                              : join_words(*toks, size_t(l.begin), size_t(l.end)));
      marker_after.push_back(int(lines.size()));
      continue;
    }
    InferLine il;
    il.kind = l.kind == Kind::context ? ' ' : l.kind == Kind::removed ? '-' : '+';
    if (units && l.end > l.begin + 1) c.joined += l.end - l.begin - 1;  // wrapped lines
    if (l.file_line >= 0) {
      il.known = true;
      il.text = std::string(file.lines[size_t(l.file_line)]);
      if (l.kind == Kind::context) (l.implied ? c.blanks_restored : c.context_restored)++;
      else if (l.kind == Kind::removed) c.removed_restored++;
      else c.added_from_file++;
    } else if (j < fills.size() && fills[j].have) {
      il.known = true;
      il.text = fills[j].bytes;
      (l.kind == Kind::removed ? c.removed_restored : c.added_from_file)++;
    } else {
      il.damaged = free_damaged(units, toks, l);
      if (j < fills.size()) il.variants = fills[j].variants, il.near_variants = fills[j].near_variants;
    }
    lines.push_back(std::move(il));
  }
  int guessed = infer_whitespace(lines, model);
  for (size_t j = 0, i = 0; j < a.lines.size(); ++j) {
    if (a.lines[j].kind == Kind::marker) continue;
    if (j < fills.size() && !fills[j].hint.empty() && !lines[i].known) lines[i].text = fills[j].hint;
    ++i;
  }
  // A browser took "<linux/x.h>" for a tag: a flattened "#include" line lost its file.
  for (const auto& l : lines)
    if (toks && !l.known && l.text.ends_with("#include") && damaged_is_exact(l.damaged)) ++guessed;
  out.guessed = guessed;
  (postimage ? c.removed_guessed : c.added_guessed) += guessed;
  size_t m = 0;
  for (size_t i = 0; i <= lines.size(); ++i) {
    while (m < markers.size() && size_t(marker_after[m]) == i) out.body.push_back(markers[m++]);
    if (i == lines.size()) break;
    out.body.push_back(std::string(1, lines[i].kind) + lines[i].text);
  }
  out.anchored = true;
  out.preimage_exact = !postimage || guessed == 0;
  return out;
}

std::string count_text(long start, long count) {
  std::string out = std::to_string(start);
  if (count != 1) {
    out += ',';
    out += std::to_string(count);
  }
  return out;
}

}  // namespace pt::hunk
