// Fact-checking AUTOSEL's "LLM Generated explanations": claims extracted from real notes
// (testdata/claims: whole stable-subset mails as .mbox, the notes of the two pasted user
// examples as .txt) and checked against the mail, hand-built MAINTAINERS entries and a fake
// repository; then the whole stable subset without a repository.
#include "facts/note_claims.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "app/parse_pipeline.hpp"
#include "facts/claim_check.hpp"
#include "patch/patch_builder.hpp"
#include "test_support.hpp"

namespace pt {
namespace {

// "L20 commit Reviewed-by: Yu Kuai": where a claim is, its kind and phrase.
std::string fmt_claim(const Claim& c) {
  std::string out = "L";  // (built with +=: g++ 12 warns falsely on "L" + ..., PR 105329)
  out += std::to_string(c.line);
  out += ' ';
  out += to_string(c.kind);
  out += ' ';
  out += c.phrase;
  return out;
}

std::string testdata(const std::string& name) {
  return test::read_file(std::string(PATCHTRIAGE_SOURCE_DIR) + "/testdata/claims/" + name);
}

Patch mail(const std::string& name) {
  std::vector<RawMessage> raw = test::split_text(testdata(name));
  EXPECT_EQ(raw.size(), 1u) << name;
  return raw.empty() ? Patch{} : build_patch(raw.front(), {});
}

// User example 000 lost its line breaks (and with them its diff); its notes are real, the
// diff below is the one its text shows (drivers/nvme/target/loop.c, two hunks, 2 removals)
// and the trailers are the ones CONTRACT.md lists.
Patch nvme_loop() {
  Patch p;
  p.notes = testdata("user-000-nvme-loop.txt");
  p.diff = parse_diff(
      "diff --git a/drivers/nvme/target/loop.c b/drivers/nvme/target/loop.c\n"
      "--- a/drivers/nvme/target/loop.c\n+++ b/drivers/nvme/target/loop.c\n"
      "@@ -419,7 +419,6 @@ static void nvme_loop_shutdown_ctrl(struct nvme_loop_ctrl *ctrl)\n"
      " {\n \tif (ctrl->ctrl.queue_count > 1) {\n \t\tnvme_quiesce_io_queues(&ctrl->ctrl);\n"
      "-\t\tnvme_cancel_tagset(&ctrl->ctrl);\n \t\tnvme_loop_destroy_io_queues(ctrl);\n \t}\n \n"
      "@@ -427,7 +426,6 @@ static void nvme_loop_shutdown_ctrl(struct nvme_loop_ctrl *ctrl)\n"
      " \n \tif (nvme_ctrl_state(&ctrl->ctrl) == NVME_CTRL_LIVE)\n "
      "\t\tnvme_disable_ctrl(&ctrl->ctrl, true);\n \n"
      "-\tnvme_cancel_admin_tagset(&ctrl->ctrl);\n \tnvme_loop_destroy_admin_queue(ctrl);\n }\n");
  for (const char* t : {"Reviewed-by: Christoph Hellwig", "Signed-off-by: Nilay Shroff",
                        "Signed-off-by: Keith Busch", "Signed-off-by: Sasha Levin"}) {
    std::string s(t);
    Trailer tr;
    tr.key = s.substr(0, s.find(':'));
    tr.value = tr.name = s.substr(s.find(':') + 2);
    p.trailers.push_back(tr);
  }
  return p;
}

template <class T>
std::vector<T> params_of(const std::vector<Claim>& claims) {
  std::vector<T> out;
  for (const Claim& c : claims)
    if (const T* p = std::get_if<T>(&c.params)) out.push_back(*p);
  return out;
}

const CheckedClaim* find_claim(const std::vector<CheckedClaim>& all, std::string_view phrase) {
  for (const CheckedClaim& c : all)
    if (c.claim.phrase == phrase) return &c;
  return nullptr;
}

std::string describe(const std::vector<CheckedClaim>& all) {
  std::string out;
  for (const CheckedClaim& c : all)
    out += "  L" + std::to_string(c.claim.line) + " [" + c.claim.phrase + "] " +
           to_string(c.verdict.status) + ": " + c.verdict.evidence + "\n";
  return out;
}

#define EXPECT_VERDICT(all, phrase, want_status, want_evidence)                    \
  do {                                                                             \
    const CheckedClaim* c_ = find_claim(all, phrase);                              \
    ASSERT_NE(c_, nullptr) << "no claim [" << phrase << "] in\n" << describe(all); \
    EXPECT_EQ(to_string(c_->verdict.status), std::string(want_status)) << phrase;  \
    EXPECT_EQ(c_->verdict.evidence, want_evidence) << phrase;                      \
  } while (0)

// ---------------------------------------------------------------------------------------------
// Extraction.

TEST(NoteClaimExtract, size_claims_of_the_nvme_loop_note) {
  std::vector<Claim> claims = extract_claims(testdata("user-000-nvme-loop.txt"));
  std::vector<std::string> got;
  for (const SizeClaim& s : params_of<SizeClaim>(claims))
    got.push_back(std::string(to_string(s.measure)) + "=" + std::to_string(s.value) +
                  (s.path.empty() ? "" : " " + s.path));
  // "Files changed: 1 (`drivers/nvme/target/loop.c`)", "Lines removed: 2, Lines added: 0",
  // "2 lines in 1 file"; "Only 2 lines removed", "2 line removal", ... are the same claim again.
  EXPECT_EQ(got, (std::vector<std::string>{"files=1 drivers/nvme/target/loop.c", "deletions=2",
                                           "insertions=0", "changed_lines=2"}));
}

TEST(NoteClaimExtract, commit_claims_of_the_nvme_loop_note) {
  std::vector<std::string> got;
  for (const CommitClaim& c :
       params_of<CommitClaim>(extract_claims(testdata("user-000-nvme-loop.txt")))) {
    if (c.what == CommitFact::trailer_present || c.what == CommitFact::trailer_absent)
      got.push_back(std::string(to_string(c.what)) + " " + c.key +
                    (c.person.empty() ? "" : " " + c.person));
    else
      got.push_back(std::string(to_string(c.what)) + " " + c.sha + " " + c.tag +
                    (c.in ? "" : " (not)"));
  }
  EXPECT_EQ(got, (std::vector<std::string>{
                     "trailer_present Reviewed-by Christoph Hellwig",
                     "trailer_present Signed-off-by Nilay Shroff",
                     "trailer_present Signed-off-by Keith Busch",
                     "trailer_absent Fixes",  // "No Fixes: tag, no Cc: stable"
                     "trailer_absent Cc: stable",
                     "in_tag e41f8c0222e30 v6.0",  // "`e41f8c0222e30` (v6.0+)"
                     "in_tag e41f8c0222e30 v6.1",  // "is in v6.0, v6.1, v6.6 and later"
                     "in_tag e41f8c0222e30 v6.6",
                     "in_tag e41f8c0222e30 v5.15 (not)",  // "NOT present in v5.15"
                     "first_tag e41f8c0222e30 v6.0",  // "introduced by `e41f8c0222e30` (v6.0, Sagi
                                                      // Grimberg, ...)"
                 }));
}

TEST(NoteClaimExtract, role_and_file_line_claims_of_the_nvme_loop_note) {
  std::vector<Claim> claims = extract_claims(testdata("user-000-nvme-loop.txt"));
  std::vector<std::string> roles;
  for (const RoleClaim& r : params_of<RoleClaim>(claims))
    roles.push_back(r.person + " / " + r.scope);
  // "Christoph Hellwig `` - NVMe subsystem co- maintainer" (flattened), "Keith Busch - NVMe
  // maintainer who applied the patch", "Christoph Hellwig** (NVMe co-maintainer)".
  EXPECT_EQ(roles, (std::vector<std::string>{"Christoph Hellwig / NVMe subsystem",
                                             "Keith Busch / NVMe", "Christoph Hellwig / NVMe"}));
  std::vector<FileLineClaim> lines = params_of<FileLineClaim>(claims);
  ASSERT_EQ(lines.size(), 1u);  // "at line 969-970 of" twice: once bare, once with the code
  EXPECT_EQ(lines[0].path, "drivers/nvme/target/core.c");
  EXPECT_EQ(lines[0].first_line, 969);
  EXPECT_EQ(lines[0].last_line, 970);
  EXPECT_EQ(lines[0].code, (std::vector<std::string>{"nvmet_sq_destroy()",
                                                     "wait_for_completion(&sq->confirm_done)",
                                                     "wait_for_completion(&sq->free_done)"}));
}

TEST(NoteClaimExtract, the_md_raid0_web_page_note) {
  std::vector<Claim> claims = extract_claims(testdata("user-001-md-raid0.txt"));
  std::vector<std::string> got;
  for (const Claim& c : claims)
    got.push_back(fmt_claim(c));
  EXPECT_EQ(got, (std::vector<std::string>{
                     "L19 commit Signed-off-by: Gregory Price",
                     "L20 commit Reviewed-by: Yu Kuai",
                     "L20 role Yu Kuai - MD subsystem maintainer",
                     "L21 commit Reviewed-by: Li Nan",
                     "L24 commit Signed-off-by: Yu Kuai",
                     "L24 commit Fixes:",         // "no Fixes: tag (expected)"
                     "L46 size 9 lines changed",  // "`drivers/md/raid0.c` — 9 lines changed (9
                                                  // added, 9 removed)"
                     "L50 size Single-file",
                     "L51 size +9/-9",
                     "L63 size three hunks",
                     "L113 role Yu Kuai (MD maintainer)",
                     "L115 commit introduced by commit 2932ba8d9c99 in v7.0-rc1",
                     "L287 file_line include/linux/slab.h line 1057",
                 }));  // "reviewed by Yu Kuai" (L291) repeats the Reviewed-by trailer claim
}

TEST(NoteClaimExtract, a_cited_block_is_a_file_line_claim) {
  Patch p = mail("hid-pidff-trigger-button.mbox");
  std::vector<FileLineClaim> lines = params_of<FileLineClaim>(extract_claims(p.notes));
  auto cited = std::find_if(lines.begin(), lines.end(),
                            [](const FileLineClaim& f) { return !f.quoted.empty(); });
  ASSERT_NE(cited, lines.end());
  EXPECT_EQ(cited->path, "drivers/hid/usbhid/hid-pidff.c");
  EXPECT_EQ(cited->first_line, 526);
  EXPECT_EQ(cited->last_line, 526);
  EXPECT_EQ(cited->quoted,
            "        pidff->set_effect[PID_TRIGGER_BUTTON].value[0] =\neffect->trigger.button;\n");
}

TEST(NoteClaimExtract, a_negation_must_govern_the_trailer) {
  // Both sentences from real notes (bdc, cdc_ncm).
  auto absent = [](const std::string& text) {
    std::vector<std::string> keys;
    for (const CommitClaim& c : params_of<CommitClaim>(extract_claims(text)))
      keys.push_back(std::string(c.what == CommitFact::trailer_absent ? "no " : "") + c.key);
    return keys;
  };
  EXPECT_EQ(absent("- UNVERIFIED: I did not confirm specific BDC hardware variants ship with\n"
                   "  `num_eps < 32`, though the register encoding clearly allows it and the\n"
                   "  commit message plus hardware-vendor Tested-by imply it is realistic.\n"),
            std::vector<std::string>{});
  EXPECT_EQ(absent("`Signed-off-by: Jakub Kicinski <kuba@kernel.org>`. No `Fixes:`,\n"
                   "`Reported-by:`, `Tested-by:`, or `Cc: stable@vger.kernel.org`.\n"),
            (std::vector<std::string>{"Signed-off-by", "no Fixes", "no Reported-by", "no Tested-by",
                                      "no Cc: stable"}));
  EXPECT_EQ(absent("| **Has Cc: stable** | ❌ No explicit tag |\n"),
            std::vector<std::string>{"no Cc: stable"});
  EXPECT_EQ(absent("- No Reported-by other than the author (crash found during blktests)\n"),
            std::vector<std::string>{});
}

TEST(NoteClaimExtract, sentences_about_other_commits_and_parts_are_left_alone) {
  // Real sentences: a companion patch's trailers, one function's share of the diff, a net count.
  EXPECT_TRUE(
      extract_claims("- Record: Part of a 3-patch hardening series. Companion patch from Nathan\n"
                     "  Rebello (`2ab833a16a825`) explicitly has `Cc: stable`, confirming it.\n")
          .empty());
  EXPECT_TRUE(extract_claims("Functions modified: `quirk_clx_disable()` (3 lines added); table\n"
                             "`tb_quirks[]` (1 new entry, 4 lines including blank and comment).\n")
                  .empty());
  EXPECT_TRUE(extract_claims("| Lines changed | ~30 net lines in one file |\n").size() ==
              1);  // only "one file"
  // The patch's own upstream id does not make a sentence foreign.
  std::string own =
      "[Phase 1] Parsed tags from `git show 59b03d12b1f6d`: only Signed-off-by\n"
      "(Rene Sapiens, Mika Westerberg). No Fixes:, Cc: stable, Reported-by, Link:.\n";
  EXPECT_EQ(extract_claims(own, {"59b03d12b1f6d5e2aa1b2c3d4e5f60718293a4b5"}).size(), 5u);
  EXPECT_EQ(extract_claims(own).size(), 4u);  // the second sentence names no commit
}

TEST(NoteClaimExtract, vague_wording_yields_nothing) {
  EXPECT_TRUE(
      extract_claims("The change is small and contained, a minimal surgical fix with few lines.\n"
                     "It touches a single file descriptor path and is maintained upstream.\n")
          .empty());
}

// ---------------------------------------------------------------------------------------------
// Checking sizes against the diff.

TEST(NoteClaimCheck, only_adds_3_lines_of_code_on_5_insertions_is_contradicted) {
  Patch p;
  p.notes =
      "LLM Generated explanations, may be completely bogus:\n\n- Small and contained: Only adds 3 "
      "lines of code.\n";
  p.diff = parse_diff(
      "--- a/drivers/usb/x.c\n+++ b/drivers/usb/x.c\n@@ -10,2 +10,7 @@\n a\n"
      "+\tif (!ep)\n+\t\treturn -EINVAL;\n+\tep->x = 1;\n+\tep->y = 2;\n+\tep->z = 3;\n b\n");
  std::vector<CheckedClaim> all = check_notes(p, {});
  ASSERT_EQ(all.size(), 1u) << describe(all);
  EXPECT_VERDICT(all, "Only adds 3 lines of code", "contradicted",
                 "diff has 5 insertions, 0 deletions in 1 file");
}

TEST(NoteClaimCheck, nvme_loop_sizes_are_confirmed) {
  std::vector<CheckedClaim> all = check_notes(nvme_loop(), {});
  EXPECT_VERDICT(all, "Files changed: 1", "confirmed",
                 "diff touches 1 file: drivers/nvme/target/loop.c");
  EXPECT_VERDICT(all, "Lines added: 0", "confirmed",
                 "diff has 0 insertions, 2 deletions in 1 file");
  EXPECT_VERDICT(all, "Lines removed: 2", "confirmed",
                 "diff has 0 insertions, 2 deletions in 1 file");
  EXPECT_VERDICT(all, "2 lines in 1 file", "confirmed",
                 "diff has 0 insertions, 2 deletions in 1 file");
}

TEST(NoteClaimCheck, real_size_claims_against_real_diffs) {
  // usbip: "Small and contained | ✅ Yes - 7 lines changed in 1 file" on 3+/3-.
  std::vector<CheckedClaim> usbip = check_notes(mail("usbip-vhci-locking.mbox"), {});
  EXPECT_VERDICT(usbip, "7 lines changed", "contradicted",
                 "diff has 3 insertions, 3 deletions in 1 file");
  EXPECT_VERDICT(usbip, "1 file", "confirmed", "diff touches 1 file: drivers/usb/usbip/vhci_hcd.c");
  // chipidea: "Only 6 lines added" on 7 insertions, 2 of them blank: neither reading is 6.
  std::vector<CheckedClaim> chipidea = check_notes(mail("chipidea-ep-nuke.mbox"), {});
  EXPECT_VERDICT(chipidea, "Only 6 lines added", "contradicted",
                 "diff has 7 insertions (2 blank), 0 deletions in 1 file");
  // sr9700: "+5 lines", "Files touched: 1", "5 lines, single file" on 5 insertions.
  std::vector<CheckedClaim> sr9700 = check_notes(mail("sr9700-virtual-cd.mbox"), {});
  EXPECT_VERDICT(sr9700, "+5 lines", "confirmed", "diff has 5 insertions, 0 deletions in 1 file");
  EXPECT_VERDICT(sr9700, "Files touched: 1", "confirmed",
                 "diff touches 1 file: drivers/net/usb/sr9700.c");
  EXPECT_VERDICT(sr9700, "5 lines, single file", "confirmed",
                 "diff has 5 insertions, 0 deletions in 1 file");
  // hid-pidff: "+10 lines" on 13+/3-: the net growth, so not contradicted.
  std::vector<CheckedClaim> pidff = check_notes(mail("hid-pidff-trigger-button.mbox"), {});
  EXPECT_VERDICT(pidff, "+10 lines", "unverifiable",
                 "diff has 13 insertions (1 blank), 3 deletions in 1 file (net +10)");
  // xhci-hub: "Lines changed: 1" on 1+/1-, "Files touched: 1".
  std::vector<CheckedClaim> hub = check_notes(mail("xhci-hub-graceperiod.mbox"), {});
  EXPECT_VERDICT(hub, "Lines changed: 1", "confirmed",
                 "diff has 1 insertion, 1 deletion in 1 file");
}

TEST(NoteClaimCheck, a_blank_line_keeps_a_count_from_being_contradicted) {
  // "just adding a single line: `ep0_ctx->tx_info = ...`" where the diff adds it and a blank line.
  Patch p;
  p.notes = "2. Small and contained fix: The change is minimal - just adding a\n   single line:\n";
  p.diff =
      parse_diff("--- a/x.c\n+++ b/x.c\n@@ -1,2 +1,4 @@\n a\n+\tep0_ctx->tx_info = 8;\n+\n b\n");
  std::vector<CheckedClaim> all = check_notes(p, {});
  EXPECT_VERDICT(all, "adding a single line", "unverifiable",
                 "diff has 2 insertions (1 blank), 0 deletions in 1 file");
}

// ---------------------------------------------------------------------------------------------
// Checking trailers, tags, roles and lines.

TEST(NoteClaimCheck, trailers_against_the_commit_message) {
  Patch p = nvme_loop();
  std::vector<CheckedClaim> all = check_notes(p, {});
  EXPECT_VERDICT(all, "Reviewed-by: Christoph Hellwig", "confirmed",
                 "the commit message has `Reviewed-by: Christoph Hellwig`");
  EXPECT_VERDICT(all, "Fixes:", "confirmed", "no Fixes: trailer in the commit message");
  EXPECT_VERDICT(all, "Cc: stable", "confirmed",
                 "no Cc: stable@vger.kernel.org trailer in the commit message");
  p.trailers.erase(p.trailers.begin());  // the review never made it into the commit
  Trailer fixes;
  fixes.key = "Fixes";
  fixes.value =
      "e41f8c0222e3 (\"nvme-loop: use nvme core helpers to cancel all requests in a tagset\")";
  p.trailers.push_back(fixes);
  all = check_notes(p, {});
  EXPECT_VERDICT(all, "Reviewed-by: Christoph Hellwig", "contradicted",
                 "no Reviewed-by trailer names Christoph Hellwig");
  EXPECT_VERDICT(all, "Fixes:", "contradicted",
                 "the commit message has `Fixes: e41f8c0222e3 (\"nvme-loop: use nvme core helpers "
                 "to cancel all "
                 "requests in a tagset\")`");
}

TEST(NoteClaimCheck, tags_against_a_fake_history) {
  std::map<std::string, bool> in_tag = {
      {"v6.0", true}, {"v6.1", true}, {"v6.6", true}, {"v5.15", false}};
  ClaimOracle oracle;
  oracle.commit_in_tag = [&](const std::string& sha,
                             const std::string& tag) -> std::optional<bool> {
    if (sha != "e41f8c0222e30" || !in_tag.count(tag)) return std::nullopt;
    return in_tag[tag];
  };
  std::string first = "v6.0-rc1";
  oracle.first_tag = [&](const std::string& sha) -> std::optional<std::string> {
    if (sha != "e41f8c0222e30") return std::nullopt;
    return first;
  };
  std::vector<CheckedClaim> all = check_notes(nvme_loop(), oracle);
  EXPECT_VERDICT(all, "v6.1", "confirmed", "e41f8c0222e3 is in v6.1");
  EXPECT_VERDICT(all, "NOT present in v5.15", "confirmed", "e41f8c0222e3 is not in v5.15");
  EXPECT_VERDICT(all, "introduced by e41f8c0222e30 (v6.0", "confirmed",
                 "the first tag containing e41f8c0222e3 is v6.0-rc1");
  in_tag["v6.6"] = false;
  first = "v6.1-rc2";
  all = check_notes(nvme_loop(), oracle);
  EXPECT_VERDICT(all, "v6.6", "contradicted", "e41f8c0222e3 is not in v6.6");
  EXPECT_VERDICT(all, "introduced by e41f8c0222e30 (v6.0", "contradicted",
                 "the first tag containing e41f8c0222e3 is v6.1-rc2");
  all = check_notes(nvme_loop(), {});
  EXPECT_VERDICT(all, "v6.1", "unverifiable", "no repository");
}

MaintainerEntry entry(std::string name, std::string role, char from, std::string section) {
  MaintainerEntry e;
  e.name = std::move(name);
  e.email = "x@example.org";
  e.role = std::move(role);
  e.from = from;
  e.section = std::move(section);
  return e;
}

TEST(NoteClaimCheck, roles_against_maintainers_entries) {
  std::vector<MaintainerEntry> entries = {
      entry("Christoph Hellwig", "maintainer", 'M', "NVM EXPRESS TARGET DRIVER"),
      entry("Sagi Grimberg", "maintainer", 'M', "NVM EXPRESS TARGET DRIVER"),
      entry("Chaitanya Kulkarni", "reviewer", 'R', "NVM EXPRESS TARGET DRIVER")};
  ClaimOracle oracle;
  oracle.maintainers = [&] { return &entries; };
  std::vector<CheckedClaim> all = check_notes(nvme_loop(), oracle);
  EXPECT_VERDICT(all, "Christoph Hellwig (NVMe co-maintainer)", "confirmed",
                 "MAINTAINERS: Christoph Hellwig is maintainer (M) of NVM EXPRESS TARGET DRIVER");
  EXPECT_VERDICT(all, "Keith Busch - NVMe maintainer", "unverifiable",
                 "MAINTAINERS names no Keith Busch for the touched files");
  entries[0] = entry("Christoph Hellwig", "reviewer", 'R', "NVM EXPRESS TARGET DRIVER");
  all = check_notes(nvme_loop(), oracle);
  EXPECT_VERDICT(all, "Christoph Hellwig (NVMe co-maintainer)", "unverifiable",
                 "MAINTAINERS: Christoph Hellwig is reviewer (R) of NVM EXPRESS TARGET DRIVER for "
                 "the touched files, "
                 "not maintainer");
  all = check_notes(nvme_loop(), {});
  EXPECT_VERDICT(all, "Christoph Hellwig (NVMe co-maintainer)", "unverifiable", "no repository");
}

TEST(NoteClaimCheck, file_line_against_a_fake_tree) {
  std::string core;
  for (int n = 1; n <= 1000; ++n) core += "\tline_" + std::to_string(n) + "();\n";
  auto with = [&](int line, const std::string& text) {
    std::string out;
    std::size_t pos = 0;
    for (int n = 1; pos < core.size(); ++n) {
      std::size_t nl = core.find('\n', pos);
      out += n == line ? text + "\n" : core.substr(pos, nl - pos + 1);
      pos = nl + 1;
    }
    return out;
  };
  std::map<std::string, std::string> files = {
      {"drivers/nvme/target/core.c", with(969, "\twait_for_completion(&sq->confirm_done);")}};
  ClaimOracle oracle;
  oracle.trees = {"linux-6.1.y"};
  oracle.read_file = [&](const std::string& ref,
                         const std::string& path) -> std::optional<std::string> {
    auto it = files.find(path);
    if (ref != "linux-6.1.y" || it == files.end()) return std::nullopt;
    return it->second;
  };
  const char* phrase = "lines 969-970 of drivers/nvme/target/core.c";
  std::vector<CheckedClaim> all = check_notes(nvme_loop(), oracle);
  EXPECT_VERDICT(all, phrase, "confirmed",
                 "drivers/nvme/target/core.c:969 in linux-6.1.y reads: "
                 "`wait_for_completion(&sq->confirm_done);`");
  files["drivers/nvme/target/core.c"] = with(975, "\twait_for_completion(&sq->confirm_done);");
  all = check_notes(nvme_loop(), oracle);
  EXPECT_VERDICT(all, phrase, "unverifiable",
                 "drivers/nvme/target/core.c:969 in linux-6.1.y reads: `line_969();`; "
                 "`wait_for_completion` is at "
                 "line 975 in linux-6.1.y");
  files["drivers/nvme/target/core.c"] = core;
  all = check_notes(nvme_loop(), oracle);
  // Code named and nowhere in the file: a finding, not proof (notes describe mainline).
  EXPECT_VERDICT(all, phrase, "unverifiable",
                 "none of `nvmet_sq_destroy`, `wait_for_completion` occurs in "
                 "drivers/nvme/target/core.c (linux-6.1.y)");
  files.clear();
  all = check_notes(nvme_loop(), oracle);
  EXPECT_VERDICT(all, phrase, "unverifiable", "drivers/nvme/target/core.c is not in linux-6.1.y");
  all = check_notes(nvme_loop(), {});
  EXPECT_VERDICT(all, phrase, "unverifiable", "no repository");
}

TEST(NoteClaimCheck, a_bare_file_name_is_looked_up_beside_the_patched_files) {
  Patch p;  // the usbip_recv_iso() fix of the stable subset, note and diff shortened
  p.notes =
      "Record: Fix is obviously correct. Uses already-existing\n"
      "`USBIP_MAX_ISO_PACKETS` (1024) from `usbip_common.h` that was already\n"
      "enforced on the submit path in `stub_rx.c:381`. Mirrors existing\n";
  p.diff = parse_diff(
      "--- a/drivers/usb/usbip/usbip_common.c\n+++ b/drivers/usb/usbip/usbip_common.c\n"
      "@@ -1,1 +1,2 @@\n a\n+\tif (np > USBIP_MAX_ISO_PACKETS)\n");
  std::string stub;
  for (int n = 1; n <= 400; ++n)
    stub += n == 381 ? "\tif (np > USBIP_MAX_ISO_PACKETS)\n" : "\tx();\n";
  ClaimOracle oracle;
  oracle.trees = {"linux-6.12.y"};
  oracle.read_file = [&](const std::string&,
                         const std::string& path) -> std::optional<std::string> {
    if (path != "drivers/usb/usbip/stub_rx.c") return std::nullopt;
    return stub;
  };
  std::vector<CheckedClaim> all = check_notes(p, oracle);
  EXPECT_VERDICT(
      all, "stub_rx.c:381", "confirmed",
      "drivers/usb/usbip/stub_rx.c:381 in linux-6.12.y reads: `if (np > USBIP_MAX_ISO_PACKETS)`");
  all = check_notes(p, {});
  EXPECT_VERDICT(all, "stub_rx.c:381", "unverifiable", "no repository");
}

TEST(NoteClaimCheck, lines_the_diff_shows_need_no_repository) {
  // "`drivers/usb/host/xhci-pci.c:640` now sets `xhci->allow_single_roothub = 1`": the line the
  // patch adds there; and the cited pre-image line of hid-pidff.c:526.
  std::vector<CheckedClaim> pci = check_notes(mail("xhci-pci-zero-usb3.mbox"), {});
  EXPECT_VERDICT(
      pci, "drivers/usb/host/xhci-pci.c:640", "confirmed",
      "drivers/usb/host/xhci-pci.c:640 after the patch reads: `xhci->allow_single_roothub = 1;`");
  std::vector<CheckedClaim> pidff = check_notes(mail("hid-pidff-trigger-button.mbox"), {});
  EXPECT_VERDICT(pidff, "526:526:drivers/hid/usbhid/hid-pidff.c", "confirmed",
                 "drivers/hid/usbhid/hid-pidff.c:526 before the patch reads as quoted: "
                 "`pidff->set_effect[PID_TRIGGER_BUTTON].value[0] = effect->trigger.button;`");
}

// ---------------------------------------------------------------------------------------------
// The stable subset, without a repository.

TEST(NoteClaimCorpus, stable_subset_notes_check_without_a_repository) {
  REQUIRE_CORPUS();
  std::vector<Patch> patches =
      parse_inputs({(test::corpus_dir() / "lore-usb/linux-usb-stable-subset.mboxrd").string()}, {},
                   {}, 0, [](const InputProblem&) {});
  int mails = 0;
  std::map<std::string, int> kinds, statuses;
  std::vector<std::string> contradicted;
  std::map<std::string, std::vector<CheckedClaim>> by_id;
  for (const Patch& p : patches) {
    if (p.notes.find("LLM Generated explanations") == std::string::npos) continue;
    ++mails;
    std::vector<CheckedClaim> all = check_notes(p, {});
    for (const CheckedClaim& c : all) {
      EXPECT_FALSE(c.verdict.evidence.empty()) << p.message_id << " [" << c.claim.phrase << "]";
      EXPECT_FALSE(c.claim.text.empty()) << p.message_id;
      EXPECT_FALSE(c.claim.phrase.empty()) << p.message_id;
      EXPECT_GT(c.claim.line, 0) << p.message_id;
      ++kinds[to_string(c.claim.kind)];
      ++statuses[to_string(c.verdict.status)];
      if (c.verdict.status == ClaimStatus::contradicted)
        contradicted.push_back(p.message_id + " " + c.claim.phrase);
      // Without a repository only the mail can confirm or contradict.
      if (c.claim.kind == ClaimKind::role) {
        EXPECT_EQ(c.verdict.evidence, "no repository");
      }
    }
    by_id[p.message_id] = std::move(all);
  }
  EXPECT_EQ(mails, 73);  // CONTRACT.md
  // Every contradiction, read by hand against its diff: "7 lines changed" on 3+/3-, "Only 6
  // lines added" on 7 insertions (5 not blank), "the three hunks" of a 2-hunk diff.
  std::sort(contradicted.begin(), contradicted.end());
  EXPECT_EQ(contradicted, (std::vector<std::string>{
                              "<20251210063446.2513466-5-sashal@kernel.org> 7 lines changed",
                              "<20260219020422.1539798-2-sashal@kernel.org> Only 6 lines added",
                              "<20260428104133.2858589-63-sashal@kernel.org> three hunks",
                          }));
  // Three mails counted by hand, claim by claim (confirmed / unverifiable).
  auto tally = [&](const std::string& id) {
    int confirmed = 0, unverifiable = 0;
    for (const CheckedClaim& c : by_id[id]) {
      confirmed += c.verdict.status == ClaimStatus::confirmed;
      unverifiable += c.verdict.status == ClaimStatus::unverifiable;
    }
    return std::to_string(by_id[id].size()) + " " + std::to_string(confirmed) + "/" +
           std::to_string(unverifiable);
  };
  // xhci-hub: no Fixes, no Cc: stable, one-line addition, Lines changed: 1, Files touched: 1,
  // two Signed-off-by; unverifiable: the 33e321586e37b tags, two roles.
  EXPECT_EQ(tally("<20251210063446.2513466-2-sashal@kernel.org>"), "11 7/4");
  // sr9700: +5 lines, Files touched: 1, Signed-off-by Paolo Abeni, 5 lines single file; a role.
  EXPECT_EQ(tally("<20260107155329.4063936-5-sashal@kernel.org>"), "5 4/1");
  // usbip vhci: 1 file, no Cc: stable, Acked-by Shuah Khan, Signed-off-by GKH, no Fixes;
  // unverifiable: spinlock_rt.c:48, 9e8586827a706 in 5.10, GKH's role.
  EXPECT_EQ(tally("<20251210063446.2513466-5-sashal@kernel.org>"), "9 5/3");
  EXPECT_GT(kinds["size"], 0);
  EXPECT_GT(kinds["commit"], 0);
  EXPECT_GT(kinds["role"], 0);
  EXPECT_GT(kinds["file_line"], 0);
}

}  // namespace
}  // namespace pt
