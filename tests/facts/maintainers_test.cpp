// MAINTAINERS lookups: get_maintainer.pl's rules on small made-up files, then parity with
// `get_maintainer.pl --no-git --no-git-fallback --roles --rolestats` on the lore linux-usb
// samples against both Debian trees of the kernel fixture (one ctest entry per sample and tree).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <unordered_set>

#include "facts/maintainers.hpp"
#include "facts/maintainers_cache.hpp"
#include "test_support.hpp"

namespace pt {
namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------------
// Behaviour, in words.

const char* k_small = R"(List of maintainers
===================

	M: *Mail* patches to: FullName <address@domain>
	   F:	drivers/net/	all files in and below drivers/net

Maintainers List
----------------

ARM/RENESAS ARCHITECTURE
M:	Geert Uytterhoeven <geert+renesas@glider.be>
L:	linux-arm-kernel@lists.infradead.org (moderated for non-subscribers)
S:	Supported
F:	arch/arm/mach-shmobile/
K:	\brenesas,

A VERY LONG SECTION NAME THAT GET_MAINTAINER WILL SURELY CUT SHORT
M:	Long Name <long@example.org>
S:	Odd Fixes
F:	drivers/usb/misc/long.c

USB HID DRIVER
M:	Jiri Kosina <jikos@kernel.org>
R:	Greg Kroah-Hartman <greg@kroah.com>
L:	linux-input@vger.kernel.org
S:	Maintained
F:	drivers/hid/usbhid/

USB SUBSYSTEM
M:	Greg Kroah-Hartman <gregkh@linuxfoundation.org>
L:	linux-usb@vger.kernel.org
S:	Supported
F:	drivers/usb/
F:	include/linux/usb*
X:	drivers/usb/excluded/
N:	usb

USB DWC3 DRIVER
M:	"Thinh N. Nguyen" <Thinh.Nguyen@synopsys.com>
R:	Jiri Kosina <jikos@kernel.org>
L:	linux-usb@vger.kernel.org
S:	Maintained
F:	drivers/usb/dwc3

SUBSCRIBERS ONLY
M:	Sub Scriber <sub@example.org>
L:	closed@example.org (subscribers-only)
S:	Obsolete
F:	drivers/old/

THE REST
M:	Linus Torvalds <torvalds@linux-foundation.org>
L:	linux-kernel@vger.kernel.org
S:	Buried alive in reporters
F:	*
F:	*/
)";

std::vector<std::string> lines_for(const MaintainersFile& m, std::vector<std::string> files,
                                   std::string_view patch = "") {
  return get_maintainer_lines(find_maintainers(m, files, patch), false);
}

// A batch's workers share one cache: each commit's MAINTAINERS is parsed once, every
// worker gets that copy, and a tree without the file is remembered as having none.
TEST(MaintainersCache, parses_each_commit_once_for_every_collector) {
  MaintainersCache cache;
  int parses = 0;
  auto parse = [&]() -> std::optional<MaintainersFile> {
    ++parses;
    return parse_maintainers("USB\nM:\tA <a@x.org>\nF:\tdrivers/usb/\n");
  };
  const MaintainersFile* first = cache.get("c1", parse);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(cache.get("c1", parse), first);
  EXPECT_EQ(parses, 1);
  ASSERT_EQ(first->sections.size(), 1u);
  EXPECT_EQ(first->sections[0].name, "USB");
  EXPECT_NE(cache.get("c2", parse), first);
  EXPECT_EQ(parses, 2);
  auto none = [&]() -> std::optional<MaintainersFile> {
    ++parses;
    return std::nullopt;
  };
  EXPECT_EQ(cache.get("c3", none), nullptr);
  EXPECT_EQ(cache.get("c3", none), nullptr);
  EXPECT_EQ(parses, 3);
}

TEST(Maintainers, directory_pattern_covers_everything_below_it) {
  MaintainersFile m = parse_maintainers(k_small);
  std::vector<std::string> want = {
      "Greg Kroah-Hartman <gregkh@linuxfoundation.org> (supporter:USB SUBSYSTEM)",
      "linux-usb@vger.kernel.org (open list:USB SUBSYSTEM)",
      "linux-kernel@vger.kernel.org (open list)"};
  EXPECT_EQ(lines_for(m, {"drivers/usb/core/hub.c"}), want);
  EXPECT_EQ(lines_for(m, {"drivers/usb/core/deep/er/x.c"}), want);
}

