#include "core/pretrain/text_sampler.h"

#include <fmt/format.h>

#include <numeric>
#include <random>

#include "core/common/error.h"
#include "core/common/splitmix64.h"

namespace embedlab::pretrain {

TextSampler::TextSampler(const PretrainingCorpus& corpus, std::size_t globalBatchSize,
                         std::uint64_t seed, bool dropLast)
    : corpus_(corpus), globalBatchSize_(globalBatchSize), seed_(seed), dropLast_(dropLast) {
  if (globalBatchSize_ == 0) throw UsageError("the global batch size must be at least 1");
}

std::size_t TextSampler::batchCount(std::uint64_t /*epoch*/) const {
  const std::size_t texts = corpus_.size();
  const std::size_t full = texts / globalBatchSize_;
  if (dropLast_ && full == 0) {
    throw UsageError(
        fmt::format("--dataloader_drop_last leaves no batch: {} texts, {} per global batch", texts,
                    globalBatchSize_));
  }
  return dropLast_ ? full : (texts + globalBatchSize_ - 1) / globalBatchSize_;
}

const std::vector<std::uint64_t>& TextSampler::order(std::uint64_t epoch) const {
  if (orderedEpoch_ == epoch) return order_;
  order_.resize(corpus_.size());
  std::iota(order_.begin(), order_.end(), std::uint64_t{0});
  // Fisher-Yates with a generator of (seed, epoch); the modulo's bias is below 2^-40 for any
  // corpus that fits in memory.
  std::mt19937_64 random(splitmix64(seed_ ^ splitmix64(epoch + 0x7072657472616eULL)));
  for (std::size_t i = order_.size(); i > 1; --i)
    std::swap(order_[i - 1], order_[random() % i]);
  orderedEpoch_ = epoch;
  return order_;
}

std::vector<train::TrainingGroup> TextSampler::batch(std::uint64_t epoch, std::size_t batch) const {
  const std::vector<std::uint64_t>& texts = order(epoch);
  std::vector<train::TrainingGroup> groups(globalBatchSize_);
  for (std::size_t i = 0; i < globalBatchSize_; ++i) {
    const std::uint64_t index = texts[(batch * globalBatchSize_ + i) % texts.size()];
    groups[i].example = index;
    groups[i].query = corpus_.text(index);
  }
  return groups;
}

train::EpochPlanSummary TextSampler::summary(std::uint64_t epoch) const {
  train::EpochPlanSummary summary;
  summary.unit = "texts";
  summary.batches = batchCount(epoch);
  summary.queries = corpus_.size();
  const std::size_t places = summary.batches * globalBatchSize_;
  summary.queriesTrained = std::min(places, summary.queries);
  summary.dropped = summary.queries - summary.queriesTrained;
  summary.repeats = places > summary.queries ? places - summary.queries : 0;
  return summary;
}

}  // namespace embedlab::pretrain
