#include "core/model/torch/mpnet_module.h"

#include <torch/torch.h>

#include <cmath>

namespace embedlab::model {

namespace {

torch::nn::LayerNorm layerNorm(std::int64_t size, double eps) {
  return torch::nn::LayerNorm(torch::nn::LayerNormOptions({size}).eps(eps));
}

}  // namespace

MpnetLayerImpl::MpnetLayerImpl(const EncoderConfig& config)
    : heads_(config.numAttentionHeads), activation_(config.hiddenAct) {
  const std::int64_t hidden = config.hiddenSize;
  auto attention = groupModule(*this, "attention");
  auto attn = groupModule(*attention, "attn");
  q_ = attn->register_module("q", torch::nn::Linear(hidden, hidden));
  k_ = attn->register_module("k", torch::nn::Linear(hidden, hidden));
  v_ = attn->register_module("v", torch::nn::Linear(hidden, hidden));
  o_ = attn->register_module("o", torch::nn::Linear(hidden, hidden));
  attentionLayerNorm_ =
      attention->register_module("LayerNorm", layerNorm(hidden, config.layerNormEps));
  auto intermediate = groupModule(*this, "intermediate");
  intermediateDense_ =
      intermediate->register_module("dense", torch::nn::Linear(hidden, config.intermediateSize));
  auto output = groupModule(*this, "output");
  outputDense_ =
      output->register_module("dense", torch::nn::Linear(config.intermediateSize, hidden));
  outputLayerNorm_ = output->register_module("LayerNorm", layerNorm(hidden, config.layerNormEps));
  attentionDropout_ =
      register_module("attention_dropout", torch::nn::Dropout(config.attentionProbsDropoutProb));
  hiddenDropout_ = register_module("hidden_dropout", torch::nn::Dropout(config.hiddenDropoutProb));
}

torch::Tensor MpnetLayerImpl::forward(const torch::Tensor& hidden, const LayerInputs& inputs) {
  const torch::Tensor context =
      multiHeadAttention(q_(hidden), k_(hidden), v_(hidden), heads_, inputs, attentionDropout_);
  const torch::Tensor attended = attentionLayerNorm_(hiddenDropout_(o_(context)) + hidden);
  const torch::Tensor expanded = activate(activation_, intermediateDense_(attended));
  return outputLayerNorm_(hiddenDropout_(outputDense_(expanded)) + attended);
}

MpnetModelImpl::MpnetModelImpl(const EncoderConfig& config, bool withPooler)
    : EncoderModuleImpl(config) {
  embeddings = register_module("embeddings", BertEmbeddings(config));
  auto encoder = groupModule(*this, "encoder");
  layers = encoder->register_module("layer", torch::nn::ModuleList());
  for (std::int64_t i = 0; i < config.numHiddenLayers; ++i)
    layers->push_back(MpnetLayer(config));
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
                                      const torch::Tensor& /*tokenTypeIds*/) {
  torch::Tensor hidden = embeddings(inputIds, torch::Tensor());
  LayerInputs inputs;
  inputs.mask = additivePaddingMask(attentionMask, hidden.scalar_type());
  inputs.scoreBias = positionBias(inputIds.size(1), inputIds.device());
  for (const auto& layer : *layers)
    hidden = runLayer(*layer->as<MpnetLayer>(), hidden, inputs);
  return hidden;
}

void MpnetModelImpl::initialize(std::uint64_t seed) {
  initializeBertStyle(*this, config_.initializerRange, seed);
  torch::NoGradGuard noGrad;
  // MPNet's embeddings are created with padding_idx 1: that row starts at zero.
  embeddings->wordEmbeddings->weight[config_.positionPaddingId()].zero_();
  embeddings->positionEmbeddings->weight[config_.positionPaddingId()].zero_();
}

}  // namespace embedlab::model
