// Which passages each query trains with, batch by batch: the reference workflow's sampling made
// deterministic and shardable. For every epoch the queries are shuffled (seeded by seed and
// epoch) and each gets one positive drawn from `pos` and G-1 negatives drawn without replacement
// from `neg` (tiled when there are too few; drawn from the corpus of every passage in the
// training files when `neg` is empty). Draws use a generator seeded by (seed, epoch, example), so
// they are the same whatever the number of workers; every worker computes the same global batch
// and takes its slice.
//
// Every batch holds exactly `globalBatchSize` groups, so that every worker always gets an equal,
// non-empty slice (collectives need equal shapes). Every query trains once per epoch; a batch
// that would be short (the epoch's last, or with deduplication a batch whose remaining groups
// clash) is filled with groups of the same epoch trained a second time, or dropped with
// `dropLast`. With deduplication the number of batches can differ between epochs; an epoch is
// planned once, when it is first asked for. With `sameDataset` every batch comes from one
// training file (the reference's --same_dataset_within_batch): each file's queries, in the
// epoch's shuffled order, are cut into batches (short ones filled from the same file), and the
// batches of all files are shuffled together. With `groupByLength` the epoch's shuffled groups
// are sorted by length (their longest passage in bytes, then their query's) within windows of
// 50 batches, as Hugging Face's LengthGroupedSampler does, so that each batch pads little; the
// batches are then shuffled, and the one holding the epoch's longest group goes first, so that a
// batch too large for memory fails at the first step, not hours in. Torch-free.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/data/training_example.h"
#include "core/train/batch_source.h"

namespace embedlab::train {

struct SamplerOptions {
  int groupSize = 8;
  std::uint64_t seed = 42;
  std::size_t globalBatchSize = 8;  ///< queries per step over all workers
  bool dropLast = false;       ///< drop short batches (else fill them with groups trained again)
  bool deduplicate = false;    ///< keep a group out of a batch that already holds one of its texts
  bool sameDataset = false;    ///< every batch from one file (the constructor's `datasets`)
  bool groupByLength = false;  ///< batches of groups with similar passage lengths, shuffled
};

class GroupSampler : public BatchSource {
 public:
  /// `examples` from all training files; `datasets` (with sameDataset) the index of each one's
  /// file. Throws UsageError when a query has no negatives and the corpus cannot supply G-1
  /// others.
  GroupSampler(std::vector<TrainingExample> examples, SamplerOptions options,
               std::vector<std::size_t> datasets = {});

  std::size_t exampleCount() const { return examples_.size(); }
  std::size_t globalBatchSize() const { return options_.globalBatchSize; }
  /// Global batches in `epoch` (0-based). Without deduplication the same for every epoch and
  /// computed without planning; with it the epoch is planned (once) and its count kept. Throws
  /// UsageError when dropLast leaves no batch.
  std::size_t batchCount(std::uint64_t epoch) const override;
  /// Global batch `batch` of `epoch`: globalBatchSize groups; workers take consecutive slices.
  std::vector<TrainingGroup> batch(std::uint64_t epoch, std::size_t batch) const override;
  /// How `epoch` covers the queries.
  EpochPlanSummary summary(std::uint64_t epoch) const override;
  /// Number of distinct passages the corpus offers for corpus negatives.
  std::size_t corpusSize() const { return corpus_.size(); }
  /// Epoch plans made so far (each costs O(dataset); a training step must not make one).
  std::size_t plansMade() const { return plansMade_; }

 private:
  struct Planned {
    std::size_t example;
    std::size_t positive;
    std::vector<std::int64_t> negatives;  ///< >= 0: index in neg; < 0: corpus passage -1 - k
  };
  struct Plan {
    std::vector<std::vector<Planned>> batches;
    EpochPlanSummary summary;
  };
  /// The cached plan of `epoch` (re-planned only when another epoch is asked for).
  const Plan& plan(std::uint64_t epoch) const;
  Plan makePlan(std::uint64_t epoch) const;
  /// The batches of `members` (positions in the epoch's groups, in order) that deduplication
  /// packs; `texts` holds every group's text hashes.
  std::vector<std::vector<std::size_t>> deduplicatedBatches(
      const std::vector<std::size_t>& members,
      const std::vector<std::vector<std::uint64_t>>& texts) const;
  Planned sample(std::uint64_t epoch, std::size_t example) const;
  /// Each group's (longest passage, query) length in bytes, what groupByLength sorts by.
  std::vector<std::pair<std::size_t, std::size_t>> lengths(
      const std::vector<Planned>& groups) const;
  TrainingGroup resolve(const Planned& planned) const;
  const std::string& passage(const Planned& planned, std::size_t index) const;

  std::vector<TrainingExample> examples_;
  SamplerOptions options_;
  std::vector<std::size_t> datasets_;  ///< each example's file (sameDataset)
  std::vector<std::string> corpus_;
  mutable std::uint64_t plannedEpoch_ = UINT64_MAX;
  mutable Plan plan_;
  mutable std::map<std::uint64_t, EpochPlanSummary> summaries_;  ///< every epoch planned so far
  mutable std::size_t plansMade_ = 0;
};

}  // namespace embedlab::train
