#include "core/train/similarity_statistics.h"

#include "core/common/json_read.h"

#include <algorithm>
#include <cmath>

namespace embedlab::train {

void ScoreDistribution::add(double value) {
  if (!std::isfinite(value)) return;
  const int bin = std::clamp(
      static_cast<int>(std::floor((value - kLowest) / (kHighest - kLowest) * kBins)), 0, kBins - 1);
  ++bins_[static_cast<std::size_t>(bin)];
  min_ = count_ == 0 ? value : std::min(min_, value);
  max_ = count_ == 0 ? value : std::max(max_, value);
  ++count_;
  sum_ += value;
  sumOfSquares_ += value * value;
}

double ScoreDistribution::mean() const {
  return count_ == 0 ? 0.0 : sum_ / static_cast<double>(count_);
}

double ScoreDistribution::standardDeviation() const {
  if (count_ < 2) return 0.0;
  const double m = mean();
  return std::sqrt(std::max(0.0, sumOfSquares_ / static_cast<double>(count_) - m * m));
}

nlohmann::json ScoreDistribution::toJson() const {
  return {{"count", count_}, {"mean", mean()}, {"std", standardDeviation()},
          {"min", min_},     {"max", max_},    {"bins", bins_}};
}

ScoreDistribution ScoreDistribution::fromJson(const nlohmann::json& json) {
  ScoreDistribution d;
  if (!json.is_object()) return d;
  const auto bins = json.find("bins");
  if (bins != json.end() && bins->is_array() && bins->size() == kBins) {
    for (std::size_t i = 0; i < kBins; ++i) {
      const auto& bin = (*bins)[i];
      d.bins_[i] = bin.is_number() ? bin.get<std::uint64_t>() : 0;
    }
  }
  const double count = std::max(0.0, fieldOr(json, "count", 0.0));
  const double mean = fieldOr(json, "mean", 0.0);
  const double spread = fieldOr(json, "std", 0.0);
  d.count_ = static_cast<std::uint64_t>(count);
  d.sum_ = mean * count;  // so that mean() and standardDeviation() give back what was written
  d.sumOfSquares_ = (spread * spread + mean * mean) * count;
  d.min_ = fieldOr(json, "min", 0.0);
  d.max_ = fieldOr(json, "max", 0.0);
  return d;
}

SimilarityStatistics SimilarityStatistics::fromJson(const nlohmann::json& json) {
  SimilarityStatistics s;
  if (!json.is_object()) return s;
  s.positives = ScoreDistribution::fromJson(json.value("positives", nlohmann::json()));
  s.hardNegatives = ScoreDistribution::fromJson(json.value("hard_negatives", nlohmann::json()));
  s.inBatchNegatives =
      ScoreDistribution::fromJson(json.value("in_batch_negatives", nlohmann::json()));
  return s;
}

nlohmann::json SimilarityStatistics::toJson() const {
  return {{"bin_range", {ScoreDistribution::kLowest, ScoreDistribution::kHighest}},
          {"positives", positives.toJson()},
          {"hard_negatives", hardNegatives.toJson()},
          {"in_batch_negatives", inBatchNegatives.toJson()}};
}

}  // namespace embedlab::train
