// Streaming the texts of a JSONL file for jobs that only need one string field per line
// (encode: {"text": ...}; tokenize: {"text", "text_pair"}), with line-accurate errors.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/data/line_reader.h"

namespace embedlab {

/// One line's texts: `first` from the main field, `second` from the optional pair field.
struct TextRecord {
  std::uint64_t line = 0;
  std::string first;
  std::optional<std::string> second;
  std::string json;  ///< the line as it was (to copy into outputs)
};

class TextFieldReader {
 public:
  /// `field` is required on every non-blank line; `pairField` (may be empty) is optional.
  TextFieldReader(const std::filesystem::path& path, std::string field, std::string pairField = {});
  ~TextFieldReader();

  /// Reads up to `count` records into `out` (cleared first); false when none are left.
  /// Blank lines are skipped; a line without the field, or not JSON, is an InputError.
  bool next(std::size_t count, std::vector<TextRecord>& out);

  std::uint64_t bytesConsumed() const;
  std::uint64_t fileSize() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace embedlab
