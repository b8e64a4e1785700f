#include "core/data/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <limits>
#include <vector>

#include "core/common/error.h"

namespace embedlab {

namespace {

constexpr std::size_t kBufferBytes = 1 << 20;

// 0666 minus the process umask. umask() itself cannot be read without changing it (a race with
// other threads), so read it from /proc; assume 022 where /proc does not say.
mode_t defaultFileMode() {
  mode_t mask = 022;
  std::ifstream status("/proc/self/status");
  std::string key;
  while (status >> key) {
    if (key == "Umask:") {
      std::string octal;
      status >> octal;
      mask = static_cast<mode_t>(std::stoul(octal, nullptr, 8));
      break;
    }
    status.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
  }
  return static_cast<mode_t>(0666 & ~mask);
}

void syncFolder(const std::filesystem::path& folder) {
  const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);  // best effort: makes the rename durable; some filesystems refuse, harmlessly
    ::close(fd);
  }
}

}  // namespace

AtomicFileWriter::AtomicFileWriter(std::filesystem::path target) : target_(std::move(target)) {
  const std::filesystem::path folder = target_.parent_path();
  std::string pattern = (folder / ("." + target_.filename().string() + ".tmp-XXXXXX")).string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd < 0) {
    throw IoError("cannot create a temporary file to write", target_.string(), errno);
  }
  fd_ = UniqueFd(fd);
  temporary_ = std::filesystem::path(name.data());
  buffer_.reserve(kBufferBytes);
}

AtomicFileWriter::~AtomicFileWriter() {
  if (!committed_) {
    fd_.reset();
    ::unlink(temporary_.c_str());
  }
}

void AtomicFileWriter::write(std::string_view bytes) {
  if (committed_) {
    throw Error("AtomicFileWriter::write after commit: " + target_.string());
  }
  if (buffer_.size() + bytes.size() > kBufferBytes) {
    flush();
  }
  if (bytes.size() >= kBufferBytes) {
    buffer_.assign(bytes);
    flush();
  } else {
    buffer_.append(bytes);
  }
  written_ += bytes.size();
}

void AtomicFileWriter::flush() {
  std::size_t done = 0;
  while (done < buffer_.size()) {
    const ssize_t put = ::write(fd_.get(), buffer_.data() + done, buffer_.size() - done);
    if (put < 0) {
      if (errno == EINTR) continue;
      throw IoError("cannot write (the previous file is left unchanged)", target_.string(), errno);
    }
    done += static_cast<std::size_t>(put);
  }
  buffer_.clear();
}

void AtomicFileWriter::commit() {
  flush();
  struct stat existing {};
  const mode_t mode =
      ::stat(target_.c_str(), &existing) == 0 ? (existing.st_mode & 07777) : defaultFileMode();
  ::fchmod(fd_.get(), mode);
  if (::fsync(fd_.get()) != 0) {
    throw IoError("cannot flush to disk (the previous file is left unchanged)", target_.string(),
                  errno);
  }
  fd_.reset();
  if (::rename(temporary_.c_str(), target_.c_str()) != 0) {
    throw IoError("cannot move the finished file into place", target_.string(), errno);
  }
  committed_ = true;
  syncFolder(target_.parent_path());
}

void writeFileAtomically(const std::filesystem::path& target, std::string_view content) {
  AtomicFileWriter writer(target);
  writer.write(content);
  writer.commit();
}

}  // namespace embedlab
