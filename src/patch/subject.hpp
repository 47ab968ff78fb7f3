// patch stage: subject line prefixes.
// Decoded Subject header -> reply marker, bracket prefixes, version, n/m, stable range.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pt {

struct Subject {
  bool is_reply = false;               // Re:/RE:/Aw:/Sv:/Fwd: at the start
  bool is_forward = false;
  std::vector<std::string> prefixes;   // tokens of the bracket groups, e.g. PATCH, v3, 2/7, net-next
  int version = 1;                     // vN / VN / (vN); 1 when absent
  std::optional<int> index, total;     // from n/m or "n of m"
  bool rfc = false, resend = false, autosel = false, patch = false;
  std::string stable_from, stable_to;  // newest, oldest series: AUTOSEL 7.0-6.6 -> "7.0","6.6";
                                       // [PATCH 6.1 3/9] -> "6.1","6.1"; "" when not stable
  std::string title;  // the subject without leading reply markers and bracket groups, blanks
                      // collapsed ("[PATCH] fix [a-z] regex" -> "fix [a-z] regex")
};

// Parses the decoded Subject header. Never fails: an odd subject yields fewer fields.
Subject parse_subject(std::string_view subject);

}  // namespace pt
