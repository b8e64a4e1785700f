// Encoder throughput and model FLOPs utilisation (MFU) against a large fp32 matmul measured in the
// same run. A BERT of each --preset (tiny, mini, small = MiniLM-L6-sized: 6 layers, hidden 384,
// 12 heads, FFN 1536; default small) embeds passages of 128 tokens in batches of 128; MFU = the
// encoder's useful FLOP/s / the matmul's FLOP/s (target >= 0.5). Also times encode() end to end
// on real texts (tokenization included). --bf16 and --int8 encode as `encode --bf16` and
// `encode --int8` do (int8: run also with ONEDNN_MAX_CPU_ISA=AVX512_CORE_VNNI to see a CPU
// without AMX and bf16).
//
// --pooling cls|mean (default cls, as the peer script and FlagEmbedding pool; with cls the last
// layer computes the first token's row alone, while the FLOP count stays the full encoder's).
// --profile FILE writes a Chrome trace of one forward pass (LibTorch's profiler).
//
// usage: bench_encode [--repeats N] [--texts FILE.jsonl] [--preset NAME]... [--bf16 | --int8]
//                     [--pooling cls|mean] [--profile trace.json]
#include <torch/csrc/autograd/profiler_legacy.h>
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "bench/bench_support.h"
#include "bench/torch_reference.h"
#include "core/data/training_data.h"
#include "core/model/torch/embedding_model_impl.h"
#include "core/runtime/compute_environment.h"
#include "core/runtime/process_environment.h"

int main(int argc, char** argv) {
  embedlab::tuneProcessEnvironment(argv);
  int repeats = 3;
  bool bf16 = false;
  bool int8 = false;
  std::string profile;  // a Chrome trace of one forward pass per preset (chrome://tracing)
  std::string pooling = "cls";
  std::vector<std::string> presetNames;
  std::filesystem::path texts = EMBEDLAB_SOURCE_DIR "/resources/demo/train.jsonl";
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--repeats") == 0 && i + 1 < argc) repeats = std::atoi(argv[++i]);
    if (std::strcmp(argv[i], "--texts") == 0 && i + 1 < argc) texts = argv[++i];
    if (std::strcmp(argv[i], "--preset") == 0 && i + 1 < argc) presetNames.push_back(argv[++i]);
    if (std::strcmp(argv[i], "--bf16") == 0) bf16 = true;
    if (std::strcmp(argv[i], "--int8") == 0) int8 = true;
    if (std::strcmp(argv[i], "--pooling") == 0 && i + 1 < argc) pooling = argv[++i];
    if (std::strcmp(argv[i], "--profile") == 0 && i + 1 < argc) profile = argv[++i];
  }
  if (presetNames.empty()) presetNames = {"small"};
  const auto environment = embedlab::configureComputeEnvironment(std::nullopt);
  torch::InferenceMode inference;

  const double matmulFlops = embedlab::bench::matmulFlops(repeats);

  // Real texts for the end-to-end run: tokenization, length-sorted batches, pooling.
  std::vector<std::string> passages;
  for (const auto& example : embedlab::readTrainingData(texts)) {
    passages.push_back(example.positives.front());
    if (passages.size() == 2048) break;
  }

  for (const std::string& name : presetNames) {
    const embedlab::bench::Preset& preset = embedlab::bench::presetNamed(name);
    const auto model = embedlab::model::EmbeddingModel::createRandom(
        embedlab::bench::randomModelOptions(preset, embedlab::bench::poolingNamed(pooling)),
        EMBEDLAB_SOURCE_DIR "/tests/data/bert-base-uncased");
    const std::int64_t batch = 128, length = 128;
    const torch::Tensor ids = torch::randint(1000, 30000, {batch, length}, torch::kLong);
    const torch::Tensor mask = torch::ones({batch, length}, torch::kLong);
    // The forward pass as encode() runs it: the bf16 or int8 copy of the encoder where the CPU
    // runs them.
    const bool int8Copy = int8 && environment.int8Missing.empty();
    const bool bf16Copy = !int8Copy && bf16 && environment.cpu.nativeBf16();
    const auto forward = [&] {
      auto& impl = model.impl();
      if (!int8Copy && !bf16Copy) return impl.embed(ids, mask);
      using embedlab::model::CpuPrecision;
      return impl.embedWith(
          impl.cpuInferenceCopy(int8Copy ? CpuPrecision::Int8 : CpuPrecision::Bf16), ids, mask, {});
    };
    const double forwardSeconds = embedlab::bench::bestSeconds(repeats, [&] { (void)forward(); });
    if (!profile.empty()) {
      const torch::autograd::profiler::RecordProfile recording(profile);
      (void)forward();
    }
    const double flopsPerToken = embedlab::bench::encoderFlopsPerToken(
        static_cast<double>(preset.layers), static_cast<double>(preset.hidden),
        static_cast<double>(preset.intermediate), static_cast<double>(length));
    const double encoderFlops =
        flopsPerToken * static_cast<double>(batch * length) / forwardSeconds;

    embedlab::model::EncodeOptions encode;
    encode.maxLength = 128;
    encode.batchSize = 128;
    encode.bf16 = bf16;
    encode.int8 = int8;
    const double endToEndSeconds =
        embedlab::bench::bestSeconds(1, [&] { (void)model.encode(passages, encode); });

    std::printf(
        "{\"bench\":\"encode\",\"preset\":\"%s\",\"precision\":\"%s\",\"pooling\":\"%s\","
        "\"layers\":%lld,"
        "\"hidden\":%lld,\"batch\":%lld,\"length\":%lld,\"passages_per_s\":%.1f,"
        "\"encoder_gflops\":%.1f,\"matmul_gflops\":%.1f,\"mfu\":%.3f,\"target_mfu\":0.5,"
        "\"end_to_end_passages_per_s\":%.1f,\"end_to_end_texts\":%zu,\"threads\":\"%s\"}\n",
        preset.name, pooling.c_str(),
        int8Copy   ? "int8"
        : bf16Copy ? "bf16"
                   : "fp32",
        static_cast<long long>(preset.layers), static_cast<long long>(preset.hidden),
        static_cast<long long>(batch), static_cast<long long>(length),
        static_cast<double>(batch) / forwardSeconds, encoderFlops / 1e9, matmulFlops / 1e9,
        encoderFlops / matmulFlops, static_cast<double>(passages.size()) / endToEndSeconds,
        passages.size(), embedlab::describe(environment).c_str());
    std::fflush(stdout);
  }
  return 0;
}
