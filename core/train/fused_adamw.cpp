#include "core/train/torch/fused_adamw.h"

#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <cmath>
#include <sstream>
#include <string>
#include <type_traits>

namespace embedlab::train {

namespace {

// Optimizer's state key for a parameter: LibTorch 1.13 uses the TensorImpl's address as text,
// later versions the address itself.
template <typename Key>
Key stateKey(const torch::Tensor& parameter) {
  if constexpr (std::is_same_v<Key, std::string>) {
    std::ostringstream text;
    text << parameter.unsafeGetTensorImpl();
    return text.str();
  } else {
    return parameter.unsafeGetTensorImpl();
  }
}

struct Scalars {
  float decay, b1, oneMinusB1, b2, oneMinusB2, correction2, eps, stepSize;
};

// One AdamW update of n elements, in LibTorch's order of operations. Built for AVX-512, AVX2 and
// the baseline, chosen when the program loads; this file is compiled with -O3 so that each is
// vectorised (IEEE sqrt and division: the same results as the scalar loop).
__attribute__((target_clones("avx512f", "avx2", "default"))) void update(
    float* __restrict p, const float* __restrict g, float* __restrict m, float* __restrict v,
    std::int64_t n, const Scalars s) {
  for (std::int64_t i = 0; i < n; ++i) {
    const float parameter = p[i] * s.decay;  // decay is 1 without weight decay: exact
    const float first = m[i] * s.b1 + s.oneMinusB1 * g[i];
    const float second = v[i] * s.b2 + s.oneMinusB2 * g[i] * g[i];
    m[i] = first;
    v[i] = second;
    p[i] = parameter + s.stepSize * first / (std::sqrt(second) / s.correction2 + s.eps);
  }
}

bool fusable(const torch::Tensor& tensor) {
  return tensor.device().is_cpu() && tensor.scalar_type() == torch::kFloat &&
         tensor.is_contiguous() && !tensor.is_sparse();
}

}  // namespace

torch::optim::AdamWParamState& FusedAdamW::stateOf(const torch::Tensor& parameter) {
  using Key = typename std::decay_t<decltype(state_)>::key_type;
  const Key key = stateKey<Key>(parameter);
  auto found = state_.find(key);
  if (found == state_.end()) {
    auto state = std::make_unique<torch::optim::AdamWParamState>();
    state->step(0);
    state->exp_avg(torch::zeros_like(parameter, torch::MemoryFormat::Preserve));
    state->exp_avg_sq(torch::zeros_like(parameter, torch::MemoryFormat::Preserve));
    found = state_.insert({key, std::move(state)}).first;
  }
  return static_cast<torch::optim::AdamWParamState&>(*found->second);
}

torch::Tensor FusedAdamW::step(LossClosure closure) {
  for (const auto& group : param_groups_) {
    const auto& options = static_cast<const torch::optim::AdamWOptions&>(group.options());
    if (options.amsgrad()) return torch::optim::AdamW::step(std::move(closure));
    for (const torch::Tensor& parameter : group.params()) {
      if (parameter.grad().defined() && !(fusable(parameter) && fusable(parameter.grad()))) {
        return torch::optim::AdamW::step(std::move(closure));
      }
    }
  }
  torch::NoGradGuard noGrad;
  torch::Tensor loss;
  if (closure != nullptr) {
    at::AutoGradMode enable(true);
    loss = closure();
  }
  for (auto& group : param_groups_) {
    const auto& options = static_cast<const torch::optim::AdamWOptions&>(group.options());
    const double beta1 = std::get<0>(options.betas());
    const double beta2 = std::get<1>(options.betas());
    for (torch::Tensor& parameter : group.params()) {
      if (!parameter.grad().defined()) continue;
      torch::optim::AdamWParamState& state = stateOf(parameter);
      state.step(state.step() + 1);
      const auto step = static_cast<double>(state.step());
      // The scalars as LibTorch's AdamW passes them to its float32 kernels.
      Scalars scalars{};
      scalars.decay = static_cast<float>(1 - options.lr() * options.weight_decay());
      scalars.b1 = static_cast<float>(beta1);
      scalars.oneMinusB1 = static_cast<float>(1 - beta1);
      scalars.b2 = static_cast<float>(beta2);
      scalars.oneMinusB2 = static_cast<float>(1 - beta2);
      scalars.correction2 = static_cast<float>(std::sqrt(1 - std::pow(beta2, step)));
      scalars.eps = static_cast<float>(options.eps());
      scalars.stepSize = static_cast<float>(-options.lr() / (1 - std::pow(beta1, step)));
      float* p = parameter.data_ptr<float>();
      const float* g = parameter.grad().data_ptr<float>();
      float* m = state.exp_avg().data_ptr<float>();
      float* v = state.exp_avg_sq().data_ptr<float>();
      at::parallel_for(0, parameter.numel(), 65536, [&](std::int64_t begin, std::int64_t end) {
        update(p + begin, g + begin, m + begin, v + begin, end - begin, scalars);
      });
    }
  }
  return loss;
}

}  // namespace embedlab::train
