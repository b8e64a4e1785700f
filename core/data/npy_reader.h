// Reading a 2-D float32 NumPy .npy file (what NpyWriter and numpy.save write): the embedding
// cache's on-disk form, and embeddings users computed elsewhere.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

namespace embedlab {

struct FloatMatrix {
  std::uint64_t rows = 0;
  std::uint64_t columns = 0;
  std::vector<float> values;  ///< row-major, rows * columns
};

/// Reads `path`. Throws InputError naming the file when it is not a little-endian float32,
/// C-order, 2-D .npy array, or when it is shorter than its header says.
FloatMatrix readNpyMatrix(const std::filesystem::path& path);

}  // namespace embedlab
