// The pickle inside a PyTorch checkpoint (`pytorch_model.bin`'s `data.pkl`), read by a small,
// restricted unpickler: a pickle is a program that may call any Python function, so this one
// runs only the opcodes `torch.save` emits for a state dict and accepts only the globals that
// rebuild tensors (collections.OrderedDict, torch._utils._rebuild_tensor_v2 and
// _rebuild_parameter, the torch.*Storage types). Any other global is refused by name before
// anything is built. What it returns describes where each tensor lies in the archive's storages;
// the storages themselves are read by PytorchCheckpointFile (pytorch_checkpoint.h).
// Malformed input is an InputError, never a crash: tests/core/test_state_dict_pickle fuzzes it.
// Torch-free.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/safetensors.h"

namespace embedlab::model {

/// One tensor of a pickled state dict: a strided view of a storage of the archive.
struct PickledTensor {
  std::string name;                   ///< the state dict's key
  std::string storageKey;             ///< the storage's record: data/<storageKey>
  DType dtype = DType::F32;           ///< the storage's element type
  std::uint64_t storageElements = 0;  ///< elements in the storage, as the pickle says
  std::uint64_t storageOffset = 0;    ///< the view's first element
  std::vector<std::int64_t> shape;
  std::vector<std::int64_t> stride;  ///< in elements
};

/// The tensors of the state dict pickled in `pickle`, in the dict's order. Checks that each view
/// lies inside its storage and that a storage has one dtype. Throws InputError(file, message)
/// for a foreign global ("refuses the global os.system ..."), an unsupported opcode, a value that
/// is not a tensor, or malformed bytes (naming the byte offset).
std::vector<PickledTensor> readStateDictPickle(std::string_view pickle, const std::string& file);

}  // namespace embedlab::model
