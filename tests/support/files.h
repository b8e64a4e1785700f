// Helpers for tests that write small data files.
#pragma once

#include <QtTest/QtTest>

#include <filesystem>
#include <fstream>
#include <string>

namespace embedlab::test {

/// Writes `content` byte for byte to `path` (creating folders) and returns the path.
inline std::filesystem::path writeFile(const std::filesystem::path& path,
                                       const std::string& content) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  return path;
}

/// The whole content of `path`.
inline std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// A fresh temporary folder that is removed when the object goes away.
class TempFolder {
 public:
  TempFolder() { QVERIFY2(dir_.isValid(), "cannot create a temporary folder"); }
  std::filesystem::path path() const { return dir_.path().toStdString(); }
  std::filesystem::path operator/(const std::string& name) const { return path() / name; }

 private:
  QTemporaryDir dir_;
};

}  // namespace embedlab::test
