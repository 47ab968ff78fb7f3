// repo stage: a file's bytes without a copy, and what keeps them alive.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace pt {

// `bytes` stay valid while `owner` lives: the repository's blob object, or a string.
struct FileBytes {
  std::string_view bytes;
  std::shared_ptr<const void> owner;

  static FileBytes of(std::string text) {
    auto kept = std::make_shared<const std::string>(std::move(text));
    return {*kept, kept};
  }
};

}  // namespace pt
