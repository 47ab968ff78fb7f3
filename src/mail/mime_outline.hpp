// mail stage: the MIME structure of a multipart message, through mimetic.
// raw message -> list of leaf parts (type, charset, file name, encoding, size).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pt {

struct MimePart {
  std::string content_type;  // "text/x-patch"
  std::string charset;
  std::string filename;      // from Content-Disposition filename= or Content-Type name=
  std::string disposition;   // "inline", "attachment" or ""
  std::string encoding;      // Content-Transfer-Encoding mechanism
  std::size_t size = 0;      // encoded body bytes
  int depth = 0;             // nesting level, 1 for a part of the top multipart
};

// Lists the leaf parts of a multipart message (empty for a single-part one). Messages
// nested deeper than `max_depth` multiparts are not walked (hostile input), and the
// outline says so by ending in a part of type "(too deep)".
std::vector<MimePart> outline_mime(std::string_view message, int max_depth = 32);

}  // namespace pt
