#include "mail/header_fields.hpp"

namespace pt::header_line {

bool skip_header(std::string_view line, std::string_view name, std::string_view& value) {
  if (!istarts_with(line, name) || line.size() <= name.size() || line[name.size()] != ':')
    return false;
  std::size_t i = name.size() + 1;
  while (i < line.size() && is_space(line[i])) ++i;
  value = line.substr(i);
  if (auto nul = value.find('\0'); nul != std::string_view::npos) value = value.substr(0, nul);
  return true;
}

}  // namespace pt::header_line
