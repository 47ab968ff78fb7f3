// fuzz target: patch stage trailers and upstream references.
// commit message text -> trailers (each value split as a person), upstream commit refs.
#include <string>

#include "fuzz_support.hpp"
#include "patch/trailers.hpp"
#include "patch/upstream.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = pt::fuzz::as_text(data, size);
  std::size_t lines = pt::fuzz::lines_of(text).size();
  for (const pt::Trailer& t : pt::parse_trailers(text)) {
    pt::fuzz::require(t.line >= 1 && std::size_t(t.line) <= lines, "trailer line inside the message");
    std::string name, email, comment;
    pt::split_person(t.value, name, email, comment);
  }
  for (const pt::UpstreamRef& r : pt::find_upstream_refs(text))
    pt::fuzz::require(r.line >= 1 && std::size_t(r.line) <= lines, "upstream ref line inside the message");
  return 0;
}
