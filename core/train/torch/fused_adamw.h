// AdamW whose CPU step is one pass over each parameter instead of ATen's op per term.
//
// Why: torch::optim::AdamW runs weight decay, both moment updates, sqrt, division and the update
// as separate ATen ops, each a pass over the parameter (and over the embedding matrix, which a
// small model's step updates in full): 17% of a bf16 training step of the tiny preset. This step
// computes the same formula per element (float32 arithmetic, LibTorch's order of operations), in
// parallel, and keeps its state in LibTorch's AdamWParamState, so optimizer.pt files are
// interchangeable with torch::optim::AdamW's. Parameters that are not contiguous float32 CPU
// tensors (CUDA) and amsgrad take LibTorch's own step.
// INTERNAL to core (LibTorch types).
#pragma once

#include <torch/optim/adamw.h>

namespace embedlab::train {

class FusedAdamW : public torch::optim::AdamW {
 public:
  using torch::optim::AdamW::AdamW;
  torch::Tensor step(LossClosure closure = nullptr) override;

 private:
  /// The state of `parameter` (created zeroed on its first step).
  torch::optim::AdamWParamState& stateOf(const torch::Tensor& parameter);
};

}  // namespace embedlab::train
