#include "mail/header_fields.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace pt::header_line {
namespace {

TEST(HeaderFields, colon_ends_a_field_name_of_ftext) {
  EXPECT_EQ(header_colon("Subject: x"), 7u);
  EXPECT_EQ(header_colon("X-Very-Long-Header-Name-Beyond-Sixteen: y"), 38u);
  EXPECT_EQ(header_colon("From a@b Mon Jan  1 00:00:00 2024"), k_mbox_from);
  EXPECT_EQ(header_colon(">From a@b"), k_mbox_from);
  EXPECT_EQ(header_colon("Not a header"), std::string_view::npos);
  EXPECT_EQ(header_colon(": empty name"), 0u);  // as before: the caller sees an empty name
  EXPECT_EQ(header_colon("Na\xC3\xA9me: x"), std::string_view::npos);
  EXPECT_EQ(header_colon("NoColonAtAllInThisLongLine"), std::string_view::npos);
}

// The 16-byte scan against the byte-by-byte definition, around the step, with every kind
// of byte that stops a field name (blank, control, DEL, >= 0x80, ':').
TEST(HeaderFields, colon_agrees_with_the_byte_by_byte_definition) {
  auto reference = [](std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && is_ftext(line[i])) ++i;
    return i < line.size() && line[i] == ':' ? i : std::string_view::npos;
  };
  std::mt19937 random(20261127);
  const std::string stops(" \t\x7f\x80\xff\x01::::", 10);
  for (int round = 0; round < 6000; ++round) {
    std::string line(random() % 60, 'a');
    for (char& c : line) c = random() % 10 ? 'A' + random() % 26 : stops[random() % stops.size()];
    if (line.rfind("From ", 0) == 0) continue;
    ASSERT_EQ(header_colon(line), reference(line)) << line;
  }
}

TEST(HeaderFields, the_fields_git_reads_in_any_case) {
  EXPECT_EQ(field_of("from: a"), Field::from);
  EXPECT_EQ(field_of("CONTENT-TRANSFER-ENCODING: base64"), Field::transfer_encoding);
  EXPECT_EQ(field_of("Content-Type: text/plain"), Field::content_type);
  EXPECT_EQ(field_of("Message-ID: <a@b>"), Field::message_id);
  EXPECT_EQ(field_of("Date"), Field::none);
  EXPECT_EQ(field_of("Received: x"), Field::none);
  std::string_view value;
  ASSERT_TRUE(skip_header(std::string_view("Subject: \t hi\0there", 19), "subject", value));
  EXPECT_EQ(value, "hi");
  EXPECT_FALSE(skip_header("Subjects: x", "Subject", value));
}

}  // namespace
}  // namespace pt::header_line
