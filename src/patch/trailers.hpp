// patch stage: trailers of a commit message.
// Commit message text -> list of `Key: value` trailers (as git interpret-trailers --parse).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pt {

struct Trailer {
  std::string key;    // as written, e.g. "Signed-off-by"
  std::string value;  // continuation lines joined with single spaces
  std::string name;   // display name when the value is a person ("A U Thor <a@b>"), else ""
  std::string email;  // address when the value holds one, else ""
  std::string comment;// text after the address, e.g. "# 6.1.x" for Cc: stable
  int line = 0;       // 1-based line in the message where the trailer starts
};

// Finds the trailer block the way `git interpret-trailers --parse` does for a commit
// whose message is `title + "\n\n" + body` (title paragraph never a trailer block).
// `message` is the full commit message including the title line.
std::vector<Trailer> parse_trailers(std::string_view message);

// Splits a person value "Name <addr> # comment" into name/email/comment.
void split_person(std::string_view value, std::string& name, std::string& email,
                  std::string& comment);

}  // namespace pt
