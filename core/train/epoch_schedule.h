// Where a training step falls in the data. Epochs can hold different numbers of batches (with
// --dedup_batches each epoch's shuffle packs its batches differently), so a step is mapped to
// (epoch, batch) through the running sum of the epochs' batch counts, and the steps of a run
// given in epochs are that sum, not epochs x the first epoch's count. The progress bar, the
// learning-rate schedule's total, the logged epoch and resume all read it from here. Torch-free.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

namespace embedlab::train {

class EpochSchedule {
 public:
  /// `batchCount(epoch)`: the global batches of an epoch (asked once per epoch, in order).
  explicit EpochSchedule(std::function<std::size_t(std::uint64_t)> batchCount);

  struct Position {
    std::uint64_t epoch = 0;  ///< 0-based
    std::size_t batch = 0;    ///< 0-based, within the epoch
    std::size_t batches = 0;  ///< batches in that epoch
  };
  /// The epoch and batch of 0-based `step`. Amortised O(1) for increasing steps.
  Position position(std::int64_t step) const;
  /// The steps of `epochs` epochs (may be fractional): every whole epoch's batches, plus the
  /// started share of the next one rounded up.
  std::int64_t stepsFor(double epochs) const;
  /// The epochs done after step `step` (0-based) has run, with the share of the current one.
  double epochsAfter(std::int64_t step) const;

 private:
  /// First step of `epoch`, counting the batches of every epoch before it.
  std::int64_t start(std::uint64_t epoch) const;

  std::function<std::size_t(std::uint64_t)> batchCount_;
  mutable std::vector<std::int64_t> starts_{0};  ///< starts_[e]: first step of epoch e
};

}  // namespace embedlab::train
