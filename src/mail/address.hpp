// mail stage: the author address of a From value, and the recipients of a To/Cc value.
// decoded From value -> display name and e-mail, as git mailinfo's handle_from.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pt {

struct Address {
  std::string name;
  std::string email;
};

// Splits a From value ("A U Thor <a@b>", "a@b (A U Thor)", "\"Q\" <a@b>", a bare address)
// the way git mailinfo does: quoted pairs unquoted, comments kept, the name replaced by
// the address when it is empty, longer than 60 bytes or holds '@', '<' or '>'.
Address parse_author(std::string_view from);

// The items of a To/Cc value ("A <a@b>, \"B, C\" <c@d>"): split on the commas outside quotes
// and angle brackets, each trimmed, empty ones dropped. A '\n' also ends an item and resets
// the quote and bracket state: it separates the values of several To (or Cc) fields.
std::vector<std::string_view> split_recipients(std::string_view value);

}  // namespace pt
