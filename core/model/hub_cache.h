// Models named by Hugging Face hub id ("BAAI/bge-base-en-v1.5"), as every reference command
// names them, found where Hugging Face tools keep them: the hub cache ($HF_HUB_CACHE, else
// $HF_HOME/hub, else ~/.cache/huggingface/hub), in which `models--org--name/refs/<revision>`
// holds a commit hash and `snapshots/<hash>/` the files (symlinks into `blobs/`). The network is
// never tried: a model that is not in the cache is an error saying where it looked and how to get
// it on a machine with internet.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace embedlab::model {

/// The hub cache folder the environment names (it need not exist).
std::filesystem::path hubCacheDirectory();

/// True for "org/name" (letters, digits, '.', '_', '-'; one slash; no "..").
bool isHubId(std::string_view text);

/// `nameOrPath` itself when it exists (a folder always wins over an id), else the cached
/// snapshot of the hub id at `revision` (a branch or tag under refs/, or a commit hash). Throws
/// InputError for a hub id that is not cached; any other missing path is returned unchanged
/// (the caller says it is missing).
std::filesystem::path resolveModelFolder(const std::string& nameOrPath,
                                         const std::string& revision = "main",
                                         const std::filesystem::path& cache = hubCacheDirectory());

struct CachedModel {
  std::string id;                ///< "org/name"
  std::filesystem::path folder;  ///< its snapshot at refs/main
};

/// The models of the hub cache that have a snapshot at refs/main with a config.json, by id.
std::vector<CachedModel> listCachedModels(const std::filesystem::path& cache = hubCacheDirectory());

}  // namespace embedlab::model