TEST(Maintainers, glob_stays_inside_one_path_component) {
  MaintainersFile m = parse_maintainers(k_small);
  // include/linux/usb* matches include/linux/usb.h and include/linux/usbdevice_fs.h, not
  // include/linux/usb/ch9.h (one '/' more than the pattern).
  EXPECT_EQ(lines_for(m, {"include/linux/usbdevice_fs.h"}).front(),
            "Greg Kroah-Hartman <gregkh@linuxfoundation.org> (supporter:USB SUBSYSTEM)");
  std::vector<std::string> n_only = lines_for(m, {"include/linux/usb/ch9.h"});
  // ... though the N: usb regex still catches it, at depth 0.
  EXPECT_EQ(n_only.front(),
            "Greg Kroah-Hartman <gregkh@linuxfoundation.org> (supporter:USB SUBSYSTEM)");
  // THE REST's "*" is every top-level file, "*/" every other one.
  EXPECT_EQ(lines_for(m, {"Makefile"}),
            std::vector<std::string>{"linux-kernel@vger.kernel.org (open list)"});
}

TEST(Maintainers, directory_without_slash_needs_the_tree) {
  // "F: drivers/usb/dwc3" is a file name unless the tree says it is a directory.
  MaintainersFile plain = parse_maintainers(k_small);
  auto lines = lines_for(plain, {"drivers/usb/dwc3/core.c"});
  EXPECT_EQ(std::count_if(lines.begin(), lines.end(),
                          [](const std::string& l) { return l.find("DWC3") != std::string::npos; }),
            0);
  MaintainersTree tree;
  tree.is_directory = [](const std::string& p) { return p == "drivers/usb/dwc3"; };
  MaintainersFile with_tree = parse_maintainers(k_small, tree);
  lines = lines_for(with_tree, {"drivers/usb/dwc3/core.c"});
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.front(), "\"Thinh N. Nguyen\" <Thinh.Nguyen@synopsys.com> (maintainer:USB DWC3 DRIVER)");
}

TEST(Maintainers, exclusion_is_checked_before_files_and_regexes) {
  MaintainersFile m = parse_maintainers(k_small);
  EXPECT_EQ(lines_for(m, {"drivers/usb/excluded/a.c"}),
            std::vector<std::string>{"linux-kernel@vger.kernel.org (open list)"});
}

TEST(Maintainers, deeper_pattern_first_and_first_section_keeps_an_address) {
  MaintainersTree tree;
  tree.is_directory = [](const std::string& p) { return p == "drivers/usb/dwc3"; };
  MaintainersFile m = parse_maintainers(k_small, tree);
  std::vector<MaintainerEntry> e = find_maintainers(m, {"drivers/usb/dwc3/core.c"}, "");
  std::vector<std::string> want = {
      "\"Thinh N. Nguyen\" <Thinh.Nguyen@synopsys.com> (maintainer:USB DWC3 DRIVER)",
      "Jiri Kosina <jikos@kernel.org> (reviewer:USB DWC3 DRIVER)",
      "Greg Kroah-Hartman <gregkh@linuxfoundation.org> (supporter:USB SUBSYSTEM)",
      "linux-usb@vger.kernel.org (open list:USB DWC3 DRIVER)",
      "linux-kernel@vger.kernel.org (open list)"};
  EXPECT_EQ(get_maintainer_lines(e, false), want);
  // Linus is left out of the printed lines but stays THE REST's maintainer.
  EXPECT_EQ(role_of(e, "torvalds@linux-foundation.org"), "maintainer");
  EXPECT_EQ(role_of(e, "JIKOS@kernel.org"), "reviewer");
  EXPECT_EQ(role_of(e, "linux-usb@vger.kernel.org"), "none");
  EXPECT_EQ(role_of(e, "nobody@example.org"), "none");
}

TEST(Maintainers, strongest_role_counts_every_section_not_only_the_printed_one) {
  MaintainersFile m = parse_maintainers(k_small);
  // Jiri is a reviewer in DWC3 (not matched here) and the maintainer of USB HID.
  std::vector<MaintainerEntry> e = find_maintainers(m, {"drivers/hid/usbhid/hid-core.c"}, "");
  EXPECT_EQ(role_of(e, "jikos@kernel.org"), "maintainer");
  EXPECT_EQ(role_of(e, "greg@kroah.com"), "reviewer");
  // Greg's second address is a different address: both are printed (get_maintainer dedups
  // names too, so the second "Greg Kroah-Hartman" is not).
  std::vector<std::string> lines = get_maintainer_lines(e, false);
  EXPECT_EQ(lines[0], "Jiri Kosina <jikos@kernel.org> (maintainer:USB HID DRIVER)");
  EXPECT_EQ(lines[1], "Greg Kroah-Hartman <greg@kroah.com> (reviewer:USB HID DRIVER)");
  EXPECT_EQ(std::count_if(lines.begin(), lines.end(),
                          [](const std::string& l) { return l.find("gregkh@") != std::string::npos; }),
            0);
  EXPECT_EQ(role_of(e, "gregkh@linuxfoundation.org"), "maintainer");
}

