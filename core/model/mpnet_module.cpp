#include "core/model/torch/mpnet_module.h"

#include <torch/torch.h>

#include <cmath>

namespace embedlab::model {

MpnetModelImpl::MpnetModelImpl(const EncoderConfig& config, bool withPooler)
    : EncoderModuleImpl(config) {
  embeddings = register_module("embeddings", BertEmbeddings(config));
  auto encoder = groupModule(*this, "encoder");
  layers = encoder->register_module("layer", torch::nn::ModuleList());
  for (std::int64_t i = 0; i < config.numHiddenLayers; ++i)
    layers->push_back(BertLayer(config));  // MPNet's names, BERT's arithmetic
  relativeAttentionBias = encoder->register_module(
      "relative_attention_bias",
      torch::nn::Embedding(config.relativeAttentionNumBuckets, config.numAttentionHeads));
  if (withPooler) addPooler();
}

torch::Tensor relativePositionBucket(const torch::Tensor& relativePosition, std::int64_t buckets,
                                     std::int64_t maxDistance) {
  // Half the buckets for keys before the query, half for keys after; within each, exact
  // distances up to a quarter of the buckets, then logarithmically spaced up to maxDistance.
  const std::int64_t half = buckets / 2;
  const std::int64_t exact = half / 2;
  torch::Tensor n = -relativePosition;
  torch::Tensor bucket = n.lt(0).to(torch::kLong) * half;
  n = n.abs();
  const torch::Tensor logarithmic =
      (torch::log(n.to(torch::kFloat) / static_cast<double>(exact)) /
       std::log(static_cast<double>(maxDistance) / static_cast<double>(exact)) *
       static_cast<double>(half - exact))
          .to(torch::kLong) +
      exact;
  return bucket + torch::where(n.lt(exact), n, logarithmic.clamp_max(half - 1));
}

torch::Tensor MpnetModelImpl::positionBias(std::int64_t length, const torch::Device& device) {
  const torch::Tensor positions = torch::arange(length, torch::kLong);
  const torch::Tensor relative = positions.unsqueeze(0) - positions.unsqueeze(1);  // key - query
  const torch::Tensor buckets = relativePositionBucket(relative).to(device);
  // [length, length, heads] -> [1, heads, length, length]
  return relativeAttentionBias(buckets).permute({2, 0, 1}).unsqueeze(0);
}

torch::Tensor MpnetModelImpl::forward(const torch::Tensor& inputIds,
                                      const torch::Tensor& attentionMask,
                                      const torch::Tensor& /*tokenTypeIds*/, bool firstTokenOnly) {
  const torch::Tensor hidden = embeddings(inputIds, torch::Tensor());
  LayerInputs inputs;
  inputs.mask = additivePaddingMask(attentionMask, hidden.scalar_type());
  inputs.scoreBias = positionBias(inputIds.size(1), inputIds.device());
  return runLayers(layers, hidden, inputs, firstTokenOnly);
}

void MpnetModelImpl::initialize(std::uint64_t seed) {
  initializeBertStyle(*this, config_.initializerRange, seed);
  torch::NoGradGuard noGrad;
  // MPNet's embeddings are created with padding_idx 1: that row starts at zero.
  embeddings->wordEmbeddings->weight[config_.positionPaddingId()].zero_();
  embeddings->positionEmbeddings->weight[config_.positionPaddingId()].zero_();
}

}  // namespace embedlab::model
