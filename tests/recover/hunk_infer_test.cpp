// Whitespace inference for hunk lines no file holds (recover/hunk_infer): each rule on the
// real hunk that showed the need for it (stable-subset mails, tests/damage/README.md).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "recover/hunk_infer.hpp"

namespace pt {
namespace {

// A hunk's lines with their marker; lines starting with '?' after the marker are the ones
// the file lacks: the test gives only their page damage and expects the exact text back.
struct Case {
  std::vector<hunk::InferLine> lines;
  std::vector<std::string> want;
};

Case make_case(const std::vector<std::string>& spec) {
  Case c;
  for (const auto& s : spec) {
    hunk::InferLine l;
    l.kind = s[0];
    bool unknown = s.size() > 1 && s[1] == '?';
    std::string text = s.substr(unknown ? 2 : 1);
    l.known = !unknown;
    if (unknown) l.damaged = hunk::page_damage(text);
    else l.text = text;
    c.lines.push_back(l);
    c.want.push_back(text);
  }
  return c;
}

// The inferred text of every line the file lacked, next to what the mail had.
void expect_inferred(Case c, const hunk::DamageModel& model = {}) {
  hunk::infer_whitespace(c.lines, model);
  for (size_t i = 0; i < c.lines.size(); ++i) EXPECT_EQ(c.lines[i].text, c.want[i]) << "line " << i;
}

TEST(HunkInfer, MacroBodyLineSitsUnderTheParenthesisTheDefineLeavesOpen) {
  // drivers/usb/chipidea/usbmisc_imx.c
  expect_inferred(make_case({
      " #define TXVREFTUNE0_MASK\t\t(0xf << 20)",
      " ",
      " #define MX6_USB_OTG_WAKEUP_BITS (MX6_BM_WAKEUP_ENABLE | MX6_BM_VBUS_WAKEUP | \\",
      "-?\t\t\t\t MX6_BM_ID_WAKEUP)",
      "+\t\t\t\t MX6_BM_ID_WAKEUP | MX6SX_BM_DPDM_WAKEUP_EN)",
      " ",
  }));
}

TEST(HunkInfer, TableEntryAfterOneClosedWithBraceCommaGoesBackToTheEntryLevel) {
  // drivers/usb/dwc3/dwc3-pci.c
  expect_inferred(make_case({
      " \t{ PCI_VDEVICE(INTEL, PCI_DEVICE_ID_INTEL_ICLLP),",
      " \t  (kernel_ulong_t) &dwc3_pci_intel_swnode, },",
      " ",
      "-?\t{ PCI_VDEVICE(INTEL, PCI_DEVICE_ID_INTEL_EHLLP),",
      "-\t  (kernel_ulong_t) &dwc3_pci_intel_swnode },",
      "+\t{ PCI_VDEVICE(INTEL, PCI_DEVICE_ID_INTEL_EHL),",
      "+\t  (kernel_ulong_t) &dwc3_pci_intel_swnode, },",
      " ",
  }));
}

TEST(HunkInfer, RemovedBlankLineBesideAnAddedOneHeldTheIndentation) {
  // drivers/usb/misc/appledisplay.c: diff would have kept two empty lines as context.
  expect_inferred(make_case({
      " \tmutex_unlock(&pdata->sysfslock);",
      "-?\t",
      "-?\treturn retval;",
      "+",
      "+\tif (retval < 0)",
      "+\t\treturn retval;",
  }));
}

TEST(HunkInfer, RemovedBlankLineWithoutAnAddedOneStaysEmpty) {
  expect_inferred(make_case({
      " \tmutex_unlock(&pdata->sysfslock);",
      "-?",
      "-?\treturn retval;",
      "+\tif (retval < 0)",
      "+\t\treturn retval;",
  }));
}

TEST(HunkInfer, RegisterFieldDefinesKeepTheFilesExtraBlank) {
  // drivers/usb/gadget/udc/tegra-xudc.c sets a register's fields off by two blanks.
  expect_inferred(make_case({
      " /* XUSB_DEV registers */",
      "-?#define SPARAM 0x000",
      "-?#define  SPARAM_ERSTMAX_MASK GENMASK(20, 16)",
      "-?#define  SPARAM_ERSTMAX(x) (((x) << 16) & SPARAM_ERSTMAX_MASK)",
      " #define DB 0x004",
      " #define  DB_TARGET_MASK GENMASK(15, 8)",
  }));
}

TEST(HunkInfer, TableRowTakesTheBlanksOfARowShapedLikeIt) {
  // include/linux/usb/uvc.h
  Case c = make_case({
      " #define UVC_GUID_FORMAT_Y12I \\",
      " \t{ 'Y',  '1',  '2',  'I', 0x00, 0x00, 0x10, 0x00, \\",
      " \t 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71}",
      "+?#define UVC_GUID_FORMAT_Y16I \\",
      "+?\t{ 'Y',  '1',  '6',  'I', 0x00, 0x00, 0x10, 0x00, \\",
      "+?\t 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71}",
      " #define UVC_GUID_FORMAT_Z16 \\",
  });
  c.lines[5].variants = {"\t 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71}"};  // the file's other GUIDs
  c.lines[5].near_variants = 1;
  expect_inferred(c);
}

TEST(HunkInfer, ReturnContinuationAlignsUnderTheExpression) {
  // drivers/usb/host/xhci.h
  expect_inferred(make_case({
      " static inline bool xhci_link_chain_quirk(struct xhci_hcd *xhci, enum xhci_ring_type type)",
      " {",
      " \treturn (xhci->quirks & XHCI_LINK_TRB_QUIRK) ||",
      "-?\t       (type == TYPE_ISOC && (xhci->quirks & XHCI_AMD_0x96_HOST));",
      "+\t       (type == TYPE_ISOC && (xhci->quirks & (XHCI_AMD_0x96_HOST | XHCI_NEC_HOST)));",
      " }",
  }));
}

TEST(HunkInfer, LaterContinuationsKeepTheLevelOfTheOneBefore) {
  expect_inferred(make_case({
      " {",
      "+?\treturn a->x == b->x &&",
      "+?\t       a->y == b->y &&",
      "+?\t       a->z == b->z;",
      " }",
  }));
}

TEST(HunkInfer, NextArgumentSitsWhereTheOneBeforeIt) {
  // drivers/usb/storage/unusual_devs.h: the file's spelling of the first argument line
  // ("\t\t\"Samsung\",", the only one it has) sets the level of the others.
  Case c = make_case({
      " \t\tUSB_SC_RBC, USB_PR_BULK, NULL,",
      " \t\t0 ),",
      " ",
      "-?UNUSUAL_DEV(0x090c, 0x1000, 0x1100, 0x1100,",
      "-?\t\t\"Samsung\",",
      "-?\t\t\"Flash Drive FIT\",",
      "-?\t\tUSB_SC_DEVICE, USB_PR_DEVICE, NULL,",
      "-?\t\tUS_FL_MAX_SECTORS_64),",
      "-",
  });
  c.lines[4].variants = {"\t\t\"Samsung\","};
  c.lines[6].variants = {"\t\tUSB_SC_DEVICE, USB_PR_DEVICE, NULL,", "               USB_SC_DEVICE, USB_PR_DEVICE, NULL,"};
  expect_inferred(c);
}

TEST(HunkInfer, WithoutTheFilesSpellingArgumentsAlignUnderTheParenthesis) {
  expect_inferred(make_case({
      " {",
      "+?\tret = regmap_update_bits(map, addr,",
      "+?\t\t\t\t mask, 0);",
      " }",
  }));
}

TEST(HunkInfer, CommentSentencesEndWithTheFilesTwoBlanks) {
  // drivers/usb/host/ohci-hub.c
  Case c = make_case({
      " \t\t/* hub power always on; required for AMD-756 and some",
      "-?\t\t * Mac platforms.  ganged overcurrent reporting, if any.",
      "+\t\t * Mac platforms.",
      " \t\t */",
  });
  hunk::DamageModel model;
  model.sentence_two_spaces = true;
  expect_inferred(c, model);
}

TEST(HunkInfer, SentenceSpacingIsTheFilesMajorityInComments) {
  auto lines = [](std::vector<std::string_view> v) { return v; };
  EXPECT_TRUE(hunk::sentences_end_with_two_spaces(
      lines({"/*", " * One.  Two.  Three.", " * Four.  Five.  Six.", " */", "int a; /* code. x */"})));
  EXPECT_FALSE(hunk::sentences_end_with_two_spaces(
      lines({"/*", " * One. Two. Three.", " * Four.  Five.", " */"})));
  // Code is not a comment; "e.g." and "0.5" do not end sentences.
  EXPECT_FALSE(hunk::sentences_end_with_two_spaces(
      lines({"x = a.  b;", "y = c.  d;", "z = e.  f;", "w = g.  h;", " * e.g.  this, 0.5.  x"})));
}

}  // namespace
}  // namespace pt
