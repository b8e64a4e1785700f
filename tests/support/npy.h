// Reading the float32 .npy files `embedlab-cli encode` writes, for tests.
#pragma once

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/support/files.h"

namespace embedlab::test {

struct NpyArray {
  std::size_t rows = 0;
  std::size_t columns = 0;
  std::vector<float> values;
  std::string header;
};

inline NpyArray readNpy(const std::filesystem::path& path) {
  const std::string bytes = readFile(path);
  if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0)
    throw std::runtime_error("not an .npy file");
  const std::size_t headerLength =
      static_cast<unsigned char>(bytes[8]) | (static_cast<unsigned char>(bytes[9]) << 8);
  NpyArray array;
  array.header = bytes.substr(10, headerLength);
  const auto shape = array.header.find("'shape': (");
  if (std::sscanf(array.header.c_str() + shape + 10, "%zu, %zu", &array.rows, &array.columns) !=
      2) {
    throw std::runtime_error("cannot read the shape of " + array.header);
  }
  array.values.resize(array.rows * array.columns);
  std::memcpy(array.values.data(), bytes.data() + 10 + headerLength,
              array.values.size() * sizeof(float));
  return array;
}

}  // namespace embedlab::test
