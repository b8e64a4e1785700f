#include "core/model/model_discovery.h"

#include <algorithm>

#include "core/model/checkpoint.h"

namespace embedlab::model {

namespace {

bool isFile(const std::filesystem::path& path) {
  std::error_code error;
  return std::filesystem::is_regular_file(path, error);
}

void scan(const std::filesystem::path& workspace, const std::filesystem::path& folder, int depth,
          int maxDepth, std::vector<ModelFolder>& found) {
  if (hasTokenizer(folder)) {
    found.push_back(
        {folder, std::filesystem::relative(folder, workspace).string(), hasCheckpoint(folder)});
    return;
  }
  if (depth >= maxDepth) return;
  std::error_code error;
  std::filesystem::directory_iterator it(folder, error);
  if (error) return;
  for (const auto& item : it) {
    if (item.path().filename().string().rfind('.', 0) == 0) continue;
    std::error_code typeError;
    if (item.is_directory(typeError)) scan(workspace, item.path(), depth + 1, maxDepth, found);
  }
}

}  // namespace

bool hasTokenizer(const std::filesystem::path& folder) {
  return isFile(folder / "tokenizer.json") || isFile(folder / "vocab.txt");
}

std::vector<ModelFolder> discoverModelFolders(const std::filesystem::path& workspace,
                                              int maxDepth) {
  std::vector<ModelFolder> found;
  scan(workspace, workspace, 0, maxDepth, found);
  for (ModelFolder& folder : found) {
    if (folder.name == ".") folder.name = workspace.filename().string();
  }
  std::sort(found.begin(), found.end(),
            [](const ModelFolder& a, const ModelFolder& b) { return a.name < b.name; });
  return found;
}

}  // namespace embedlab::model
