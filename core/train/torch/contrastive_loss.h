// The contrastive loss of a batch (INTERNAL to core: LibTorch types).
//
// scores = q . p^T / temperature over every passage of the (global) batch: each query's own group
// ([positive, G-1 negatives]) and, with in-batch negatives, every other query's passages;
// cross-entropy towards the query's positive. With teacher scores (--knowledge_distillation), the
// KL divergence from the softmax of the teacher's group scores to the student's group scores is
// added (weighted), as the reference's kl_div: its soft cross-entropy minus the teacher's entropy,
// a constant, so the gradients are the same and a perfect student scores 0.
#pragma once

#include <torch/types.h>

#include "core/train/similarity_statistics.h"

namespace embedlab::train {

struct ContrastiveInputs {
  torch::Tensor queries;   ///< [Q, H]: the queries whose loss this worker computes
  torch::Tensor passages;  ///< [P, H]: every passage scored against them (P = Q_all * G)
  std::int64_t groupSize = 1;
  std::int64_t firstQuery = 0;  ///< index of queries[0] among the queries `passages` belong to
  double temperature = 0.02;
  bool inBatchNegatives = true;
  torch::Tensor teacherScores;  ///< [Q, G] or undefined
  torch::Tensor teacherMask;    ///< [Q] bool: which rows have teacher scores
  double distillationWeight = 1.0;
};

struct ContrastiveOutput {
  torch::Tensor loss;          ///< mean over the queries
  torch::Tensor contrastive;   ///< the cross-entropy part (detached)
  torch::Tensor distillation;  ///< the KL part (detached; 0 without teacher scores)
};

ContrastiveOutput contrastiveLoss(const ContrastiveInputs& inputs);

/// Adds the similarities (q.p, before temperature) of positives, hard negatives and in-batch
/// negatives to `statistics`.
void collectSimilarities(const torch::Tensor& queries, const torch::Tensor& passages,
                         std::int64_t groupSize, std::int64_t firstQuery,
                         SimilarityStatistics& statistics);

}  // namespace embedlab::train
