#include "core/train/similarity_statistics.h"

#include <algorithm>
#include <cmath>

namespace embedlab::train {

void ScoreDistribution::add(double value) {
  if (!std::isfinite(value)) return;
  const int bin =
      std::clamp(static_cast<int>(std::floor((value + 1.0) / 2.0 * kBins)), 0, kBins - 1);
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

nlohmann::json SimilarityStatistics::toJson() const {
  return {{"bin_range", {-1.0, 1.0}},
          {"positives", positives.toJson()},
          {"hard_negatives", hardNegatives.toJson()},
          {"in_batch_negatives", inBatchNegatives.toJson()}};
}

}  // namespace embedlab::train
