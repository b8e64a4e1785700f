#include "core/model/safetensors.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "core/common/error.h"
#include "core/common/unique_fd.h"
#include "core/data/atomic_file.h"

namespace embedlab::model {

namespace {

constexpr std::uint64_t kMaxHeaderBytes = 100ULL << 20;  // as Hugging Face's reader

struct DTypeEntry {
  DType dtype;
  const char* name;
  std::size_t size;
};
constexpr DTypeEntry kDTypes[] = {{DType::F64, "F64", 8}, {DType::F32, "F32", 4},
                                  {DType::F16, "F16", 2}, {DType::BF16, "BF16", 2},
                                  {DType::I64, "I64", 8}, {DType::I32, "I32", 4},
                                  {DType::I16, "I16", 2}, {DType::I8, "I8", 1},
                                  {DType::U8, "U8", 1},   {DType::Bool, "BOOL", 1}};

const DTypeEntry& entryOf(DType dtype) {
  for (const DTypeEntry& entry : kDTypes) {
    if (entry.dtype == dtype) return entry;
  }
  return kDTypes[1];
}

std::uint64_t readLittleEndian64(const std::byte* bytes) {
  std::uint64_t value = 0;
  for (int i = 7; i >= 0; --i)
    value = (value << 8) | static_cast<std::uint8_t>(bytes[i]);
  return value;
}

}  // namespace

std::string_view dtypeName(DType dtype) {
  return entryOf(dtype).name;
}
std::size_t dtypeSize(DType dtype) {
  return entryOf(dtype).size;
}
bool isFloatingPoint(DType dtype) {
  return dtype == DType::F64 || dtype == DType::F32 || dtype == DType::F16 || dtype == DType::BF16;
}

std::uint64_t TensorInfo::elementCount() const {
  std::uint64_t count = 1;
  for (const std::int64_t dimension : shape)
    count *= static_cast<std::uint64_t>(dimension);
  return count;
}

SafetensorsHeader parseSafetensorsHeader(std::string_view json, std::uint64_t dataBytes,
                                         const std::string& file) {
  const auto fail = [&](const std::string& message) -> void {
    throw InputError(file, "corrupt safetensors header: " + message);
  };
  nlohmann::json header;
  try {
    header = nlohmann::json::parse(json.begin(), json.end());
  } catch (const nlohmann::json::exception& error) {
    fail(std::string("not valid JSON (") + error.what() + ")");
  }
  if (!header.is_object()) fail("the header is not a JSON object");
  SafetensorsHeader result;
  for (const auto& [name, entry] : header.items()) {
    if (name == "__metadata__") {
      if (!entry.is_object()) fail("__metadata__ is not an object");
      for (const auto& [key, value] : entry.items()) {
        if (!value.is_string()) fail("__metadata__ value \"" + key + "\" is not a string");
        result.metadata.emplace(key, value.get<std::string>());
      }
      continue;
    }
    if (!entry.is_object() || !entry.contains("dtype") || !entry.contains("shape") ||
        !entry.contains("data_offsets")) {
      fail("tensor \"" + name + "\" lacks dtype, shape or data_offsets");
    }
    TensorInfo tensor;
    tensor.name = name;
    const auto& dtype = entry.at("dtype");
    bool known = false;
    for (const DTypeEntry& candidate : kDTypes) {
      if (dtype.is_string() && dtype.get<std::string>() == candidate.name) {
        tensor.dtype = candidate.dtype;
        known = true;
      }
    }
    if (!known) {
      // Never dump() arbitrary JSON here: a deeply nested value would recurse off the stack.
      fail(dtype.is_string() ? fmt::format("tensor \"{}\" has unsupported dtype \"{}\"", name,
                                           dtype.get<std::string>())
                             : fmt::format("tensor \"{}\" has a dtype that is not a string ({})",
                                           name, dtype.type_name()));
    }
    const auto& shape = entry.at("shape");
    if (!shape.is_array() || shape.size() > 16)
      fail("tensor \"" + name + "\" has an invalid shape");
    std::uint64_t elements = 1;
    for (const auto& dimension : shape) {
      if (!dimension.is_number_unsigned() &&
          !(dimension.is_number_integer() && dimension.get<std::int64_t>() >= 0)) {
        fail("tensor \"" + name + "\" has a negative or non-integer dimension");
      }
      const auto size = dimension.get<std::uint64_t>();
      if (size > (1ULL << 48) || __builtin_mul_overflow(elements, size, &elements)) {
        fail("tensor \"" + name + "\" is impossibly large");
      }
      tensor.shape.push_back(static_cast<std::int64_t>(size));
    }
    const auto& offsets = entry.at("data_offsets");
    if (!offsets.is_array() || offsets.size() != 2 || !offsets[0].is_number_unsigned() ||
        !offsets[1].is_number_unsigned()) {
      fail("tensor \"" + name + "\" has invalid data_offsets");
    }
    tensor.begin = offsets[0].get<std::uint64_t>();
    tensor.end = offsets[1].get<std::uint64_t>();
    std::uint64_t bytes = 0;
    const bool overflow = __builtin_mul_overflow(elements, dtypeSize(tensor.dtype), &bytes);
    if (overflow) fail("tensor \"" + name + "\" is impossibly large");
    if (tensor.end < tensor.begin || tensor.end > dataBytes || bytes != tensor.end - tensor.begin) {
      fail(
          fmt::format("tensor \"{}\" occupies bytes [{}, {}) but its dtype and shape need {} of "
                      "the {} data bytes (truncated or corrupt file?)",
                      name, tensor.begin, tensor.end, bytes, dataBytes));
    }
    result.tensors.push_back(std::move(tensor));
  }
  std::sort(result.tensors.begin(), result.tensors.end(),
            [](const TensorInfo& a, const TensorInfo& b) {
              return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
            });
  std::uint64_t expected = 0;
  for (const TensorInfo& tensor : result.tensors) {
    if (tensor.begin != expected) {
      fail(fmt::format("tensor \"{}\" starts at byte {} where {} was expected (gap or overlap)",
                       tensor.name, tensor.begin, expected));
    }
    expected = tensor.end;
  }
  if (expected != dataBytes) {
    fail(fmt::format("the tensors cover {} of {} data bytes", expected, dataBytes));
  }
  return result;
}

SafetensorsFile::SafetensorsFile(const std::filesystem::path& path) : path_(path) {
  const UniqueFd fd = UniqueFd::openForReading(path);
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) throw IoError("cannot stat", path.string(), errno);
  if (!S_ISREG(info.st_mode)) throw InputError(path.string(), "is not a file");
  const auto size = static_cast<std::uint64_t>(info.st_size);
  if (size < 8) {
    throw InputError(path.string(), fmt::format("is {} bytes long; a safetensors file starts with "
                                                "an 8-byte header length (truncated file?)",
                                                size));
  }
  void* mapping = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd.get(), 0);
  if (mapping == MAP_FAILED) throw IoError("cannot map", path.string(), errno);
  mapping_ = static_cast<const std::byte*>(mapping);
  mappedBytes_ = size;
  try {
    const std::uint64_t headerBytes = readLittleEndian64(mapping_);
    if (headerBytes > size - 8) {
      throw InputError(path.string(),
                       fmt::format("header length {} does not fit the {}-byte file (truncated, "
                                   "or not a safetensors file?)",
                                   headerBytes, size));
    }
    if (headerBytes > kMaxHeaderBytes) {
      throw InputError(path.string(), fmt::format("header length {} is over the {}-byte limit "
                                                  "for a safetensors header (corrupt file?)",
                                                  headerBytes, kMaxHeaderBytes));
    }
    dataStart_ = 8 + headerBytes;
    header_ = parseSafetensorsHeader(
        std::string_view(reinterpret_cast<const char*>(mapping_) + 8, headerBytes),
        size - dataStart_, path.string());
  } catch (...) {
    ::munmap(const_cast<std::byte*>(mapping_), mappedBytes_);
    mapping_ = nullptr;
    throw;
  }
}

