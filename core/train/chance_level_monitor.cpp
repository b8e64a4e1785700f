#include "core/train/chance_level_monitor.h"

#include <fmt/format.h>

#include <cmath>

namespace embedlab::train {

ChanceLevelMonitor::ChanceLevelMonitor(std::int64_t groupSize, std::int64_t firstStep,
                                       std::int64_t patienceSteps, double tolerance)
    : groupSize_(groupSize),
      chance_(std::log(static_cast<double>(groupSize))),
      patience_(patienceSteps),
      tolerance_(tolerance),
      lastStep_(firstStep) {}

std::optional<std::string> ChanceLevelMonitor::observe(std::int64_t step, double loss) {
  const std::int64_t windowStart = lastStep_;
  lastStep_ = step;
  if (told_ || groupSize_ < 2) return std::nullopt;
  if (!(loss >= chance_ * (1.0 - tolerance_))) {  // learning (or NaN, reported elsewhere)
    stuckSince_.reset();
    return std::nullopt;
  }
  if (!stuckSince_) stuckSince_ = windowStart;
  if (step - *stuckSince_ < patience_) return std::nullopt;
  told_ = true;
  return fmt::format(
      "the loss has stayed at chance level (ln {} = {:.3f}) for {} steps: the reranker scores "
      "positives and negatives alike. A reranker trained from random weights (init-model) "
      "stays there for a long time, since it must first learn to match query and passage "
      "tokens: start from a pretrained encoder or reranker. Otherwise check that the positives "
      "answer their queries",
      groupSize_, chance_, step - *stuckSince_);
}

}  // namespace embedlab::train
