// libbpf format-patch corpus: 300 real commits; author, title, date, message, numstat and
// trailers must equal what git derived from the commits. One ctest entry per patch.
#include <gtest/gtest.h>

#include "patch/patch_builder.hpp"
#include "test_support.hpp"

namespace pt {
namespace {

namespace fs = std::filesystem;

std::map<std::string, std::string> parse_info(const std::string& text) {
  std::map<std::string, std::string> d;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string line = text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? text.size() : nl + 1;
    std::size_t sep = line.find(": ");
    if (sep != std::string::npos) d.emplace(line.substr(0, sep), line.substr(sep + 2));
    else if (!line.empty() && line.back() == ':') d.emplace(line.substr(0, line.size() - 1), "");
  }
  return d;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string line = text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? text.size() : nl + 1;
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

class LibbpfPatch : public testing::TestWithParam<int> {};

TEST_P(LibbpfPatch, matches_git) {
  REQUIRE_CORPUS();
  fs::path root = test::corpus_dir() / "libbpf-format-patch";
  char id[8];
  std::snprintf(id, sizeof id, "%04d", GetParam());
  fs::path patch_file;
  for (const auto& e : fs::directory_iterator(root / "patches"))
    if (e.path().filename().string().rfind(id, 0) == 0) patch_file = e.path();
  ASSERT_FALSE(patch_file.empty()) << "no patch numbered " << id;
  std::vector<RawMessage> messages = test::split_text(test::read_file(patch_file));
  ASSERT_EQ(messages.size(), 1u);
  Patch p = build_patch(messages[0], {});
  fs::path exp = root / "expected";
  auto info = parse_info(test::read_file(exp / (std::string(id) + ".info")));
  EXPECT_EQ(p.author.name, info["Author"]);
  EXPECT_EQ(p.author.email, info["Email"]);
  EXPECT_EQ(p.title, info["Subject"]);
  EXPECT_EQ(p.date, info["Date"]);
  // git log's %B = title, blank line, body, and one extra newline at the end.
  std::string body = test::read_file(exp / (std::string(id) + ".body"));
  std::size_t para = body.find("\n\n");
  std::string rest = para == std::string::npos ? "" : body.substr(para + 2);
  if (!rest.empty()) rest.pop_back();
  EXPECT_EQ(p.message, rest);
  std::vector<std::string> want_numstat = lines_of(test::read_file(exp / (std::string(id) + ".numstat")));
  std::vector<std::string> got_numstat;
  for (const auto& f : p.diff.files) {
    std::string counts = f.binary ? "-\t-" : std::to_string(f.insertions) + "\t" + std::to_string(f.deletions);
    got_numstat.push_back(counts);
  }
  for (auto& l : want_numstat) l = l.substr(0, l.find('\t', l.find('\t') + 1));
  EXPECT_EQ(got_numstat, want_numstat);
  std::vector<std::string> got_trailers;
  for (const auto& t : p.trailers) got_trailers.push_back(t.key + ": " + t.value);
  EXPECT_EQ(got_trailers, lines_of(test::read_file(exp / (std::string(id) + ".trailers"))));
}

INSTANTIATE_TEST_SUITE_P(Libbpf, LibbpfPatch, testing::Range(1, 301));

}  // namespace
}  // namespace pt
