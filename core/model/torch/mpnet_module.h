// MPNet (the encoder of all-mpnet-base-v2 and the other MPNet sentence-transformers) as a
// LibTorch module computing what transformers' MPNetModel computes, with its parameter names:
// BERT's embeddings without token types (positions numbered from padding id 1 + 1, as RoBERTa),
// BERT's post-norm layers with q/k/v/o projections, and one relative position bias
// (T5-style buckets of key - query distance, 32 buckets up to distance 128) computed once per
// forward pass and added to every layer's attention scores.
// INTERNAL to core (exposes LibTorch types).
#pragma once

#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>

#include "core/model/torch/bert_module.h"
#include "core/model/torch/dropout.h"
#include "core/model/torch/encoder_module.h"

namespace embedlab::model {

class MpnetModelImpl : public EncoderModuleImpl {
 public:
  MpnetModelImpl(const EncoderConfig& config, bool withPooler);
  torch::Tensor forward(const torch::Tensor& inputIds, const torch::Tensor& attentionMask,
                        const torch::Tensor& tokenTypeIds = {},
                        bool firstTokenOnly = false) override;
  /// As transformers initialises MPNet (BERT's scheme).
  void initialize(std::uint64_t seed) override;

  /// The relative position bias [1, heads, length, length] for a sequence length.
  torch::Tensor positionBias(std::int64_t length, const torch::Device& device);

  BertEmbeddings embeddings{nullptr};
  torch::nn::ModuleList layers{nullptr};
  torch::nn::Embedding relativeAttentionBias{nullptr};
};

/// MPNet's bucket of each relative position (key - query) as transformers computes it, in
/// float32 where it takes logarithms (the rounding decides buckets at their edges).
torch::Tensor relativePositionBucket(const torch::Tensor& relativePosition,
                                     std::int64_t buckets = 32, std::int64_t maxDistance = 128);

}  // namespace embedlab::model
