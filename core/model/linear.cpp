#include "core/model/torch/linear.h"

#include <torch/torch.h>

#include "core/model/torch/encoder_module.h"

namespace embedlab::model {

namespace {

// f(x viewed as rows [N, in]) viewed back as [..., out].
template <typename OnRows>
torch::Tensor onRowsOf(const torch::Tensor& x, const OnRows& onRows) {
  if (x.dim() <= 2) return onRows(x);
  std::vector<std::int64_t> sizes = x.sizes().vec();
  const torch::Tensor rows = onRows(x.reshape({-1, sizes.back()}));
  sizes.back() = rows.size(1);
  return rows.view(sizes);
}

}  // namespace

torch::Tensor LinearImpl::forward(const torch::Tensor& x) {
  return onRowsOf(x, [&](const torch::Tensor& rows) {
    return int8_ ? int8_->forward(rows) : torch::nn::LinearImpl::forward(rows);
  });
}

torch::Tensor LinearImpl::forwardActivated(const torch::Tensor& x, const std::string& activation) {
  if (!int8_) return activate(activation, forward(x));
  const Activation fused = activationNamed(activation);
  return onRowsOf(x, [&](const torch::Tensor& rows) { return int8_->forward(rows, fused); });
}

void LinearImpl::quantizeToInt8() {
  int8_ = std::make_shared<const Int8Linear>(weight, bias);
}

std::size_t quantizeLinearLayersToInt8(torch::nn::Module& module) {
  std::size_t count = 0;
  for (const auto& child : module.modules(/*include_self=*/true)) {
    if (auto* linear = dynamic_cast<LinearImpl*>(child.get())) {
      linear->quantizeToInt8();
      ++count;
    }
  }
  for (const auto& child : module.modules(/*include_self=*/true)) {
    if (auto* layer = dynamic_cast<EncoderLayerImpl*>(child.get())) layer->combineInt8Layers();
  }
  return count;
}

}  // namespace embedlab::model
