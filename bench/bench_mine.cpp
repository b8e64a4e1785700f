// Hard-negative mining, where the time goes: tokenizing, encoding (tokenizing included), exact
// search, choosing negatives and writing, on the Debian package descriptions of shared/data
// (the demo workspace when shared/ is absent). Then exact search alone against its floor: the
// matrix product of the queries with the candidates, timed in the same run (FAISS's flat search
// is that product plus a top-k; target: under 2x the product).
//
// usage: bench_mine [--lines N] [--model DIR] [--repeats N] [--search-size N]
//   --model: a model folder (default: a random BERT of 2 layers, hidden 128)
//   --search-size: candidates for the search-vs-matmul part (default 100000, dimension 384)
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>

#include "bench/bench_support.h"
#include "core/data/training_data.h"
#include "core/index/vector_index.h"
#include "core/mine/candidate_search.h"
#include "core/mine/negative_selection.h"
#include "core/model/embedding_model.h"
#include "core/runtime/compute_environment.h"
#include "core/runtime/process_environment.h"

namespace {

double secondsOf(const std::function<void()>& work) {
  const auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::filesystem::path defaultData() {
  const std::filesystem::path shared =
      EMBEDLAB_SOURCE_DIR "/../shared/data/debian-packages/train.jsonl";
  if (std::filesystem::exists(shared)) return shared;
  return EMBEDLAB_SOURCE_DIR "/resources/demo/train.jsonl";
}

}  // namespace

int main(int argc, char** argv) {
  embedlab::tuneProcessEnvironment(argv);
  std::size_t lines = 5000;
  std::size_t searchSize = 100000;
  int repeats = 3;
  std::filesystem::path modelFolder;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--lines") == 0) lines = std::stoul(argv[i + 1]);
    if (std::strcmp(argv[i], "--model") == 0) modelFolder = argv[i + 1];
    if (std::strcmp(argv[i], "--repeats") == 0) repeats = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--search-size") == 0) searchSize = std::stoul(argv[i + 1]);
  }
  const auto environment = embedlab::configureComputeEnvironment(std::nullopt);
  namespace mine = embedlab::mine;
  namespace model = embedlab::model;

  // --- the mining job, phase by phase ---
  const std::filesystem::path data = defaultData();
  std::vector<embedlab::TrainingExample> examples = embedlab::readTrainingData(data);
  if (examples.size() > lines) examples.resize(lines);
  model::RandomModelOptions random;
  random.layers = 2;
  random.hidden = 128;
  random.heads = 2;
  random.intermediate = 512;
  const model::EmbeddingModel encoder =
      modelFolder.empty() ? model::EmbeddingModel::createRandom(
                                random, EMBEDLAB_SOURCE_DIR "/tests/data/bert-base-uncased")
                          : model::EmbeddingModel::load(modelFolder);
  const std::vector<std::string> candidates = mine::candidateTexts(examples, nullptr);

  std::vector<std::string> queries;
  for (const auto& example : examples)
    queries.push_back(example.query);
  embedlab::text::TruncationOptions truncation;
  truncation.maxLength = 128;
  const double tokenizeSeconds = secondsOf([&] {
    (void)encoder.tokenizer().encodeBatch(candidates, truncation);
    (void)encoder.tokenizer().encodeBatch(queries, truncation);
  });

  mine::CandidateSearchOptions options;
  options.depth = 200;
  options.maxLength = 128;
  options.batchSize = 128;
  mine::CandidateSearch search;
  const double totalSearchSeconds =
      secondsOf([&] { search = mine::searchCandidates(encoder, examples, candidates, options); });
  mine::SelectionOptions selection;
  selection.rangeStart = 10;
  selection.rangeEnd = 200;
  selection.relativeMargin = 0.05;
  mine::Selection chosen;
  const double selectSeconds =
      secondsOf([&] { chosen = mine::selectNegatives(search, examples, selection); });
  const std::filesystem::path output =
      std::filesystem::temp_directory_path() / "embedlab-bench-mine.jsonl";
  const double writeSeconds = secondsOf([&] {
    mine::applySelection(examples, search, chosen, mine::ScoreFields::Negatives);
    embedlab::writeTrainingData(output, examples);
  });
  std::filesystem::remove(output);

  std::printf(
      "{\"bench\":\"mine\",\"data\":\"%s\",\"queries\":%zu,\"candidates\":%zu,\"dimension\":%zu,"
      "\"model\":\"%s\",\"seconds\":{\"tokenize\":%.3f,\"encode_with_tokenize\":%.3f,"
      "\"search\":%.3f,\"select\":%.4f,\"write\":%.3f},\"share\":{\"encode\":%.3f,"
      "\"search\":%.3f,\"select_and_write\":%.3f},\"other_seconds\":%.3f,\"threads\":\"%s\"}\n",
      data.filename().c_str(), examples.size(), candidates.size(), search.dimension,
      modelFolder.empty() ? "random BERT 2x128" : modelFolder.c_str(), tokenizeSeconds,
      search.encodeSeconds, search.searchSeconds, selectSeconds, writeSeconds,
      search.encodeSeconds / (totalSearchSeconds + selectSeconds + writeSeconds),
      search.searchSeconds / (totalSearchSeconds + selectSeconds + writeSeconds),
      (selectSeconds + writeSeconds) / (totalSearchSeconds + selectSeconds + writeSeconds),
      totalSearchSeconds - search.encodeSeconds - search.searchSeconds,
      embedlab::describe(environment).c_str());

  // --- exact search against the matrix-product floor ---
  const std::int64_t dimension = 384, queryCount = 2000, k = 200;
  torch::manual_seed(0);
  const torch::Tensor base = torch::nn::functional::normalize(
      torch::randn({static_cast<std::int64_t>(searchSize), dimension}),
      torch::nn::functional::NormalizeFuncOptions().dim(1));
  const torch::Tensor query = torch::nn::functional::normalize(
      torch::randn({queryCount, dimension}), torch::nn::functional::NormalizeFuncOptions().dim(1));
  torch::InferenceMode inference;
  const double matmulSeconds =
      embedlab::bench::bestSeconds(repeats, [&] { (void)torch::mm(query, base.t()); });
  const double matmulTopkSeconds =
      embedlab::bench::bestSeconds(repeats, [&] { (void)torch::mm(query, base.t()).topk(k, 1); });
  embedlab::index::IndexOptions flat;
  const embedlab::index::VectorIndex index(base.data_ptr<float>(), searchSize,
                                           static_cast<std::size_t>(dimension), flat);
  const double faissSeconds = embedlab::bench::bestSeconds(repeats, [&] {
    (void)index.search(query.data_ptr<float>(), static_cast<std::size_t>(queryCount),
                       static_cast<std::size_t>(k));
  });
  std::printf(
      "{\"bench\":\"exact_search\",\"candidates\":%zu,\"queries\":%lld,\"dimension\":%lld,"
      "\"k\":%lld,\"faiss_flat_s\":%.4f,\"matmul_s\":%.4f,\"matmul_topk_s\":%.4f,"
      "\"ratio_to_matmul\":%.2f,\"ratio_to_matmul_topk\":%.2f,\"target_ratio_to_matmul\":2.0}\n",
      searchSize, static_cast<long long>(queryCount), static_cast<long long>(dimension),
      static_cast<long long>(k), faissSeconds, matmulSeconds, matmulTopkSeconds,
      faissSeconds / matmulSeconds, faissSeconds / matmulTopkSeconds);
  return 0;
}
