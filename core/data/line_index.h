// Random access to the lines of a text file of any size.
//
// One streaming pass records where each line starts (8 bytes per line); after that any line is
// one pread() away, so the GUI can page through a multi-GB JSONL file and jobs can shuffle it
// without holding it in memory. The index is cached on disk (in the user's cache folder, or next
// to the file) and rebuilt when the file's fingerprint (size, mtime, head and tail hashes) changes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/common/file_fingerprint.h"
#include "core/common/progress.h"
#include "core/common/unique_fd.h"

namespace embedlab {

struct LineIndexOptions {
  /// Load a valid cached index instead of scanning, and save a freshly built one.
  bool useCache = true;
  /// Save the cache next to the file as ".<name>.embedlab-lines" instead of in cacheDirectory.
  bool cacheNextToFile = false;
  /// Where cached indexes live; empty means userCacheDirectory()/line-index.
  std::filesystem::path cacheDirectory;
};

class LineIndex {
 public:
  LineIndex() = default;

  /// Scans `path` once. Lines are numbered as an editor numbers them: a last line without "\n"
  /// counts, an empty file has none, a BOM at the start is not part of line 0.
  /// Throws IoError, or CancelledError when `cancel` is set (checked every chunk).
  static LineIndex build(const std::filesystem::path& path, ProgressObserver* progress = nullptr,
                         const CancellationToken* cancel = nullptr);

  /// A cached index when one matches the file's current fingerprint, else build() (and cache it;
  /// failing to write the cache is not an error).
  static LineIndex open(const std::filesystem::path& path, const LineIndexOptions& options = {},
                        ProgressObserver* progress = nullptr,
                        const CancellationToken* cancel = nullptr);

  /// Where open() keeps the cache for `path` under `options`.
  static std::filesystem::path cachePath(const std::filesystem::path& path,
                                         const LineIndexOptions& options);

  std::uint64_t lineCount() const { return starts_.empty() ? 0 : starts_.size() - 1; }
  /// Byte offset of line `index`'s first byte (0-based index).
  std::uint64_t lineStart(std::uint64_t index) const { return starts_[index]; }
  /// Byte offset one past line `index`'s last byte, excluding "\n" (a "\r" before it is
  /// included; IndexedLineFile strips it).
  std::uint64_t lineEnd(std::uint64_t index) const { return starts_[index + 1] - 1; }

  const FileFingerprint& fingerprint() const { return fingerprint_; }
  /// True when open() found a valid cache instead of scanning.
  bool loadedFromCache() const { return loadedFromCache_; }
  /// Heap bytes the index holds.
  std::size_t memoryBytes() const { return starts_.capacity() * sizeof(std::uint64_t); }

 private:
  // starts_[i] is line i's first byte; starts_[lineCount] is one past the last line's newline
  // (file size, plus one when the last line has no "\n"), so lineEnd works for every line.
  std::vector<std::uint64_t> starts_;
  FileFingerprint fingerprint_;
  bool loadedFromCache_ = false;

  friend class LineIndexCacheFile;
};

/// A file opened for random line access through its LineIndex.
class IndexedLineFile {
 public:
  /// Opens `path` and its index (LineIndex::open with `options`).
  explicit IndexedLineFile(const std::filesystem::path& path, const LineIndexOptions& options = {},
                           ProgressObserver* progress = nullptr,
                           const CancellationToken* cancel = nullptr);
  /// Uses an index built or loaded elsewhere (e.g. in a background thread).
  IndexedLineFile(const std::filesystem::path& path, LineIndex index);

  std::uint64_t lineCount() const { return index_.lineCount(); }
  const LineIndex& index() const { return index_; }
  const std::filesystem::path& path() const { return path_; }

  /// Line `index` (0-based) without its line end. Throws InputError when the line is longer than
  /// `maxBytes`, IoError when the file changed underneath and the read comes up short.
  std::string line(std::uint64_t index, std::uint64_t maxBytes = 64ULL << 20) const;

  /// Lines [first, first + count) in one read (clamped to the file), for paging views.
  std::vector<std::string> lines(std::uint64_t first, std::uint64_t count) const;

  /// True when the file no longer matches the fingerprint the index was built for.
  bool changedOnDisk() const;

 private:
  void readRange(std::uint64_t offset, std::uint64_t length, char* out) const;

  std::filesystem::path path_;
  LineIndex index_;
  UniqueFd fd_;
};

}  // namespace embedlab
