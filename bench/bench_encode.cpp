// Encoder throughput and model FLOPs utilisation (MFU) against a large fp32 matmul measured in the
// same run. A MiniLM-L6-sized BERT (6 layers, hidden 384, 12 heads, FFN 1536) embeds passages of
// 128 tokens in batches of 128; MFU = the encoder's useful FLOP/s / the matmul's FLOP/s
// (target >= 0.5). Also times encode() end to end on real texts (tokenization included).
//
// usage: bench_encode [--repeats N] [--texts FILE.jsonl]
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

namespace {}  // namespace

int main(int argc, char** argv) {
  embedlab::tuneProcessEnvironment(argv);
  int repeats = 3;
  std::filesystem::path texts = EMBEDLAB_SOURCE_DIR "/resources/demo/train.jsonl";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--repeats") == 0) repeats = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--texts") == 0) texts = argv[i + 1];
  }
  const auto environment = embedlab::configureComputeEnvironment(std::nullopt);
  torch::InferenceMode inference;

  const double matmulFlops = embedlab::bench::matmulFlops(repeats);

  embedlab::model::RandomModelOptions options;
  options.layers = 6;
  options.hidden = 384;
  options.heads = 12;
  options.intermediate = 1536;
  const auto model = embedlab::model::EmbeddingModel::createRandom(
      options, EMBEDLAB_SOURCE_DIR "/tests/data/bert-base-uncased");
  const std::int64_t batch = 128, length = 128;
  const torch::Tensor ids = torch::randint(1000, 30000, {batch, length}, torch::kLong);
  const torch::Tensor mask = torch::ones({batch, length}, torch::kLong);
  const double forwardSeconds =
      embedlab::bench::bestSeconds(repeats, [&] { (void)model.impl().embed(ids, mask); });
  const double flopsPerToken =
      embedlab::bench::encoderFlopsPerToken(6, 384, 1536, static_cast<double>(length));
  const double encoderFlops = flopsPerToken * static_cast<double>(batch * length) / forwardSeconds;

  // End to end on real texts: tokenization, length-sorted batches, pooling.
  std::vector<std::string> passages;
  for (const auto& example : embedlab::readTrainingData(texts)) {
    passages.push_back(example.positives.front());
    if (passages.size() == 2048) break;
  }
  embedlab::model::EncodeOptions encode;
  encode.maxLength = 128;
  encode.batchSize = 128;
  const double endToEndSeconds =
      embedlab::bench::bestSeconds(1, [&] { (void)model.encode(passages, encode); });

  std::printf(
      "{\"bench\":\"encode\",\"model\":\"MiniLM-L6-sized (6x384, FFN 1536)\",\"batch\":%lld,"
      "\"length\":%lld,\"passages_per_s\":%.1f,\"encoder_gflops\":%.1f,\"matmul_gflops\":%.1f,"
      "\"mfu\":%.3f,\"target_mfu\":0.5,\"end_to_end_passages_per_s\":%.1f,\"end_to_end_texts\":%zu,"
      "\"threads\":\"%s\"}\n",
      static_cast<long long>(batch), static_cast<long long>(length),
      static_cast<double>(batch) / forwardSeconds, encoderFlops / 1e9, matmulFlops / 1e9,
      encoderFlops / matmulFlops, static_cast<double>(passages.size()) / endToEndSeconds,
      passages.size(), embedlab::describe(environment).c_str());
  return 0;
}
