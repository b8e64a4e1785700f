// The trainable network of an embedding model: the encoder, then sentence-transformers' Dense
// modules on the pooled vector (activation(W x + b), e.g. 768 -> 512 with Tanh in some BGE, GTE
// and LaBSE folders). The trainer optimises its parameters; encode() runs it.
// INTERNAL to core (exposes LibTorch types).
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>

#include <string>
#include <vector>

#include "core/model/sentence_transformers_metadata.h"
#include "core/model/torch/encoder_module.h"

namespace embedlab::model {

class DenseLayerImpl : public torch::nn::Module {
 public:
  explicit DenseLayerImpl(const DenseModule& spec);
  torch::Tensor forward(const torch::Tensor& pooled);

  torch::nn::Linear linear{nullptr};  ///< named "linear", as in sentence-transformers' files

 private:
  std::string activation_;
};
TORCH_MODULE(DenseLayer);

class EmbedderNetworkImpl : public torch::nn::Module {
 public:
  /// Registers `encoder` (as "encoder") and one DenseLayer per module (as "dense.N").
  EmbedderNetworkImpl(EncoderModule encoder, const std::vector<DenseModule>& dense);
  /// The Dense layers applied to pooled vectors [batch, hidden] (unchanged without any).
  torch::Tensor project(torch::Tensor pooled);

  EncoderModule encoder;
  std::vector<DenseLayer> dense;
};
TORCH_MODULE(EmbedderNetwork);

}  // namespace embedlab::model
