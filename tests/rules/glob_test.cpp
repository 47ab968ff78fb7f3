#include "rules/glob.hpp"

#include <gtest/gtest.h>

#include <string>

namespace pt {
namespace {

TEST(RuleGlob, star_stays_in_one_component) {
  EXPECT_TRUE(match_glob("drivers/usb/*.c", "drivers/usb/hub.c"));
  EXPECT_FALSE(match_glob("drivers/usb/*.c", "drivers/usb/core/hub.c"));
  EXPECT_TRUE(match_glob("drivers/*/core/hub.c", "drivers/usb/core/hub.c"));
  EXPECT_TRUE(match_glob("drivers/usb/hu?.c", "drivers/usb/hub.c"));
  EXPECT_FALSE(match_glob("drivers/usb?hub.c", "drivers/usb/hub.c"));
}

TEST(RuleGlob, double_star_spans_components) {
  EXPECT_TRUE(match_glob("drivers/usb/**", "drivers/usb/core/hub.c"));
  EXPECT_TRUE(match_glob("drivers/usb/**", "drivers/usb/hub.c"));
  EXPECT_FALSE(match_glob("drivers/usb/**", "drivers/usbip/stub.c"));
  EXPECT_TRUE(match_glob("**/Makefile", "Makefile"));
  EXPECT_TRUE(match_glob("**/Makefile", "drivers/usb/Makefile"));
  EXPECT_FALSE(match_glob("**/Makefile", "drivers/usb/Makefile.inc"));
  EXPECT_TRUE(match_glob("drivers/**/hub.c", "drivers/usb/core/hub.c"));
  EXPECT_TRUE(match_glob("drivers/**/hub.c", "drivers/hub.c"));
}

TEST(RuleGlob, without_slash_the_last_component_anywhere) {
  EXPECT_TRUE(match_glob("*.rst", "Documentation/process/stable-kernel-rules.rst"));
  EXPECT_TRUE(match_glob("MAINTAINERS", "MAINTAINERS"));
  EXPECT_FALSE(match_glob("MAINTAINERS", "Documentation/MAINTAINERS.rst"));
}

TEST(RuleGlob, trailing_slash_is_a_directory_and_classes_work) {
  EXPECT_TRUE(match_glob("Documentation/", "Documentation/process/howto.rst"));
  EXPECT_FALSE(match_glob("Documentation/", "Documentation"));
  EXPECT_TRUE(match_glob("arch/[xa]*/Kconfig", "arch/x86/Kconfig"));
  EXPECT_TRUE(match_glob("arch/[a-c]*/Kconfig", "arch/arm64/Kconfig"));
  EXPECT_FALSE(match_glob("arch/[!a]*/Kconfig", "arch/arm64/Kconfig"));
  EXPECT_TRUE(match_glob("a[b", "a[b"));  // an unclosed class is literal
  EXPECT_FALSE(match_glob("", "x"));
}

// Found with the fuzz targets (tests/fuzz, fuzz_rules): backtracking over the stars took
// exponential time (14 s for the first glob against 30 bytes) and recursed once per star.
TEST(RuleGlob, many_stars_take_linear_steps_not_exponential_time) {
  const std::string path(4000, 'a');
  EXPECT_FALSE(match_glob("*a*a*a*a*a*a*a*a*a*a*b", path));
  EXPECT_FALSE(match_glob("**a**a**a**a**a**a**a**a**b", path));
  EXPECT_TRUE(match_glob("*a*a*a*a*a*a*a*a*a*a*a", path));
  EXPECT_TRUE(match_glob(std::string(100000, '*'), "a"));
  EXPECT_TRUE(match_glob("x/**/" + std::string(50000, '*') + "/y", "x/a/b/c/y"));
}

}  // namespace
}  // namespace pt
