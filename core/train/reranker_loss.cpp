#include "core/train/torch/reranker_loss.h"

#include <torch/torch.h>

namespace embedlab::train {

RerankerLossOutput rerankerLoss(const RerankerLossInputs& in) {
  namespace F = torch::nn::functional;
  const torch::Tensor logits = in.logits.to(torch::kFloat);
  const torch::Tensor targets = torch::zeros(
      {logits.size(0)}, torch::TensorOptions().dtype(torch::kLong).device(logits.device()));
  const torch::Tensor crossEntropy = F::cross_entropy(logits, targets);
  RerankerLossOutput out;
  out.loss = crossEntropy;
  out.crossEntropy = crossEntropy.detach();
  out.distillation = torch::zeros({}, logits.options()).detach();
  if (in.teacherScores.defined() && in.teacherMask.defined() && in.teacherMask.any().item<bool>()) {
    const torch::Tensor teacher = torch::softmax(in.teacherScores.to(torch::kFloat), -1);
    const torch::Tensor kl =
        (teacher * (torch::log(teacher.clamp_min(1e-12)) - torch::log_softmax(logits, -1))).sum(-1);
    const torch::Tensor mask = in.teacherMask.to(kl.scalar_type());
    const torch::Tensor distillation = (kl * mask).sum() / mask.sum().clamp_min(1.0);
    out.loss = out.loss + in.distillationWeight * distillation;
    out.distillation = distillation.detach();
  }
  return out;
}

void collectRerankerScores(const torch::Tensor& logits, SimilarityStatistics& statistics) {
  torch::NoGradGuard noGrad;
  const torch::Tensor scores =
      torch::sigmoid(logits.to(torch::kDouble)).to(torch::kCPU).contiguous();
  const auto rows = scores.accessor<double, 2>();
  for (std::int64_t q = 0; q < scores.size(0); ++q) {
    statistics.positives.add(rows[q][0]);
    for (std::int64_t p = 1; p < scores.size(1); ++p)
      statistics.hardNegatives.add(rows[q][p]);
  }
}

}  // namespace embedlab::train
