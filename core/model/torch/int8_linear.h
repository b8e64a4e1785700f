// A linear layer computed in int8: weights quantized once per output channel, inputs quantized
// per row at each call (symmetric, scale = max |x| / 127), the int8 product accumulated in int32 by
// oneDNN's matmul (AVX512-VNNI or AMX-INT8 kernels), then scaled back and the float bias added.
//
// Why: on CPUs without native bf16, int8 is the fast path for encoding (mining, evaluation). Per
// row input scales keep the error of a token independent of the other tokens in the batch
// (PyTorch's dynamic quantization uses one scale per tensor). oneDNN 2.6's fast (brgemm) kernels
// take no runtime scales, so the scaling is a separate vectorised pass (int8_linear.cpp). Available
// only where the build has oneDNN (Debian's LibTorch links libdnnl) and oneDNN has an int8 kernel
// for the CPU (AVX-512 with VNNI, or AMX); elsewhere available() is false. INTERNAL to core
// (LibTorch types).
#pragma once

#include <torch/types.h>

#include <string>

#include "core/model/activation_kernels.h"

namespace embedlab::model {

class Int8Linear {
 public:
  /// Whether int8 linear layers run here; when not, why (for the environment line).
  static bool available(std::string* whyNot = nullptr);
  /// oneDNN's name for the kernel it runs int8 products with here ("brg:avx512_core_amx_int8"),
  /// or "" when there is none.
  static std::string kernel();

  /// From float weights [out, in] and an optional bias [out].
  Int8Linear(const torch::Tensor& weight, const torch::Tensor& bias);

  /// rows [N, in] float32 -> activation(rows weight^T + bias) [N, out] float32; the activation
  /// is applied in the same pass that scales the int32 products back.
  torch::Tensor forward(const torch::Tensor& rows, Activation activation = Activation::None) const;

  std::int64_t inFeatures() const { return weight_.size(1); }
  std::int64_t outFeatures() const { return weight_.size(0); }

 private:
  torch::Tensor weight_;  ///< int8 [out, in], contiguous
  torch::Tensor scales_;  ///< float32 [out]: weight = weight_ * scales_
  torch::Tensor bias_;    ///< float32 [out] (zeros when the layer has none)
};

/// Per-row symmetric quantization: q[r][k] = round(x[r][k] / scale[r]), scale[r] = max_k
/// |x[r][k]| / 127 (1 for a zero row). x float32 [rows, columns], contiguous.
void quantizeRows(const torch::Tensor& x, torch::Tensor& q, torch::Tensor& scales);

}  // namespace embedlab::model
