#include "core/dist/torch/process_group.h"

#include <fmt/format.h>
#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#ifdef USE_C10D_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif
#include <torch/torch.h>

#include "core/common/error.h"

namespace embedlab::dist {

namespace {

constexpr std::int64_t kBucketBytes = 25 << 20;

void wait(const c10::intrusive_ptr<c10d::Work>& work, const char* what) {
  try {
    work->wait();
  } catch (const std::exception& error) {
    throw Error(fmt::format("{} across the workers failed (did another worker stop?): {}", what,
                            error.what()));
  }
}

}  // namespace

ProcessGroup::ProcessGroup(const WorkerEnvironment& environment, const torch::Device& device,
                           int timeoutSeconds)
    : environment_(environment) {
  const auto timeout = std::chrono::seconds(timeoutSeconds);
  c10d::TCPStoreOptions storeOptions;
  storeOptions.port = environment.masterPort;
  // Under torchrun the agent serves the store on MASTER_PORT; otherwise rank 0 does.
  storeOptions.isServer = environment.rank == 0 && !environment.agentStore;
  storeOptions.numWorkers = environment.worldSize;
  storeOptions.timeout = std::chrono::duration_cast<std::chrono::milliseconds>(timeout);
  c10::intrusive_ptr<c10d::Store> store;
  try {
    store = c10::make_intrusive<c10d::TCPStore>(environment.masterAddress, storeOptions);
    if (!environment.storePrefix.empty())
      store = c10::make_intrusive<c10d::PrefixStore>(environment.storePrefix, store);
  } catch (const std::exception& error) {
    throw Error(fmt::format("worker {} of {} cannot meet the others at {}:{}: {}", environment.rank,
                            environment.worldSize, environment.masterAddress,
                            environment.masterPort, error.what()));
  }
#ifdef USE_C10D_NCCL
  if (device.is_cuda()) {
    auto options = c10d::ProcessGroupNCCL::Options::create();
    options->timeout = std::chrono::duration_cast<std::chrono::milliseconds>(timeout);
    group_ = c10::make_intrusive<c10d::ProcessGroupNCCL>(store, environment.rank,
                                                         environment.worldSize, options);
    return;
  }
#endif
  if (device.is_cuda()) {
    throw UsageError(
        "multi-GPU training needs a LibTorch built with NCCL (this one has Gloo only)");
  }
  auto options = c10d::ProcessGroupGloo::Options::create(
      std::chrono::duration_cast<std::chrono::milliseconds>(timeout));
  options->devices.push_back(environment.masterAddress == "127.0.0.1" ||
                                     environment.masterAddress == "localhost"
                                 ? c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1")
                                 : c10d::ProcessGroupGloo::createDefaultDevice());
  group_ = c10::make_intrusive<c10d::ProcessGroupGloo>(store, environment.rank,
                                                       environment.worldSize, options);
}

ProcessGroup::~ProcessGroup() = default;

void ProcessGroup::allReduceMean(const std::vector<torch::Tensor>& tensors) {
  torch::NoGradGuard noGrad;
  std::size_t start = 0;
  while (start < tensors.size()) {
    // A bucket: consecutive tensors up to ~25 MB, flattened into one buffer.
    std::size_t end = start;
    std::int64_t bytes = 0;
    while (end < tensors.size() &&
           (end == start || bytes + tensors[end].nbytes() <= kBucketBytes)) {
      bytes += static_cast<std::int64_t>(tensors[end].nbytes());
      ++end;
    }
    std::vector<torch::Tensor> flat;
    for (std::size_t i = start; i < end; ++i)
      flat.push_back(tensors[i].reshape({-1}));
    std::vector<torch::Tensor> buffer = {torch::cat(flat)};
    wait(group_->allreduce(buffer), "averaging gradients");
    buffer[0].div_(environment_.worldSize);
    std::int64_t offset = 0;
    for (std::size_t i = start; i < end; ++i) {
      const std::int64_t n = tensors[i].numel();
      tensors[i].copy_(buffer[0].narrow(0, offset, n).view_as(tensors[i]));
      offset += n;
    }
    start = end;
  }
}

double ProcessGroup::allReduceSum(double value) {
  std::vector<torch::Tensor> buffer = {torch::tensor({value}, torch::kDouble)};
  wait(group_->allreduce(buffer), "summing a value");
  return buffer[0].item<double>();
}

torch::Tensor ProcessGroup::allGatherKeepingLocalGradient(const torch::Tensor& local) {
  std::vector<torch::Tensor> input = {local.detach().contiguous()};
  std::vector<std::vector<torch::Tensor>> output(1);
  for (int r = 0; r < environment_.worldSize; ++r)
    output[0].push_back(torch::empty_like(input[0]));
  wait(group_->allgather(output, input), "gathering embeddings");
  output[0][static_cast<std::size_t>(environment_.rank)] = local;
  return torch::cat(output[0], 0);
}

void ProcessGroup::broadcastFromRankZero(const std::vector<torch::Tensor>& tensors) {
  torch::NoGradGuard noGrad;
  for (const torch::Tensor& tensor : tensors) {
    std::vector<torch::Tensor> buffer = {tensor.detach()};
    wait(group_->broadcast(buffer), "broadcasting the model");
  }
}

void ProcessGroup::barrier() {
  wait(group_->barrier(), "waiting for the workers");
}

}  // namespace embedlab::dist
