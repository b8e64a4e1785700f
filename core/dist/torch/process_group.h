// The collectives a multi-process run needs, over c10d process groups (Gloo on CPU, NCCL on
// CUDA when LibTorch has it, Gloo on CUDA tensors when asked: NCCL refuses two workers on one
// GPU). The only place in EmbedLab that calls c10d.
//
// Workers must issue the same collectives in the same order; one that issues another (a bug,
// or data that makes one worker take another path) would otherwise pair its collective with a
// different one of its peers and fail obscurely or wait for the timeout. So before each
// collective the workers exchange a small fixed-size record of what they are about to do (its
// number in the run, its kind and its size, as PyTorch's TORCH_DISTRIBUTED_DEBUG=DETAIL does)
// and stop at once, with a message naming what each worker was doing, when they differ.
// INTERNAL to core (LibTorch types).
#pragma once

#include <torch/types.h>

#include <memory>
#include <string>
#include <vector>

#include "core/dist/worker_environment.h"

namespace c10d {
class ProcessGroup;
}

namespace embedlab::dist {

class ProcessGroup {
 public:
  /// Joins the group described by `environment` (rank 0 hosts the rendezvous store). `backend`
  /// is auto (NCCL on CUDA, Gloo on the CPU), nccl or gloo (Gloo also moves CUDA tensors).
  /// Collectives time out after `timeoutSeconds`, so that a dead peer ends the run with an
  /// error, not a hang.
  ProcessGroup(const WorkerEnvironment& environment, const torch::Device& device,
               const std::string& backend = "auto", int timeoutSeconds = 600);
  ~ProcessGroup();

  int rank() const { return environment_.rank; }
  int worldSize() const { return environment_.worldSize; }

  /// Averages tensors (gradients) over the workers in place, in buckets of about 25 MB.
  void allReduceMean(const std::vector<torch::Tensor>& tensors);
  /// Sums a scalar over the workers.
  double allReduceSum(double value);
  /// Sums each of `values` over the workers (one collective).
  std::vector<double> allReduceSum(const std::vector<double>& values);
  /// Every worker's `local` (same shape everywhere), in rank order, on this worker's device.
  std::vector<torch::Tensor> allGather(const torch::Tensor& local);
  /// The workers' tensors concatenated along dimension 0, in rank order; this worker's slice is
  /// `local` itself, so gradients flow into it (the others are copies without history).
  torch::Tensor allGatherKeepingLocalGradient(const torch::Tensor& local);
  /// Copies rank 0's values into `tensors` on every worker.
  void broadcastFromRankZero(const std::vector<torch::Tensor>& tensors);
  void barrier();

 private:
  enum class Collective : std::int64_t { AllReduce = 1, AllGather, Broadcast, Barrier };
  /// Exchanges (sequence number, kind, elements) with the peers before a collective; throws
  /// Error naming every worker's collective when they differ.
  void checkInStep(Collective kind, std::int64_t elements, const char* what);

  WorkerEnvironment environment_;
  torch::Device device_;
  c10::intrusive_ptr<c10d::ProcessGroup> group_;
  std::int64_t sequence_ = 0;  ///< collectives issued so far
};

}  // namespace embedlab::dist
