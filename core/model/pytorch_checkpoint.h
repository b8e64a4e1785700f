// A PyTorch checkpoint file (`pytorch_model.bin`, as torch.save writes it since PyTorch 1.6: a
// zip archive of data.pkl and one record per storage), read without Python: LibTorch's own zip
// reader opens the archive, state_dict_pickle.h's restricted unpickler reads data.pkl, and each
// tensor's strided view is copied out of its storage into contiguous bytes, so the file serves
// like a safetensors file. fp32, fp16, bf16 and the integer types. The older, pre-zip format is
// refused with what to do about it. Torch-free header.
#pragma once

#include <cstddef>
#include <filesystem>
#include <vector>

#include "core/model/safetensors.h"

namespace embedlab::model {

class PytorchCheckpointFile : public TensorFile {
 public:
  /// Reads every tensor of `path` into memory. Throws InputError for anything malformed or
  /// refused (a foreign global in the pickle, a storage record that is missing or too short).
  explicit PytorchCheckpointFile(const std::filesystem::path& path);

  const std::vector<TensorInfo>& tensors() const override { return tensors_; }
  const std::byte* data(const TensorInfo& tensor) const override;
  const std::filesystem::path& path() const override { return path_; }

 private:
  std::filesystem::path path_;
  std::vector<TensorInfo> tensors_;  ///< begin/end index bytes_
  std::vector<std::byte> bytes_;     ///< every tensor, contiguous, 64-byte aligned offsets
};

}  // namespace embedlab::model
