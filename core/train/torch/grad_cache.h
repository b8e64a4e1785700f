// The gradient cache (Gao et al., "Scaling Deep Contrastive Learning Batch Size under Memory
// Limited Setup"): embed the whole batch in chunks without autograd graphs, compute the loss and
// its gradient with respect to the embeddings, then re-run each chunk with its graph and
// back-propagate that chunk's slice of the gradient. The random state before each chunk is kept
// and restored for the re-run, so dropout draws the same masks: the parameter gradients equal
// those of one full-batch backward pass, and only one chunk's activations are alive at a time.
// INTERNAL to core (LibTorch types).
#pragma once

#include <torch/types.h>

#include <vector>

#include "core/model/torch/embedding_model_impl.h"
#include "core/model/torch/rng_state.h"

namespace embedlab::train {

struct Precision {
  bool fp16 = false;
  bool bf16 = false;
};

struct CachedEmbeddings {
  torch::Tensor embeddings;          ///< [rows, hidden] float32, a leaf that requires grad
  std::vector<model::RngState> rng;  ///< the random state before each chunk
};

/// First pass: embeddings of `batch` in chunks of `chunkSize` rows, without graphs.
CachedEmbeddings embedWithoutGraph(const model::EmbeddingModel::Impl& model,
                                   const model::BatchTensors& batch, std::int64_t chunkSize,
                                   const Precision& precision);

/// Second pass: each chunk again with its graph, back-propagating `cached.embeddings.grad()`.
void backwardThroughChunks(const model::EmbeddingModel::Impl& model,
                           const model::BatchTensors& batch, const CachedEmbeddings& cached,
                           std::int64_t chunkSize, const Precision& precision);

}  // namespace embedlab::train
