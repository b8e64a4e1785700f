// Similarity distributions during training: positives, hard negatives and in-batch negatives,
// as mean, standard deviation and a fixed-bin histogram over [-1, 1] (cosine scores of normalised
// embeddings; values outside fall into the end bins). The GUI draws these live. Torch-free.
#pragma once

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>

namespace embedlab::train {

class ScoreDistribution {
 public:
  static constexpr int kBins = 40;
  static constexpr double kLowest = -1.0;  ///< the histogram's range; outside: the end bins
  static constexpr double kHighest = 1.0;
  void add(double value);
  std::uint64_t count() const { return count_; }
  double mean() const;
  double standardDeviation() const;
  const std::array<std::uint64_t, kBins>& histogram() const { return bins_; }
  nlohmann::json toJson() const;  ///< {"count", "mean", "std", "min", "max", "bins": [...]}
  /// A distribution read back from toJson's form (a GUI following a run, the history); fields
  /// that are missing or mistyped read as empty.
  static ScoreDistribution fromJson(const nlohmann::json& json);
  double min() const { return min_; }
  double max() const { return max_; }

 private:
  std::array<std::uint64_t, kBins> bins_{};
  std::uint64_t count_ = 0;
  double sum_ = 0;
  double sumOfSquares_ = 0;
  double min_ = 0;
  double max_ = 0;
};

struct SimilarityStatistics {
  ScoreDistribution positives;
  ScoreDistribution hardNegatives;
  ScoreDistribution inBatchNegatives;
  void clear() { *this = SimilarityStatistics(); }
  nlohmann::json toJson() const;
  static SimilarityStatistics fromJson(const nlohmann::json& json);
};

}  // namespace embedlab::train
