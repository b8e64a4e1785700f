#include "core/data/line_reader.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstring>

#include "core/common/error.h"
#include "core/common/utf8.h"

namespace embedlab {

LineReader::LineReader(const std::filesystem::path& path, LineReaderOptions options)
    : path_(path), options_(options), fd_(UniqueFd::openForReading(path)) {
  struct stat info {};
  if (::fstat(fd_.get(), &info) != 0) {
    throw IoError("cannot stat", path.string(), errno);
  }
  if (S_ISDIR(info.st_mode)) {
    throw InputError(path.string(), "is a folder, expected a file");
  }
  fileSize_ = static_cast<std::uint64_t>(info.st_size);
  ::posix_fadvise(fd_.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
  options_.chunkBytes = std::max<std::size_t>(options_.chunkBytes, 4096);
  buffer_.resize(options_.chunkBytes);
}

bool LineReader::fill() {
  if (eof_) {
    return false;
  }
  if (buffer_.size() - end_ < options_.chunkBytes) {
    buffer_.resize(end_ + options_.chunkBytes);
  }
  for (;;) {
    const ssize_t got = ::read(fd_.get(), buffer_.data() + end_, options_.chunkBytes);
    if (got < 0) {
      if (errno == EINTR) continue;
      throw IoError("cannot read", path_.string(), errno);
    }
    if (got == 0) {
      eof_ = true;
      return false;
    }
    end_ += static_cast<std::size_t>(got);
    return true;
  }
}

bool LineReader::next(TextLine& line) {
  if (!bomChecked_) {
    while (end_ < 3 && fill()) {
    }
    bomChecked_ = true;
    if (utf8::startsWithBom(std::string_view(buffer_.data(), end_))) {
      hadBom_ = true;
      begin_ = 3;
    }
  }
  std::size_t scanFrom = begin_;
  for (;;) {
    const void* newline = std::memchr(buffer_.data() + scanFrom, '\n', end_ - scanFrom);
    const std::size_t pending = end_ - begin_;
    if (newline != nullptr || (eof_ && pending > 0)) {
      const std::size_t lineEnd =
          newline != nullptr
              ? static_cast<std::size_t>(static_cast<const char*>(newline) - buffer_.data())
              : end_;
      std::string_view text(buffer_.data() + begin_, lineEnd - begin_);
      line.carriageReturn = !text.empty() && text.back() == '\r';
      if (line.carriageReturn) {
        text.remove_suffix(1);
      }
      line.number = ++lineNumber_;
      line.offset = bufferOffset_ + begin_;
      line.length = text.size();
      line.tooLong = text.size() > options_.maxLineBytes;
      line.text = line.tooLong ? std::string_view() : text;
      begin_ = newline != nullptr ? lineEnd + 1 : end_;
      consumed_ = bufferOffset_ + begin_;
      return true;
    }
    if (eof_) {
      return false;
    }
    if (pending > options_.maxLineBytes) {
      // Too long to hold: count its bytes chunk by chunk until its newline, keeping nothing.
      line.number = ++lineNumber_;
      line.offset = bufferOffset_ + begin_;
      line.tooLong = true;
      line.carriageReturn = false;
      line.text = std::string_view();
      std::uint64_t length = pending;
      for (;;) {
        bufferOffset_ += end_;
        begin_ = end_ = 0;
        if (!fill()) {
          break;
        }
        if (const void* found = std::memchr(buffer_.data(), '\n', end_)) {
          const auto at =
              static_cast<std::size_t>(static_cast<const char*>(found) - buffer_.data());
          length += at;
          begin_ = at + 1;
          break;
        }
        length += end_;
      }
      line.length = length;
      consumed_ = bufferOffset_ + begin_;
      return true;
    }
    // No newline yet: move the partial line to the front and read more after it.
    if (begin_ > 0) {
      std::memmove(buffer_.data(), buffer_.data() + begin_, pending);
      bufferOffset_ += begin_;
      begin_ = 0;
      end_ = pending;
    }
    scanFrom = end_;
    fill();
  }
}

}  // namespace embedlab
