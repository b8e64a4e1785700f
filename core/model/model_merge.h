// Model merging (the reference workflow's "LM-Cocktail"): a weighted average of the tensors of
// several models of one architecture, e.g. a fine-tuned model and its base, to win back general
// ability that fine-tuning cost. Floating-point tensors are averaged in double precision and
// stored in the first model's dtypes (a model with weight 0 is never read, so weights (1, 0)
// reproduce the first model bit for bit); integer tensors are copied from the first model.
// Works on bi-encoders and rerankers alike: it reads checkpoints, not modules. Torch-free header.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/data/training_example.h"

namespace embedlab::model {

/// Why `models` cannot be merged: the first difference in architecture (config.json), tensor
/// names, shapes or integer dtypes, or tokenizer vocabulary, naming both models; empty when they
/// can. Throws InputError for a folder that is not a model.
std::string mergeIncompatibility(const std::vector<std::filesystem::path>& models);

/// Checks `weights` against `count` models: as many, finite, non-negative, and summing to 1
/// (within 1e-6) unless `normalize`, which divides them by their sum. Throws UsageError.
std::vector<double> checkMergeWeights(std::vector<double> weights, std::size_t count,
                                      bool normalize);

struct MergeResult {
  std::size_t averagedTensors = 0;  ///< floating-point tensors averaged
  std::size_t copiedTensors = 0;    ///< integer tensors copied from the first model
  std::uint64_t parameters = 0;     ///< elements written
};

/// Writes the weighted average of `models` into `output` (a new or empty folder): the merged
/// model.safetensors (and each sentence-transformers Dense module's, averaged alike), the first
/// model's config, tokenizer and sentence-transformers files, and
/// merge.json (the models and weights, for lineage). Written beside `output` and renamed into
/// place, so a failed merge leaves nothing. Throws InputError when the models differ
/// (mergeIncompatibility), UsageError for bad weights or a non-empty `output`.
MergeResult mergeModels(const std::vector<std::filesystem::path>& models,
                        const std::vector<double>& weights, const std::filesystem::path& output,
                        ProgressObserver* progress = nullptr);

struct ExampleLossOptions {
  std::size_t exampleCount = 10;  ///< the first N examples of the file with positives and negatives
  double temperature = 0.05;      ///< bi-encoders: similarities are divided by it (LM-Cocktail's)
  std::size_t queryMaxLength = 64;
  std::size_t passageMaxLength = 256;
  std::string queryInstruction;  ///< put before queries without a prompt of their own
};

/// How well the model in `folder` already fits the target task: the mean over the examples of
/// the cross-entropy of each positive against the example's negatives, averaged over its
/// positives. A bi-encoder's scores are the similarities of its embeddings (pooled and
/// normalised as the model itself is) over `temperature`; a reranker's are its logits of
/// (query, passage), classification head included. Where LM-Cocktail differs (CLS pooling
/// forced, the first positive only, 7 random negatives, in-batch negatives, no rerankers), this
/// scores the model as it is used and gives the same loss for the same file every time.
double exampleLoss(const std::filesystem::path& folder,
                   const std::vector<TrainingExample>& examples, const ExampleLossOptions& options);

/// LM-Cocktail's weights from such losses: softmax(-loss / 5), the best-fitting model weighing
/// most.
std::vector<double> weightsFromLosses(const std::vector<double>& losses);

}  // namespace embedlab::model
