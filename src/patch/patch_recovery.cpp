#include "patch/patch_recovery.hpp"

#include <cctype>

#include "util/text.hpp"

namespace pt {

namespace {

// Real mbox envelope lines are short ("From mboxrd@z Thu Jan  1 00:00:00 1970"); one of
// thousands of bytes is a whole message flattened onto it.
constexpr std::size_t k_flattened_envelope = 512;

// The diff part of a patch text: from the first "diff --git" line, or a "--- " line
// followed by "+++ ", to the end (the signature is dropped by the diff parser).
std::string_view diff_part(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    std::string_view line = text.substr(pos, end - pos);
    if (starts_with(line, "diff --git ")) return text.substr(pos);
    if (starts_with(line, "--- ") && starts_with(text.substr(end), "+++ ")) return text.substr(pos);
    pos = end;
  }
  return {};
}

// Every byte of the hunks but whitespace: the section text and bodies, markers included
// (a rendering only ever loses whitespace, and with `strip_tags` what looked like an HTML
// tag). A rebuild that claims to be the sender's diff must give back the same stream.
std::string hunk_stream(std::string_view diff, bool strip_tags) {
  std::string out;
  bool in_hunk = false;
  std::size_t pos = 0;
  while (pos < diff.size()) {
    std::size_t nl = diff.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? diff.size() : nl;
    std::string_view line = diff.substr(pos, end - pos);
    pos = end + 1;
    if (starts_with(line, "diff --git ")) {
      in_hunk = false;
      continue;
    }
    if (starts_with(line, "@@ ")) {
      std::size_t close = line.find("@@", 3);
      if (close == std::string_view::npos) continue;
      line.remove_prefix(close + 2);
      in_hunk = true;
    } else if (!in_hunk) {
      continue;
    }
    std::string text(line);
    if (strip_tags) {
      std::string kept;
      for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '<' && i + 1 < text.size() &&
            (std::isalpha(static_cast<unsigned char>(text[i + 1])) || text[i + 1] == '/' ||
             text[i + 1] == '!' || text[i + 1] == '?')) {
          std::size_t gt = text.find('>', i);
          if (gt != std::string::npos) {
            i = gt;
            continue;
          }
        }
        kept += text[i];
      }
      text = std::move(kept);
    }
    for (char c : text)
      if (!is_space(c)) out += c;
  }
  return out;
}

// In a flattened hunk "+ foo();" reads as an added "foo();" or as an empty added line
// followed by the context line "foo();"; the counts and the file can agree with both (a
// patch already in the file). A rebuild that chose the empty line is not proven.
bool has_ambiguous_empty_line(std::string_view diff) {
  std::string_view prev;
  std::size_t pos = 0;
  while (pos < diff.size()) {
    std::size_t nl = diff.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? diff.size() : nl;
    std::string_view line = diff.substr(pos, end - pos);
    pos = end + 1;
    if ((prev == "+" || prev == "-") && line.size() > 1 && line[0] == ' ' && !trim(line).empty())
      return true;
    prev = line;
  }
  return false;
}

std::string fmt_counts(const Diff& d) {
  return "the diff reads as " + std::to_string(d.files.size()) +
         (d.files.size() == 1 ? " file, +" : " files, +") + std::to_string(d.insertions) + " -" +
         std::to_string(d.deletions);
}

std::string confidence_of(const Patch& p) {
  const Recovery& r = *p.recovered;
  if (!p.is_patch) return p.author.name.empty() || p.title.empty() ? "medium" : "high";
  if (r.diff_exact) return "high";
  if (r.preimage_exact) return "medium";
  return "low";
}

// The kind follows the diff: a rebuilt diff can turn a "no patch" into a patch.
void refresh_kind(Patch& p) {
  p.is_patch = !p.diff.files.empty();
  if (p.is_patch) p.kind = PatchKind::patch;
  else if (p.kind == PatchKind::patch) p.kind = PatchKind::no_patch;
}

// Drops the parser's complaints about the damaged diff once a rebuilt one replaced it.
void drop_diff_problems(Patch& p) {
  std::erase_if(p.problems, [](const std::string& s) { return starts_with(s, "diff: "); });
  std::erase_if(p.problems, [](const std::string& s) { return starts_with(s, "no mail header block"); });
}

}  // namespace

