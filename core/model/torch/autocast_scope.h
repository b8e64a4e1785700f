// Mixed precision for one forward pass: autocast on (bfloat16 on the CPU or CUDA, float16 on
// CUDA) while the scope lives. INTERNAL to core (LibTorch types).
#pragma once

#include <torch/types.h>

namespace embedlab::model {

class AutocastScope {
 public:
  AutocastScope(const torch::Device& device, bool fp16, bool bf16);
  ~AutocastScope();
  AutocastScope(const AutocastScope&) = delete;
  AutocastScope& operator=(const AutocastScope&) = delete;

 private:
  torch::Device device_;
  bool enabled_;
};

}  // namespace embedlab::model
