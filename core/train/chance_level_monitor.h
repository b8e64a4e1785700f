// Watches a reranker's logged loss for the sign that it learns nothing at all: a cross-entropy
// over groups of G passages that stays at ln G, which is what a model that scores every passage
// of a group alike gets. A cross-encoder started from random weights (init-model) sits there for
// thousands of steps, because it must first learn to match query tokens with passage tokens;
// the trainer then says so once, instead of letting the user wait for a curve that stays flat.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace embedlab::train {

class ChanceLevelMonitor {
 public:
  /// `groupSize` passages per query (chance level ln groupSize); training resumes after
  /// `firstStep` steps; a message once the loss has stayed within `tolerance` (relative) of
  /// chance for `patienceSteps` steps.
  ChanceLevelMonitor(std::int64_t groupSize, std::int64_t firstStep,
                     std::int64_t patienceSteps = 200, double tolerance = 0.02);

  /// The mean loss of the logging window that ended after `step` steps (1-based). Returns the
  /// message the first time the patience runs out; nothing otherwise, and nothing ever again.
  std::optional<std::string> observe(std::int64_t step, double loss);

  double chanceLoss() const { return chance_; }

 private:
  std::int64_t groupSize_;
  double chance_;
  std::int64_t patience_;
  double tolerance_;
  std::int64_t lastStep_;                   ///< where the previous window ended
  std::optional<std::int64_t> stuckSince_;  ///< where the current streak at chance began
  bool told_ = false;
};

}  // namespace embedlab::train
