#include "core/model/torch/modernbert_module.h"

#include <torch/torch.h>

#include <cmath>

namespace embedlab::model {

namespace {

Linear linear(std::int64_t in, std::int64_t out, bool bias) {
  return Linear(in, out, bias);
}

// x * cos + rotate_half(x) * sin on [batch, length, heads, head size], where rotate_half
// swaps the halves of the last dimension and negates the new first half.
torch::Tensor rotate(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin) {
  const std::int64_t half = x.size(-1) / 2;
  const torch::Tensor rotated = torch::cat({-x.slice(-1, half), x.slice(-1, 0, half)}, -1);
  return x * cos + rotated * sin;
}

// Truncated normal(0, std) on [-cutoff std, cutoff std]: values outside are drawn again.
void truncatedNormal(torch::Tensor& tensor, double std, double cutoff) {
  tensor.normal_(0.0, std);
  for (int round = 0; round < 100; ++round) {
    const torch::Tensor outside = tensor.abs().gt(cutoff * std);
    if (!outside.any().item<bool>()) return;
    tensor.masked_scatter_(outside, torch::randn_like(tensor).mul_(std).masked_select(outside));
  }
  tensor.clamp_(-cutoff * std, cutoff * std);
}

}  // namespace

ModernBertLayerImpl::ModernBertLayerImpl(const EncoderConfig& config, std::int64_t index)
    : heads_(config.numAttentionHeads), activation_(config.hiddenAct) {
  const std::int64_t hidden = config.hiddenSize;
  if (index > 0) {
    attentionNorm_ =
        register_module("attn_norm", Norm(hidden, config.layerNormEps, config.normBias));
  }
  auto attn = groupModule(*this, "attn");
  wqkv_ = attn->register_module("Wqkv", linear(hidden, 3 * hidden, config.attentionBias));
  attentionOut_ = attn->register_module("Wo", linear(hidden, hidden, config.attentionBias));
  mlpNorm_ = register_module("mlp_norm", Norm(hidden, config.layerNormEps, config.normBias));
  auto mlp = groupModule(*this, "mlp");
  wi_ = mlp->register_module("Wi", linear(hidden, 2 * config.intermediateSize, config.mlpBias));
  mlpOut_ = mlp->register_module("Wo", linear(config.intermediateSize, hidden, config.mlpBias));
  attentionDropout_ =
      register_module("attention_dropout", Dropout(config.attentionProbsDropoutProb));
  outputDropout_ = register_module("output_dropout", Dropout(config.attentionProbsDropoutProb));
  mlpDropout_ = register_module("mlp_dropout", Dropout(config.hiddenDropoutProb));
}

torch::Tensor ModernBertLayerImpl::forward(const torch::Tensor& hidden, const LayerInputs& inputs) {
  const torch::Tensor normed = attentionNorm_ ? attentionNorm_(hidden) : hidden;
  const std::int64_t batch = hidden.size(0);
  const std::int64_t length = hidden.size(1);
  const std::int64_t size = hidden.size(2);
  // [batch, length, 3, heads, head size]: q, k, v of each head, side by side in Wqkv's rows.
  const torch::Tensor qkv = wqkv_(normed).view({batch, length, 3, heads_, size / heads_});
  const torch::Tensor q =
      rotate(qkv.select(2, 0), inputs.cos, inputs.sin).reshape({batch, length, size});
  const torch::Tensor k =
      rotate(qkv.select(2, 1), inputs.cos, inputs.sin).reshape({batch, length, size});
  const torch::Tensor v = qkv.select(2, 2).reshape({batch, length, size});
  const torch::Tensor context = multiHeadAttention(q, k, v, heads_, inputs, attentionDropout_);
  const torch::Tensor attended = hidden + outputDropout_(attentionOut_(context));
  const auto parts = wi_(mlpNorm_(attended)).chunk(2, -1);  // GeGLU: act(input) * gate
  return attended + mlpOut_(mlpDropout_(activate(activation_, parts[0]) * parts[1]));
}

ModernBertModelImpl::ModernBertModelImpl(const EncoderConfig& config) : EncoderModuleImpl(config) {
  auto embeddings = groupModule(*this, "embeddings");
  tokenEmbeddings = embeddings->register_module(
      "tok_embeddings", torch::nn::Embedding(config.vocabSize, config.hiddenSize));
  embeddingNorm = embeddings->register_module(
      "norm", Norm(config.hiddenSize, config.layerNormEps, config.normBias));
  embeddingDropout = embeddings->register_module("drop", Dropout(config.embeddingDropout));
  layers = register_module("layers", torch::nn::ModuleList());
  for (std::int64_t i = 0; i < config.numHiddenLayers; ++i)
    layers->push_back(ModernBertLayer(config, i));
  finalNorm =
      register_module("final_norm", Norm(config.hiddenSize, config.layerNormEps, config.normBias));
}

std::pair<torch::Tensor, torch::Tensor> rotaryCosSin(std::int64_t length, std::int64_t headSize,
                                                     double theta, const torch::Device& device,
                                                     torch::ScalarType dtype) {
  const auto floats = torch::TensorOptions().dtype(torch::kFloat).device(device);
  const torch::Tensor exponents =
      torch::arange(0, headSize, 2, torch::TensorOptions().dtype(torch::kLong).device(device))
          .to(torch::kFloat) /
      static_cast<double>(headSize);
  const torch::Tensor inverseFrequencies = 1.0 / torch::pow(theta, exponents);
  const torch::Tensor frequencies =
      torch::arange(length, floats).unsqueeze(1) * inverseFrequencies.unsqueeze(0);
  const torch::Tensor angles = torch::cat({frequencies, frequencies}, -1).view({1, length, 1, -1});
  return {angles.cos().to(dtype), angles.sin().to(dtype)};
}

torch::Tensor ModernBertModelImpl::forward(const torch::Tensor& inputIds,
                                           const torch::Tensor& attentionMask,
                                           const torch::Tensor& /*tokenTypeIds*/,
                                           bool firstTokenOnly) {
  torch::Tensor hidden = embeddingDropout(embeddingNorm(tokenEmbeddings(inputIds)));
  const std::int64_t length = inputIds.size(1);
  const std::int64_t headSize = config_.hiddenSize / config_.numAttentionHeads;
  const torch::ScalarType dtype = hidden.scalar_type();
  LayerInputs global;
  global.mask = additivePaddingMask(attentionMask, dtype);
  std::tie(global.cos, global.sin) =
      rotaryCosSin(length, headSize, config_.globalRopeTheta, inputIds.device(), dtype);
  LayerInputs local;
  local.mask = global.mask;
  const std::int64_t reach = config_.localAttention / 2;
  if (length > reach + 1) {
    // Keys further than local_attention/2 from the query are masked in local layers.
    const torch::Tensor positions = torch::arange(length, inputIds.options());
    const torch::Tensor outside = (positions.unsqueeze(0) - positions.unsqueeze(1))
                                      .abs()
                                      .gt(reach)
                                      .view({1, 1, length, length});
    const torch::Tensor base = global.mask.defined()
                                   ? global.mask.expand({-1, 1, length, length})
                                   : torch::zeros({1, 1, length, length}, hidden.options());
    local.mask = base.masked_fill(outside, lowestValue(dtype));
  }
  std::tie(local.cos, local.sin) =
      rotaryCosSin(length, headSize, config_.localRopeTheta, inputIds.device(), dtype);
  for (std::size_t i = 0; i < layers->size(); ++i) {
    hidden = runLayer(*layers[i]->as<ModernBertLayer>(), hidden,
                      config_.localLayers.at(i) ? local : global);
  }
  // Its last layer computes every token (no forwardFirstToken of its own); the norm is per token.
  return finalNorm(firstTokenOnly ? hidden.narrow(1, 0, 1) : hidden);
}

void ModernBertModelImpl::initialize(std::uint64_t seed) {
  torch::NoGradGuard noGrad;
  torch::manual_seed(seed);
  const double in = config_.initializerRange;
  const double out = in / std::sqrt(2.0 * static_cast<double>(config_.numHiddenLayers));
  const double cutoff = config_.initializerCutoffFactor;
  for (auto& item : named_parameters()) {
    const std::string& name = item.key();
    torch::Tensor& parameter = item.value();
    const bool isBias = name.size() > 5 && name.compare(name.size() - 5, 5, ".bias") == 0;
    if (name.find("norm") != std::string::npos) {
      parameter.fill_(isBias ? 0.0 : 1.0);
    } else if (isBias) {
      parameter.zero_();
    } else {
      const bool output = name.find(".Wo.") != std::string::npos;
      truncatedNormal(parameter, output ? out : in, cutoff);
    }
  }
}

}  // namespace embedlab::model
