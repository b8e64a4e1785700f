#include "core/model/hub_cache.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "core/common/error.h"

namespace embedlab::model {

namespace {

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

bool idCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

// "models--org--name" for "org/name".
std::string repositoryFolder(std::string_view id) {
  std::string folder = "models--" + std::string(id);
  const std::size_t slash = folder.find('/');
  folder.replace(slash, 1, "--");
  return folder;
}

// The snapshot of `repository` at `revision`, or an empty path.
std::filesystem::path snapshot(const std::filesystem::path& repository,
                               const std::string& revision) {
  std::error_code error;
  std::string hash = revision;
  std::ifstream ref(repository / "refs" / revision);
  if (ref) std::getline(ref, hash);
  hash.erase(std::remove_if(hash.begin(), hash.end(), [](char c) { return c == '\n' || c == ' '; }),
             hash.end());
  if (hash.empty() || hash.find('/') != std::string::npos || hash == "..") return {};
  const std::filesystem::path folder = repository / "snapshots" / hash;
  return std::filesystem::is_directory(folder, error) ? folder : std::filesystem::path();
}

}  // namespace

std::filesystem::path hubCacheDirectory() {
  if (const std::string cache = environment("HF_HUB_CACHE"); !cache.empty()) return cache;
  if (const std::string home = environment("HF_HOME"); !home.empty())
    return std::filesystem::path(home) / "hub";
  const std::string home = environment("HOME");
  return std::filesystem::path(home.empty() ? "." : home) / ".cache" / "huggingface" / "hub";
}

bool isHubId(std::string_view text) {
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == text.size()) return false;
  if (text.find('/', slash + 1) != std::string_view::npos) return false;
  if (text.find("..") != std::string_view::npos || text.front() == '.' || text[slash + 1] == '.')
    return false;
  return std::all_of(text.begin(), text.end(), [](char c) { return c == '/' || idCharacter(c); });
}

std::filesystem::path resolveModelFolder(const std::string& nameOrPath, const std::string& revision,
                                         const std::filesystem::path& cache) {
  std::error_code error;
  if (std::filesystem::exists(nameOrPath, error) || !isHubId(nameOrPath)) return nameOrPath;
  const std::filesystem::path repository = cache / repositoryFolder(nameOrPath);
  if (std::filesystem::path folder = snapshot(repository, revision); !folder.empty()) return folder;
  throw InputError(
      nameOrPath,
      fmt::format("is neither a folder nor a model in the Hugging Face cache (looked for {} at "
                  "revision \"{}\"; the cache is $HF_HUB_CACHE, else $HF_HOME/hub, else "
                  "~/.cache/huggingface/hub). EmbedLab never downloads: on a machine with "
                  "internet run `huggingface-cli download {}` and copy its "
                  "~/.cache/huggingface/hub/{} here, or give the model's folder",
                  (repository / "refs" / revision).string(), revision, nameOrPath,
                  repositoryFolder(nameOrPath)));
}

std::vector<CachedModel> listCachedModels(const std::filesystem::path& cache) {
  std::vector<CachedModel> models;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(cache, error)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("models--", 0) != 0) continue;
    std::string id = name.substr(8);
    const std::size_t separator = id.find("--");
    if (separator == std::string::npos) continue;
    id.replace(separator, 2, "/");
    const std::filesystem::path folder = snapshot(entry.path(), "main");
    if (!folder.empty() && std::filesystem::exists(folder / "config.json", error))
      models.push_back({id, folder});
  }
  std::sort(models.begin(), models.end(),
            [](const CachedModel& a, const CachedModel& b) { return a.id < b.id; });
  return models;
}

}  // namespace embedlab::model
