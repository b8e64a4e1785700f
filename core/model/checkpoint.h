// The tensors of a Hugging Face model folder, whichever way they were saved: model.safetensors,
// pytorch_model.bin, or the shards that model.safetensors.index.json or
// pytorch_model.bin.index.json lists (safetensors first, as transformers prefers them). Used
// wherever a model is loaded or merged. Torch-free header.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/safetensors.h"

namespace embedlab::model {

class Checkpoint {
 public:
  /// Opens the folder's checkpoint files. Throws InputError for a folder with none, a shard the
  /// index lists but that is missing, a tensor in two files, or a malformed file.
  explicit Checkpoint(const std::filesystem::path& folder);
  std::vector<const TensorInfo*> tensors() const;
  const TensorInfo* find(std::string_view name) const;
  const std::byte* data(const TensorInfo& tensor) const;
  /// The file a tensor lives in (for messages).
  const std::filesystem::path& fileOf(const TensorInfo& tensor) const;

 private:
  std::vector<std::unique_ptr<TensorFile>> files_;
  std::map<std::string, std::pair<std::size_t, const TensorInfo*>, std::less<>> byName_;
};

/// Whether `folder` holds weights Checkpoint reads (any of the four layouts).
bool hasCheckpoint(const std::filesystem::path& folder);

}  // namespace embedlab::model
