#include "core/train/training_files.h"

#include <algorithm>
#include <filesystem>

#include "core/common/error.h"

namespace embedlab::train {

std::vector<std::string> trainingDataFiles(const std::vector<std::string>& trainData) {
  std::vector<std::string> files;
  for (const std::string& entry : trainData) {
    std::error_code error;
    if (!std::filesystem::is_directory(entry, error)) {
      files.push_back(entry);
      continue;
    }
    std::vector<std::string> found;
    for (const auto& item : std::filesystem::directory_iterator(entry, error)) {
      if (item.path().extension() == ".jsonl" && item.is_regular_file(error))
        found.push_back(item.path().string());
    }
    if (error) throw UsageError("--train_data " + entry + ": cannot list it: " + error.message());
    if (found.empty()) {
      throw UsageError("--train_data " + entry +
                       " is a folder without .jsonl files (a folder stands for the .jsonl "
                       "training files directly in it)");
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

}  // namespace embedlab::train
