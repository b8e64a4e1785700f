// Mixed precision scopes (see core/model/torch/autocast_scope.h).
#include "core/model/torch/autocast_scope.h"

#include <ATen/autocast_mode.h>
#include <torch/version.h>

namespace embedlab::model {

namespace {

// LibTorch 2.4 replaced the per-backend autocast functions (set_cpu_enabled, ...) with ones that
// take the device type, and deprecated the old ones; Debian's LibTorch 1.13 has only the old.
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
bool enabled(at::DeviceType device) {
  return at::autocast::is_autocast_enabled(device);
}
at::ScalarType dtype(at::DeviceType device) {
  return at::autocast::get_autocast_dtype(device);
}
void setEnabled(at::DeviceType device, bool on) {
  at::autocast::set_autocast_enabled(device, on);
}
void setDtype(at::DeviceType device, at::ScalarType type) {
  at::autocast::set_autocast_dtype(device, type);
}
#else
bool enabled(at::DeviceType device) {
  return device == at::kCUDA ? at::autocast::is_enabled() : at::autocast::is_cpu_enabled();
}
at::ScalarType dtype(at::DeviceType device) {
  return device == at::kCUDA ? at::autocast::get_autocast_gpu_dtype()
                             : at::autocast::get_autocast_cpu_dtype();
}
void setEnabled(at::DeviceType device, bool on) {
  if (device == at::kCUDA) {
    at::autocast::set_enabled(on);
  } else {
    at::autocast::set_cpu_enabled(on);
  }
}
void setDtype(at::DeviceType device, at::ScalarType type) {
  if (device == at::kCUDA) {
    at::autocast::set_autocast_gpu_dtype(type);
  } else {
    at::autocast::set_autocast_cpu_dtype(type);
  }
}
#endif

void apply(const AutocastState& state) {
  setEnabled(at::kCPU, state.cpu);
  setDtype(at::kCPU, state.cpuType);
  setEnabled(at::kCUDA, state.cuda);
  setDtype(at::kCUDA, state.cudaType);
}

// The settings in force, with autocast turned on for `device` in the precision asked for.
AutocastState turnedOn(const torch::Device& device, bool fp16, bool bf16) {
  AutocastState state = AutocastState::current();
  if (!fp16 && !bf16) return state;
  if (device.is_cuda()) {
    state.cuda = true;
    state.cudaType = fp16 ? at::kHalf : at::kBFloat16;
  } else {
    state.cpu = true;
    state.cpuType = at::kBFloat16;
  }
  return state;
}

}  // namespace

AutocastState AutocastState::current() {
  AutocastState state;
  state.cpu = enabled(at::kCPU);
  state.cpuType = dtype(at::kCPU);
  state.cuda = enabled(at::kCUDA);
  state.cudaType = dtype(at::kCUDA);
  return state;
}

AutocastRestore::AutocastRestore(const AutocastState& state)
    : previous_(AutocastState::current()), enabled_(state.cpu || state.cuda) {
  apply(state);
  if (enabled_) at::autocast::increment_nesting();
}

AutocastRestore::~AutocastRestore() {
  // The casts cached inside the scope are dropped with it, as autocast's own exit does.
  if (enabled_ && at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
  apply(previous_);
}

AutocastScope::AutocastScope(const torch::Device& device, bool fp16, bool bf16)
    : restore_(turnedOn(device, fp16, bf16)) {}

}  // namespace embedlab::model
