// The safetensors checkpoint format (Hugging Face's model.safetensors): an 8-byte little-endian
// header length, a JSON header naming each tensor's dtype, shape and byte range, then the raw
// little-endian data. Reading maps the file and checks every byte range before anything touches
// it: a malformed or truncated file is an InputError that says what is wrong, never a crash
// (tests/core/test_safetensors fuzzes the header parser). Torch-free.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace embedlab::model {

enum class DType { F64, F32, F16, BF16, I64, I32, I16, I8, U8, Bool };

/// "F32", "BF16", ... as safetensors spells them.
std::string_view dtypeName(DType dtype);
std::size_t dtypeSize(DType dtype);
bool isFloatingPoint(DType dtype);

struct TensorInfo {
  std::string name;
  DType dtype = DType::F32;
  std::vector<std::int64_t> shape;
  std::uint64_t begin = 0;  ///< byte range in the data section
  std::uint64_t end = 0;

  std::uint64_t elementCount() const;
};

/// A file of named tensors: a safetensors file, or a PyTorch checkpoint (pytorch_checkpoint.h).
class TensorFile {
 public:
  virtual ~TensorFile() = default;
  virtual const std::vector<TensorInfo>& tensors() const = 0;
  /// The bytes of a tensor of this file: contiguous, little-endian, in its dtype.
  virtual const std::byte* data(const TensorInfo& tensor) const = 0;
  virtual const std::filesystem::path& path() const = 0;
};

struct SafetensorsHeader {
  std::vector<TensorInfo> tensors;              ///< in data order
  std::map<std::string, std::string> metadata;  ///< "__metadata__"
};

/// Parses and checks a header against a data section of `dataBytes`: valid JSON object, known
/// dtypes, non-negative shapes whose byte size matches the range, ranges inside the data, in
/// order, without gaps or overlaps. Throws InputError(file, message).
SafetensorsHeader parseSafetensorsHeader(std::string_view json, std::uint64_t dataBytes,
                                         const std::string& file);

/// A safetensors file mapped into memory (read-only).
class SafetensorsFile : public TensorFile {
 public:
  /// Opens and checks `path`; throws InputError for anything malformed, IoError when unreadable.
  explicit SafetensorsFile(const std::filesystem::path& path);
  ~SafetensorsFile() override;
  SafetensorsFile(SafetensorsFile&&) noexcept;
  SafetensorsFile& operator=(SafetensorsFile&&) noexcept;
  SafetensorsFile(const SafetensorsFile&) = delete;
  SafetensorsFile& operator=(const SafetensorsFile&) = delete;

  const std::vector<TensorInfo>& tensors() const override { return header_.tensors; }
  const std::map<std::string, std::string>& metadata() const { return header_.metadata; }
  const TensorInfo* find(std::string_view name) const;
  /// The bytes of a tensor of this file.
  const std::byte* data(const TensorInfo& tensor) const override;
  const std::filesystem::path& path() const override { return path_; }

 private:
  std::filesystem::path path_;
  SafetensorsHeader header_;
  const std::byte* mapping_ = nullptr;
  std::size_t mappedBytes_ = 0;
  std::uint64_t dataStart_ = 0;
};

/// A tensor to write: name, dtype, shape and its raw little-endian bytes.
struct TensorData {
  std::string name;
  DType dtype = DType::F32;
  std::vector<std::int64_t> shape;
  std::string_view bytes;
};

/// Writes tensors (sorted by name, as HF writes them) with `metadata` ({"format": "pt"} is
/// added), atomically. Throws Error when a tensor's bytes do not match its shape.
void writeSafetensors(const std::filesystem::path& path, std::vector<TensorData> tensors,
                      std::map<std::string, std::string> metadata = {});

}  // namespace embedlab::model
