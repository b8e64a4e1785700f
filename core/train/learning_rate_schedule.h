// The learning-rate schedules of Hugging Face's get_scheduler (--lr_scheduler_type), with its
// formulas: a linear warm-up from 0 over `warmupSteps` (step 0, the first update, uses rate 0
// when there is a warm-up, exactly as the reference), then
//   linear:               a linear decay to 0 at `totalSteps` (get_linear_schedule_with_warmup)
//   cosine:               0.5 (1 + cos(pi progress)), progress going from 0 to 1 after the warm-up
//   constant:             the base rate from the first step (no warm-up)
//   constant_with_warmup: the base rate after the warm-up.
// Torch-free.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

namespace embedlab::train {

/// The linear schedule's rate for optimiser update `step` (0-based).
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

/// The rate of schedule `type` (linear, cosine, constant or constant_with_warmup; validate()
/// checks the name) for optimiser update `step` (0-based).
inline double scheduleRate(const std::string& type, double baseRate, std::int64_t step,
                           std::int64_t warmupSteps, std::int64_t totalSteps) {
  if (type == "constant") return baseRate;
  if (type == "linear") return linearScheduleRate(baseRate, step, warmupSteps, totalSteps);
  if (step < warmupSteps) {
    return baseRate * static_cast<double>(step) /
           static_cast<double>(std::max<std::int64_t>(1, warmupSteps));
  }
  if (type == "constant_with_warmup") return baseRate;
  const double progress = static_cast<double>(step - warmupSteps) /
                          static_cast<double>(std::max<std::int64_t>(1, totalSteps - warmupSteps));
  constexpr double kPi = 3.14159265358979323846;
  return baseRate * std::max(0.0, 0.5 * (1.0 + std::cos(kPi * progress)));
}

}  // namespace embedlab::train
