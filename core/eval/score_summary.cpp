#include "core/eval/score_summary.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace embedlab::eval {

namespace {

double quantile(const std::vector<double>& sorted, double q) {
  const double position = q * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  const double fraction = position - static_cast<double>(below);
  return sorted[below] + (sorted[above] - sorted[below]) * fraction;
}

}  // namespace

Quantiles summarize(std::vector<double> values) {
  Quantiles result;
  result.count = values.size();
  if (values.empty()) return result;
  std::sort(values.begin(), values.end());
  result.min = values.front();
  result.max = values.back();
  result.p05 = quantile(values, 0.05);
  result.p25 = quantile(values, 0.25);
  result.median = quantile(values, 0.5);
  result.p75 = quantile(values, 0.75);
  result.p95 = quantile(values, 0.95);
  result.mean =
      std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
  return result;
}

Histogram histogram(const std::vector<double>& values, double low, double high, std::size_t bins) {
  Histogram result;
  result.low = low;
  result.high = high;
  result.counts.assign(std::max<std::size_t>(1, bins), 0);
  const double width = (high - low) / static_cast<double>(result.counts.size());
  for (const double value : values) {
    const double slot = width > 0 ? std::floor((value - low) / width) : 0.0;
    const auto index = static_cast<std::size_t>(
        std::clamp(slot, 0.0, static_cast<double>(result.counts.size() - 1)));
    ++result.counts[index];
  }
  return result;
}

nlohmann::json toJson(const Quantiles& q) {
  return {{"count", q.count}, {"min", q.min}, {"p05", q.p05}, {"p25", q.p25},  {"median", q.median},
          {"p75", q.p75},     {"p95", q.p95}, {"max", q.max}, {"mean", q.mean}};
}

nlohmann::json toJson(const Histogram& histogram) {
  return {{"low", histogram.low}, {"high", histogram.high}, {"counts", histogram.counts}};
}

Quantiles quantilesFromJson(const nlohmann::json& json) {
  Quantiles q;
  if (!json.is_object()) return q;
  q.count = json.value("count", std::size_t{0});
  q.min = json.value("min", 0.0);
  q.p05 = json.value("p05", 0.0);
  q.p25 = json.value("p25", 0.0);
  q.median = json.value("median", 0.0);
  q.p75 = json.value("p75", 0.0);
  q.p95 = json.value("p95", 0.0);
  q.max = json.value("max", 0.0);
  q.mean = json.value("mean", 0.0);
  return q;
}

Histogram histogramFromJson(const nlohmann::json& json) {
  Histogram histogram;
  if (!json.is_object()) return histogram;
  histogram.low = json.value("low", 0.0);
  histogram.high = json.value("high", 0.0);
  histogram.counts = json.value("counts", std::vector<std::uint64_t>{});
  return histogram;
}

}  // namespace embedlab::eval