TEST(Maintainers, status_words_become_roles_and_long_section_names_are_cut) {
  MaintainersFile m = parse_maintainers(k_small);
  std::vector<MaintainerEntry> e = find_maintainers(m, {"drivers/usb/misc/long.c"}, "");
  ASSERT_FALSE(e.empty());
  EXPECT_EQ(e[0].role, "odd fixer");
  EXPECT_EQ(e[0].section, "A VERY LONG SECTION NAME THAT GET_MAINTAINER WILL SURELY CUT SHORT");
  EXPECT_EQ(get_maintainer_lines(e, false)[0],
            "Long Name <long@example.org> (odd fixer:A VERY LONG SECTION NAME THAT GET_MAINTAINER WI...)");
}

TEST(Maintainers, subscribers_only_lists_are_left_out_and_moderated_ones_named) {
  MaintainersFile m = parse_maintainers(k_small);
  ASSERT_EQ(m.sections.size(), 7u);
  EXPECT_EQ(m.sections[0].lists[0], "linux-arm-kernel@lists.infradead.org");
  EXPECT_EQ(m.sections[0].list_notes[0], "(moderated for non-subscribers)");
  std::vector<std::string> lines = lines_for(m, {"drivers/old/x.c"});
  EXPECT_EQ(lines[0], "Sub Scriber <sub@example.org> (obsolete minder:SUBSCRIBERS ONLY)");
  EXPECT_EQ(lines[1], "linux-kernel@vger.kernel.org (open list)");
  lines = lines_for(m, {"arch/arm/mach-shmobile/setup.c"});
  EXPECT_EQ(lines[1], "linux-arm-kernel@lists.infradead.org (moderated list:ARM/RENESAS ARCHITECTURE)");
}

TEST(Maintainers, keywords_match_anywhere_before_the_diff_and_in_changed_lines_after) {
  MaintainersFile m = parse_maintainers(k_small);
  std::string in_context = "Subject: fix\n\n---\n--- a/drivers/usb/x.c\n+++ b/drivers/usb/x.c\n"
                           "@@ -1,1 +1,1 @@\n compatible = \"renesas,foo\";\n-a\n+b\n";
  std::string in_change = "Subject: fix\n\n--- a/drivers/usb/x.c\n+++ b/drivers/usb/x.c\n"
                          "@@ -1,1 +1,1 @@\n-a\n+\tcompatible = \"renesas,foo\";\n";
  std::string in_message = "Subject: fix the renesas,foo binding\n\n--- a/drivers/usb/x.c\n";
  auto has_geert = [&](const std::string& text) {
    std::vector<MaintainerEntry> e = find_maintainers(m, patch_paths(text), text);
    for (const auto& x : e)
      if (x.printed && x.email == "geert+renesas@glider.be") return x.keyword == "\\brenesas,";
    return false;
  };
  EXPECT_FALSE(has_geert(in_context));
  EXPECT_TRUE(has_geert(in_change));
  EXPECT_TRUE(has_geert(in_message));
  std::vector<MaintainerEntry> e = find_maintainers(m, patch_paths(in_change), in_change);
  std::vector<std::string> newer = get_maintainer_lines(e, true);
  EXPECT_NE(std::find(newer.begin(), newer.end(),
                      "Geert Uytterhoeven <geert+renesas@glider.be> "
                      "(supporter:ARM/RENESAS ARCHITECTURE:Keyword:\\brenesas,)"),
            newer.end());
}

TEST(Maintainers, keyword_regexes_keep_perl_meaning) {
  // get_maintainer matches "^[+-].*" . $keyword with /x after the diff starts: a top-level
  // '|' leaves the later alternatives unanchored, so they match context lines too; (?i)
  // folds case for the rest of the pattern; /x ignores blanks.
  MaintainersFile m = parse_maintainers(
      "ALT\nM:\tA <a@example.org>\nS:\tMaintained\nK:\tnever_seen|late_word\n\n"
      "FOLD\nM:\tB <b@example.org>\nS:\tMaintained\nK:\t(?i)clone3\n\n"
      "SPACED\nM:\tC <c@example.org>\nS:\tMaintained\nK:\tspaced _word\n");
  std::string text = "--- a/x.c\n+++ b/x.c\n@@ -1,1 +1,1 @@\n late_word context\n"
                     "+CLONE3 spaced_word\n";
  std::vector<MaintainerEntry> e = find_maintainers(m, patch_paths(text), text);
  std::vector<std::string> names;
  for (const auto& x : e) names.push_back(x.name);
  // Keyword sections come in the string order of their K: line numbers (11, 3, 7), as
  // sort_and_uniq(@keyword_tvi) sorts them.
  EXPECT_EQ(names, (std::vector<std::string>{"C", "A", "B"}));
}

