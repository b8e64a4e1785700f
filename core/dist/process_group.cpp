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

const char* nameOf(std::int64_t kind) {
  switch (kind) {
    case 1: return "an all-reduce";
    case 2: return "an all-gather";
    case 3: return "a broadcast";
    case 4: return "a barrier";
    default: return "an unknown collective";
  }
}

}  // namespace

ProcessGroup::ProcessGroup(const WorkerEnvironment& environment, const torch::Device& device,
                           const std::string& backend, int timeoutSeconds)
    : environment_(environment), device_(device) {
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
  const bool nccl = backend == "nccl" || (backend == "auto" && device.is_cuda());
  if (nccl && !device.is_cuda())
    throw UsageError("--ddp_backend nccl needs CUDA devices; on the CPU use gloo (or auto)");
#ifdef USE_C10D_NCCL
  if (nccl) {
    auto options = c10d::ProcessGroupNCCL::Options::create();
    options->timeout = std::chrono::duration_cast<std::chrono::milliseconds>(timeout);
    group_ = c10::make_intrusive<c10d::ProcessGroupNCCL>(store, environment.rank,
                                                         environment.worldSize, options);
    return;
  }
#endif
  if (nccl) {
    throw UsageError(
        "multi-GPU training with NCCL needs a LibTorch built with it (this one has Gloo only): "
        "use --ddp_backend gloo");
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

void ProcessGroup::checkInStep(Collective kind, std::int64_t elements, const char* what) {
  torch::NoGradGuard noGrad;
  const std::int64_t mine[3] = {sequence_++, static_cast<std::int64_t>(kind), elements};
  std::vector<torch::Tensor> input = {
      torch::tensor(at::ArrayRef<std::int64_t>(mine, 3), torch::TensorOptions().dtype(torch::kLong))
          .to(device_)};
  std::vector<std::vector<torch::Tensor>> output(1);
  for (int r = 0; r < environment_.worldSize; ++r)
    output[0].push_back(torch::empty_like(input[0]));
  wait(group_->allgather(output, input), what);
  const torch::Tensor all = torch::stack(output[0]).to(torch::kCPU);
  const auto rows = all.accessor<std::int64_t, 2>();
  bool same = true;
  for (int r = 1; r < environment_.worldSize; ++r) {
    for (int k = 0; k < 3; ++k)
      same = same && rows[r][k] == rows[0][k];
  }
  if (same) return;
  std::string doing;
  for (int r = 0; r < environment_.worldSize; ++r) {
    doing += fmt::format("{}worker {}: collective #{}, {} of {} elements", r == 0 ? "" : "; ", r,
                         rows[r][0] + 1, nameOf(rows[r][1]), rows[r][2]);
  }
  throw Error(fmt::format(
      "the workers are out of step: worker {} was about to do {} ({}) but they differ ({}). "
      "Every worker must issue the same collectives in the same order; this is a bug in "
      "EmbedLab, please report it with the command line",
      environment_.rank, nameOf(static_cast<std::int64_t>(kind)), what, doing));
}

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
    checkInStep(Collective::AllReduce, buffer[0].numel(), "averaging gradients");
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
  return allReduceSum(std::vector<double>{value}).front();
}

std::vector<double> ProcessGroup::allReduceSum(const std::vector<double>& values) {
  torch::NoGradGuard noGrad;
  std::vector<torch::Tensor> buffer = {
      torch::tensor(values, torch::TensorOptions().dtype(torch::kDouble)).to(device_)};
  checkInStep(Collective::AllReduce, buffer[0].numel(), "summing values");
  wait(group_->allreduce(buffer), "summing values");
  const torch::Tensor sums = buffer[0].to(torch::kCPU).contiguous();
  return std::vector<double>(sums.data_ptr<double>(), sums.data_ptr<double>() + sums.numel());
}

std::vector<torch::Tensor> ProcessGroup::allGather(const torch::Tensor& local) {
  torch::NoGradGuard noGrad;
  std::vector<torch::Tensor> input = {local.detach().to(device_).contiguous()};
  std::vector<std::vector<torch::Tensor>> output(1);
  for (int r = 0; r < environment_.worldSize; ++r)
    output[0].push_back(torch::empty_like(input[0]));
  checkInStep(Collective::AllGather, input[0].numel(), "gathering tensors");
  wait(group_->allgather(output, input), "gathering tensors");
  return output[0];
}

torch::Tensor ProcessGroup::allGatherKeepingLocalGradient(const torch::Tensor& local) {
  std::vector<torch::Tensor> all = allGather(local);
  all[static_cast<std::size_t>(environment_.rank)] = local;
  return torch::cat(all, 0);
}

void ProcessGroup::broadcastFromRankZero(const std::vector<torch::Tensor>& tensors) {
  torch::NoGradGuard noGrad;
  for (const torch::Tensor& tensor : tensors) {
    std::vector<torch::Tensor> buffer = {tensor.detach()};
    checkInStep(Collective::Broadcast, tensor.numel(), "broadcasting the model");
    wait(group_->broadcast(buffer), "broadcasting the model");
  }
}

void ProcessGroup::barrier() {
  checkInStep(Collective::Barrier, 0, "waiting for the workers");
  wait(group_->barrier(), "waiting for the workers");
}

}  // namespace embedlab::dist
