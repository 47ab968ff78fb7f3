// recover stage: mail as users paste it -> mail text the mail stage can read.
// (lore web page, lkml.iu.edu page, mail flattened to one line) -> RFC 5322 text + what was repaired
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pt {

// How a message reached us. `mail` is ordinary mail (mbox, .patch, maildir...).
enum class RenderedForm { mail, lore_page, lkml_page, flattened };

const char* to_string(RenderedForm form);  // "mail", "lore-page", "lkml-page", "flattened"

// Recognises a rendering from the bytes of one input message. Ordinary mail (anything
// git mailinfo reads: a header block ending in an empty line, an mbox "From " line, a bare
// git diff) is `mail`; only text with a page's or a flattening's marks is anything else.
RenderedForm detect_form(std::string_view bytes);

// A rendering turned back into mail text.
struct UnwrappedMail {
  RenderedForm form = RenderedForm::mail;
  // RFC 5322 text: header fields one per line (continuations indented), an empty line,
  // the body (in-body "From:" first when the page had one, then the commit message,
  // trailers as their own last paragraph, "---", notes, the diff, with page decorations
  // and footers removed). LF line ends; no mbox "From " line.
  std::string mail;
  // Each repair made, as a short phrase for the card ("blank line put back after the
  // header block", "footer removed (thread overview, reply instructions)").
  std::vector<std::string> repairs;
  // The diff in `mail` lost whitespace (indentation, tabs, blank lines, line breaks):
  // its hunks need rebuilding (recover/hunk_rebuild.hpp) before they can be trusted.
  bool diff_whitespace_lost = false;
};

// lore.kernel.org message page as text (user example 001). nullopt when not one.
std::optional<UnwrappedMail> unwrap_lore_page(std::string_view bytes);
// lkml.iu.edu page as text (user example 002). nullopt when not one.
std::optional<UnwrappedMail> unwrap_lkml_page(std::string_view bytes);
// A raw mail whose line breaks became spaces (user example 000). nullopt when not one.
std::optional<UnwrappedMail> unflatten_mail(std::string_view bytes);

// detect_form + the matching unwrap; nullopt for ordinary mail or when unwrapping failed.
std::optional<UnwrappedMail> unwrap_rendered(std::string_view bytes);

}  // namespace pt
