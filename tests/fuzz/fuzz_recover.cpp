// fuzz target: recover stage and the patch builder on damaged mail.
// bytes [NUL file text] -> detect_form, page/flattened readers, rebuild_diff against an
// in-memory file, build_patch on every message with the rebuilt diff adopted.
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "input/mbox_splitter.hpp"
#include "patch/patch_builder.hpp"
#include "patch/patch_recovery.hpp"
#include "recover/hunk_rebuild.hpp"
#include "recover/rendered_mail.hpp"
#include "util/text.hpp"

namespace {

// The file a rebuild aligns against: the bytes after the first NUL when the input has one,
// else the diff's own preimage and postimage (context and removed, context and added lines
// without markers), which is what the target file holds around each hunk.
std::vector<pt::FileCandidate> file_candidates(std::string_view mail, std::string_view file, bool has_file) {
  if (has_file) return {{std::string(file), "fuzz:file"}};
  std::string pre, post;
  for (std::string_view line : pt::fuzz::lines_of(mail)) {
    if (line.empty() || pt::starts_with(line, "---") || pt::starts_with(line, "+++")) continue;
    std::string_view body = line.substr(1);
    if (line[0] == ' ' || line[0] == '-') (pre += body) += '\n';
    if (line[0] == ' ' || line[0] == '+') (post += body) += '\n';
  }
  return {{pre, "fuzz:preimage"}, {post, "fuzz:postimage"}};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = pt::fuzz::as_text(data, size);
  std::size_t nul = text.find('\0');
  const bool has_file = nul != std::string_view::npos;
  std::string_view mail = has_file ? text.substr(0, nul) : text;
  std::string_view file = has_file ? text.substr(nul + 1) : std::string_view();
  const std::vector<pt::FileCandidate> candidates = file_candidates(mail, file, has_file);
  pt::FileLookup lookup = [&candidates](const std::string&, const std::string&) { return candidates; };

  (void)pt::to_string(pt::detect_form(mail));
  (void)pt::unwrap_lore_page(mail);
  (void)pt::unwrap_lkml_page(mail);
  (void)pt::unflatten_mail(mail);

  // The text as a damaged diff, with and without the file.
  const bool flattened = pt::fuzz::option_bits(mail) & 1;
  pt::RebuiltDiff rebuilt = pt::rebuild_diff(mail, flattened, lookup);
  (void)pt::rebuild_diff(mail, flattened, pt::FileLookup{});

  // Whole messages as the tool reads them (a flattened mbox arrives as one long envelope),
  // each with its recovered diff rebuilt against the file as facts/recovered_diff.cpp does.
  pt::MailInfoOptions options;
  pt::MboxSplitter splitter("fuzz", pt::MboxDialect::detect, [&](pt::RawMessage&& raw) {
    pt::Patch p = pt::build_patch(raw, options);
    if (p.recovered && !p.recovered->diff_exact && !p.recovered->damaged_diff.empty())
      pt::adopt_rebuilt_diff(p, pt::rebuild_diff(p.recovered->damaged_diff, p.recovered->flattened, lookup));
  });
  splitter.feed(mail);
  splitter.finish();
  return 0;
}
