// recover stage (internal to hunk_rebuild): whitespace for hunk lines the file cannot give.
// (a hunk's lines, some exact, some with damaged whitespace) -> a best guess for the rest
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pt::hunk {

// What the damage left of a line's whitespace.
struct DamageModel {
  // Page/flattened damage: runs of blanks became one space, leading and trailing blanks
  // were stripped; a single leading space says "there was some indentation".
  bool collapsed = true;
  // Mail-client damage (collapsed == false): each tab became `tab_width` spaces, unless
  // `tabs_kept` (the text still has tabs, so none were converted) or tab_width is 0 (no
  // evidence of a conversion: the text is taken as it is).
  int tab_width = 8;
  bool tabs_kept = false;
  // ... or every tab went to the next 8-column stop counted from the line's start, marker
  // included (a copy from a terminal or editor): runs of blanks ending on a stop were tabs.
  bool tab_stops = false;
  // The file is C in kernel style (tabs, braces); other files keep the previous line's
  // indentation.
  bool kernel_style = true;
  // The file's comments end sentences with two blanks ("platforms.  Ganged"): a guessed
  // comment line of old text (context, removed) does too.
  bool sentence_two_spaces = false;
};

// Whether a file's lines end sentences in comments with two blanks more often than with
// one (and at least 4 times).
bool sentences_end_with_two_spaces(const std::vector<std::string_view>& lines);

struct InferLine {
  char kind = ' ';       // ' ', '-' or '+'
  bool known = false;    // `text` is exact (from the file, or nothing was lost)
  std::string text;      // the line's content without its marker: exact, or the guess
  std::string damaged;   // when !known: the content as the damage left it
  // when !known: lines elsewhere (candidate texts, the hunk's context) with the same words,
  // siblings first, then nearest first; the first `near_variants` are siblings close to the
  // line's place (see pick_variant in hunk_infer.cpp).
  std::vector<std::string> variants;
  size_t near_variants = 0;
};

// Fills `text` of every line that is not known, from the known lines around it. The
// indentation follows the lines of its side before it (kernel style: tabs, one more after
// '{' or a braceless if, one less for '}', continuation lines aligned after an open
// parenthesis, comment lines under their "/*"); on the libbpf corpus this beat copying the
// indentation of the replaced line, which is often re-indented. The blanks between words
// come from the line of the other side it replaces (same words, or paired in its change
// block) where the words are the same, from a nearby line that aligns the same gap with
// tabs (#define values, trailing comments, member names), else one space. Mail-client
// damage only needs its leading spaces turned back into tabs. Returns how many lines were
// guessed (a line without blanks is not a guess).
int infer_whitespace(std::vector<InferLine>& lines, const DamageModel& model);

// True when a damaged line leaves nothing to guess (no blanks at all).
bool damaged_is_exact(const std::string& damaged);

// The page damage of one line's content, for tests and measurements: blanks collapsed to
// one space, trailing ones removed, leading ones reduced to one space.
std::string page_damage(const std::string& content);

}  // namespace pt::hunk
