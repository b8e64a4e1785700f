// JSONL output, one record per line, written atomically (AtomicFileWriter): until commit() the
// previous file (if any) stays in place, and an exception or crash leaves it untouched.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>

#include "core/data/atomic_file.h"

namespace embedlab {

class JsonlWriter {
 public:
  explicit JsonlWriter(const std::filesystem::path& path) : file_(path) {}

  /// Appends one serialised JSON value and "\n". Throws Error when `json` contains a newline
  /// (it would split the record in two).
  void writeLine(std::string_view json);

  /// Finishes the file and moves it into place.
  void commit() { file_.commit(); }

  std::uint64_t linesWritten() const { return lines_; }

 private:
  AtomicFileWriter file_;
  std::uint64_t lines_ = 0;
};

}  // namespace embedlab
