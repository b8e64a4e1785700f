#include "core/train/group_sampler.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <numeric>
#include <random>
#include <unordered_set>

#include "core/common/error.h"

namespace embedlab::train {

namespace {

// A generator for (seed, a, b): independent streams for every epoch and example.
std::mt19937_64 generator(std::uint64_t seed, std::uint64_t a, std::uint64_t b) {
  const std::uint64_t words[3] = {seed, a, b};
  return std::mt19937_64(XXH3_64bits(words, sizeof words));
}

std::size_t uniform(std::mt19937_64& random, std::size_t n) {
  return static_cast<std::size_t>(random() % n);  // n is small; the bias is negligible
}

}  // namespace

GroupSampler::GroupSampler(std::vector<TrainingExample> examples, SamplerOptions options)
    : examples_(std::move(examples)), options_(options) {
  if (examples_.empty()) throw UsageError("the training data holds no examples");
  options_.globalBatchSize = std::max<std::size_t>(1, options_.globalBatchSize);
  // The corpus for queries without negatives: every distinct passage of the training files.
  std::unordered_set<std::string_view> seen;
  bool needsCorpus = false;
  for (const TrainingExample& example : examples_) {
    needsCorpus = needsCorpus || example.negatives.empty();
    for (const auto* list : {&example.positives, &example.negatives}) {
      for (const std::string& text : *list) {
        if (seen.insert(text).second) corpus_.push_back(text);
      }
    }
  }
  const auto needed = static_cast<std::size_t>(options_.groupSize - 1);
  if (needsCorpus && needed > 0) {
    for (const TrainingExample& example : examples_) {
      if (!example.negatives.empty()) continue;
      if (corpus_.size() < example.positives.size() + needed) {
        throw UsageError(fmt::format(
            "--train_group_size {} needs {} negatives per query; line {} has none and the corpus "
            "of all passages in the training files offers only {} other texts",
            options_.groupSize, needed, example.line, corpus_.size() - example.positives.size()));
      }
    }
  }
}

GroupSampler::Planned GroupSampler::sample(std::uint64_t epoch, std::size_t index) const {
  const TrainingExample& example = examples_[index];
  auto random = generator(options_.seed, epoch, index);
  Planned planned;
  planned.example = index;
  planned.positive = uniform(random, example.positives.size());
  const auto needed = static_cast<std::size_t>(options_.groupSize - 1);
  if (needed == 0) return planned;
  if (!example.negatives.empty()) {
    // Without replacement; tiled first when there are too few (as the reference does).
    std::vector<std::int64_t> pool;
    const std::size_t copies = (needed + example.negatives.size() - 1) / example.negatives.size();
    for (std::size_t c = 0; c < copies; ++c) {
      for (std::size_t k = 0; k < example.negatives.size(); ++k)
        pool.push_back(static_cast<std::int64_t>(k));
    }
    for (std::size_t i = 0; i < needed; ++i) {
      std::swap(pool[i], pool[i + uniform(random, pool.size() - i)]);
      planned.negatives.push_back(pool[i]);
    }
    return planned;
  }
  // From the corpus: distinct texts that are not this query's positives.
  std::unordered_set<std::size_t> taken;
  while (planned.negatives.size() < needed) {
    const std::size_t k = uniform(random, corpus_.size());
    const std::string& text = corpus_[k];
    if (taken.count(k) != 0 || std::find(example.positives.begin(), example.positives.end(),
                                         text) != example.positives.end()) {
      continue;
    }
    taken.insert(k);
    planned.negatives.push_back(-1 - static_cast<std::int64_t>(k));
  }
  return planned;
}

const GroupSampler::Plan& GroupSampler::plan(std::uint64_t epoch) const {
  if (plannedEpoch_ == epoch) return plan_;
  std::vector<std::size_t> order(examples_.size());
  std::iota(order.begin(), order.end(), 0);
  auto random = generator(options_.seed, epoch, UINT64_MAX);
  std::shuffle(order.begin(), order.end(), random);

  std::vector<Planned> groups;
  groups.reserve(order.size());
  for (const std::size_t index : order)
    groups.push_back(sample(epoch, index));

  Plan plan;
  const std::size_t size = options_.globalBatchSize;
  if (!options_.deduplicate) {
    for (std::size_t start = 0; start < groups.size(); start += size) {
      plan.emplace_back(
          groups.begin() + static_cast<std::ptrdiff_t>(start),
          groups.begin() + static_cast<std::ptrdiff_t>(std::min(groups.size(), start + size)));
    }
  } else {
    // A group joins the current batch only if none of its texts is already in it (a passage of
    // one query equal to another's positive would be a false negative); others wait.
    std::vector<Planned> waiting(groups.begin(), groups.end());
    while (!waiting.empty()) {
      std::vector<Planned> batch;
      std::unordered_set<std::string> texts;
      std::vector<Planned> later;
      for (Planned& group : waiting) {
        const TrainingGroup resolved = resolve(group);
        const bool clash =
            batch.size() >= size ||
            std::any_of(resolved.passages.begin(), resolved.passages.end(),
                        [&](const std::string& text) { return texts.count(text) != 0; });
        if (clash) {
          later.push_back(std::move(group));
          continue;
        }
        texts.insert(resolved.passages.begin(), resolved.passages.end());
        batch.push_back(std::move(group));
      }
      if (batch.empty()) {  // cannot happen: an empty batch admits the first group
        break;
      }
      plan.push_back(std::move(batch));
      waiting = std::move(later);
    }
  }
  if (!plan.empty() && plan.back().size() < size) {
    if (options_.dropLast) {
      plan.pop_back();
      if (plan.empty()) {
        throw UsageError(
            fmt::format("--dataloader_drop_last with {} training queries and a global "
                        "batch of {} leaves no batch",
                        examples_.size(), size));
      }
    } else {
      // Fill the last batch from the epoch's start, so every worker gets a full slice.
      std::size_t next = 0;
      while (plan.back().size() < size)
        plan.back().push_back(groups[next++ % groups.size()]);
    }
  }
  plannedEpoch_ = epoch;
  plan_ = std::move(plan);
  return plan_;
}

std::size_t GroupSampler::batchesPerEpoch() const {
  return plan(0).size();
}

TrainingGroup GroupSampler::resolve(const Planned& planned) const {
  const TrainingExample& example = examples_[planned.example];
  TrainingGroup group;
  group.example = planned.example;
  group.query = example.query;
  group.prompt = example.prompt;
  group.passages.push_back(example.positives[planned.positive]);
  // Teacher scores are used only when every passage of the group has one.
  bool scored = !example.positiveScores.empty() &&
                (planned.negatives.empty() || !example.negativeScores.empty());
  if (scored) group.teacherScores.push_back(example.positiveScores[planned.positive]);
  for (const std::int64_t negative : planned.negatives) {
    if (negative >= 0) {
      group.passages.push_back(example.negatives[static_cast<std::size_t>(negative)]);
      if (scored)
        group.teacherScores.push_back(example.negativeScores[static_cast<std::size_t>(negative)]);
    } else {
      group.passages.push_back(corpus_[static_cast<std::size_t>(-1 - negative)]);
      scored = false;
    }
  }
  if (!scored) group.teacherScores.clear();
  return group;
}

std::vector<TrainingGroup> GroupSampler::batch(std::uint64_t epoch, std::size_t index) const {
  const Plan& batches = plan(epoch);
  if (index >= batches.size()) {
    throw Error(fmt::format("batch {} of epoch {} does not exist ({} batches)", index, epoch,
                            batches.size()));
  }
  std::vector<TrainingGroup> groups;
  for (const Planned& planned : batches[index])
    groups.push_back(resolve(planned));
  return groups;
}

}  // namespace embedlab::train
