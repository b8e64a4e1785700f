// What every encoder module EmbedLab runs has in common (BERT and RoBERTa in bert_module.h,
// MPNet in mpnet_module.h, ModernBERT in modernbert_module.h): the last hidden state from token
// ids and the attention mask, parameters named exactly as transformers names them (so a
// checkpoint's tensors map 1:1 onto named_parameters()), gradient checkpointing per layer, and
// the attention arithmetic they share.
//
// INTERNAL to core: this header exposes LibTorch types. Only core .cpp files include it.
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/linear.h>
#include <torch/types.h>

#include <cstdint>
#include <memory>

#include "core/model/activation_kernels.h"
#include "core/model/encoder_config.h"
#include "core/model/torch/dropout.h"

namespace embedlab::model {

/// What a layer reads besides the hidden states. Undefined tensors are absent.
struct LayerInputs {
  /// Added to the attention scores [batch, heads, length, length]: 0 where a token may attend,
  /// the dtype's lowest value where not; broadcast from [batch, 1, 1 or length, length].
  torch::Tensor mask;
  torch::Tensor scoreBias;  ///< MPNet: relative position bias [1, heads, length, length]
  torch::Tensor cos;        ///< ModernBERT: rotary cos [1, length, 1, head size]
  torch::Tensor sin;        ///< ModernBERT: rotary sin, like cos
};

/// One transformer layer: hidden states [batch, length, hidden] in and out.
class EncoderLayerImpl : public torch::nn::Module {
 public:
  virtual torch::Tensor forward(const torch::Tensor& hidden, const LayerInputs& inputs) = 0;
  /// The first token's output alone [batch, 1, hidden] (keys and values still from every
  /// token). This computes forward() and keeps its first row. Layers that can skip the other
  /// rows' queries, attention output and feed-forward block override it.
  virtual torch::Tensor forwardFirstToken(const torch::Tensor& hidden, const LayerInputs& inputs) {
    return forward(hidden, inputs).narrow(1, 0, 1);
  }
  /// Called once its linear layers are int8 (an inference copy): a layer may then stack the
  /// int8 layers that read the same rows into one product (quantizeLinearLayersToInt8()).
  virtual void combineInt8Layers() {}
};

/// An encoder: embeddings, layers, (ModernBERT) a final norm.
class EncoderModuleImpl : public torch::nn::Module {
 public:
  explicit EncoderModuleImpl(EncoderConfig config) : config_(std::move(config)) {}
  /// The last hidden state [batch, length, hidden]. `attentionMask` is 1 for tokens, 0 for
  /// padding (int64 or bool); `tokenTypeIds` may be undefined (all zeros) and is ignored by
  /// architectures without token types. With `firstTokenOnly`, only the first token's
  /// [batch, 1, hidden], which is all CLS pooling reads. The last layer then computes the
  /// queries, the attention output and the feed-forward block for that token alone: 14% of a
  /// 6-layer model's products (EncoderLayerImpl::forwardFirstToken).
  virtual torch::Tensor forward(const torch::Tensor& inputIds, const torch::Tensor& attentionMask,
                                const torch::Tensor& tokenTypeIds = {},
                                bool firstTokenOnly = false) = 0;
  /// Initialises parameters as transformers initialises this architecture.
  virtual void initialize(std::uint64_t seed) = 0;

  const EncoderConfig& config() const { return config_; }
  /// Whether the module has BERT's / MPNet's pooler ("pooler.dense"), kept so that saving writes
  /// it back and BERT's classification head can read it; embeddings never use it.
  bool hasPooler() const { return hasPooler_; }
  /// Gradient checkpointing: in training, each layer keeps only its input and is recomputed
  /// (with the same dropout masks and autocast settings) during backward.
  void setGradientCheckpointing(bool enabled) { gradientCheckpointing_ = enabled; }
  bool gradientCheckpointing() const { return gradientCheckpointing_; }