SafetensorsFile::~SafetensorsFile() {
  if (mapping_ != nullptr) ::munmap(const_cast<std::byte*>(mapping_), mappedBytes_);
}

SafetensorsFile::SafetensorsFile(SafetensorsFile&& other) noexcept
    : path_(std::move(other.path_)),
      header_(std::move(other.header_)),
      mapping_(std::exchange(other.mapping_, nullptr)),
      mappedBytes_(other.mappedBytes_),
      dataStart_(other.dataStart_) {}

SafetensorsFile& SafetensorsFile::operator=(SafetensorsFile&& other) noexcept {
  if (this != &other) {
    if (mapping_ != nullptr) ::munmap(const_cast<std::byte*>(mapping_), mappedBytes_);
    path_ = std::move(other.path_);
    header_ = std::move(other.header_);
    mapping_ = std::exchange(other.mapping_, nullptr);
    mappedBytes_ = other.mappedBytes_;
    dataStart_ = other.dataStart_;
  }
  return *this;
}

const TensorInfo* SafetensorsFile::find(std::string_view name) const {
  for (const TensorInfo& tensor : header_.tensors) {
    if (tensor.name == name) return &tensor;
  }
  return nullptr;
}

const std::byte* SafetensorsFile::data(const TensorInfo& tensor) const {
  return mapping_ + dataStart_ + tensor.begin;
}

