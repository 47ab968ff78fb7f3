// facts stage: addresses, .mailmap, *.yaml addresses (see maintainers_addresses.hpp).
#include "facts/maintainers_addresses.hpp"

#include <regex>

#include "facts/maintainers_regex.hpp"

namespace pt::maintainers {

// ---------------------------------------------------------------------------------------------
// Addresses: get_maintainer's parse_email(), format_email() and escape_name(). Names are kept
// unquoted; the quoting comes back when a line is formatted.

namespace {

// Perl's s/^\s+|\s+$//g (\s is is_space's set).
std::string perl_trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

}  // namespace

Address parse_email(std::string_view s) {
  Address a;
  std::size_t nl = s.find('\n');
  if (nl != std::string_view::npos) s = s.substr(0, nl);  // '.' stops at a newline
  std::size_t lt = s.find('<');
  bool done = false;
  // /^([^<]+)<(.+\@.*)>.*$/: the address runs to the last '>'.
  if (lt != std::string_view::npos && lt > 0) {
    std::size_t gt = s.rfind('>');
    if (gt != std::string_view::npos && gt > lt) {
      std::string_view inner = s.substr(lt + 1, gt - lt - 1);
      std::size_t at = inner.find('@', 1);
      if (at != std::string_view::npos) {
        a.name = std::string(s.substr(0, lt));
        a.address = std::string(inner);
        done = true;
      }
    }
  }
  if (!done) {
    // /^\s*<(.+\@\S*)>.*$/
    std::size_t b = 0;
    while (b < s.size() && is_space(s[b])) ++b;
    if (b < s.size() && s[b] == '<') {
      for (std::size_t at = s.rfind('@'); at != std::string_view::npos && at >= b + 2;
           at = at == 0 ? std::string_view::npos : s.rfind('@', at - 1)) {
        std::size_t gt = std::string_view::npos;
        for (std::size_t k = at + 1; k < s.size() && !is_space(s[k]); ++k)
          if (s[k] == '>') gt = k;
        if (gt != std::string_view::npos) {
          a.address = std::string(s.substr(b + 1, gt - b - 1));
          done = true;
          break;
        }
      }
    }
  }
  if (!done) {
    // /^(.+\@\S*).*$/: up to the last '@' (not the first character), then non-blanks.
    std::size_t at = s.rfind('@');
    if (at != std::string_view::npos && at >= 1) {
      std::size_t end = at + 1;
      while (end < s.size() && !is_space(s[end])) ++end;
      a.address = std::string(s.substr(0, end));
    }
  }
  a.name = perl_trim(a.name);
  // s/^\"|\"$//g
  if (!a.name.empty() && a.name.front() == '"') a.name.erase(0, 1);
  if (!a.name.empty() && a.name.back() == '"') a.name.pop_back();
  a.address = perl_trim(a.address);
  return a;
}

// Quotes a name holding anything but ASCII word characters, spaces and '-' (escape_name).
std::string escape_name(std::string_view name) {
  bool must_quote = false;
  for (char c : name)
    if (!(is_alnum(c) || c == '_' || c == ' ' || c == '-')) must_quote = true;
  if (!must_quote) return std::string(name);
  std::string out = "\"";
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '"' && (i == 0 || name[i - 1] != '\\')) out += '\\';
    out += name[i];
  }
  out += '"';
  return out;
}

std::string format_email(const Address& a) {
  std::string name = perl_trim(a.name);
  if (!name.empty() && name.front() == '"') name.erase(0, 1);
  if (!name.empty() && name.back() == '"') name.pop_back();
  std::string address = perl_trim(a.address);
  if (name.empty()) return address;
  return escape_name(name) + " <" + address + ">";
}

