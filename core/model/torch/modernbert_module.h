// ModernBERT (the encoder of modernbert-embed-base, gte-modernbert-base) as a LibTorch module
// computing what transformers' ModernBertModel computes with eager attention, with its
// parameter names: token embeddings + norm; pre-norm layers (layer 0 without an attention norm)
// with a fused Wqkv projection, rotary position embeddings, attention that is global on every
// n-th layer and a sliding window of local_attention/2 tokens each side elsewhere (each kind
// with its own rotary base), and a GeGLU MLP; a final norm. Norms and projections carry biases
// only when the config says so.
// INTERNAL to core (exposes LibTorch types).
#pragma once

#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>

#include "core/model/torch/dropout.h"
#include "core/model/torch/encoder_module.h"
#include "core/model/torch/linear.h"

namespace embedlab::model {

class ModernBertLayerImpl : public EncoderLayerImpl {
 public:
  ModernBertLayerImpl(const EncoderConfig& config, std::int64_t index);
  /// Reads inputs.mask (this layer's: with the window for local layers), cos and sin.
  torch::Tensor forward(const torch::Tensor& hidden, const LayerInputs& inputs) override;

 private:
  std::int64_t heads_;
  std::string activation_;
  Norm attentionNorm_{nullptr};  ///< none in layer 0
  Linear wqkv_{nullptr}, attentionOut_{nullptr};
  Norm mlpNorm_{nullptr};
  Linear wi_{nullptr}, mlpOut_{nullptr};
  Dropout attentionDropout_{nullptr}, outputDropout_{nullptr}, mlpDropout_{nullptr};
};
TORCH_MODULE(ModernBertLayer);

class ModernBertModelImpl : public EncoderModuleImpl {
 public:
  explicit ModernBertModelImpl(const EncoderConfig& config);
  torch::Tensor forward(const torch::Tensor& inputIds, const torch::Tensor& attentionMask,
                        const torch::Tensor& tokenTypeIds = {},
                        bool firstTokenOnly = false) override;
  /// As transformers initialises ModernBERT: truncated normal (cut at initializer_cutoff_factor
  /// standard deviations) with std initializer_range for embeddings and input projections,
  /// initializer_range / sqrt(2 layers) for output projections; unit norm weights, zero biases.
  void initialize(std::uint64_t seed) override;

  torch::nn::Embedding tokenEmbeddings{nullptr};
  Norm embeddingNorm{nullptr};
  Dropout embeddingDropout{nullptr};
  torch::nn::ModuleList layers{nullptr};
  Norm finalNorm{nullptr};
};

/// Rotary cos and sin [1, length, 1, head size] for positions 0..length-1 and base `theta`,
/// computed in float32 as transformers does, then cast to `dtype`.
std::pair<torch::Tensor, torch::Tensor> rotaryCosSin(std::int64_t length, std::int64_t headSize,
                                                     double theta, const torch::Device& device,
                                                     torch::ScalarType dtype);

}  // namespace embedlab::model
