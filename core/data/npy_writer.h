// Writing a 2-D float32 array as a NumPy .npy file (format 1.0), row block by row block, so that
// embeddings of a corpus larger than memory can be streamed out; numpy.load reads the result.
// Atomic: the file appears only when commit() has written every row.
#pragma once

#include <cstdint>
#include <filesystem>

#include "core/data/atomic_file.h"

namespace embedlab {

class NpyWriter {
 public:
  /// Starts `path` for a [rows x columns] float32 array (C order).
  NpyWriter(const std::filesystem::path& path, std::uint64_t rows, std::uint64_t columns);

  /// Appends `count` rows of `columns` floats.
  void writeRows(const float* data, std::uint64_t count);

  /// Checks that every row was written, then moves the file into place.
  void commit();

  std::uint64_t rowsWritten() const { return written_; }

 private:
  AtomicFileWriter file_;
  std::uint64_t rows_;
  std::uint64_t columns_;
  std::uint64_t written_ = 0;
};

}  // namespace embedlab