// An M:/R: value holding several addresses ("a <x@y>, b <z@w>") splits like
// rfc822_validlist(); anything else is one address (a comma inside a name keeps it whole, as
// rfc822_valid rejects the halves). Comments in parentheses do not count.
std::vector<std::string> split_address_list(std::string_view value) {
  std::string stripped;
  int paren = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (c == '\\' && i + 1 < value.size()) {
      if (!paren) stripped.append(value.substr(i, 2));
      ++i;
      continue;
    }
    if (!paren && c == '"') quoted = !quoted;
    if (!quoted && c == '(') {
      ++paren;
      continue;
    }
    if (!quoted && c == ')' && paren) {
      if (--paren == 0) stripped += ' ';
      continue;
    }
    if (!paren) stripped += c;
  }
  std::vector<std::string> parts;
  std::string cur;
  quoted = false;
  int angle = 0;
  for (char c : stripped) {
    if (c == '"') quoted = !quoted;
    if (!quoted && c == '<') ++angle;
    if (!quoted && c == '>' && angle) --angle;
    if (!quoted && !angle && c == ',') {
      parts.push_back(cur);
      cur.clear();
      continue;
    }
    cur += c;
  }
  parts.push_back(cur);
  if (parts.size() < 2) return {std::string(value)};
  std::vector<std::string> out;
  for (const std::string& part : parts) {
    std::string t = perl_trim(part);
    if (t.empty()) continue;  // null list items are valid
    bool bracketed = t.find('<') != std::string::npos && t.back() == '>';
    bool bare = t.find(' ') == std::string::npos && t.find('\t') == std::string::npos;
    if (t.find('@') == std::string::npos || !(bracketed || bare)) return {std::string(value)};
    out.push_back(t);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// .mailmap

Mailmap parse_mailmap(std::string_view text) {
  Mailmap mm;
  static const std::regex form1(R"(^([^<]+)<([^>]+)>$)");
  static const std::regex form2(R"(^<([^>]+)>\s*<([^>]+)>$)");
  static const std::regex form3(R"(^(.+)<([^>]+)>\s*<([^>]+)>$)");
  static const std::regex form4(R"(^(.+)<([^>]+)>\s*(.+)\s*<([^>]+)>$)");
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::string_view raw = next_line(text, pos);
    if (!raw.empty() && raw.back() == '\n') raw.remove_suffix(1);
    std::size_t hash = raw.find('#');
    if (hash != std::string_view::npos) raw = raw.substr(0, hash);
    std::string line = perl_trim(raw);
    if (line.empty()) continue;
    std::smatch m;
    if (std::regex_match(line, m, form1)) {
      Address real = parse_email(perl_trim(m[1].str()) + " <" + m[2].str() + ">");
      mm.names[real.address] = real.name;
    } else if (std::regex_match(line, m, form2)) {
      mm.addresses[m[2].str()] = m[1].str();
    } else if (std::regex_match(line, m, form3)) {
      Address real = parse_email(perl_trim(m[1].str()) + " <" + m[2].str() + ">");
      mm.names[m[3].str()] = real.name;
      mm.addresses[m[3].str()] = real.address;
    } else if (std::regex_match(line, m, form4)) {
      Address real = parse_email(perl_trim(m[1].str()) + " <" + m[2].str() + ">");
      Address wrong = parse_email(perl_trim(m[3].str()) + " <" + m[4].str() + ">");
      std::string key = format_email(wrong);
      mm.names[key] = real.name;
      mm.addresses[key] = real.address;
    }
  }
  return mm;
}

// mailmap_email(): "Name <addr>" looked up first, then the bare address.
Address apply_mailmap(const Mailmap& mm, const Address& in) {
  Address out = in;
  std::string key = format_email(in);
  auto n = mm.names.find(key);
  auto a = mm.addresses.find(key);
  if (n != mm.names.end() || a != mm.addresses.end()) {
    if (n != mm.names.end()) out.name = n->second;
    if (a != mm.addresses.end()) out.address = a->second;
  } else {
    n = mm.names.find(in.address);
    a = mm.addresses.find(in.address);
    if (n != mm.names.end()) out.name = n->second;
    if (a != mm.addresses.end()) out.address = a->second;
  }
  // format_email() then parse_email(), as the Perl round trip does.
  return parse_email(format_email(out));
}

// ---------------------------------------------------------------------------------------------
// Yaml bindings: maintainers_in_file() and clean_file_emails(). Non-ASCII bytes count as
// letters (\p{L} on UTF-8 text).

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

