// Dropout whose CPU masks come from a counter-based hash instead of ATen's bernoulli_.
//
// Why: on Debian's LibTorch (no MKL) bernoulli_ draws one Mersenne-Twister number per element on
// one thread. Profiling a MiniLM-L6-sized bf16 training step (batch 16, group 2, 32/128 tokens)
// put 31% of the step in bernoulli_, more than all matrix products of the forward pass.
// Here each mask element is 16 bits of splitmix64(seed + index / 4): computed in parallel, and
// the same for any thread count. The seed is one draw from LibTorch's default CPU generator, so
// torch::manual_seed, the saved random states of resumed runs, and the replays of gradient
// checkpointing and the gradient cache (rng_state.h) see exactly the masks they expect.
// The keep probability is 1 - p rounded to a multiple of 1/65536. CUDA tensors use ATen's dropout.
// INTERNAL to core (LibTorch types).
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>
#include <torch/types.h>

namespace embedlab::model {

/// x with each element zeroed with probability p and the rest scaled by 1 / (1 - p), as
/// torch::dropout(x, p, true) does. p in [0, 1].
torch::Tensor dropout(const torch::Tensor& x, double p);

/// A module applying dropout() while training; parameter-free, so checkpoints are unaffected.
class DropoutImpl : public torch::nn::Module {
 public:
  explicit DropoutImpl(double p) : p_(p) {}
  torch::Tensor forward(const torch::Tensor& x) {
    return is_training() && p_ > 0 ? dropout(x, p_) : x;
  }
  double probability() const { return p_; }
  void setProbability(double p) { p_ = p; }

 private:
  double p_;
};
TORCH_MODULE(Dropout);

}  // namespace embedlab::model