TEST(Maintainers, paths_come_from_diff_headers_as_get_maintainer_reads_them) {
  std::string text =
      "diff --git a/old/name.c b/new/name.c\nsimilarity index 90%\nrename from old/name.c\n"
      "rename to new/name.c\n--- a/old/name.c\n+++ b/new/name.c\n"
      "diff --git a/new.c b/new.c\nnew file mode 100644\n--- /dev/null\n+++ b/new.c\n";
  EXPECT_EQ(patch_paths(text),
            (std::vector<std::string>{"dev/null", "new.c", "new/name.c", "old/name.c"}));
}

TEST(Maintainers, mailmap_and_yaml_bindings_from_the_tree) {
  MaintainersTree tree;
  tree.read_file = [](const std::string& p) -> std::optional<std::string> {
    if (p == ".mailmap") return "Jiri Kosina <jkosina@suse.com> <jikos@kernel.org>\n";
    if (p == "Documentation/devicetree/bindings/hid/foo.yaml")
      return "maintainers:\n  - Jane Q. Public <jane@example.org>\n"
             "  - Jiri Kosina <jikos@kernel.org>\n";
    return std::nullopt;
  };
  std::string text = "Subject: x\n";
  MaintainersFile m = parse_maintainers(k_small, tree);
  std::vector<MaintainerEntry> e =
      find_maintainers(m, {"Documentation/devicetree/bindings/hid/foo.yaml", "drivers/hid/usbhid/a.c"},
                       text, tree);
  std::vector<std::string> lines = get_maintainer_lines(e, false);
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(lines[0], "Jiri Kosina <jkosina@suse.com> (maintainer:USB HID DRIVER,in file)");
  EXPECT_EQ(lines[2], "\"Jane Q. Public\" <jane@example.org> (in file)");
}

// ---------------------------------------------------------------------------------------------
// Parity with get_maintainer.pl on the lore samples.

fs::path kernel_fixture() {
  if (const char* env = std::getenv("PATCHTRIAGE_KERNEL")) return env;
  const char* home = std::getenv("HOME");
  return fs::path(home ? home : "/root") / ".cache/patchtriage/kernel";
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

// Runs a git command on the fixture; nullopt when it fails.
std::optional<std::string> git(const std::string& args) {
  std::string cmd = "git --git-dir=" + shell_quote(kernel_fixture().string()) + " " + args +
                    " 2>/dev/null";
  FILE* f = popen(cmd.c_str(), "r");
  if (!f) return std::nullopt;
  std::string out;
  char buf[65536];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  if (pclose(f) != 0) return std::nullopt;
  return out;
}

// One fixture branch as get_maintainer sees its checkout: MAINTAINERS, directories, files.
struct KernelTree {
  std::string branch;
  std::unordered_set<std::string> directories;
  MaintainersTree tree;
  MaintainersFile maintainers;
  bool ok = false;
};

const KernelTree& kernel_tree(const std::string& branch) {
  static std::map<std::string, std::unique_ptr<KernelTree>> cache;
  auto& slot = cache[branch];
  if (slot) return *slot;
  slot = std::make_unique<KernelTree>();
  KernelTree& t = *slot;
  t.branch = branch;
  std::optional<std::string> text = git("show " + shell_quote(branch + ":MAINTAINERS"));
  std::optional<std::string> dirs = git("ls-tree -r -d --name-only " + shell_quote(branch));
  if (!text || !dirs) return t;
  std::size_t pos = 0;
  while (pos < dirs->size()) {
    std::size_t nl = dirs->find('\n', pos);
    if (nl == std::string::npos) nl = dirs->size();
    t.directories.insert(dirs->substr(pos, nl - pos));
    pos = nl + 1;
  }
  t.tree.is_directory = [&t](const std::string& p) { return t.directories.count(p) > 0; };
  t.tree.read_file = [branch](const std::string& p) {
    return git("cat-file blob " + shell_quote(branch + ":" + p));
  };
  t.maintainers = parse_maintainers(*text, t.tree);
  t.ok = true;
  return t;
}

fs::path samples() {
  return fs::path(PATCHTRIAGE_SHARED) / "corpus/lore-usb/raw-samples";
}

// (sample, tree) pairs that have get_maintainer's answer.
std::vector<std::string> parity_cases() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(samples() / "expected", ec)) {
    std::string f = e.path().filename().string();
    for (const char* tree : {"6.1", "6.12"}) {
      std::string suffix = std::string(".get_maintainer-") + tree;
      if (f.size() > suffix.size() && f.compare(f.size() - suffix.size(), suffix.size(), suffix) == 0)
        names.push_back(f.substr(0, f.size() - suffix.size()) + "@" + tree);
    }
  }
  std::sort(names.begin(), names.end());
  if (names.empty()) names.push_back("corpus_absent@none");
  return names;
}

