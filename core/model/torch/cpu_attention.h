// Attention for inference on the CPU through oneDNN, without the copies and the loop of small
// products that ATen's batched path costs.
//
// Why: ATen 1.13 (without MKL) splits q, k and v into heads with three copies, merges the result
// with a fourth, and runs bmm as one small GEMM per (passage, head): 1 536 calls a layer for a
// batch of 128 passages of a 12-head model. Encoding spent more time there than in the int8
// projections. Here oneDNN's batched matmul reads the heads in place (strided views of the
// [batch, length, hidden] projections), the 1/sqrt(head size) scale and the additive mask and
// score bias are post-ops of the q k^T product, softmax is oneDNN's, and p v is written straight
// into the merged [batch, length, hidden] layout. Each task works on a few passages at a time, so
// their scores stay in the core's cache instead of a [batch, heads, length, length] tensor in
// memory.
//
// EMBEDLAB_ONEDNN_ATTENTION=0 in the environment turns this path off (bench_encode measures what
// it gives that way).
//
// INTERNAL to core (LibTorch types).
#pragma once

#include <torch/types.h>

#include <cstdint>

#include "core/model/torch/encoder_module.h"

namespace embedlab::model {

/// softmax(q k^T / sqrt(head size) + inputs.scoreBias + inputs.mask) v for q, k, v [batch,
/// length, hidden] (rows may be strided), as multiHeadAttention computes it without dropout.
/// Undefined when this path does not apply, and the caller computes it with ATen: no oneDNN in
/// the build, a tensor that needs gradients, not float32 or bfloat16 on the CPU, mask or bias
/// shapes other than multiHeadAttention's, or no fast oneDNN kernel for this CPU. Scores and
/// softmax are float32 in both (bfloat16 probabilities multiply v).
torch::Tensor cpuInferenceAttention(const torch::Tensor& q, const torch::Tensor& k,
                                    const torch::Tensor& v, std::int64_t heads,
                                    const LayerInputs& inputs);

}  // namespace embedlab::model
