#include "mail/mime_outline.hpp"

#include <mimetic/mimetic.h>

#include "util/text.hpp"

namespace pt {

namespace {

void walk(const mimetic::MimeEntity& entity, int depth, std::vector<MimePart>& out) {
  const mimetic::Header& h = entity.header();
  const mimetic::ContentType& ct = h.contentType();
  if (iequals(std::string_view(ct.type().c_str()), "multipart")) {
    for (const mimetic::MimeEntity* child : entity.body().parts())
      if (child) walk(*child, depth + 1, out);
    return;
  }
  MimePart part;
  part.content_type = std::string(ct.type().c_str()) + "/" + ct.subtype().c_str();
  part.charset = ct.param("charset");
  part.filename = h.contentDisposition().param("filename");
  if (part.filename.empty()) part.filename = ct.param("name");
  part.disposition = h.contentDisposition().type().c_str();
  part.encoding = h.contentTransferEncoding().mechanism().c_str();
  part.size = entity.body().size();
  part.depth = depth;
  out.push_back(std::move(part));
}

}  // namespace

std::vector<MimePart> outline_mime(std::string_view message, int max_depth) {
  std::vector<MimePart> parts;
  // Only multipart mail has an outline worth building; the header decides cheaply.
  std::size_t header_end = message.find("\n\n");
  std::string_view head = message.substr(0, header_end);
  std::size_t ct = ifind(head, "content-type:");
  if (ct == std::string_view::npos || ifind(head.substr(ct, 200), "multipart") == std::string_view::npos)
    return parts;
  // mimetic recurses once per nesting level: refuse absurd nesting before it does.
  int multiparts = 0;
  for (std::string_view rest = message;;) {
    std::size_t at = ifind(rest, "multipart/");
    if (at == std::string_view::npos) break;
    if (++multiparts > max_depth) {
      parts.push_back({"(too deep)", "", "", "", "", 0, max_depth});
      return parts;
    }
    rest.remove_prefix(at + 10);
  }
  mimetic::MimeEntity entity(message.begin(), message.end());
  walk(entity, 0, parts);
  return parts;
}

}  // namespace pt
