#include "core/data/dataset_discovery.h"

#include <algorithm>

#include "core/common/error.h"

namespace embedlab {

namespace {

// A folder a job wrote or a model lives in: its files are not datasets.
bool isJobOrModelFolder(const std::filesystem::path& folder) {
  std::error_code error;
  for (const char* marker :
       {"job.jsonl", "training_options.json", "trainer_state.json", "config.json"}) {
    if (std::filesystem::exists(folder / marker, error)) return true;
  }
  return false;
}

void scan(const std::filesystem::path& workspace, const std::filesystem::path& folder, int depth,
          int maxDepth, std::vector<DatasetEntry>& entries) {
  std::error_code error;
  std::filesystem::directory_iterator it(folder, error);
  if (error) {
    throw IoError("cannot list", folder.string(), error.value());
  }
  for (const auto& item : it) {
    const std::filesystem::path& path = item.path();
    if (path.filename().string().rfind('.', 0) == 0) {
      continue;
    }
    DatasetEntry entry;
    entry.path = path;
    entry.name = std::filesystem::relative(path, workspace).string();
    if (item.is_directory()) {
      if (folder == workspace && path.filename() == "runs") continue;  // jobs' outputs
      if (isJobOrModelFolder(path)) continue;
      if (isEvalFolder(path)) {
        entry.evalFolder = true;
        entries.push_back(std::move(entry));
      } else if (depth < maxDepth) {
        scan(workspace, path, depth + 1, maxDepth, entries);
      }
      continue;
    }
    const std::string extension = path.extension().string();
    if (!item.is_regular_file() || (extension != ".jsonl" && extension != ".tsv")) {
      continue;
    }
    try {
      entry.kind = detectDataKind(path);
    } catch (const Error&) {
      entry.kind = std::nullopt;  // listed anyway; validating it asks for the kind
    }
    entries.push_back(std::move(entry));
  }
}

}  // namespace

std::vector<DatasetEntry> discoverDatasets(const std::filesystem::path& workspace, int maxDepth) {
  std::vector<DatasetEntry> entries;
  if (isEvalFolder(workspace)) {
    entries.push_back({workspace, std::nullopt, true, workspace.filename().string()});
    return entries;
  }
  scan(workspace, workspace, 0, maxDepth, entries);
  std::sort(entries.begin(), entries.end(),
            [](const DatasetEntry& a, const DatasetEntry& b) { return a.name < b.name; });
  return entries;
}

}  // namespace embedlab
