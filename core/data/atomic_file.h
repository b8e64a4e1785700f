// Writing output files so that a crash, a full disk or an exception never leaves a half-written
// file under the real name: bytes go to a temporary file in the same folder, which is flushed,
// fsync'ed and then renamed over the target in one step. Readers see the old file or the new one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/common/unique_fd.h"

namespace embedlab {

class AtomicFileWriter {
 public:
  /// Creates ".<name>.tmp-XXXXXX" next to `target` (the folder must exist). Throws IoError.
  explicit AtomicFileWriter(std::filesystem::path target);
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;
  /// Removes the temporary file unless commit() succeeded; the target stays as it was.
  ~AtomicFileWriter();

  /// Appends bytes (buffered). Throws IoError (e.g. "No space left on device").
  void write(std::string_view bytes);

  /// Flushes, fsyncs, gives the file the target's permissions (or the umask's default), renames
  /// it over the target and fsyncs the folder. After this the writer is closed.
  void commit();

  const std::filesystem::path& target() const { return target_; }
  const std::filesystem::path& temporaryPath() const { return temporary_; }
  /// Bytes written so far.
  std::uint64_t bytesWritten() const { return written_; }

 private:
  void flush();

  std::filesystem::path target_;
  std::filesystem::path temporary_;
  UniqueFd fd_;
  std::string buffer_;
  std::uint64_t written_ = 0;
  bool committed_ = false;
};

/// Writes `content` to `target` atomically (AtomicFileWriter in one call).
void writeFileAtomically(const std::filesystem::path& target, std::string_view content);

}  // namespace embedlab
