#include "core/data/npy_writer.h"

#include <fmt/format.h>

#include <string>

#include "core/common/error.h"

namespace embedlab {

NpyWriter::NpyWriter(const std::filesystem::path& path, std::uint64_t rows, std::uint64_t columns)
    : file_(path), rows_(rows), columns_(columns) {
  std::string header =
      fmt::format("{{'descr': '<f4', 'fortran_order': False, 'shape': ({}, {}), }}", rows, columns);
  // magic (6) + version (2) + header length (2) + header, padded with spaces and ended by a
  // newline to a multiple of 64 bytes, as numpy writes it.
  const std::size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header.push_back('\n');
  std::string preamble("\x93NUMPY\x01\x00", 8);
  preamble.push_back(static_cast<char>(header.size() & 0xFF));
  preamble.push_back(static_cast<char>((header.size() >> 8) & 0xFF));
  file_.write(preamble);
  file_.write(header);
}

void NpyWriter::writeRows(const float* data, std::uint64_t count) {
  if (written_ + count > rows_) {
    throw Error(fmt::format("{}: {} rows written to an array of {}", file_.target().string(),
                            written_ + count, rows_));
  }
  file_.write(
      std::string_view(reinterpret_cast<const char*>(data), count * columns_ * sizeof(float)));
  written_ += count;
}

void NpyWriter::commit() {
  if (written_ != rows_) {
    throw Error(fmt::format("{}: only {} of {} rows were written", file_.target().string(),
                            written_, rows_));
  }
  file_.commit();
}

}  // namespace embedlab
