#include "core/train/epoch_schedule.h"

#include <algorithm>
#include <cmath>

#include "core/common/error.h"

namespace embedlab::train {

EpochSchedule::EpochSchedule(std::function<std::size_t(std::uint64_t)> batchCount)
    : batchCount_(std::move(batchCount)) {}

std::int64_t EpochSchedule::start(std::uint64_t epoch) const {
  while (starts_.size() <= epoch) {
    const auto batches = static_cast<std::int64_t>(batchCount_(starts_.size() - 1));
    if (batches <= 0) throw Error("an epoch without batches");  // the sampler never plans one
    starts_.push_back(starts_.back() + batches);
  }
  return starts_[epoch];
}

EpochSchedule::Position EpochSchedule::position(std::int64_t step) const {
  while (starts_.back() <= step)
    start(starts_.size());
  // The last epoch whose first step is <= step.
  const auto after = std::upper_bound(starts_.begin(), starts_.end(), step);
  Position position;
  position.epoch = static_cast<std::uint64_t>(after - starts_.begin() - 1);
  position.batch = static_cast<std::size_t>(step - starts_[position.epoch]);
  position.batches = static_cast<std::size_t>(*after - starts_[position.epoch]);
  return position;
}

std::int64_t EpochSchedule::stepsFor(double epochs) const {
  const auto whole = static_cast<std::uint64_t>(std::floor(epochs));
  const double share = epochs - static_cast<double>(whole);
  std::int64_t steps = start(whole);
  if (share > 0) {
    const double next = static_cast<double>(start(whole + 1) - steps);
    steps += static_cast<std::int64_t>(std::ceil(share * next));
  }
  return steps;
}

double EpochSchedule::epochsAfter(std::int64_t step) const {
  const Position at = position(step);
  return static_cast<double>(at.epoch) +
         static_cast<double>(at.batch + 1) / static_cast<double>(at.batches);
}

}  // namespace embedlab::train
