// TensorBoard's event files, written without TensorFlow (train --report_to tensorboard): scalars
// (loss, learning rate, gradient norm, throughput, dev metrics) that TensorBoard plots. The format
// is TensorFlow's record file of Event protocol buffers:
//
//   each record:  uint64 length (little endian) | uint32 masked CRC-32C of the length bytes |
//                 the data | uint32 masked CRC-32C of the data
//   masked CRC:   ((crc >> 15) | (crc << 17)) + 0xa282ead8, CRC-32C (Castagnoli)
//   Event:        1 wall_time (double), 2 step (int64), 3 file_version (string, the first
//                 record: "brain.Event:2"), 5 summary (Summary)
//   Summary:      1 value (repeated Summary.Value)
//   Summary.Value 1 tag (string), 2 simple_value (float)
//
// The protocol buffers are encoded by hand (a few fields of fixed numbers; no protobuf library is
// linked next to LibTorch). Torch-free.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

namespace embedlab::train {

/// CRC-32C (Castagnoli) of `size` bytes.
std::uint32_t crc32c(const void* data, std::size_t size);
/// TensorFlow's masked CRC: ((crc >> 15) | (crc << 17)) + 0xa282ead8.
std::uint32_t maskedCrc32c(const void* data, std::size_t size);

/// The bytes of one Event holding `scalars` (tag, value) at `step`.
std::string scalarEvent(double wallTime, std::int64_t step,
                        const std::vector<std::pair<std::string, float>>& scalars);
/// The bytes of the first Event of a file: its file_version.
std::string fileVersionEvent(double wallTime);
/// `data` framed as one record.
std::string record(const std::string& data);

class TensorBoardWriter {
 public:
  /// Creates `folder` and an event file in it (events.out.tfevents.<seconds>.<host>) with the
  /// file-version record.
  explicit TensorBoardWriter(const std::filesystem::path& folder);
  /// Appends the scalars at `step` and flushes (TensorBoard reads the file as it grows).
  void write(std::int64_t step, const std::vector<std::pair<std::string, float>>& scalars);
  const std::filesystem::path& file() const { return file_; }

 private:
  std::filesystem::path file_;
  std::ofstream out_;
};

}  // namespace embedlab::train
