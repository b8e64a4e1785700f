// Reads the lines of a (gzip-compressed or plain) text file, for golden test data.
#pragma once

#include <zlib.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace embedlab::test {

inline std::vector<std::string> readLines(const std::string& path) {
  gzFile file = gzopen(path.c_str(), "rb");  // zlib reads plain files too
  if (file == nullptr) throw std::runtime_error("cannot open " + path);
  std::string content;
  char buffer[1 << 16];
  int got = 0;
  while ((got = gzread(file, buffer, sizeof buffer)) > 0)
    content.append(buffer, static_cast<std::size_t>(got));
  gzclose(file);
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < content.size()) {
    const std::size_t end = content.find('\n', start);
    lines.push_back(
        content.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return lines;
}

}  // namespace embedlab::test
