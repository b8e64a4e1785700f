// Mixed precision scope (see core/model/torch/autocast_scope.h).
#include "core/model/torch/autocast_scope.h"

#include <ATen/autocast_mode.h>

namespace embedlab::model {

AutocastScope::AutocastScope(const torch::Device& device, bool fp16, bool bf16)
    : device_(device), enabled_(fp16 || bf16) {
  if (!enabled_) return;
  if (device.is_cuda()) {
    at::autocast::set_enabled(true);
    at::autocast::set_autocast_gpu_dtype(fp16 ? at::kHalf : at::kBFloat16);
  } else {
    at::autocast::set_cpu_enabled(true);
    at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
  }
  at::autocast::increment_nesting();
}

AutocastScope::~AutocastScope() {
  if (!enabled_) return;
  if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
  if (device_.is_cuda()) {
    at::autocast::set_enabled(false);
  } else {
    at::autocast::set_cpu_enabled(false);
  }
}

}  // namespace embedlab::model
