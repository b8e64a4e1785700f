// Errors core reports. Library code never exits or aborts: it throws one of these with a message
// that names what was wrong precisely enough to fix it (file, line, field, what was expected).
// The CLI prints what() as one line and exits non-zero; the GUI shows it in a dialog.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace embedlab {

/// Base class of every error EmbedLab throws on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Bad input data: a file that cannot be read or does not contain what it must.
/// what() reads "FILE:LINE: MESSAGE" (or "FILE: MESSAGE" when no line applies).
class InputError : public Error {
 public:
  InputError(std::string file, std::uint64_t line, std::string message);
  InputError(std::string file, std::string message);

  const std::string& file() const { return file_; }
  /// 1-based line number, 0 when the problem is not tied to a line.
  std::uint64_t line() const { return line_; }
  const std::string& message() const { return message_; }

 private:
  std::string file_;
  std::uint64_t line_ = 0;
  std::string message_;
};

/// An operating-system call failed (open, write, rename, ...). Carries the path and errno text.
class IoError : public Error {
 public:
  IoError(const std::string& what, const std::string& path, int errnoValue);
};

/// Invalid options or arguments given by the user (not data problems).
class UsageError : public Error {
 public:
  using Error::Error;
};

/// The work was cancelled through a CancellationToken; nothing half-done was left behind.
class CancelledError : public Error {
 public:
  CancelledError() : Error("cancelled") {}
};

}  // namespace embedlab
