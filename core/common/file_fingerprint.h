// Cheap identities of files, used to tell when a cache (line index, embeddings) is stale.
#pragma once

#include <cstdint>
#include <filesystem>

namespace embedlab {

/// What changes when a file's content changes: size, modification time, and xxh3 hashes of its
/// first and last 64 KiB. Computing it reads at most 128 KiB, whatever the file's size.
struct FileFingerprint {
  std::uint64_t size = 0;
  std::int64_t modifiedNs = 0;  ///< st_mtim in nanoseconds since the epoch
  std::uint64_t headHash = 0;   ///< xxh3-64 of the first min(size, 64 KiB) bytes
  std::uint64_t tailHash = 0;   ///< xxh3-64 of the last min(size, 64 KiB) bytes

  bool operator==(const FileFingerprint& other) const {
    return size == other.size && modifiedNs == other.modifiedNs && headHash == other.headHash &&
           tailHash == other.tailHash;
  }
  bool operator!=(const FileFingerprint& other) const { return !(*this == other); }
};

/// Fingerprint of the file at `path`; throws IoError when it cannot be read.
FileFingerprint fingerprintFile(const std::filesystem::path& path);

/// xxh3-64 of the whole content of `path`, read in a streaming pass (content hash for caches
/// keyed by what a file holds rather than where it lives).
std::uint64_t hashFileContent(const std::filesystem::path& path);

}  // namespace embedlab
