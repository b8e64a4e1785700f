// The message of the EmbedLab error an action throws, for tests that check what it says.
#pragma once

#include <functional>
#include <string>

#include "core/common/error.h"

namespace embedlab::test {

inline std::string errorOf(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& error) {
    return error.what();
  }
  return "(no error)";
}

}  // namespace embedlab::test
