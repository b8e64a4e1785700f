#include "core/common/file_fingerprint.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <cerrno>
#include <memory>
#include <vector>

#include "core/common/error.h"
#include "core/common/unique_fd.h"

namespace embedlab {

namespace {

constexpr std::uint64_t kEdgeBytes = 64ULL * 1024;

std::uint64_t hashRange(int fd, const std::string& path, std::uint64_t offset,
                        std::uint64_t length) {
  std::vector<char> buffer(length);
  std::uint64_t filled = 0;
  while (filled < length) {
    const ssize_t got =
        ::pread(fd, buffer.data() + filled, length - filled, static_cast<off_t>(offset + filled));
    if (got < 0) {
      if (errno == EINTR) continue;
      throw IoError("cannot read", path, errno);
    }
    if (got == 0) break;  // the file shrank while we looked at it; hash what is there
    filled += static_cast<std::uint64_t>(got);
  }
  return XXH3_64bits(buffer.data(), filled);
}

}  // namespace

FileFingerprint fingerprintFile(const std::filesystem::path& path) {
  const UniqueFd fd = UniqueFd::openForReading(path);
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) {
    throw IoError("cannot stat", path.string(), errno);
  }
  FileFingerprint fingerprint;
  fingerprint.size = static_cast<std::uint64_t>(info.st_size);
  fingerprint.modifiedNs =
      static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1000000000LL + info.st_mtim.tv_nsec;
  const std::uint64_t edge = std::min(fingerprint.size, kEdgeBytes);
  fingerprint.headHash = hashRange(fd.get(), path.string(), 0, edge);
  fingerprint.tailHash = hashRange(fd.get(), path.string(), fingerprint.size - edge, edge);
  return fingerprint;
}

std::uint64_t hashFileContent(const std::filesystem::path& path) {
  const UniqueFd fd = UniqueFd::openForReading(path);
  std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> state(XXH3_createState(),
                                                                 &XXH3_freeState);
  XXH3_64bits_reset(state.get());
  std::vector<char> buffer(1 << 20);
  for (;;) {
    const ssize_t got = ::read(fd.get(), buffer.data(), buffer.size());
    if (got < 0) {
      if (errno == EINTR) continue;
      throw IoError("cannot read", path.string(), errno);
    }
    if (got == 0) break;
    XXH3_64bits_update(state.get(), buffer.data(), static_cast<std::size_t>(got));
  }
  return XXH3_64bits_digest(state.get());
}

}  // namespace embedlab
