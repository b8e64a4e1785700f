// The projection layer of every encoder: LibTorch's Linear (same "weight" and "bias" parameters,
// so checkpoints map onto it unchanged) computed on rows, and, in an int8 inference copy of the
// network (EmbeddingModel::Impl::int8Network()), through int8 weights (int8_linear.h).
// INTERNAL to core (LibTorch types).
#pragma once

#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>
#include <torch/types.h>

#include <memory>
#include <string>

#include "core/model/torch/int8_linear.h"

namespace embedlab::model {

class LinearImpl : public torch::nn::LinearImpl {
 public:
  using torch::nn::LinearImpl::LinearImpl;
  LinearImpl(std::int64_t in, std::int64_t out, bool bias = true)
      : torch::nn::LinearImpl(torch::nn::LinearOptions(in, out).bias(bias)) {}

  /// x [..., in] -> [..., out], computed on x viewed as rows [N, in]: LibTorch 1.13 runs a 3-d
  /// input as matmul + a separate bias add, a 2-d one as one addmm (bf16 encoding: the FFN
  /// projection of 16384 x 384 tokens 15% faster). Through the int8 weights once quantized.
  torch::Tensor forward(const torch::Tensor& x);
  /// activate(activation, forward(x)) (encoder_module.h); once quantized, the activation is
  /// applied in the int8 layer's own pass over its output.
  torch::Tensor forwardActivated(const torch::Tensor& x, const std::string& activation);

  /// From now on computes through int8 copies of the current weights (inference only).
  void quantizeToInt8();
  bool quantized() const { return int8_ != nullptr; }
  /// The int8 layer once quantized, else null (layers that chain int8 layers: bert_module.cpp).
  const Int8Linear* int8() const { return int8_.get(); }

 private:
  std::shared_ptr<const Int8Linear> int8_;
};
TORCH_MODULE(Linear);

/// Quantizes every model::Linear under `module` (quantizeToInt8()), then lets every encoder
/// layer combine its int8 layers (EncoderLayerImpl::combineInt8Layers()); returns how many
/// linear layers it quantized.
std::size_t quantizeLinearLayersToInt8(torch::nn::Module& module);

}  // namespace embedlab::model