 protected:
  /// Registers "pooler.dense" (hidden -> hidden), as BertPooler / MPNetPooler name it.
  void addPooler();
  /// Runs `layer`, through gradient checkpointing when it is on and the module trains.
  torch::Tensor runLayer(EncoderLayerImpl& layer, const torch::Tensor& hidden,
                         const LayerInputs& inputs);
  /// Runs `layers` (EncoderLayerImpl modules) in order through runLayer(); with
  /// `firstTokenOnly`, the last one through forwardFirstToken() (never checkpointed: it keeps
  /// little more than its keys and values).
  torch::Tensor runLayers(torch::nn::ModuleList& layers, torch::Tensor hidden,
                          const LayerInputs& inputs, bool firstTokenOnly);

  EncoderConfig config_;

 private:
  bool hasPooler_ = false;
  bool gradientCheckpointing_ = false;
};

using EncoderModule = std::shared_ptr<EncoderModuleImpl>;

/// The module of config.modelType, with the pooler when `withPooler` (BERT-style models only).
EncoderModule makeEncoder(const EncoderConfig& config, bool withPooler);

/// The additive attention mask [batch, 1, 1, length] of a 0/1 mask (0 keeps, the dtype's lowest
/// value drops), or undefined when nothing is padding (batches sorted by length often are not).
torch::Tensor additivePaddingMask(const torch::Tensor& attentionMask, torch::ScalarType dtype);
/// The lowest finite value of a floating dtype (what transformers puts in attention masks).
double lowestValue(torch::ScalarType dtype);

/// LayerNorm with "weight" and an optional "bias" (nn.LayerNorm(bias=False) in PyTorch 2;
/// LibTorch 1.13's LayerNorm always has one), for every architecture. bfloat16 inputs are
/// normalised in float32 and cast back: ATen 1.13's bf16 layer_norm kernel took 18.5 ms for
/// 16384 x 384 against 6.1 ms for the casts and the float32 kernel (bf16 encoding,
/// embedding_model).
class NormImpl : public torch::nn::Module {
 public:
  NormImpl(std::int64_t size, double eps, bool bias);
  torch::Tensor forward(const torch::Tensor& x);
  double eps() const { return eps_; }

  torch::Tensor weight;
  torch::Tensor bias;  ///< undefined without a bias

 private:
  std::int64_t size_;
  double eps_;
};
TORCH_MODULE(Norm);

/// Multi-head scaled dot-product attention of projected q [batch, query length, hidden] and k, v
/// [batch, length, hidden] (q not yet scaled): softmax(q k^T / sqrt(head size) + mask + scoreBias)
/// v, with dropout on the probabilities, back as [batch, length, hidden]. Without dropout or
/// gradients, on the CPU in float32, through oneDNN (cpu_attention.h); otherwise
/// batchedMatmulAttention().
torch::Tensor multiHeadAttention(const torch::Tensor& q, const torch::Tensor& k,
                                 const torch::Tensor& v, std::int64_t heads,
                                 const LayerInputs& inputs, Dropout& dropout);

/// The same through ATen: heads split into batch x heads matrices and batched matrix products
/// (faster on CPU than 4-D matmul, measured in bench_encode). Any device, dtype, gradients and
/// query length.
torch::Tensor batchedMatmulAttention(const torch::Tensor& q, const torch::Tensor& k,
                                     const torch::Tensor& v, std::int64_t heads,
                                     const LayerInputs& inputs, Dropout& dropout);

/// An activation by its transformers name (gelu, gelu_new, gelu_pytorch_tanh, relu).
torch::Tensor activate(const std::string& name, const torch::Tensor& x);
/// Which activation that name is.
Activation activationNamed(const std::string& name);

/// An empty module that only groups children, so that parameter names follow transformers'
/// nesting ("encoder.layer.0.attention.self.query.weight").
std::shared_ptr<torch::nn::Module> groupModule(torch::nn::Module& parent, const std::string& name);

}  // namespace embedlab::model
