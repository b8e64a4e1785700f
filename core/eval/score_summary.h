// Summaries of score distributions: quantiles for reports and fixed-width histograms for plots.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

namespace embedlab::eval {

struct Quantiles {
  std::size_t count = 0;
  double min = 0, p05 = 0, p25 = 0, median = 0, p75 = 0, p95 = 0, max = 0, mean = 0;
};

/// Quantiles by linear interpolation between order statistics (numpy's default); all zero for
/// an empty input.
Quantiles summarize(std::vector<double> values);

struct Histogram {
  double low = 0;
  double high = 0;  ///< bins split [low, high] evenly; the last includes high
  std::vector<std::uint64_t> counts;
};

/// `bins` equal bins over [low, high]; values outside are clamped into the end bins.
Histogram histogram(const std::vector<double>& values, double low, double high, std::size_t bins);

/// {"count", "min", "p05", "p25", "median", "p75", "p95", "max", "mean"}
nlohmann::json toJson(const Quantiles& quantiles);
/// {"low", "high", "counts": [...]}
nlohmann::json toJson(const Histogram& histogram);
/// Back from toJson's forms; missing fields stay 0 (a report from an older version).
Quantiles quantilesFromJson(const nlohmann::json& json);
Histogram histogramFromJson(const nlohmann::json& json);

}  // namespace embedlab::eval
