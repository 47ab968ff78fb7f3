// facts stage (internal to maintainers): addresses as get_maintainer reads and prints them.
// "Name <addr>" text <-> (name, address); .mailmap -> replacements; touched *.yaml -> addresses
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pt::maintainers {

// Addresses: get_maintainer's parse_email(), format_email() and escape_name(). Names are kept
// unquoted; the quoting comes back when a line is formatted.

struct Address {
  std::string name;
  std::string address;
};

// get_maintainer's parse_email(): name (unquoted) and address of "Name <addr>", "<addr>" or
// "addr"; an empty address when the text holds none.
Address parse_email(std::string_view s);
// Quotes a name holding anything but ASCII word characters, spaces and '-' (escape_name).
std::string escape_name(std::string_view name);
// format_email(): "Name <addr>" with the name quoted when it must be, or the bare address.
std::string format_email(const Address& a);
// An M:/R: value holding several addresses ("a <x@y>, b <z@w>") splits like
// rfc822_validlist(); anything else is one address (a comma inside a name keeps it whole, as
// rfc822_valid rejects the halves). Comments in parentheses do not count.
std::vector<std::string> split_address_list(std::string_view value);

// .mailmap, read as get_maintainer's read_mailmap() does (four line forms).
struct Mailmap {
  std::unordered_map<std::string, std::string> names;      // key -> real name (unquoted)
  std::unordered_map<std::string, std::string> addresses;  // key -> real address
};
Mailmap parse_mailmap(std::string_view text);
// mailmap_email(): "Name <addr>" looked up first, then the bare address.
Address apply_mailmap(const Mailmap& mm, const Address& in);

// Yaml bindings name their maintainers; get_maintainer adds every address in a touched
// *.yaml file ("in file"): maintainers_in_file(). The addresses of `text`, each formatted
// with a best-effort name (clean_file_emails()).
std::vector<std::string> file_emails(std::string_view text);

// Characters of UTF-8 text (Perl's length on a decoded string).
std::size_t utf8_length(std::string_view s);

}  // namespace pt::maintainers
