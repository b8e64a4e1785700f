#include "core/model/pytorch_checkpoint.h"

#include <caffe2/serialize/inline_container.h>
#include <fmt/format.h>

#include <cstring>
#include <fstream>
#include <map>

#include "core/common/error.h"
#include "core/model/state_dict_pickle.h"

namespace embedlab::model {

namespace {

// data.pkl of a real state dict is a few hundred bytes per tensor; a larger one is refused
// before the unpickler's memory grows with it.
constexpr std::size_t kMaxPickleBytes = 16U << 20;
constexpr std::uint64_t kAlignment = 64;

bool isZipArchive(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  in.read(magic, sizeof magic);
  if (!in) throw IoError("cannot read", path.string(), errno);
  return std::memcmp(magic, "PK\x03\x04", 4) == 0;
}

bool isContiguous(const PickledTensor& tensor) {
  std::int64_t expected = 1;
  for (std::size_t i = tensor.shape.size(); i-- > 0;) {
    if (tensor.shape[i] != 1 && tensor.stride[i] != expected) return false;
    expected *= tensor.shape[i];
  }
  return true;
}

// Copies the strided view `tensor` of `storage` into `target`, element by element in row-major
// order (a contiguous view in one block).
void copyView(const PickledTensor& tensor, const std::byte* storage, std::byte* target,
              std::uint64_t elements) {
  const std::size_t size = dtypeSize(tensor.dtype);
  const std::byte* first = storage + tensor.storageOffset * size;
  if (isContiguous(tensor)) {
    std::memcpy(target, first, elements * size);
    return;
  }
  std::vector<std::int64_t> index(tensor.shape.size(), 0);
  for (std::uint64_t e = 0; e < elements; ++e) {
    std::int64_t offset = 0;
    for (std::size_t d = 0; d < index.size(); ++d)
      offset += index[d] * tensor.stride[d];
    std::memcpy(target + e * size, first + offset * static_cast<std::int64_t>(size), size);
    for (std::size_t d = index.size(); d-- > 0;) {
      if (++index[d] < tensor.shape[d]) break;
      index[d] = 0;
    }
  }
}

}  // namespace

PytorchCheckpointFile::PytorchCheckpointFile(const std::filesystem::path& path) : path_(path) {
  if (!isZipArchive(path)) {
    throw InputError(path.string(),
                     "is not a zip archive: PyTorch's legacy checkpoint format (before PyTorch "
                     "1.6) is not read; save it again with a current torch.save, or as "
                     "safetensors");
  }
  const std::string file = path.string();
  try {
    caffe2::serialize::PyTorchStreamReader archive(file);
    if (!archive.hasRecord("data.pkl"))
      throw InputError(file,
                       "has no data.pkl (is it a TorchScript archive rather than a state dict?)");
    auto [pickleData, pickleBytes] = archive.getRecord("data.pkl");
    if (pickleBytes > kMaxPickleBytes)
      throw InputError(
          file, fmt::format("has a data.pkl of {} bytes, too large for a state dict", pickleBytes));
    const std::vector<PickledTensor> pickled = readStateDictPickle(
        std::string_view(static_cast<const char*>(pickleData.get()), pickleBytes), file);

    std::uint64_t total = 0;
    std::map<std::string, std::vector<std::size_t>> byStorage;
    for (const PickledTensor& tensor : pickled) {
      TensorInfo info;
      info.name = tensor.name;
      info.dtype = tensor.dtype;
      info.shape = tensor.shape;
      info.begin = total;
      info.end = total + info.elementCount() * dtypeSize(tensor.dtype);
      total = (info.end + kAlignment - 1) / kAlignment * kAlignment;
      byStorage[tensor.storageKey].push_back(tensors_.size());
      tensors_.push_back(std::move(info));
    }
    bytes_.resize(total);
    for (const auto& [key, members] : byStorage) {
      const std::string record = "data/" + key;
      if (!archive.hasRecord(record))
        throw InputError(file, "has no record " + record + ", which data.pkl reads");
      auto [storage, storageBytes] = archive.getRecord(record);
      for (const std::size_t t : members) {
        const PickledTensor& tensor = pickled[t];
        const std::uint64_t needed = tensor.storageElements * dtypeSize(tensor.dtype);
        if (storageBytes < needed) {
          throw InputError(file, fmt::format("record {} holds {} bytes, data.pkl says {}", record,
                                             storageBytes, needed));
        }
        const TensorInfo& info = tensors_[t];
        copyView(tensor, static_cast<const std::byte*>(storage.get()), bytes_.data() + info.begin,
                 info.elementCount());
      }
    }
  } catch (const Error&) {
    throw;
  } catch (const std::exception& error) {
    throw InputError(file, std::string("is not a readable PyTorch checkpoint: ") + error.what());
  }
}

const std::byte* PytorchCheckpointFile::data(const TensorInfo& tensor) const {
  return bytes_.data() + tensor.begin;
}

}  // namespace embedlab::model
