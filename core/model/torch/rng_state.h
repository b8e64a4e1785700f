// Saving and restoring the default random generators (CPU, and the current CUDA device when one
// is used): dropout must draw the same masks when the gradient cache or gradient checkpointing
// recomputes a forward pass, and a resumed run must continue the same random stream.
// INTERNAL to core (LibTorch types).
#pragma once

#include <torch/types.h>

namespace embedlab::model {

struct RngState {
  torch::Tensor cpu;
  torch::Tensor accelerator;  ///< undefined on the CPU
};

RngState captureRng(const torch::Device& device);
void restoreRng(const RngState& state, const torch::Device& device);

}  // namespace embedlab::model
