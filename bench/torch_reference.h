// What the torch benchmarks measure themselves against, in the same run: a 2048² fp32 matmul
// (the machine's attainable FLOP/s) and the FLOPs of a BERT-style encoder per token, so that
// MFU = useful FLOP/s / matmul FLOP/s compares across machines. Torch benchmarks only.
#pragma once

#include <torch/torch.h>

#include "bench/bench_support.h"

namespace embedlab::bench {

/// FLOP/s of the fastest of `repeats` 2048 x 2048 x 2048 fp32 matmuls.
inline double matmulFlops(int repeats) {
  const auto a = torch::randn({2048, 2048});
  const auto b = torch::randn({2048, 2048});
  const double seconds = bestSeconds(repeats, [&] { (void)torch::mm(a, b); });
  return 2.0 * 2048 * 2048 * 2048 / seconds;
}

/// Forward FLOPs per token of `layers` transformer layers of width `hidden` and feed-forward
/// `intermediate` at sequence length `length`: the projections and the attention products.
inline double encoderFlopsPerToken(double layers, double hidden, double intermediate,
                                   double length) {
  return layers * (2 * (4 * hidden * hidden + 2 * hidden * intermediate) + 4 * length * hidden);
}

}  // namespace embedlab::bench
