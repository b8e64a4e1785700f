// Pre-training's batches: the corpus's texts in an order shuffled afresh for every epoch (seeded
// by seed and epoch, so every worker and every resumed run computes the same order), cut into
// global batches of `globalBatchSize` texts; every text once per epoch. The last batch of an epoch
// is filled with the epoch's first texts (trained a second time), or dropped with `dropLast`.
// Texts are read from their files when their batch is asked for. Torch-free.
#pragma once

#include <cstdint>
#include <vector>

#include "core/pretrain/pretraining_corpus.h"
#include "core/train/batch_source.h"

namespace embedlab::pretrain {

class TextSampler : public train::BatchSource {
 public:
  /// `corpus` must outlive the sampler.
  TextSampler(const PretrainingCorpus& corpus, std::size_t globalBatchSize, std::uint64_t seed,
              bool dropLast);

  std::size_t batchCount(std::uint64_t epoch) const override;
  /// Each group holds one text in `query` and `example` = its corpus index.
  std::vector<train::TrainingGroup> batch(std::uint64_t epoch, std::size_t batch) const override;
  train::EpochPlanSummary summary(std::uint64_t epoch) const override;
  /// Corpus indices of `epoch`'s order (the permutation batches are cut from).
  const std::vector<std::uint64_t>& order(std::uint64_t epoch) const;

 private:
  const PretrainingCorpus& corpus_;
  std::size_t globalBatchSize_;
  std::uint64_t seed_;
  bool dropLast_;
  mutable std::uint64_t orderedEpoch_ = UINT64_MAX;
  mutable std::vector<std::uint64_t> order_;
};

}  // namespace embedlab::pretrain
