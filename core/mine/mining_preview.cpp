#include "core/mine/mining_preview.h"

#include <algorithm>
#include <random>

#include "core/common/error.h"
#include "core/data/training_data.h"

namespace embedlab::mine {

MiningPreview buildMiningPreview(const model::EmbeddingModel& model,
                                 const std::filesystem::path& trainingFile,
                                 const std::filesystem::path& pool, const PreviewOptions& options) {
  std::vector<TrainingExample> examples =
      readTrainingData(trainingFile, nullptr, nullptr, options.search.cancel);
  if (examples.empty()) throw InputError(trainingFile.string(), "holds no training examples");
  std::vector<std::string> poolTexts;
  if (!pool.empty()) {
    poolTexts = readCandidatePool(pool, nullptr, nullptr, options.search.cancel);
    if (poolTexts.empty()) throw InputError(pool.string(), "holds no candidate texts");
  }
  // The candidates come from the whole file, as `mine` will use them, not from the sample.
  std::vector<std::string> candidates =
      candidateTexts(examples, pool.empty() ? nullptr : &poolTexts);

  MiningPreview preview;
  preview.examplesInFile = examples.size();
  std::vector<std::size_t> picked(examples.size());
  for (std::size_t i = 0; i < picked.size(); ++i)
    picked[i] = i;
  if (options.sampleSize < examples.size()) {
    std::mt19937_64 random(options.seed);
    std::vector<std::size_t> sample;
    std::sample(picked.begin(), picked.end(), std::back_inserter(sample), options.sampleSize,
                random);
    picked = std::move(sample);  // std::sample keeps file order
  }
  for (const std::size_t i : picked)
    preview.sample.push_back(std::move(examples[i]));

  CandidateSearchOptions search = options.search;
  search.depth = std::min(options.depth, candidates.size());
  preview.search = searchCandidates(model, preview.sample, std::move(candidates), search);
  return preview;
}

}  // namespace embedlab::mine
