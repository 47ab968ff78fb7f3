#include "mail/date.hpp"

#include <gtest/gtest.h>

namespace pt {
namespace {

TEST(Date, rfc5322_with_offset_and_comment) {
  EXPECT_EQ(to_utc_iso8601("Thu, 30 Jan 2025 12:12:34 -0800"), "2025-01-30T20:12:34Z");
  EXPECT_EQ(to_utc_iso8601("Thu, 21 Jul 2005 09:10:36 -0400 (EDT)"), "2005-07-21T13:10:36Z");
  EXPECT_EQ(to_utc_iso8601("Wed,  1 Jan 2025 00:15:36 +0800"), "2024-12-31T16:15:36Z");
}

TEST(Date, asctime_and_web_archive_forms) {
  EXPECT_EQ(to_utc_iso8601("Thu Dec 4 16:00:00 2008 -0800"), "2008-12-05T00:00:00Z");
  EXPECT_EQ(to_utc_iso8601("Thu Aug 10 2017 - 18:45:26 EST"), "2017-08-10T23:45:26Z");
}

TEST(Date, years_at_the_edges_keep_their_digits) {
  EXPECT_EQ(to_utc_iso8601("Mon, 1 Jan 1900 00:30:00 +0100"), "1899-12-31T23:30:00Z");
  EXPECT_EQ(to_utc_iso8601("Fri, 31 Dec 9999 23:00:00 -0200"), "10000-01-01T01:00:00Z");
  EXPECT_EQ(to_utc_iso8601("Sat, 5 Jun 99 7:05:09 GMT"), "1999-06-05T07:05:09Z");
}

TEST(Date, nonsense_is_not_a_date) {
  EXPECT_EQ(to_utc_iso8601("bogus"), "");
  EXPECT_EQ(to_utc_iso8601("Mon, 32 Jan 2025 00:00:00 +0000"), "");
  EXPECT_EQ(to_utc_iso8601("Mon, 1 Jan 207777777777777777777714 00:00:00 +0000"), "");
}

}  // namespace
}  // namespace pt
