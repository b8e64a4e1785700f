#include "core/data/npy_reader.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <regex>
#include <string>

#include "core/common/error.h"

namespace embedlab {

FloatMatrix readNpyMatrix(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot open", path.string(), errno);
  char preamble[10] = {};
  in.read(preamble, sizeof preamble);
  if (in.gcount() != sizeof preamble || std::string_view(preamble, 6) != "\x93NUMPY") {
    throw InputError(path.string(), "is not a NumPy .npy file (no \\x93NUMPY magic)");
  }
  const int major = static_cast<unsigned char>(preamble[6]);
  std::uint32_t headerLength =
      static_cast<unsigned char>(preamble[8]) |
      (static_cast<std::uint32_t>(static_cast<unsigned char>(preamble[9])) << 8);
  if (major >= 2) {  // versions 2 and 3 have a 4-byte header length
    char more[2] = {};
    in.read(more, 2);
    headerLength |= (static_cast<std::uint32_t>(static_cast<unsigned char>(more[0])) << 16) |
                    (static_cast<std::uint32_t>(static_cast<unsigned char>(more[1])) << 24);
  }
  std::string header(headerLength, '\0');
  in.read(header.data(), headerLength);
  if (static_cast<std::uint32_t>(in.gcount()) != headerLength) {
    throw InputError(path.string(), "ends inside its .npy header");
  }
  static const std::regex descr(R"('descr'\s*:\s*'([^']*)')");
  static const std::regex order(R"('fortran_order'\s*:\s*(True|False))");
  static const std::regex shape(R"('shape'\s*:\s*\(\s*(\d+)\s*,\s*(\d+)\s*,?\s*\))");
  std::smatch match;
  if (!std::regex_search(header, match, descr) || (match[1] != "<f4" && match[1] != "=f4")) {
    throw InputError(path.string(), "holds " + (match.empty() ? std::string("?") : match[1].str()) +
                                        " values; expected float32 ('<f4')");
  }
  if (!std::regex_search(header, match, order) || match[1] != "False") {
    throw InputError(path.string(), "is not in C order (fortran_order must be False)");
  }
  if (!std::regex_search(header, match, shape)) {
    throw InputError(path.string(), "is not a 2-D array (header: " + header + ")");
  }
  FloatMatrix matrix;
  matrix.rows = std::stoull(match[1].str());
  matrix.columns = std::stoull(match[2].str());
  matrix.values.resize(matrix.rows * matrix.columns);
  const auto bytes = static_cast<std::streamsize>(matrix.values.size() * sizeof(float));
  in.read(reinterpret_cast<char*>(matrix.values.data()), bytes);
  if (in.gcount() != bytes) {
    throw InputError(path.string(), fmt::format("is truncated: its header promises {} x {} floats",
                                                matrix.rows, matrix.columns));
  }
  return matrix;
}

}  // namespace embedlab
