// Exact distribution of non-negative integers (text lengths, list sizes) in memory bounded by the
// number of distinct values, not by how many were added: a 10M-line file's length statistics cost
// a few thousand map entries.
#pragma once

#include <cstdint>
#include <map>

namespace embedlab {

class IntegerDistribution {
 public:
  void add(std::uint64_t value, std::uint64_t times = 1) {
    if (times == 0) return;
    counts_[value] += times;
    count_ += times;
    sum_ += static_cast<long double>(value) * static_cast<long double>(times);
  }

  /// Adds every value of `other` (merging the distributions of two files).
  void add(const IntegerDistribution& other) {
    for (const auto& [value, times] : other.counts_)
      add(value, times);
  }

  std::uint64_t count() const { return count_; }
  bool empty() const { return count_ == 0; }
  std::uint64_t min() const { return empty() ? 0 : counts_.begin()->first; }
  std::uint64_t max() const { return empty() ? 0 : counts_.rbegin()->first; }
  double mean() const { return empty() ? 0.0 : static_cast<double>(sum_ / count_); }

  /// The smallest value v such that at least a fraction q of the values are <= v (nearest rank;
  /// quantile(0.5) is the lower median). 0 when empty.
  std::uint64_t quantile(double q) const {
    if (empty()) return 0;
    const double clamped = q < 0 ? 0 : (q > 1 ? 1 : q);
    auto rank = static_cast<std::uint64_t>(clamped * static_cast<double>(count_) + 0.999999);
    rank = rank == 0 ? 1 : rank;
    std::uint64_t seen = 0;
    for (const auto& [value, times] : counts_) {
      seen += times;
      if (seen >= rank) return value;
    }
    return max();
  }
  std::uint64_t median() const { return quantile(0.5); }

  /// Value -> how many times it was added, in increasing value order (for histograms).
  const std::map<std::uint64_t, std::uint64_t>& counts() const { return counts_; }

 private:
  std::map<std::uint64_t, std::uint64_t> counts_;
  std::uint64_t count_ = 0;
  long double sum_ = 0;
};

}  // namespace embedlab
