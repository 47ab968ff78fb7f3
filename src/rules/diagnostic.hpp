// rules stage: load errors with the place they point at, and the result type of loading.
// (file, line, column, message) -> "file:line:col: message"; Expected<T> = T or the errors.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace pt {

// One problem in a rule file. `line`/`column` are 1-based; 0 when the problem has no place
// (a file that cannot be read).
struct Diagnostic {
  std::string file;
  int line = 0, column = 0;
  std::string message;
};

using Diagnostics = std::vector<Diagnostic>;

// "file:line:col: message", or "file: message" without a place.
std::string to_string(const Diagnostic& d);

// The candidate closest to `word` by edit distance when it is close enough to be a typo
// ("severty" -> "severity"), else "".
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// "; did you mean 'x'?" for the closest candidate, or "" when none is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// The error side of an Expected (as tl::expected's unexpected).
template <typename E>
struct Unexpected {
  E error;
};

// A value, or the errors that prevented it (STYLE: expected-style errors for bad input).
template <typename T, typename E = Diagnostics>
class Expected {
 public:
  Expected(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
  Expected(Unexpected<E> failure) : m_v(std::in_place_index<1>, std::move(failure.error)) {}

  bool has_value() const { return m_v.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& value() { return std::get<0>(m_v); }
  const T& value() const { return std::get<0>(m_v); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const E& error() const { return std::get<1>(m_v); }

 private:
  std::variant<T, E> m_v;
};

}  // namespace pt
