#include "mail/date.hpp"

#include <array>
#include <string>

#include "util/text.hpp"

namespace pt {

namespace {

int month_number(std::string_view t) {
  static constexpr std::array<std::string_view, 12> k_months = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  if (t.size() < 3) return 0;
  const char first = to_lower(t[0]);
  for (std::size_t i = 0; i < k_months.size(); ++i)
    if (k_months[i][0] == first && istarts_with(t, k_months[i])) return static_cast<int>(i) + 1;
  return 0;
}

// RFC 5322 4.3 obsolete zones and a few common ones; offset in minutes east of UTC.
bool zone_offset(std::string_view t, int& minutes) {
  struct Zone { std::string_view name; int offset; };
  static constexpr Zone k_zones[] = {
      {"UT", 0},      {"UTC", 0},     {"GMT", 0},     {"Z", 0},       {"EST", -300},
      {"EDT", -240},  {"CST", -360},  {"CDT", -300},  {"MST", -420},  {"MDT", -360},
      {"PST", -480},  {"PDT", -420},  {"CET", 60},    {"CEST", 120},  {"BST", 60},
      {"IST", 330},   {"JST", 540},   {"MSK", 180},   {"EET", 120},   {"EEST", 180}};
  if ((t[0] == '+' || t[0] == '-') && t.size() == 5) {
    for (std::size_t i = 1; i < 5; ++i)
      if (!is_digit(t[i])) return false;
    int h = (t[1] - '0') * 10 + (t[2] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
    if (m >= 60) return false;
    minutes = (t[0] == '-' ? -1 : 1) * (h * 60 + m);
    return true;
  }
  if (t.size() > 4) return false;  // no zone name is longer
  // Every word of a date ("Thu", "Jan") comes here: compare only same-size, same-initial names.
  const char first = to_lower(t[0]);
  for (const auto& z : k_zones)
    if (z.name.size() == t.size() && to_lower(z.name[0]) == first && iequals(t, z.name)) {
      minutes = z.offset;
      return true;
    }
  return false;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
long days_from_civil(long y, int m, int d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civil_from_days(long z, long& y, int& m, int& d) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y += m <= 2;
}

bool all_digits(std::string_view t) {
  if (t.empty()) return false;
  for (char c : t)
    if (!is_digit(c)) return false;
  return true;
}

// Value of a run of 1-4 digits (the callers check the length).
int small_number(std::string_view t) {
  int v = 0;
  for (char c : t) v = v * 10 + (c - '0');
  return v;
}

// `v` as decimal, zero-padded to `width` digits, written at `out`; returns the end.
char* put_padded(char* out, long v, int width) {
  char digits[24];
  int n = 0;
  bool negative = v < 0;
  unsigned long u = negative ? 0ul - static_cast<unsigned long>(v) : static_cast<unsigned long>(v);
  do {
    digits[n++] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u);
  if (negative) *out++ = '-';
  for (int k = n + (negative ? 1 : 0); k < width; ++k) *out++ = '0';
  while (n) *out++ = digits[--n];
  return out;
}

}  // namespace

std::string to_utc_iso8601(std::string_view date) {
  // Tokens split on blanks and commas; "(comments)" dropped. Each token is read as it is
  // found: a Date header is parsed for every mail, so no token list, no stoi, no format.
  long year = -1;
  int month = 0, day = 0, hour = -1, minute = 0, second = 0, offset = 0;
  bool have_zone = false;
  std::size_t i = 0;
  while (i < date.size()) {
    char c = date[i];
    if (is_space(c) || c == ',') { ++i; continue; }
    if (c == '(') {
      std::size_t close = date.find(')', i);
      i = close == std::string_view::npos ? date.size() : close + 1;
      continue;
    }
    std::size_t start = i;
    while (i < date.size() && !is_space(date[i]) && date[i] != ',' && date[i] != '(') ++i;
    std::string_view t = date.substr(start, i - start);
    if (t.find(':') != std::string_view::npos && hour < 0) {
      int parts[3] = {0, 0, 0}, n = 0;
      std::size_t p = 0;
      while (n < 3 && p <= t.size()) {
        std::size_t q = t.find(':', p);
        std::string_view part = t.substr(p, q == std::string_view::npos ? t.npos : q - p);
        if (!all_digits(part) || part.size() > 2) return {};
        parts[n++] = small_number(part);
        if (q == std::string_view::npos) break;
        p = q + 1;
      }
      if (n < 2) return {};
      hour = parts[0], minute = parts[1], second = parts[2];
      continue;
    }
    if (!have_zone && (t[0] == '+' || t[0] == '-' || !all_digits(t)) && zone_offset(t, offset)) {
      have_zone = true;
      continue;
    }
    if (int m = month_number(t); m && !month) {
      month = m;
      continue;
    }
    if (all_digits(t)) {
      if (t.size() > 4) return {};  // years such as 207777777777777777777714
      long v = small_number(t);
      if (t.size() <= 2 && !day && v >= 1 && v <= 31) day = static_cast<int>(v);
      else if (year < 0) year = t.size() <= 2 ? (v < 50 ? 2000 + v : 1900 + v) : v;
      continue;
    }
  }
  if (year < 1900 || year > 9999 || !month || !day || hour < 0) return {};
  if (hour > 23 || minute > 59 || second > 60) return {};
  static constexpr int k_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (day > k_days[month - 1]) return {};
  long long t = (days_from_civil(year, month, day) * 86400LL) + hour * 3600 + minute * 60 + second -
                offset * 60LL;
  long days = static_cast<long>(t >= 0 ? t / 86400 : (t - 86399) / 86400);
  long secs = static_cast<long>(t - days * 86400LL);
  long y;
  int m, d;
  civil_from_days(days, y, m, d);
  // "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z"
  char buf[96];
  char* at = put_padded(buf, y, 4);
  *at++ = '-';
  at = put_padded(at, m, 2);
  *at++ = '-';
  at = put_padded(at, d, 2);
  *at++ = 'T';
  at = put_padded(at, secs / 3600, 2);
  *at++ = ':';
  at = put_padded(at, (secs / 60) % 60, 2);
  *at++ = ':';
  at = put_padded(at, secs % 60, 2);
  *at++ = 'Z';
  return std::string(buf, static_cast<std::size_t>(at - buf));
}

}  // namespace pt

namespace pt {

std::optional<long long> iso8601_to_unix(std::string_view t) {
  // "YYYY-MM-DDTHH:MM:SSZ"
  if (t.size() != 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[19] != 'Z')
    return std::nullopt;
  auto num = [&](std::size_t at, std::size_t len) {
    long v = 0;
    for (std::size_t i = at; i < at + len; ++i) v = v * 10 + (t[i] - '0');
    return v;
  };
  long long days = days_from_civil(num(0, 4), static_cast<int>(num(5, 2)), static_cast<int>(num(8, 2)));
  return days * 86400 + num(11, 2) * 3600 + num(14, 2) * 60 + num(17, 2);
}

}  // namespace pt
