// The learning-rate schedule of Hugging Face's get_linear_schedule_with_warmup: linear warm-up
// from 0 over `warmupSteps`, then linear decay to 0 at `totalSteps`. Step 0 (the first update)
// uses rate 0 when there is a warm-up, exactly as the reference. Torch-free.
#pragma once

#include <algorithm>
#include <cstdint>

namespace embedlab::train {

/// The rate for optimiser update `step` (0-based).
inline double linearScheduleRate(double baseRate, std::int64_t step, std::int64_t warmupSteps,
                                 std::int64_t totalSteps) {
  if (step < warmupSteps) {
    return baseRate * static_cast<double>(step) /
           static_cast<double>(std::max<std::int64_t>(1, warmupSteps));
  }
  return baseRate * std::max(0.0, static_cast<double>(totalSteps - step) /
                                      static_cast<double>(
                                          std::max<std::int64_t>(1, totalSteps - warmupSteps)));
}

}  // namespace embedlab::train
