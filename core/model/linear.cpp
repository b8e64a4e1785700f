#include "core/model/torch/linear.h"

#include <torch/torch.h>

namespace embedlab::model {

torch::Tensor LinearImpl::forward(const torch::Tensor& x) {
  const auto onRows = [&](const torch::Tensor& rows) {
    return int8_ ? int8_->forward(rows) : torch::nn::LinearImpl::forward(rows);
  };
  if (x.dim() <= 2) return onRows(x);
  std::vector<std::int64_t> sizes = x.sizes().vec();
  const torch::Tensor rows = onRows(x.reshape({-1, sizes.back()}));
  sizes.back() = rows.size(1);
  return rows.view(sizes);
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
  return count;
}

}  // namespace embedlab::model
