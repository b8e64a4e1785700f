// What training runs leave in their folders, as tests read it: the metrics records and the
// difference between two runs' final weights.
#pragma once

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "core/model/safetensors.h"
#include "tests/support/files.h"

namespace embedlab::test {

/// max |a - b| over every tensor of two float32 model.safetensors files (infinity when their
/// tensors differ in name or shape).
inline double weightDifference(const std::filesystem::path& a, const std::filesystem::path& b) {
  const model::SafetensorsFile first(a);
  const model::SafetensorsFile second(b);
  double worst = 0;
  for (const auto& info : first.tensors()) {
    const auto* other = second.find(info.name);
    if (other == nullptr || other->shape != info.shape) return INFINITY;
    const auto* x = reinterpret_cast<const float*>(first.data(info));
    const auto* y = reinterpret_cast<const float*>(second.data(*other));
    for (std::uint64_t i = 0; i < info.elementCount(); ++i)
      worst = std::max(worst, double(std::abs(x[i] - y[i])));
  }
  return worst;
}

/// The records of a run folder's metrics.jsonl, in order.
inline std::vector<nlohmann::json> metricsOf(const std::filesystem::path& run) {
  std::vector<nlohmann::json> records;
  std::istringstream in(readFile(run / "metrics.jsonl"));
  for (std::string line; std::getline(in, line);)
    records.push_back(nlohmann::json::parse(line));
  return records;
}

}  // namespace embedlab::test
