#include "core/model/torch/rng_state.h"

#include <ATen/Context.h>
#include <torch/torch.h>

#include <mutex>

namespace embedlab::model {

namespace {

torch::Tensor stateOf(at::Generator generator) {
  std::lock_guard<std::mutex> lock(generator.mutex());
  return generator.get_state();
}

void setState(at::Generator generator, const torch::Tensor& state) {
  std::lock_guard<std::mutex> lock(generator.mutex());
  generator.set_state(state);
}

}  // namespace

RngState captureRng(const torch::Device& device) {
  RngState state;
  state.cpu = stateOf(at::globalContext().defaultGenerator(torch::kCPU));
  if (device.is_cuda()) state.accelerator = stateOf(at::globalContext().defaultGenerator(device));
  return state;
}

void restoreRng(const RngState& state, const torch::Device& device) {
  setState(at::globalContext().defaultGenerator(torch::kCPU), state.cpu);
  if (device.is_cuda() && state.accelerator.defined()) {
    setState(at::globalContext().defaultGenerator(device), state.accelerator);
  }
}

}  // namespace embedlab::model
