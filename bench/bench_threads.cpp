// Measures how LibTorch's intra-op (OpenMP) pool and the BLAS's own pool should share the CPUs.
// For each combination of torch threads T and BLAS threads B it times a large fp32 matmul and a
// transformer training step (MiniLM-L6-sized layers: hidden 384, 6 heads, FFN 1536; batch 16 x
// 128 tokens, forward + backward + AdamW), and prints one JSON object per combination plus a
// summary naming the fastest plan and what chooseThreadPlan picks.
//
// Run it twice to see the OpenMP spin effect: plain, and with OMP_WAIT_POLICY=PASSIVE.
//   build/bench/bench_threads [--layers N] [--repeats N]
#include <ATen/Parallel.h>
#include <dlfcn.h>
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "bench/bench_support.h"
#include "core/runtime/compute_environment.h"

namespace {

void setBlasThreads(int threads) {
  using SetThreads = void (*)(int);
  if (auto* set = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"))) {
    set(threads);
  }
}

struct Result {
  int torchThreads;
  int blasThreads;
  double matmulGflops;
  double trainStepMs;
};

}  // namespace

int main(int argc, char** argv) {
  int layers = 2;
  int repeats = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--layers") == 0) layers = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--repeats") == 0) repeats = std::atoi(argv[i + 1]);
  }
  torch::manual_seed(0);
  const embedlab::BlasInfo blas = embedlab::detectBlas();
  const int cpus = embedlab::usableCpuCount();
  const char* waitPolicy = std::getenv("OMP_WAIT_POLICY");

  const auto a = torch::randn({2048, 2048});
  const auto b = torch::randn({2048, 2048});

  torch::nn::TransformerEncoder encoder(torch::nn::TransformerEncoderOptions(
      torch::nn::TransformerEncoderLayerOptions(384, 6).dim_feedforward(1536).dropout(0.0),
      layers));
  torch::optim::AdamW optimizer(encoder->parameters(), torch::optim::AdamWOptions(1e-5));
  const auto tokens = torch::randn({128, 16, 384});  // (sequence, batch, hidden)

  std::vector<Result> results;
  for (int torchThreads = 1; torchThreads <= cpus; ++torchThreads) {
    for (int blasThreads = 1; blasThreads <= cpus; ++blasThreads) {
      at::set_num_threads(torchThreads);
      setBlasThreads(blasThreads);
      const double matmulSeconds =
          embedlab::bench::bestSeconds(repeats, [&] { (void)torch::mm(a, b); });
      const double stepSeconds = embedlab::bench::bestSeconds(repeats, [&] {
        optimizer.zero_grad();
        encoder->forward(tokens).pow(2).mean().backward();
        optimizer.step();
      });
      results.push_back({torchThreads, blasThreads, 2.0 * 2048 * 2048 * 2048 / matmulSeconds / 1e9,
                         stepSeconds * 1e3});
      const Result& r = results.back();
      std::printf(
          "{\"bench\":\"threads\",\"torch_threads\":%d,\"blas_threads\":%d,\"matmul_gflops\":%.1f,"
          "\"train_step_ms\":%.1f,\"omp_wait_policy\":\"%s\",\"blas\":\"%s\",\"layers\":%d}\n",
          r.torchThreads, r.blasThreads, r.matmulGflops, r.trainStepMs,
          waitPolicy ? waitPolicy : "", blas.description.c_str(), layers);
      std::fflush(stdout);
    }
  }
  const Result* fastest = &results.front();
  for (const Result& r : results) {
    if (r.trainStepMs < fastest->trainStepMs) fastest = &r;
  }
  const embedlab::ThreadPlan chosen =
      embedlab::chooseThreadPlan(cpus, blas.kind, embedlab::openMpWaitsPassively());
  const Result* chosenResult = nullptr;
  for (const Result& r : results) {
    if (r.torchThreads == chosen.torchThreads && r.blasThreads == chosen.blasThreads)
      chosenResult = &r;
  }
  std::printf(
      "{\"bench\":\"threads_summary\",\"cpus\":%d,\"fastest_torch_threads\":%d,"
      "\"fastest_blas_threads\":%d,\"chosen_torch_threads\":%d,\"chosen_blas_threads\":%d,"
      "\"chosen_over_fastest_step_time\":%.3f}\n",
      cpus, fastest->torchThreads, fastest->blasThreads, chosen.torchThreads, chosen.blasThreads,
      chosenResult ? chosenResult->trainStepMs / fastest->trainStepMs : 0.0);
  return 0;
}
