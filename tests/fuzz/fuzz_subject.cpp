// fuzz target: patch stage subject prefixes.
// decoded Subject value -> Subject (prefixes, version, n/m, stable range, title).
#include "fuzz_support.hpp"
#include "patch/subject.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  pt::Subject s = pt::parse_subject(pt::fuzz::as_text(data, size));
  pt::fuzz::require(s.title.size() <= size, "title no longer than the subject");
  return 0;
}