std::optional<UnwrappedMail> unwrap_raw(const RawMessage& raw) {
  if (raw.envelope.size() >= k_flattened_envelope) {
    std::string whole = raw.envelope;
    if (!raw.text().empty()) whole += '\n';
    whole += raw.text();
    return unwrap_rendered(whole);
  }
  if (!raw.envelope.empty()) return std::nullopt;  // an mbox message is mail
  return unwrap_rendered(raw.text());
}

void note_rendering(Patch& p, const UnwrappedMail& u) {
  Recovery r;
  r.form = to_string(u.form);
  r.repairs = u.repairs;
  r.flattened = u.form == RenderedForm::flattened;
  drop_diff_problems(p);
  std::string_view damaged = diff_part(p.patch_text);
  if (u.diff_whitespace_lost && !damaged.empty()) {
    r.damaged_diff = std::string(damaged);
    RebuiltDiff rebuilt = rebuild_diff(r.damaged_diff, r.flattened, FileLookup{});
    p.recovered = std::move(r);
    adopt_rebuilt_diff(p, rebuilt);
  } else {
    r.diff_exact = r.preimage_exact = p.is_patch && p.diff.error.empty();
    p.recovered = std::move(r);
  }
  refresh_kind(p);
  p.recovered->confidence = confidence_of(p);
}

void repair_damaged_diff(Patch& p) {
  if (p.recovered) return;
  // A tab anywhere in a diff git accepts: no mail client expanded its tabs (the diff part
  // looked at below holds this text). Most patches leave here without a scan of the notes.
  if (p.diff.error.empty() && p.diff.text().find('\t') != std::string_view::npos) return;
  std::string_view damaged = diff_part(p.patch_text);
  if (damaged.empty()) return;
  if (p.diff.error.empty() && !looks_space_damaged(damaged)) return;
  RebuiltDiff rebuilt = rebuild_diff(damaged, false, FileLookup{});
  Diff diff = parse_diff(rebuilt.text);
  if (!diff.error.empty() || diff.files.empty()) return;  // not a damage we can mend
  // Mail as sent keeps git's reading of its diff (git apply rejects it) until a file proves
  // a rebuild; what the counts alone suggest is only said.
  Recovery r;
  r.form = "whitespace-damaged";
  r.damaged_diff = std::string(damaged);
  if (p.diff.error.empty())
    r.diff_repairs.push_back("no tab anywhere and C lines indented by spaces: a mail client "
                             "expanded the tabs; -C with the target file rebuilds it");
  else
    r.diff_repairs.push_back(fmt_counts(diff) + " by the hunk counts alone; -C with the target "
                             "file rebuilds it");
  p.recovered = std::move(r);
  p.recovered->confidence = "low";
}

void adopt_rebuilt_diff(Patch& p, const RebuiltDiff& rebuilt) {
  if (!p.recovered) return;
  Diff diff = parse_diff(rebuilt.text);
  if (!diff.error.empty() || diff.files.empty()) return;
  Recovery& r = *p.recovered;
  // A diff known to be damaged is only exact where every hunk was found in a file: text
  // that merely parses may still lack the whitespace the rendering took.
  const bool anchored = !rebuilt.evidence.empty() && rebuilt.stats.hunks > 0 &&
                        rebuilt.stats.hunks_anchored == rebuilt.stats.hunks;
  const bool trusted =
      r.damaged_diff.empty() ||
      (anchored && hunk_stream(rebuilt.text, r.flattened) == hunk_stream(r.damaged_diff, false) &&
       !(r.flattened && has_ambiguous_empty_line(rebuilt.text)));
  const bool exact = rebuilt.exact && trusted;
  const bool preimage_exact = rebuilt.preimage_exact && trusted;
  // A rebuild without files never beats one against files; mail as sent keeps git's
  // reading of its diff unless a file restored the context.
  if (r.preimage_exact && !preimage_exact) return;
  if (r.form == "whitespace-damaged" && !trusted) return;
  if (r.diff_exact && !exact) return;
  p.diff = std::move(diff);
  drop_diff_problems(p);
  r.diff_exact = exact;
  r.preimage_exact = preimage_exact;
  r.diff_repairs = rebuilt.repairs;
  r.evidence = rebuilt.evidence;
  refresh_kind(p);
  r.confidence = confidence_of(p);
}

}  // namespace pt
