// The collectives a multi-process run needs, over c10d process groups (Gloo on CPU, NCCL on
// CUDA when LibTorch has it). The only place in EmbedLab that calls c10d.
// INTERNAL to core (LibTorch types).
#pragma once

#include <torch/types.h>

#include <memory>
#include <vector>

#include "core/dist/worker_environment.h"

namespace c10d {
class ProcessGroup;
}

namespace embedlab::dist {

class ProcessGroup {
 public:
  /// Joins the group described by `environment` (rank 0 hosts the rendezvous store). Collectives
  /// time out after `timeoutSeconds`, so that a dead peer ends the run with an error, not a hang.
  ProcessGroup(const WorkerEnvironment& environment, const torch::Device& device,
               int timeoutSeconds = 600);
  ~ProcessGroup();

  int rank() const { return environment_.rank; }
  int worldSize() const { return environment_.worldSize; }

  /// Averages tensors (gradients) over the workers in place, in buckets of about 25 MB.
  void allReduceMean(const std::vector<torch::Tensor>& tensors);
  /// Sums a scalar over the workers.
  double allReduceSum(double value);
  /// The workers' tensors concatenated along dimension 0, in rank order; this worker's slice is
  /// `local` itself, so gradients flow into it (the others are copies without history).
  torch::Tensor allGatherKeepingLocalGradient(const torch::Tensor& local);
  /// Copies rank 0's values into `tensors` on every worker.
  void broadcastFromRankZero(const std::vector<torch::Tensor>& tensors);
  void barrier();

 private:
  WorkerEnvironment environment_;
  c10::intrusive_ptr<c10d::ProcessGroup> group_;
};

}  // namespace embedlab::dist
