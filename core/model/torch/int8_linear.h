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
#include <vector>

#include "core/model/activation_kernels.h"

namespace embedlab::model {

/// Rows quantized per row (quantizeRows): what an int8 layer multiplies. Quantized once, the
/// same rows feed every layer that reads them (a layer's query, key and value projections).
struct Int8Rows {
  torch::Tensor values;  ///< int8 [N, columns], contiguous
  torch::Tensor scales;  ///< float32 [N]: row r stands for values[r] * scales[r]
};

/// float32 rows [N, columns] (any layout) quantized per row.
Int8Rows quantizedRows(const torch::Tensor& rows);

/// What follows an int8 product in the pass that scales it back, in this order: the
/// activation, the residual, the layer norm, and quantisation for the next int8 layer. A
/// post-norm encoder layer (bert_module.cpp) so never writes its sums, its expanded
/// feed-forward rows or its norm's input out to memory and reads them back.
struct Int8Epilogue {
  Activation activation = Activation::None;
  torch::Tensor residual;    ///< when defined, added: float32 [N, out], contiguous
  torch::Tensor normWeight;  ///< when defined, LayerNorm of each row: weight float32 [out],
  torch::Tensor normBias;    ///< bias float32 [out] (undefined: none)
  double normEps = 1e-12;    ///< and epsilon
  bool quantize = false;     ///< also quantize the result per row (Int8Output::quantized)
};

/// The result of an int8 layer with its epilogue.
struct Int8Output {
  torch::Tensor rows;  ///< float32 [N, out]
  Int8Rows quantized;  ///< the same quantized per row, when the epilogue asked for it
};

class Int8Linear {
 public:
  /// Whether int8 linear layers run here; when not, why (for the environment line).
  static bool available(std::string* whyNot = nullptr);
  /// oneDNN's name for the kernel it runs int8 products with here ("brg:avx512_core_amx_int8"),
  /// or "" when there is none.
  static std::string kernel();

  /// From float weights [out, in] and an optional bias [out].
  Int8Linear(const torch::Tensor& weight, const torch::Tensor& bias);
  /// The layers side by side (same inputs): their outputs are the columns of one int8 product,
  /// in order. Each output channel keeps its own scale, so the results are those of the layers.
  static Int8Linear stacked(const std::vector<const Int8Linear*>& layers);

  /// rows [N, in] float32 -> activation(rows weight^T + bias) [N, out] float32; the activation
  /// is applied in the same pass that scales the int32 products back.
  torch::Tensor forward(const torch::Tensor& rows, Activation activation = Activation::None) const;
  /// The same from rows quantized already, followed by `epilogue` in the pass that scales the
  /// products back (each row is still in cache there).
  Int8Output forward(const Int8Rows& rows, const Int8Epilogue& epilogue) const;

  std::int64_t inFeatures() const { return weight_.size(1); }
  std::int64_t outFeatures() const { return weight_.size(0); }

 private:
  Int8Linear() = default;
  /// rows weight^T: the int32 products of each row and output channel, as float32 [N, out].
  torch::Tensor products(const Int8Rows& rows) const;

  torch::Tensor weight_;  ///< int8 [out, in], contiguous
  torch::Tensor scales_;  ///< float32 [out]: weight = weight_ * scales_
  torch::Tensor bias_;    ///< float32 [out] (zeros when the layer has none)
};

/// Per-row symmetric quantization: q[r][k] = round(x[r][k] / scale[r]), scale[r] = max_k
/// |x[r][k]| / 127 (1 for a zero row). x float32 [rows, columns], contiguous.
void quantizeRows(const torch::Tensor& x, torch::Tensor& q, torch::Tensor& scales);

}  // namespace embedlab::model
