#include "core/model/torch/dropout.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Dispatch.h>
#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <cmath>
#include <mutex>

#include "core/common/splitmix64.h"

namespace embedlab::model {

namespace {

std::uint64_t seedFromDefaultGenerator() {
  at::Generator generator = at::detail::getDefaultCPUGenerator();
  const std::lock_guard<std::mutex> lock(generator.mutex());
  return at::check_generator<at::CPUGeneratorImpl>(generator)->random64();
}

// mask[i] = keep ? scale : 0, with keep when 16 bits of the hash of (seed, i / 4) are at least
// `threshold` (= round(p * 65536)).
template <typename T>
void fillMask(T* mask, std::int64_t count, std::uint64_t seed, std::uint32_t threshold, T scale) {
  const std::int64_t words = (count + 3) / 4;
  at::parallel_for(0, words, 4096, [&](std::int64_t begin, std::int64_t end) {
    for (std::int64_t w = begin; w < end; ++w) {
      std::uint64_t bits = splitmix64(seed + static_cast<std::uint64_t>(w));
      const std::int64_t first = w * 4;
      const std::int64_t last = std::min(count, first + 4);
      for (std::int64_t i = first; i < last; ++i, bits >>= 16) {
        mask[i] = (bits & 0xFFFFU) >= threshold ? scale : T(0);
      }
    }
  });
}

}  // namespace

torch::Tensor dropout(const torch::Tensor& x, double p) {
  if (p <= 0) return x;
  if (p >= 1) return x * torch::zeros_like(x);
  if (!x.device().is_cpu() || !x.is_floating_point()) return torch::dropout(x, p, true);
  const auto threshold = static_cast<std::uint32_t>(std::lround(p * 65536.0));
  const double scale = 1.0 / (1.0 - static_cast<double>(threshold) / 65536.0);
  const std::uint64_t seed = seedFromDefaultGenerator();
  torch::Tensor mask = torch::empty_like(x, torch::MemoryFormat::Contiguous);
  AT_DISPATCH_FLOATING_TYPES_AND2(at::kBFloat16, at::kHalf, x.scalar_type(), "dropout_mask", [&] {
    fillMask<scalar_t>(mask.data_ptr<scalar_t>(), mask.numel(), seed, threshold,
                       static_cast<scalar_t>(scale));
  });
  return x * mask;
}

}  // namespace embedlab::model