// CONTRACT: only lines with a role in parentheses count; git's "fatal: ambiguous argument"
// noise (get_maintainer looking up Fixes: commits) and the "doesn't appear to be a patch"
// warning do not.
std::vector<std::string> role_lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (line.empty() || line.back() != ')' || line.find(" (") == std::string::npos) continue;
    if (line.rfind("fatal:", 0) == 0 || line.rfind("'git <command>", 0) == 0) continue;
    out.push_back(line);
  }
  return out;
}

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

// get_maintainer orders the sections that match one path at the same depth by Perl's hash
// order, which differs between runs: these seven outputs change with PERL_HASH_SEED (checked
// by running the same get_maintainer.pl on a copy of each tree with seeds 0..9), and ours
// equals one of the seeds' outputs. For them the same lines must be printed, each under a
// section that get_maintainer could have chosen.
const std::set<std::string> k_hash_order = {
    "patch-multipart-02@6.12", "patch-qp-13@6.12",       "patch-with-fixes-06@6.12",
    "patch-with-fixes-08@6.12", "stable-review-12@6.1", "stable-review-13@6.1",
    "stable-review-13@6.12"};

// The "Name <addr>" or list address part of a get_maintainer line.
std::string address_part(const std::string& line) {
  std::size_t gt = line.find("> (");
  return gt != std::string::npos ? line.substr(0, gt + 1) : line.substr(0, line.find(" ("));
}

std::vector<std::string> sorted_addresses(const std::vector<std::string>& lines) {
  std::vector<std::string> out;
  for (const auto& l : lines) out.push_back(address_part(l));
  std::sort(out.begin(), out.end());
  return out;
}

class GetMaintainerSample : public testing::TestWithParam<std::string> {};

TEST_P(GetMaintainerSample, equals_get_maintainer) {
  REQUIRE_CORPUS();
  if (!fs::exists(kernel_fixture()))
    GTEST_SKIP() << "kernel fixture not found at " << kernel_fixture()
                 << " (build it with ../shared/scripts/make-kernel-fixture.sh; .ci/run does)";
  const std::string& param = GetParam();
  std::string name = param.substr(0, param.find('@'));
  std::string version = param.substr(param.find('@') + 1);
  const KernelTree& tree = kernel_tree("linux-" + version + ".y");
  if (!tree.ok) GTEST_SKIP() << "linux-" << version << ".y not readable in " << kernel_fixture();

  // get_maintainer was given the whole raw mail: paths and keywords come from its lines.
  std::string mail = test::read_file(samples() / (name + ".eml"));
  std::vector<MaintainerEntry> entries =
      find_maintainers(tree.maintainers, patch_paths(mail), mail, tree.tree);
  // The :Keyword: suffix on roles is newer than 6.1's get_maintainer.
  std::vector<std::string> got = get_maintainer_lines(entries, version != "6.1");
  std::vector<std::string> want = role_lines(
      test::read_file(samples() / "expected" / (name + ".get_maintainer-" + version)));
  if (!k_hash_order.count(param)) {
    EXPECT_EQ(join(got), join(want));
    return;
  }
  EXPECT_EQ(sorted_addresses(got), sorted_addresses(want));
  std::set<std::string> possible;  // every entry's line, had it been the printed one
  for (MaintainerEntry e : entries) {
    e.printed = true;
    possible.insert(get_maintainer_lines({e}, version != "6.1").front());
  }
  for (const std::string& line : want)
    EXPECT_TRUE(possible.count(line)) << "no section of ours gives: " << line;
}

INSTANTIATE_TEST_SUITE_P(LoreUsb, GetMaintainerSample, testing::ValuesIn(parity_cases()),
                         [](const auto& info) { return test::case_name(info.param); });

}  // namespace
}  // namespace pt