void writeSafetensors(const std::filesystem::path& path, std::vector<TensorData> tensors,
                      std::map<std::string, std::string> metadata) {
  std::sort(tensors.begin(), tensors.end(),
            [](const TensorData& a, const TensorData& b) { return a.name < b.name; });
  nlohmann::ordered_json header;
  metadata.emplace("format", "pt");
  header["__metadata__"] = metadata;
  std::uint64_t offset = 0;
  for (std::size_t i = 0; i < tensors.size(); ++i) {
    const TensorData& tensor = tensors[i];
    // Refuse what the reader would reject, so that a written file always loads.
    if (tensor.name == "__metadata__" || (i > 0 && tensors[i - 1].name == tensor.name)) {
      throw Error("cannot write tensor name \"" + tensor.name + "\" (reserved or repeated)");
    }
    std::uint64_t bytes = dtypeSize(tensor.dtype);
    for (const std::int64_t dimension : tensor.shape) {
      if (dimension < 0 ||
          __builtin_mul_overflow(bytes, static_cast<std::uint64_t>(dimension), &bytes)) {
        throw Error("tensor " + tensor.name + " has a negative or impossibly large shape");
      }
    }
    if (bytes != tensor.bytes.size()) {
      throw Error(fmt::format("tensor {} has {} bytes for its shape and dtype's {}", tensor.name,
                              tensor.bytes.size(), bytes));
    }
    header[tensor.name] = {{"dtype", std::string(dtypeName(tensor.dtype))},
                           {"shape", tensor.shape},
                           {"data_offsets", {offset, offset + tensor.bytes.size()}}};
    offset += tensor.bytes.size();
  }
  std::string json = header.dump();
  json.append((8 - json.size() % 8) % 8, ' ');  // data starts 8-byte aligned, as HF writes it
  std::string length(8, '\0');
  for (int i = 0; i < 8; ++i)
    length[static_cast<std::size_t>(i)] = static_cast<char>((json.size() >> (8 * i)) & 0xFF);
  AtomicFileWriter writer(path);
  writer.write(length);
  writer.write(json);
  for (const TensorData& tensor : tensors)
    writer.write(tensor.bytes);
  writer.commit();
}

}  // namespace embedlab::model
