// Streaming, line-by-line reading of text files of any size (JSONL, TSV) with bounded memory.
//
// Users' files are large and messy: a UTF-8 BOM at the start, CRLF line ends, a last line without
// a newline, and occasionally a "line" of hundreds of MB (a whole file pasted into one field, or a
// binary file). The reader strips the BOM and the CR, numbers lines as an editor does, and
// reports a line longer than the limit as too long instead of reading it into memory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

#include "core/common/unique_fd.h"

namespace embedlab {

struct LineReaderOptions {
  /// Lines longer than this are reported as tooLong and skipped without being held in memory.
  std::uint64_t maxLineBytes = 64ULL << 20;
  /// Size of each read() from the file.
  std::size_t chunkBytes = 1 << 20;
};

/// One line of the file, valid until the next call to LineReader::next.
struct TextLine {
  std::uint64_t number = 0;     ///< 1-based, as editors number lines
  std::uint64_t offset = 0;     ///< byte offset of the line's first byte in the file
  std::string_view text;        ///< without BOM, "\r\n" or "\n"; empty when tooLong
  std::uint64_t length = 0;     ///< bytes in the line (without the line end), also when tooLong
  bool tooLong = false;         ///< longer than LineReaderOptions::maxLineBytes
  bool carriageReturn = false;  ///< the line ended in "\r\n"
};

class LineReader {
 public:
  /// Opens `path`; throws IoError when it cannot be opened.
  explicit LineReader(const std::filesystem::path& path, LineReaderOptions options = {});

  /// Reads the next line into `line`; returns false at the end of the file.
  bool next(TextLine& line);

  /// True when the file started with a UTF-8 byte-order mark (which is skipped).
  bool hadBom() const { return hadBom_; }
  /// Bytes of the file consumed so far (for progress).
  std::uint64_t bytesConsumed() const { return consumed_; }
  std::uint64_t fileSize() const { return fileSize_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  bool fill();  // reads one more chunk after end_; false at end of file

  std::filesystem::path path_;
  LineReaderOptions options_;
  UniqueFd fd_;
  std::uint64_t fileSize_ = 0;
  std::vector<char> buffer_;
  std::size_t begin_ = 0;           // first unconsumed byte in buffer_
  std::size_t end_ = 0;             // one past the last valid byte in buffer_
  std::uint64_t bufferOffset_ = 0;  // file offset of buffer_[0]
  std::uint64_t consumed_ = 0;
  std::uint64_t lineNumber_ = 0;
  bool eof_ = false;
  bool hadBom_ = false;
  bool bomChecked_ = false;
};

}  // namespace embedlab
