#include "core/common/error.h"

#include <cstring>
#include <utility>

namespace embedlab {

namespace {

std::string locate(const std::string& file, std::uint64_t line, const std::string& message) {
  if (line == 0) {
    return file + ": " + message;
  }
  return file + ":" + std::to_string(line) + ": " + message;
}

}  // namespace

InputError::InputError(std::string file, std::uint64_t line, std::string message)
    : Error(locate(file, line, message)),
      file_(std::move(file)),
      line_(line),
      message_(std::move(message)) {}

InputError::InputError(std::string file, std::string message)
    : InputError(std::move(file), 0, std::move(message)) {}

IoError::IoError(const std::string& what, const std::string& path, int errnoValue)
    : Error(path + ": " + what + ": " + std::strerror(errnoValue)) {}

}  // namespace embedlab
