#include "core/model/torch/embedder_network.h"

#include <torch/torch.h>

namespace embedlab::model {

DenseLayerImpl::DenseLayerImpl(const DenseModule& spec) : activation_(spec.activation) {
  linear = register_module(
      "linear", torch::nn::Linear(
                    torch::nn::LinearOptions(spec.inFeatures, spec.outFeatures).bias(spec.bias)));
}

torch::Tensor DenseLayerImpl::forward(const torch::Tensor& pooled) {
  const torch::Tensor projected = linear->forward(pooled);
  if (activation_ == "torch.nn.modules.activation.Tanh") return torch::tanh(projected);
  if (activation_ == "torch.nn.modules.activation.ReLU") return torch::relu(projected);
  if (activation_ == "torch.nn.modules.activation.GELU") return torch::gelu(projected);
  if (activation_ == "torch.nn.modules.activation.Sigmoid") return torch::sigmoid(projected);
  return projected;  // torch.nn.modules.linear.Identity (isSupportedDenseActivation checked it)
}

EmbedderNetworkImpl::EmbedderNetworkImpl(EncoderModule encoderModule,
                                         const std::vector<DenseModule>& modules)
    : encoder(register_module("encoder", std::move(encoderModule))) {
  torch::nn::ModuleList list;
  for (const DenseModule& module : modules) {
    dense.emplace_back(module);
    list->push_back(dense.back());
  }
  register_module("dense", list);
}

torch::Tensor EmbedderNetworkImpl::project(torch::Tensor pooled) {
  for (DenseLayer& layer : dense)
    pooled = layer->forward(pooled);
  return pooled;
}

}  // namespace embedlab::model
