#include "core/train/torch/contrastive_loss.h"

#include <torch/torch.h>

namespace embedlab::train {

ContrastiveOutput contrastiveLoss(const ContrastiveInputs& in) {
  namespace F = torch::nn::functional;
  const std::int64_t queries = in.queries.size(0);
  const std::int64_t g = in.groupSize;
  const auto targetsOptions =
      torch::TensorOptions().dtype(torch::kLong).device(in.queries.device());
  torch::Tensor scores;
  torch::Tensor targets;
  if (in.inBatchNegatives) {
    scores = torch::matmul(in.queries, in.passages.t()) / in.temperature;  // [Q, P]
    targets = (torch::arange(queries, targetsOptions) + in.firstQuery) * g;
  } else {
    // Only each query's own group: [Q, G], positive at 0.
    const torch::Tensor own =
        in.passages.narrow(0, in.firstQuery * g, queries * g).view({queries, g, -1});
    scores = torch::bmm(own, in.queries.unsqueeze(-1)).squeeze(-1) / in.temperature;
    targets = torch::zeros({queries}, targetsOptions);
  }
  const torch::Tensor contrastive = F::cross_entropy(scores, targets);
  ContrastiveOutput out;
  out.loss = contrastive;
  out.contrastive = contrastive.detach();
  out.distillation = torch::zeros({}, in.queries.options()).detach();
  if (in.teacherScores.defined() && in.teacherMask.defined() && in.teacherMask.any().item<bool>()) {
    // The student's scores over the query's own group, against the teacher's distribution.
    const torch::Tensor own =
        in.passages.narrow(0, in.firstQuery * g, queries * g).view({queries, g, -1});
    const torch::Tensor student =
        torch::bmm(own, in.queries.unsqueeze(-1)).squeeze(-1) / in.temperature;
    const torch::Tensor teacher = torch::softmax(in.teacherScores.to(student.scalar_type()), -1);
    const torch::Tensor logStudent = torch::log_softmax(student, -1);
    const torch::Tensor kl =
        (teacher * (torch::log(teacher.clamp_min(1e-12)) - logStudent)).sum(-1);
    const torch::Tensor mask = in.teacherMask.to(kl.scalar_type());
    const torch::Tensor distillation = (kl * mask).sum() / mask.sum().clamp_min(1.0);
    out.loss = out.loss + in.distillationWeight * distillation;
    out.distillation = distillation.detach();
  }
  return out;
}

void collectSimilarities(const torch::Tensor& queries, const torch::Tensor& passages,
                         std::int64_t groupSize, std::int64_t firstQuery,
                         SimilarityStatistics& statistics) {
  torch::NoGradGuard noGrad;
  const torch::Tensor similarities =
      torch::matmul(queries, passages.t()).to(torch::kCPU, torch::kDouble).contiguous();
  const auto rows = similarities.accessor<double, 2>();
  for (std::int64_t q = 0; q < similarities.size(0); ++q) {
    const std::int64_t own = (firstQuery + q) * groupSize;
    for (std::int64_t p = 0; p < similarities.size(1); ++p) {
      if (p == own) {
        statistics.positives.add(rows[q][p]);
      } else if (p > own && p < own + groupSize) {
        statistics.hardNegatives.add(rows[q][p]);
      } else {
        statistics.inBatchNegatives.add(rows[q][p]);
      }
    }
  }
}

}  // namespace embedlab::train
