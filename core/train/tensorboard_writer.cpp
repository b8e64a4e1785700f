#include "core/train/tensorboard_writer.h"

#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstring>

#include "core/common/error.h"

namespace embedlab::train {

namespace {

constexpr std::uint32_t kCastagnoli = 0x82F63B78;  // reversed polynomial

std::array<std::uint32_t, 256> crcTable() {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t crc = i;
    for (int bit = 0; bit < 8; ++bit)
      crc = (crc & 1) != 0 ? (crc >> 1) ^ kCastagnoli : crc >> 1;
    table[i] = crc;
  }
  return table;
}

void appendVarint(std::string& out, std::uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

template <typename T>
void appendLittleEndian(std::string& out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));  // x86 and ARM Linux are little endian
  out.append(bytes, sizeof(T));
}

// Protocol-buffer keys: field number << 3 | wire type (0 varint, 1 64-bit, 2 bytes, 5 32-bit).
void appendKey(std::string& out, int field, int wireType) {
  appendVarint(out, static_cast<std::uint64_t>(field << 3 | wireType));
}

void appendBytes(std::string& out, int field, const std::string& bytes) {
  appendKey(out, field, 2);
  appendVarint(out, bytes.size());
  out += bytes;
}

double now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

std::uint32_t crc32c(const void* data, std::size_t size) {
  static const std::array<std::uint32_t, 256> table = crcTable();
  const auto* bytes = static_cast<const unsigned char*>(data);
  std::uint32_t crc = 0xFFFFFFFF;
  for (std::size_t i = 0; i < size; ++i)
    crc = table[(crc ^ bytes[i]) & 0xFF] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFF;
}

std::uint32_t maskedCrc32c(const void* data, std::size_t size) {
  const std::uint32_t crc = crc32c(data, size);
  return ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
}

std::string scalarEvent(double wallTime, std::int64_t step,
                        const std::vector<std::pair<std::string, float>>& scalars) {
  std::string summary;
  for (const auto& [tag, value] : scalars) {
    std::string entry;
    appendBytes(entry, 1, tag);
    appendKey(entry, 2, 5);
    appendLittleEndian(entry, value);
    appendBytes(summary, 1, entry);
  }
  std::string event;
  appendKey(event, 1, 1);
  appendLittleEndian(event, wallTime);
  appendKey(event, 2, 0);
  appendVarint(event, static_cast<std::uint64_t>(step));
  appendBytes(event, 5, summary);
  return event;
}

std::string fileVersionEvent(double wallTime) {
  std::string event;
  appendKey(event, 1, 1);
  appendLittleEndian(event, wallTime);
  appendBytes(event, 3, "brain.Event:2");
  return event;
}

std::string record(const std::string& data) {
  std::string out;
  const std::uint64_t length = data.size();
  std::string lengthBytes;
  appendLittleEndian(lengthBytes, length);
  out += lengthBytes;
  appendLittleEndian(out, maskedCrc32c(lengthBytes.data(), lengthBytes.size()));
  out += data;
  appendLittleEndian(out, maskedCrc32c(data.data(), data.size()));
  return out;
}

TensorBoardWriter::TensorBoardWriter(const std::filesystem::path& folder) {
  std::filesystem::create_directories(folder);
  char host[256] = "localhost";
  gethostname(host, sizeof(host) - 1);
  const double time = now();
  file_ = folder / fmt::format("events.out.tfevents.{}.{}", static_cast<long long>(time), host);
  out_.open(file_, std::ios::binary | std::ios::app);
  if (!out_) throw InputError(file_.string(), "cannot be written");
  out_ << record(fileVersionEvent(time));
  out_.flush();
}

void TensorBoardWriter::write(std::int64_t step,
                              const std::vector<std::pair<std::string, float>>& scalars) {
  out_ << record(scalarEvent(now(), step, scalars));
  out_.flush();
}

}  // namespace embedlab::train
