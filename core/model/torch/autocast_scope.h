// Mixed precision: the thread's autocast settings, a scope that puts settings in force and
// restores those it found, and the scope a forward pass runs in (bfloat16 on the CPU or CUDA,
// float16 on CUDA). Builds against LibTorch 1.13 and 2.x. INTERNAL to core (LibTorch types).
#pragma once

#include <torch/types.h>

namespace embedlab::model {

/// The autocast settings in force on the current thread: what a recomputation (gradient
/// checkpointing) must run under to reproduce a forward pass, as PyTorch's checkpoint saves
/// them.
struct AutocastState {
  bool cpu = false;
  torch::ScalarType cpuType = torch::kBFloat16;
  bool cuda = false;
  torch::ScalarType cudaType = torch::kHalf;

  static AutocastState current();
};

/// Puts `state` in force while it lives, then restores the settings it found.
class AutocastRestore {
 public:
  explicit AutocastRestore(const AutocastState& state);
  ~AutocastRestore();
  AutocastRestore(const AutocastRestore&) = delete;
  AutocastRestore& operator=(const AutocastRestore&) = delete;

 private:
  AutocastState previous_;
  bool enabled_;
};

/// Mixed precision for one forward pass: autocast on (bfloat16 on the CPU or CUDA, float16 on
/// CUDA) while the scope lives, the settings it found restored after (scopes nest). Neither
/// fp16 nor bf16: nothing changes.
class AutocastScope {
 public:
  AutocastScope(const torch::Device& device, bool fp16, bool bf16);

 private:
  AutocastRestore restore_;
};

}  // namespace embedlab::model
