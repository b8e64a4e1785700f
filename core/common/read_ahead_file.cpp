#include "core/common/read_ahead_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "core/common/error.h"

namespace embedlab {

ReadAheadFile::ReadAheadFile(const std::filesystem::path& path, std::size_t chunkBytes,
                             std::size_t chunksAhead)
    : path_(path),
      fd_(UniqueFd::openForReading(path)),
      slots_(std::max<std::size_t>(chunksAhead, 2),
             std::vector<char>(std::max<std::size_t>(chunkBytes, 4096))),
      sizes_(slots_.size(), 0) {
  ::posix_fadvise(fd_.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
  reader_ = std::thread([this] { readLoop(); });
}

ReadAheadFile::~ReadAheadFile() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  reader_.join();
}

void ReadAheadFile::readLoop() {
  try {
    for (;;) {
      std::size_t slot = 0;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [this] { return stopping_ || produced_ - consumed_ < slots_.size(); });
        if (stopping_) return;
        slot = produced_ % slots_.size();
      }
      ssize_t got = 0;
      do {
        got = ::read(fd_.get(), slots_[slot].data(), slots_[slot].size());
      } while (got < 0 && errno == EINTR);
      if (got < 0) {
        throw IoError("cannot read", path_.string(), errno);
      }
      {
        const std::lock_guard<std::mutex> lock(mutex_);
        if (got == 0) {
          endOfFile_ = true;
        } else {
          sizes_[slot] = static_cast<std::size_t>(got);
          ++produced_;
        }
      }
      changed_.notify_all();
      if (got == 0) return;
    }
  } catch (...) {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      error_ = std::current_exception();
    }
    changed_.notify_all();
  }
}

std::string_view ReadAheadFile::next() {
  std::unique_lock<std::mutex> lock(mutex_);
  if (handedOut_) {
    ++consumed_;  // the caller is done with the chunk it had
    handedOut_ = false;
    changed_.notify_all();
  }
  changed_.wait(lock, [this] { return produced_ > consumed_ || endOfFile_ || error_; });
  if (produced_ > consumed_) {
    handedOut_ = true;
    const std::size_t slot = consumed_ % slots_.size();
    return std::string_view(slots_[slot].data(), sizes_[slot]);
  }
  if (error_) {
    std::rethrow_exception(error_);
  }
  return {};
}

}  // namespace embedlab
