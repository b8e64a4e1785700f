#include <torch/torch.h>

#include "core/train/torch/training_task.h"

namespace embedlab::train {

torch::Tensor teacherScoreTensor(const std::vector<TrainingGroup>& groups, std::int64_t groupSize,
                                 double temperature, const torch::Device& device,
                                 torch::Tensor& mask) {
  const auto b = static_cast<std::int64_t>(groups.size());
  torch::Tensor scores = torch::zeros({b, groupSize}, torch::kDouble);
  mask = torch::zeros({b}, torch::kBool);
  for (std::int64_t i = 0; i < b; ++i) {
    const TrainingGroup& group = groups[static_cast<std::size_t>(i)];
    if (static_cast<std::int64_t>(group.teacherScores.size()) != groupSize) continue;
    mask[i] = true;
    for (std::int64_t k = 0; k < groupSize; ++k)
      scores[i][k] = group.teacherScores[static_cast<std::size_t>(k)] / temperature;
  }
  mask = mask.to(device);
  return scores.to(device, torch::kFloat);
}

}  // namespace embedlab::train
