// mail stage: dates as mail and web archives write them.
// Date text -> ISO 8601 UTC ("2025-01-30T20:12:34Z"), or "" when it is not a date.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pt {

// Understands RFC 5322 ("Thu, 30 Jan 2025 12:12:34 -0800", obsolete zone names, "(EDT)"
// comments), asctime ("Thu Dec 4 16:00:00 2008 -0800") and lkml.iu.edu pages
// ("Thu Aug 10 2017 - 18:45:26 EST"). Returns "" for text that is not a date or an
// impossible one (year out of range, day 32, ...).
std::string to_utc_iso8601(std::string_view date);

// Seconds since the epoch of a value to_utc_iso8601 produced; nullopt for "" or garbage.
std::optional<long long> iso8601_to_unix(std::string_view iso);

}  // namespace pt
