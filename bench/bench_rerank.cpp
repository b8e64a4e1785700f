// Re-ranking throughput: a MiniLM-L6-sized reranker (6 layers, hidden 384, 12 heads, FFN 1536,
// the size of cross-encoder/ms-marco-MiniLM-L-6-v2) scores (query, passage) pairs of 256 tokens
// with RerankerModel::score (tokenization and length-sorted batches included), beside the same
// network's forward alone on 256-token batches and a 2048² fp32 matmul measured in the same
// run, so that the figure can be compared across machines as a share of the matmul's rate.
//
// usage: bench_rerank [--repeats N] [--pairs N] [--batch N]
#include <torch/torch.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "bench/bench_support.h"
#include "bench/torch_reference.h"
#include "core/data/training_data.h"
#include "core/model/torch/reranker_model_impl.h"
#include "core/runtime/compute_environment.h"
#include "core/runtime/process_environment.h"

int main(int argc, char** argv) {
  embedlab::tuneProcessEnvironment(argv);
  int repeats = 3;
  std::size_t pairCount = 512;
  std::int64_t batch = 32;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--repeats") == 0) repeats = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--pairs") == 0) pairCount = std::strtoul(argv[i + 1], nullptr, 10);
    if (std::strcmp(argv[i], "--batch") == 0) batch = std::atoll(argv[i + 1]);
  }
  const auto environment = embedlab::configureComputeEnvironment(std::nullopt);
  torch::InferenceMode inference;

  const double matmulFlops = embedlab::bench::matmulFlops(repeats);

  embedlab::model::RandomModelOptions options;
  options.layers = 6;
  options.hidden = 384;
  options.heads = 12;
  options.intermediate = 1536;
  const auto reranker = embedlab::model::RerankerModel::createRandom(
      options, EMBEDLAB_SOURCE_DIR "/tests/data/bert-base-uncased");

  // The network alone on full 256-token batches.
  const std::int64_t length = 256;
  embedlab::model::BatchTensors tensors;
  tensors.inputIds = torch::randint(1000, 30000, {batch, length}, torch::kLong);
  tensors.attentionMask = torch::ones({batch, length}, torch::kLong);
  tensors.tokenTypeIds = torch::zeros({batch, length}, torch::kLong);
  const double forwardSeconds =
      embedlab::bench::bestSeconds(repeats, [&] { (void)reranker.impl().logits(tensors); });
  const double flopsPerToken =
      embedlab::bench::encoderFlopsPerToken(6, 384, 1536, static_cast<double>(length));
  const double networkFlops = flopsPerToken * static_cast<double>(batch * length) / forwardSeconds;

  // End to end: real queries with passages long enough to fill 256 tokens (32 + 224).
  std::vector<embedlab::model::TextPair> pairs;
  const auto examples =
      embedlab::readTrainingData(EMBEDLAB_SOURCE_DIR "/resources/demo/train.jsonl");
  for (std::size_t i = 0; pairs.size() < pairCount; ++i) {
    const auto& example = examples[i % examples.size()];
    std::string passage;
    for (std::size_t k = 0; passage.size() < 2000; ++k)
      passage += examples[(i + k) % examples.size()].positives.front() + " ";
    pairs.emplace_back(example.query, passage);
  }
  embedlab::model::RerankOptions rerank;
  rerank.queryMaxLength = 32;
  rerank.passageMaxLength = 224;
  rerank.batchSize = static_cast<std::size_t>(batch);
  const double endToEndSeconds =
      embedlab::bench::bestSeconds(1, [&] { (void)reranker.score(pairs, rerank); });

  std::printf(
      "{\"bench\":\"rerank\",\"model\":\"MiniLM-L6-sized reranker (6x384, FFN 1536)\","
      "\"length\":%lld,\"batch\":%lld,\"pairs_per_s\":%.1f,\"forward_pairs_per_s\":%.1f,"
      "\"network_gflops\":%.1f,\"matmul_gflops\":%.1f,\"mfu\":%.3f,\"pairs\":%zu,"
      "\"threads\":\"%s\"}\n",
      static_cast<long long>(length), static_cast<long long>(batch),
      static_cast<double>(pairs.size()) / endToEndSeconds,
      static_cast<double>(batch) / forwardSeconds, networkFlops / 1e9, matmulFlops / 1e9,
      networkFlops / matmulFlops, pairs.size(), embedlab::describe(environment).c_str());
  return 0;
}
