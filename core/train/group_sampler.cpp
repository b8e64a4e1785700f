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

GroupSampler::GroupSampler(std::vector<TrainingExample> examples, SamplerOptions options,
                           std::vector<std::size_t> datasets)
    : examples_(std::move(examples)), options_(options), datasets_(std::move(datasets)) {
  if (examples_.empty()) throw UsageError("the training data holds no examples");
  if (options_.sameDataset && datasets_.size() != examples_.size()) {
    throw Error(fmt::format("GroupSampler: {} dataset indices for {} examples", datasets_.size(),
                            examples_.size()));
  }
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

namespace {

// How many waiting groups deduplication looks at to fill one batch: enough to get past the
// clashes of real data, few enough that planning stays linear in the data.
std::size_t lookahead(std::size_t batchSize) {
  return std::max<std::size_t>(1024, 16 * batchSize);
}

bool clashes(const std::vector<std::uint64_t>& texts,
             const std::unordered_set<std::uint64_t>& inBatch) {
  return std::any_of(texts.begin(), texts.end(),
                     [&](std::uint64_t text) { return inBatch.count(text) != 0; });
}

}  // namespace

std::string EpochPlanSummary::describe(std::uint64_t epoch) const {
  std::string text = fmt::format("epoch {}: {} batches; ", epoch + 1, batches);
  if (queriesTrained == queries) {
    text += fmt::format("all {} {} trained once", queries, unit);
  } else {
    text += fmt::format("{} of {} {} trained, {} left out by --dataloader_drop_last",
                        queriesTrained, queries, unit, dropped);
  }
  if (repeats > 0) text += fmt::format(", {} trained again to fill short batches", repeats);
  if (clashingFills > 0) {
    text += fmt::format(
        " ({} of them share a text with their batch: too many queries share a passage for "
        "--dedup_batches to keep every batch free of repeats)",
        clashingFills);
  }
  return text;
}

const std::string& GroupSampler::passage(const Planned& planned, std::size_t index) const {
  const TrainingExample& example = examples_[planned.example];
  if (index == 0) return example.positives[planned.positive];
  const std::int64_t negative = planned.negatives[index - 1];
  return negative >= 0 ? example.negatives[static_cast<std::size_t>(negative)]
                       : corpus_[static_cast<std::size_t>(-1 - negative)];
}

std::vector<std::vector<std::size_t>> GroupSampler::deduplicatedBatches(
    const std::vector<std::size_t>& members,
    const std::vector<std::vector<std::uint64_t>>& texts) const {
  // A group joins the batch being built only if none of its texts is already in it (a passage
  // of one query equal to another's positive would be a false negative); a group that clashes
  // waits for a later batch. Texts are compared by 64-bit hash: a collision only delays a group.
  const std::size_t size = options_.globalBatchSize;
  std::vector<bool> taken(members.size(), false);
  std::vector<std::vector<std::size_t>> batches;
  std::size_t first = 0;  // the first member not in a batch yet
  while (first < members.size()) {
    std::vector<std::size_t> batch;
    std::unordered_set<std::uint64_t> inBatch;
    std::size_t looked = 0;
    for (std::size_t m = first;
         m < members.size() && batch.size() < size && looked < lookahead(size); ++m) {
      if (taken[m]) continue;
      ++looked;
      const std::size_t i = members[m];
      if (clashes(texts[i], inBatch)) continue;
      inBatch.insert(texts[i].begin(), texts[i].end());
      batch.push_back(i);
      taken[m] = true;
    }
    batches.push_back(std::move(batch));
    while (first < members.size() && taken[first])
      ++first;
  }
  return batches;
}

std::vector<std::pair<std::size_t, std::size_t>> GroupSampler::lengths(
    const std::vector<Planned>& groups) const {
  // Bytes stand for tokens: close enough to group by, and free (no tokenizer in the sampler).
  std::vector<std::pair<std::size_t, std::size_t>> result;
  result.reserve(groups.size());
  for (const Planned& group : groups) {
    std::size_t longestPassage = 0;
    for (std::size_t k = 0; k <= group.negatives.size(); ++k)
      longestPassage = std::max(longestPassage, passage(group, k).size());
    result.emplace_back(longestPassage, examples_[group.example].query.size());
  }
  return result;
}

GroupSampler::Plan GroupSampler::makePlan(std::uint64_t epoch) const {
  ++plansMade_;
  std::vector<std::size_t> order(examples_.size());
  std::iota(order.begin(), order.end(), 0);
  auto random = generator(options_.seed, epoch, UINT64_MAX);
  std::shuffle(order.begin(), order.end(), random);

  std::vector<Planned> groups;
  groups.reserve(order.size());
  for (const std::size_t index : order)
    groups.push_back(sample(epoch, index));

  const std::size_t size = options_.globalBatchSize;
  std::vector<std::vector<std::uint64_t>> texts;  // with deduplication: each group's text hashes
  if (options_.deduplicate) {
    texts.resize(groups.size());
    for (std::size_t i = 0; i < groups.size(); ++i) {
      for (std::size_t k = 0; k <= groups[i].negatives.size(); ++k) {
        const std::string& text = passage(groups[i], k);
        texts[i].push_back(XXH3_64bits(text.data(), text.size()));
      }
    }
  }
  // With groupByLength: each group's (longest passage, query) length.
  const std::vector<std::pair<std::size_t, std::size_t>> groupLengths =
      options_.groupByLength ? lengths(groups) : std::vector<std::pair<std::size_t, std::size_t>>{};
  // The groups cut into batches together: all of them, or each file's (in the epoch's order).
  std::vector<std::vector<std::size_t>> parts;
  if (options_.sameDataset) {
    std::map<std::size_t, std::size_t> partOf;  // file -> part, files in order
    for (std::size_t i = 0; i < groups.size(); ++i)
      partOf.emplace(datasets_[groups[i].example], 0);
    for (auto& entry : partOf) {
      entry.second = parts.size();
      parts.emplace_back();
    }
    for (std::size_t i = 0; i < groups.size(); ++i)
      parts[partOf.at(datasets_[groups[i].example])].push_back(i);
  } else {
    parts.emplace_back(groups.size());
    std::iota(parts[0].begin(), parts[0].end(), 0);
  }

  Plan plan;
  plan.summary.queries = groups.size();
  std::vector<std::vector<std::size_t>> batches;
  for (std::vector<std::size_t>& members : parts) {
    if (options_.groupByLength) {
      // Longest first within windows of 50 batches (stable: equal lengths keep the shuffle).
      const std::size_t window = 50 * size;
      for (std::size_t start = 0; start < members.size(); start += window) {
        std::stable_sort(
            members.begin() + static_cast<std::ptrdiff_t>(start),
            members.begin() + static_cast<std::ptrdiff_t>(std::min(members.size(), start + window)),
            [&](std::size_t a, std::size_t b) { return groupLengths[a] > groupLengths[b]; });
      }
    }
    std::vector<std::vector<std::size_t>> partBatches;
    if (options_.deduplicate) {
      partBatches = deduplicatedBatches(members, texts);
    } else {
      for (std::size_t start = 0; start < members.size(); start += size) {
        partBatches.emplace_back(
            members.begin() + static_cast<std::ptrdiff_t>(start),
            members.begin() + static_cast<std::ptrdiff_t>(std::min(members.size(), start + size)));
      }
    }
    std::size_t next = 0;  // fills cycle through the part from its start
    for (std::vector<std::size_t>& batch : partBatches) {
      if (batch.size() < size) {
        if (options_.dropLast) {
          plan.summary.dropped += batch.size();
          continue;
        }
        // Fill from the part's groups, so that every worker gets a full slice: with
        // deduplication, groups that share no text with the batch if there are such.
        std::unordered_set<std::uint64_t> inBatch;
        if (options_.deduplicate) {
          for (const std::size_t i : batch)
            inBatch.insert(texts[i].begin(), texts[i].end());
        }
        for (std::size_t looked = 0; batch.size() < size && options_.deduplicate &&
                                     looked < std::min(members.size(), lookahead(size));
             ++looked) {
          const std::size_t candidate = members[next++ % members.size()];
          if (std::find(batch.begin(), batch.end(), candidate) != batch.end() ||
              clashes(texts[candidate], inBatch))
            continue;
          inBatch.insert(texts[candidate].begin(), texts[candidate].end());
          batch.push_back(candidate);
          ++plan.summary.repeats;
        }
        while (batch.size() < size) {
          batch.push_back(members[next++ % members.size()]);
          ++plan.summary.repeats;
          if (options_.deduplicate) ++plan.summary.clashingFills;
        }
      }
      batches.push_back(std::move(batch));
    }
  }
  if (options_.sameDataset || options_.groupByLength) {
    auto batchOrder = generator(options_.seed, epoch, UINT64_MAX - 1);
    std::shuffle(batches.begin(), batches.end(), batchOrder);
  }
  if (options_.groupByLength && !batches.empty()) {
    // The batch with the epoch's longest group first: the first step is the most expensive.
    const auto longest = [&](const std::vector<std::size_t>& batch) {
      return *std::max_element(batch.begin(), batch.end(), [&](std::size_t a, std::size_t b) {
        return groupLengths[a] < groupLengths[b];
      });
    };
    std::size_t first = 0;
    auto firstLength = groupLengths[longest(batches[0])];
    for (std::size_t b = 1; b < batches.size(); ++b) {
      const auto length = groupLengths[longest(batches[b])];
      if (length > firstLength) {
        first = b;
        firstLength = length;
      }
    }
    std::swap(batches[0], batches[first]);
  }
  for (const std::vector<std::size_t>& batch : batches) {
    plan.batches.emplace_back();
    for (const std::size_t i : batch)
      plan.batches.back().push_back(groups[i]);
  }
  if (plan.batches.empty()) {
    throw UsageError(fmt::format(
        "--dataloader_drop_last with {} training queries and a global batch of {} leaves no "
        "batch{}",
        examples_.size(), size, options_.deduplicate ? " (after --dedup_batches)" : ""));
  }
  plan.summary.batches = plan.batches.size();
  plan.summary.queriesTrained = groups.size() - plan.summary.dropped;
  summaries_[epoch] = plan.summary;
  return plan;
}

const GroupSampler::Plan& GroupSampler::plan(std::uint64_t epoch) const {
  if (plannedEpoch_ != epoch) {
    plan_ = makePlan(epoch);
    plannedEpoch_ = epoch;
  }
  return plan_;
}

std::size_t GroupSampler::batchCount(std::uint64_t epoch) const {
  return summary(epoch).batches;
}

EpochPlanSummary GroupSampler::summary(std::uint64_t epoch) const {
  if (const auto found = summaries_.find(epoch); found != summaries_.end()) return found->second;
  if (options_.deduplicate || options_.sameDataset) {
    // Planned without replacing the cached plan: the trainer counts the batches of later epochs
    // while it trains from the current one.
    return makePlan(epoch).summary;
  }
  // Without deduplication the plan's shape is arithmetic: full batches, the last one filled
  // from the epoch's start or dropped.
  const std::size_t n = examples_.size();
  const std::size_t size = options_.globalBatchSize;
  EpochPlanSummary summary;
  summary.queries = n;
  summary.batches = options_.dropLast ? n / size : (n + size - 1) / size;
  if (summary.batches == 0) {
    throw UsageError(
        fmt::format("--dataloader_drop_last with {} training queries and a global batch of {} "
                    "leaves no batch",
                    n, size));
  }
  summary.queriesTrained = options_.dropLast ? summary.batches * size : n;
  summary.dropped = n - summary.queriesTrained;
  summary.repeats = summary.batches * size - summary.queriesTrained;
  summaries_[epoch] = summary;
  return summary;
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
  const std::vector<std::vector<Planned>>& batches = plan(epoch).batches;
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
