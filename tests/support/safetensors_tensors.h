// A safetensors file's tensors as LibTorch tensors (copies), for tests that compare against
// reference fixtures. Torch tests only.
#pragma once

#include <torch/torch.h>

#include <filesystem>
#include <map>
#include <string>

#include "core/model/safetensors.h"
#include "core/model/torch/embedding_model_impl.h"

namespace embedlab::test {

inline std::map<std::string, torch::Tensor> readTensors(const std::filesystem::path& file) {
  const model::SafetensorsFile safetensors(file);
  std::map<std::string, torch::Tensor> tensors;
  for (const model::TensorInfo& info : safetensors.tensors()) {
    tensors[info.name] =
        torch::from_blob(const_cast<std::byte*>(safetensors.data(info)), info.shape,
                         torch::TensorOptions().dtype(model::scalarTypeOf(info.dtype)))
            .clone();
  }
  return tensors;
}

}  // namespace embedlab::test
