// The loss of a reranker batch (INTERNAL to core: LibTorch types): logits [B, G], each row a
// query's group [positive, G-1 negatives]; cross-entropy towards column 0, averaged over the
// queries. With teacher scores (pos_scores/neg_scores), the KL divergence from the softmax of
// the teacher's scores to the softmax of the logits is added, weighted, over the rows that have
// them.
#pragma once

#include <torch/types.h>

#include "core/train/similarity_statistics.h"

namespace embedlab::train {

struct RerankerLossInputs {
  torch::Tensor logits;         ///< [B, G]
  torch::Tensor teacherScores;  ///< [B, G] or undefined
  torch::Tensor teacherMask;    ///< [B] bool: which rows have teacher scores
  double distillationWeight = 1.0;
};

struct RerankerLossOutput {
  torch::Tensor loss;          ///< mean over the queries
  torch::Tensor crossEntropy;  ///< detached
  torch::Tensor distillation;  ///< detached; 0 without teacher scores
};

RerankerLossOutput rerankerLoss(const RerankerLossInputs& inputs);

/// Adds sigmoid(logit) of the positives (column 0) and of the hard negatives to `statistics`:
/// the live histograms show how the reranker separates them.
void collectRerankerScores(const torch::Tensor& logits, SimilarityStatistics& statistics);

}  // namespace embedlab::train
