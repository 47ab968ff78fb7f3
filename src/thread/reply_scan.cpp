#include "thread/reply_scan.hpp"

#include "util/text.hpp"

namespace pt {

namespace {

// Trailer keys b4 picks up from follow-ups: every person trailer (*-by) and the
// reference ones it carries over (Fixes, Link, Closes).
bool is_followup_key(std::string_view key) {
  if (key.empty() || key.size() > 40) return false;
  for (char c : key)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-')) return false;
  if (key.size() > 3 && iequals(key.substr(key.size() - 3), "-by")) return true;
  return iequals(key, "Fixes") || iequals(key, "Link") || iequals(key, "Closes");
}

// Mail clients turn "<a@b>" into "<a@b<mailto:a@b>>" when they render HTML.
std::string strip_mailto(std::string_view value) {
  std::string out(value);
  for (std::size_t at; (at = out.find("<mailto:")) != std::string::npos;) {
    std::size_t close = out.find('>', at);
    if (close == std::string::npos) break;
    out.erase(at, close - at + 1);
  }
  return out;
}

bool quoted(std::string_view line) { return !ltrim(line).empty() && ltrim(line)[0] == '>'; }

}  // namespace

std::vector<Trailer> find_reply_trailers(std::string_view body) {
  std::vector<Trailer> out;
  std::size_t pos = 0;
  int number = 0;
  while (pos < body.size()) {
    std::string_view line = rtrim(next_line(body, pos));
    ++number;
    if (line == "--" || line == "-- ") break;  // the signature is not part of the review
    if (quoted(line) || line.empty() || is_space(line[0])) continue;
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view key = line.substr(0, colon);
    std::string_view value = trim(line.substr(colon + 1));
    if (!is_followup_key(key) || value.empty()) continue;
    Trailer t;
    t.key.assign(key);
    t.value = strip_mailto(value);
    t.line = number;
    if (key.size() > 3 && iequals(key.substr(key.size() - 3), "-by"))
      split_person(t.value, t.name, t.email, t.comment);
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<Statement> find_statements(std::string_view body) {
  std::vector<Statement> out;
  std::size_t pos = 0;
  while (pos < body.size()) {
    std::string_view line = trim(next_line(body, pos));
    if (line == "--" || line == "-- ") break;
    if (line.empty() || line[0] == '>') continue;
    // Maintainers' phrasing: "Applied, thanks!", "Applied to usb-next", "Now queued up",
    // "queued for 6.6"; "NAK" / "Nacked-by:" for a rejection.
    // A capital letter at the line start: a wrapped sentence ("... will not be\n applied
    // to any older kernel releases") is not a statement.
    std::string kind;
    if (starts_with(line, "Applied") || ifind(line, "now applied") != std::string_view::npos ||
        ifind(line, "applied, thanks") != std::string_view::npos ||
        ifind(line, "I've applied") != std::string_view::npos ||
        ifind(line, "I have applied") != std::string_view::npos)
      kind = "applied";
    else if (starts_with(line, "Queued") || ifind(line, "now queued") != std::string_view::npos ||
             ifind(line, "I've queued") != std::string_view::npos)
      kind = "queued";
    else if (line == "NAK" || line == "NAK." || istarts_with(line, "NAK ") ||
             istarts_with(line, "Nacked-by:"))
      kind = "nak";
    if (!kind.empty() && line.size() < 200) out.push_back({kind, std::string(line)});
  }
  return out;
}

}  // namespace pt
