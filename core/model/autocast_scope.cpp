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

AutocastState AutocastState::current() {
  AutocastState state;
  state.cpu = at::autocast::is_cpu_enabled();
  state.cpuType = at::autocast::get_autocast_cpu_dtype();
  state.cuda = at::autocast::is_enabled();
  state.cudaType = at::autocast::get_autocast_gpu_dtype();
  return state;
}

namespace {

void apply(const AutocastState& state) {
  at::autocast::set_cpu_enabled(state.cpu);
  at::autocast::set_autocast_cpu_dtype(state.cpuType);
  at::autocast::set_enabled(state.cuda);
  at::autocast::set_autocast_gpu_dtype(state.cudaType);
}

}  // namespace

AutocastRestore::AutocastRestore(const AutocastState& state)
    : previous_(AutocastState::current()), enabled_(state.cpu || state.cuda) {
  apply(state);
  if (enabled_) at::autocast::increment_nesting();
}

AutocastRestore::~AutocastRestore() {
  // The casts cached for the recomputation are dropped with it, as autocast's own exit does.
  if (enabled_ && at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
  apply(previous_);
}

}  // namespace embedlab::model
