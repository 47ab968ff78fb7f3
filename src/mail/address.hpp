// mail stage: the author address of a From value.
// decoded From value -> display name and e-mail, as git mailinfo's handle_from.
#pragma once

#include <string>
#include <string_view>

namespace pt {

struct Address {
  std::string name;
  std::string email;
};

// Splits a From value ("A U Thor <a@b>", "a@b (A U Thor)", "\"Q\" <a@b>", a bare address)
// the way git mailinfo does: quoted pairs unquoted, comments kept, the name replaced by
// the address when it is empty, longer than 60 bytes or holds '@', '<' or '>'.
Address parse_author(std::string_view from);

}  // namespace pt
