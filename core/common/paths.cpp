#include "core/common/paths.h"

#include <cstdlib>

namespace embedlab {

namespace {

std::filesystem::path xdgDirectory(const char* variable, const char* fallbackUnderHome) {
  if (const char* value = std::getenv(variable); value != nullptr && value[0] == '/') {
    return std::filesystem::path(value) / "embedlab";
  }
  const char* home = std::getenv("HOME");
  std::filesystem::path base = (home != nullptr && home[0] != '\0')
                                   ? std::filesystem::path(home)
                                   : std::filesystem::temp_directory_path();
  return base / fallbackUnderHome / "embedlab";
}

}  // namespace

std::filesystem::path userCacheDirectory() {
  return xdgDirectory("XDG_CACHE_HOME", ".cache");
}

std::filesystem::path userDataDirectory() {
  return xdgDirectory("XDG_DATA_HOME", ".local/share");
}

}  // namespace embedlab
