#include "core/model/checkpoint.h"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "core/common/error.h"
#include "core/model/pytorch_checkpoint.h"

namespace embedlab::model {

namespace {

// The four layouts, in the order transformers prefers them: a single file, or an index whose
// weight_map names the shard of every tensor.
struct Layout {
  const char* single;
  const char* index;
};
constexpr Layout kLayouts[] = {{"model.safetensors", "model.safetensors.index.json"},
                               {"pytorch_model.bin", "pytorch_model.bin.index.json"}};

bool isFile(const std::filesystem::path& path) {
  std::error_code error;
  return std::filesystem::is_regular_file(path, error);
}

nlohmann::json readWeightMap(const std::filesystem::path& index) {
  std::ifstream in(index);
  nlohmann::json weightMap;
  try {
    weightMap = nlohmann::json::parse(in).at("weight_map");
  } catch (const nlohmann::json::exception& error) {
    throw InputError(index.string(), std::string("has no valid weight_map: ") + error.what());
  }
  if (!weightMap.is_object() || weightMap.empty()) {
    throw InputError(index.string(), "has an empty weight_map: it lists no tensors");
  }
  for (const auto& [tensor, shard] : weightMap.items()) {
    if (!shard.is_string())
      throw InputError(index.string(), "weight_map values must be file names");
    const std::string name = shard.get<std::string>();
    if (name.find('/') != std::string::npos || name.find("..") != std::string::npos) {
      throw InputError(index.string(), "names a shard outside the folder: " + name);
    }
  }
  return weightMap;
}

std::unique_ptr<TensorFile> openTensorFile(const std::filesystem::path& path) {
  if (path.extension() == ".safetensors") return std::make_unique<SafetensorsFile>(path);
  return std::make_unique<PytorchCheckpointFile>(path);
}

}  // namespace

bool hasCheckpoint(const std::filesystem::path& folder) {
  for (const Layout& layout : kLayouts) {
    if (isFile(folder / layout.single) || isFile(folder / layout.index)) return true;
  }
  return false;
}

Checkpoint::Checkpoint(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> shards;
  std::filesystem::path index;
  nlohmann::json weightMap;
  for (const Layout& layout : kLayouts) {
    if (isFile(folder / layout.single)) {
      shards.push_back(folder / layout.single);
    } else if (isFile(folder / layout.index)) {
      index = folder / layout.index;
      weightMap = readWeightMap(index);
      std::set<std::string> names;
      for (const auto& [tensor, shard] : weightMap.items())
        names.insert(shard.get<std::string>());
      for (const std::string& name : names)
        shards.push_back(folder / name);
    } else {
      continue;
    }
    break;
  }
  if (shards.empty()) {
    throw InputError(folder.string(),
                     "has no model weights (model.safetensors, pytorch_model.bin, or the "
                     "index.json of their shards)");
  }
  for (const auto& shard : shards) {
    if (!isFile(shard)) {
      throw InputError(shard.string(),
                       "is listed in " + index.filename().string() + " but missing");
    }
    files_.push_back(openTensorFile(shard));
  }
  for (std::size_t f = 0; f < files_.size(); ++f) {
    for (const TensorInfo& tensor : files_[f]->tensors()) {
      if (!byName_.emplace(tensor.name, std::make_pair(f, &tensor)).second) {
        throw InputError(files_[f]->path().string(), "repeats tensor " + tensor.name);
      }
    }
  }
  for (const auto& [tensor, shard] : weightMap.items()) {
    const auto found = byName_.find(tensor);
    const std::string shardName = shard.get<std::string>();
    if (found == byName_.end() || files_[found->second.first]->path().filename() != shardName) {
      throw InputError(index.string(),
                       fmt::format("lists {} in {}, which does not hold it", tensor, shardName));
    }
  }
}

std::vector<const TensorInfo*> Checkpoint::tensors() const {
  std::vector<const TensorInfo*> result;
  for (const auto& [name, entry] : byName_)
    result.push_back(entry.second);
  return result;
}

const TensorInfo* Checkpoint::find(std::string_view name) const {
  const auto found = byName_.find(name);
  return found == byName_.end() ? nullptr : found->second.second;
}

const std::byte* Checkpoint::data(const TensorInfo& tensor) const {
  return files_[byName_.find(tensor.name)->second.first]->data(tensor);
}

const std::filesystem::path& Checkpoint::fileOf(const TensorInfo& tensor) const {
  return files_[byName_.find(tensor.name)->second.first]->path();
}

}  // namespace embedlab::model
