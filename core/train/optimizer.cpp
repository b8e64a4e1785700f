#include <torch/torch.h>

#include "core/train/torch/optimizer.h"

#include "core/train/torch/fused_adamw.h"

namespace embedlab::train {

std::vector<torch::Tensor> trainableParameters(torch::nn::Module& module) {
  std::vector<torch::Tensor> parameters;
  for (const auto& item : module.named_parameters()) {
    if (item.value().requires_grad()) parameters.push_back(item.value());
  }
  return parameters;
}

std::unique_ptr<torch::optim::AdamW> makeAdamW(torch::nn::Module& module,
                                               const TrainingOptions& options) {
  std::vector<torch::Tensor> decay;
  std::vector<torch::Tensor> noDecay;
  for (const torch::Tensor& parameter : module.parameters()) {
    if (!parameter.requires_grad()) continue;  // frozen by the task (a bi-encoder's pooler)
    // Biases and norm weights (LayerNorm in BERT, norm in ModernBERT) are the 1-D parameters.
    (parameter.dim() <= 1 ? noDecay : decay).push_back(parameter);
  }
  const auto groupOptions = [&](double weightDecay) {
    return std::make_unique<torch::optim::AdamWOptions>(
        torch::optim::AdamWOptions(options.learningRate)
            .betas({options.adamBeta1, options.adamBeta2})
            .eps(options.adamEpsilon)
            .weight_decay(weightDecay));
  };
  std::vector<torch::optim::OptimizerParamGroup> groups;
  groups.emplace_back(decay, groupOptions(options.weightDecay));
  groups.emplace_back(noDecay, groupOptions(0.0));
  return std::make_unique<FusedAdamW>(std::move(groups),
                                      torch::optim::AdamWOptions(options.learningRate));
}

void setLearningRate(torch::optim::Optimizer& optimizer, double rate) {
  for (auto& group : optimizer.param_groups()) {
    static_cast<torch::optim::AdamWOptions&>(group.options()).lr(rate);
  }
}

}  // namespace embedlab::train
