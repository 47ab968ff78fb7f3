// recover stage (internal to hunk_infer): reading C code the way kernel style lays it out.
// (a hunk's lines of one side, exact or guessed so far) -> the indentation a line gets there
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "recover/hunk_infer.hpp"

namespace pt::hunk {

// Blanks at the start of `s`.
std::string_view lead_of(std::string_view s);
// Display column after `s` with 8-column tabs.
int columns(std::string_view s);
// A line of a comment (after trim): "/* x", " * x", "*/", "// x"; not "*ptr = x".
bool is_comment(std::string_view t);
// The code part of a line: comments at its end removed, blanks trimmed.
std::string_view code_of(std::string_view s);
// Parenthesis balance of a line ('(' minus ')'), ignoring string and character literals.
struct Parens {
  int balance = 0;
};
Parens parens_of(std::string_view s);
bool starts_with_word(std::string_view s, std::string_view w);
// if/for/while/else/do, and the kernel's loop macros ("list_for_each_entry(pos, head, m)").
bool is_control(std::string_view code);
// A line ending in an operator: the statement goes on without parentheses.
bool continues(std::string_view code);
// A line that does not end its statement (nor opens a block): the next line continues it.
bool open_ended(std::string_view code);

// The lines of one side of a hunk (context and `kind`), as guessed so far.
struct Side {
  std::vector<InferLine>& lines;
  char kind;
  bool kernel;
  bool on(size_t j) const { return lines[j].kind == ' ' || lines[j].kind == kind; }
  bool blank(size_t j) const;
  // The nearest non-blank line of this side before `from`, -1 when none.
  // Preprocessor lines other than continued #defines do not set the code's level.
  long before(long from) const;
  bool preprocessor(size_t j) const;
  std::string_view text(long j) const { return lines[size_t(j)].text; }
};

// Column after the innermost parenthesis still open after the statement that line p ends
// in, -1 when none.
int open_paren_column(const Side& side, long p);
// The first line of the statement that line p belongs to.
long statement_start(const Side& side, long p);
// Whether the statement ending right before line i opened a parenthesis above the hunk.
bool opened_above(const Side& side, size_t i);
// Whether the statement ending right before line i is the first one of the hunk's side.
bool began_at_top(const Side& side, size_t i);
// Whether the line after p continues p's statement rather than starting one of a block's.
bool continues_statement(const Side& side, long p);
// Indentation of line i (its words `cur`) from the lines of its side before it.
std::string structural_lead(const Side& side, size_t i, std::string_view cur);

}  // namespace pt::hunk
