// Range tuning before mining everything: a reproducible sample of a training file's queries,
// searched once against every candidate (the file's own passages or a pool) a little deeper than
// any range the user will try. Choosing negatives from it again (selectNegatives) costs
// milliseconds, so the GUI re-selects on every change of the range or the margins and never
// encodes again.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/mine/candidate_search.h"

namespace embedlab::mine {

struct PreviewOptions {
  std::size_t sampleSize = 50;
  std::uint64_t seed = 42;
  std::size_t depth = 300;        ///< hits kept per query: the largest range end the preview allows
  CandidateSearchOptions search;  ///< encoding settings; its depth is replaced by `depth`
};

struct MiningPreview {
  std::vector<TrainingExample> sample;  ///< the sampled queries, in file order
  std::size_t examplesInFile = 0;
  CandidateSearch search;
};

/// Reads `trainingFile` (and `pool` when not empty), samples `sampleSize` examples with `seed`
/// (all of them when the file has fewer), and searches them. Errors as readTrainingData and
/// searchCandidates.
MiningPreview buildMiningPreview(const model::EmbeddingModel& model,
                                 const std::filesystem::path& trainingFile,
                                 const std::filesystem::path& pool, const PreviewOptions& options);

}  // namespace embedlab::mine