namespace {

bool name_char(char c) {
  return is_alpha(c) || static_cast<unsigned char>(c) >= 0x80 || c == '\'' || c == ',' ||
         c == '.' || c == '+' || c == '-';
}

std::string clean_file_email(std::string text) {
  static const std::regex addr(R"([(<{]?([A-Za-z0-9_.+\-]+@[A-Za-z0-9.\-]+)[)>}]?)");
  text = std::regex_replace(text, addr, "<$1>");
  Address a = parse_email(text);
  std::string name = escape_name(a.name);
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
    name = name.substr(1, name.size() - 2);  // s/^"(.*)"$/$1/
  // split(/[^\p{L}\'\,\.\+-]/, $name): empty fields kept except at the end.
  std::vector<std::string> words;
  if (!name.empty()) {
    std::string cur;
    for (char c : name) {
      if (name_char(c)) {
        cur += c;
      } else {
        words.push_back(cur);
        cur.clear();
      }
    }
    words.push_back(cur);
    while (!words.empty() && words.back().empty()) words.pop_back();
  }
  std::vector<std::string> nw;
  for (const std::string& w : words)
    if (!(w.size() == 1 && std::string_view("',.+-").find(w[0]) != std::string_view::npos))
      nw.push_back(w);
  std::string result;
  if (nw.size() > 2) {
    const std::string& first = nw[nw.size() - 3];
    const std::string& middle = nw[nw.size() - 2];
    const std::string& last = nw[nw.size() - 1];
    std::size_t lf = utf8_length(first), lm = utf8_length(middle);
    bool first_initial = (lf == 1 && (is_alpha(first[0]) || static_cast<unsigned char>(first[0]) >= 0x80)) ||
                         (lf == 2 && first.back() == '.');
    bool middle_initial = lm == 1 || (lm == 2 && middle.back() == '.');
    result = (first_initial || middle_initial) ? first + " " + middle + " " + last
                                               : middle + " " + last;
  } else {
    for (std::size_t k = 0; k < nw.size(); ++k) result += (k ? " " : "") + nw[k];
  }
  if (!result.empty() && (result.back() == ',' || result.back() == '.')) result.pop_back();
  if (!result.empty() && (result.front() == ',' || result.front() == '.')) result.erase(0, 1);
  return format_email(Address{result, a.address});
}

}  // namespace

std::vector<std::string> file_emails(std::string_view text) {
  // The poss_addr regex of maintainers_in_file(), run on a copy whose non-ASCII bytes are
  // letters (\p{L}) so std::regex needs no Unicode.
  static const std::regex poss(
      R"([A-Za-z"' ,.+\-]*\s*,*\s*[(<{]?[A-Za-z0-9_.+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z0-9]+[)>}]?)");
  std::string shadow(text);
  for (char& c : shadow)
    if (static_cast<unsigned char>(c) >= 0x80) c = 'a';
  // Every character the pattern can match is in this set, so no match crosses a character
  // outside it: searching only the runs of such characters that hold an '@' finds the same
  // matches in the same order, without trying the pattern at every byte of the file (that
  // was half of a batch run's time, on the DT bindings' YAML).
  auto can_match = [](char c) {
    return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || std::string_view("_.+-\"' ,(<{)>}@\t\n\r\f\v").find(c) != std::string_view::npos;
  };
  std::vector<std::string> out;
  std::size_t pos = 0;
  while ((pos = shadow.find('@', pos)) != std::string::npos) {
    std::size_t begin = pos, end = pos;
    while (begin > 0 && can_match(shadow[begin - 1])) --begin;
    while (end < shadow.size() && can_match(shadow[end])) ++end;
    for (auto it = std::sregex_iterator(shadow.begin() + static_cast<std::ptrdiff_t>(begin),
                                        shadow.begin() + static_cast<std::ptrdiff_t>(end), poss);
         it != std::sregex_iterator(); ++it) {
      std::size_t at = begin + static_cast<std::size_t>(it->position());
      out.push_back(clean_file_email(std::string(text.substr(at, static_cast<std::size_t>(it->length())))));
    }
    pos = end;
  }
  return out;
}

}  // namespace pt::maintainers
