// Where the trainer's global batches come from: the fine-tuning tasks' GroupSampler (queries with
// their passages) or pre-training's TextSampler (core/pretrain: texts alone). Both plan every
// epoch deterministically from the seed, so that every worker computes the same global batch and
// takes its slice, and a resumed run sees the batches an uninterrupted one would. Torch-free.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace embedlab::train {

/// One query's group: its passages, positive first. When pre-training, one text (in `query`).
struct TrainingGroup {
  std::size_t example = 0;  ///< index in the dataset
  std::string query;
  std::optional<std::string> prompt;  ///< the line's own "prompt", if any
  std::vector<std::string> passages;  ///< 1 positive + G-1 negatives
  std::vector<double> teacherScores;  ///< one per passage when the line has pos/neg scores
};

/// What the plan of one epoch does with the queries.
struct EpochPlanSummary {
  std::size_t batches = 0;
  std::size_t queries = 0;         ///< queries in the data
  std::size_t queriesTrained = 0;  ///< distinct queries in the epoch's batches
  std::size_t repeats = 0;         ///< places filled with a query trained a second time
  std::size_t dropped = 0;         ///< queries left out (short batches with dropLast)
  std::size_t clashingFills = 0;   ///< deduplication: fills that had to repeat a text
  const char* unit = "queries";    ///< what the counts count ("texts" when pre-training)
  /// One sentence for the training log, e.g. "epoch 2: 37 batches; all 290 queries once, ...".
  std::string describe(std::uint64_t epoch) const;
};

class BatchSource {
 public:
  virtual ~BatchSource() = default;
  /// Global batches in `epoch` (0-based). Throws UsageError when there are none.
  virtual std::size_t batchCount(std::uint64_t epoch) const = 0;
  /// Global batch `batch` of `epoch`: always the global batch size, so that every worker gets an
  /// equal, non-empty slice.
  virtual std::vector<TrainingGroup> batch(std::uint64_t epoch, std::size_t batch) const = 0;
  /// How `epoch` covers the data, for the training log.
  virtual EpochPlanSummary summary(std::uint64_t epoch) const = 0;
};

}  // namespace embedlab::train
