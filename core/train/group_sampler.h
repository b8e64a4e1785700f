// Which passages each query trains with, batch by batch: the reference workflow's sampling made
// deterministic and shardable. For every epoch the queries are shuffled (seeded by seed and
// epoch) and each gets one positive drawn from `pos` and G-1 negatives drawn without replacement
// from `neg` (tiled when there are too few; drawn from the corpus of every passage in the
// training files when `neg` is empty). Draws use a generator seeded by (seed, epoch, example), so
// they are the same whatever the number of workers; every worker computes the same global batch
// and takes its slice. Torch-free.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/data/training_example.h"

namespace embedlab::train {

/// One query's group: its passages, positive first.
struct TrainingGroup {
  std::size_t example = 0;  ///< index in the dataset
  std::string query;
  std::optional<std::string> prompt;  ///< the line's own "prompt", if any
  std::vector<std::string> passages;  ///< 1 positive + G-1 negatives
  std::vector<double> teacherScores;  ///< one per passage when the line has pos/neg scores
};

struct SamplerOptions {
  int groupSize = 8;
  std::uint64_t seed = 42;
  std::size_t globalBatchSize = 8;  ///< queries per step over all workers
  bool dropLast = false;  ///< drop the last incomplete batch (else fill it from the epoch's start)
  bool deduplicate = false;  ///< keep a group out of a batch that already holds one of its texts
};

class GroupSampler {
 public:
  /// `examples` from all training files. Throws UsageError when a query has no negatives and the
  /// corpus cannot supply G-1 others.
  GroupSampler(std::vector<TrainingExample> examples, SamplerOptions options);

  std::size_t exampleCount() const { return examples_.size(); }
  std::size_t batchesPerEpoch() const;
  /// Global batch `batch` of `epoch` (0-based), groups in order; workers take consecutive slices.
  std::vector<TrainingGroup> batch(std::uint64_t epoch, std::size_t batch) const;
  /// Number of distinct passages the corpus offers for corpus negatives.
  std::size_t corpusSize() const { return corpus_.size(); }

 private:
  struct Planned {
    std::size_t example;
    std::size_t positive;
    std::vector<std::int64_t> negatives;  ///< >= 0: index in neg; < 0: corpus passage -1 - k
  };
  using Plan = std::vector<std::vector<Planned>>;
  const Plan& plan(std::uint64_t epoch) const;
  Planned sample(std::uint64_t epoch, std::size_t example) const;
  TrainingGroup resolve(const Planned& planned) const;

  std::vector<TrainingExample> examples_;
  SamplerOptions options_;
  std::vector<std::string> corpus_;
  mutable std::uint64_t plannedEpoch_ = UINT64_MAX;
  mutable Plan plan_;
};

}  // namespace embedlab::train
