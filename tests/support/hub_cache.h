// A Hugging Face hub cache as its tools leave it, made by tests: files in blobs/, symlinked from
// snapshots/<hash>/, refs/<revision> naming the hashes (core/model/hub_cache.h reads it).
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

namespace embedlab::test {

// Puts the files of `model` into `cache` as snapshot `hash` of `id`, each file a symlink into
// blobs/ (named by a counter, as the hub names them by content hash).
inline void cacheModel(const std::filesystem::path& cache, const std::string& id,
                       const std::filesystem::path& model, const std::string& hash) {
  std::string folder = "models--" + id;
  folder.replace(folder.find('/'), 1, "--");
  const std::filesystem::path repository = cache / folder;
  static int blob = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(model)) {
    if (!entry.is_regular_file()) continue;
    const std::filesystem::path relative = entry.path().lexically_relative(model);
    const std::filesystem::path target = repository / "blobs" / ("blob" + std::to_string(++blob));
    std::filesystem::create_directories(target.parent_path());
    std::filesystem::copy_file(entry.path(), target);
    const std::filesystem::path link = repository / "snapshots" / hash / relative;
    std::filesystem::create_directories(link.parent_path());
    std::filesystem::create_symlink(std::filesystem::relative(target, link.parent_path()), link);
  }
}

inline void writeRef(const std::filesystem::path& cache, const std::string& folder,
                     const std::string& revision, const std::string& hash) {
  std::filesystem::create_directories(cache / folder / "refs");
  std::ofstream(cache / folder / "refs" / revision) << hash;
}

}  // namespace embedlab::test
