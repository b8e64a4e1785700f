// Training throughput and memory.
//  - samples/s and tokens/s of `train` steps for a MiniLM-L6-sized model (6 x 384, FFN 1536) and
//    a tiny one (2 x 128), at batch 16, group 2, queries of 32 and passages of 128 tokens, with
//    model FLOPs utilisation (MFU) against a 2048^2 matmul measured in the same run (target
//    >= 0.4; training FLOPs = 3 x forward FLOPs);
//  - peak memory (RSS growth, in a child process each) of a batch of 256 with and without the
//    gradient cache.
// Prints one JSON object per measurement on stdout.
// --pooling cls|mean (default cls, as the peer script and FlagEmbedding pool; with cls the last
// layer computes the first token's row alone, while the FLOP count stays the full encoder's).
// --bf16 trains under bfloat16 autocast (as `train --bf16`); --preset tiny|mini|small (repeatable;
// default tiny and small, as bench/peer/ref_train_step.py names them); --no-memory skips the
// memory runs; --profile FILE writes a Chrome trace of the measured run (LibTorch's profiler).
//
// usage: bench_train [--steps N] [--preset NAME]... [--skip-large] [--bf16] [--no-memory]
//                    [--pooling cls|mean] [--profile trace.json]
#include <torch/csrc/autograd/profiler_legacy.h>
#include <torch/torch.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>

#include "bench/bench_support.h"
#include "core/model/embedding_model.h"
#include "core/runtime/compute_environment.h"
#include "core/runtime/process_environment.h"
#include "core/train/trainer.h"

namespace {

const std::filesystem::path kTokenizer = EMBEDLAB_SOURCE_DIR "/tests/data/bert-base-uncased";

// Texts of plain lowercase words: with the uncased vocabulary every word is one token, so a text
// of n-2 words is exactly n tokens long.
std::string words(std::mt19937& random, int count) {
  static const char* vocabulary[] = {"package", "library", "the",    "data",   "file",   "tool",
                                     "server",  "client",  "python", "module", "system", "network",
                                     "video",   "audio",   "game",   "text"};
  std::string text;
  for (int i = 0; i < count; ++i)
    text += std::string(i ? " " : "") + vocabulary[random() % 16];
  return text;
}

std::filesystem::path writeData(const std::filesystem::path& folder, int lines) {
  std::mt19937 random(1);
  const auto path = folder / "train.jsonl";
  std::ofstream out(path);
  for (int i = 0; i < lines; ++i) {
    out << nlohmann::json{{"query", words(random, 30)},
                          {"pos", {words(random, 126)}},
                          {"neg", {words(random, 126)}}}
               .dump()
        << "\n";
  }
  return path;
}

void savePresetModel(const embedlab::bench::Preset& preset, const std::filesystem::path& folder,
                     embedlab::model::Pooling pooling = embedlab::model::Pooling::Cls) {
  embedlab::model::EmbeddingModel::createRandom(
      embedlab::bench::randomModelOptions(preset, pooling), kTokenizer)
      .save(folder);
}

class LastRecord : public embedlab::train::TrainingObserver {
 public:
  void onLog(const embedlab::train::TrainingLogRecord& record) override { last = record; }
  embedlab::train::TrainingLogRecord last;
};

double matmulGflops() {
  torch::InferenceMode inference;
  const auto a = torch::randn({2048, 2048});
  const auto b = torch::randn({2048, 2048});
  (void)torch::mm(a, b);
  double best = 1e300;
  for (int i = 0; i < 3; ++i) {
    const auto start = std::chrono::steady_clock::now();
    (void)torch::mm(a, b);
    best = std::min(
        best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return 2.0 * 2048 * 2048 * 2048 / best / 1e9;
}

embedlab::train::TrainingOptions options(const std::filesystem::path& model,
                                         const std::filesystem::path& data,
                                         const std::filesystem::path& output, int batch,
                                         int steps) {
  embedlab::train::TrainingOptions o;
  o.modelNameOrPath = model.string();
  o.trainData = {data.string()};
  o.outputDir = output.string();
  o.perDeviceTrainBatchSize = batch;
  o.trainGroupSize = 2;
  o.queryMaxLen = 32;
  o.passageMaxLen = 128;
  o.maxSteps = steps;
  o.loggingSteps = steps;  // one record: the mean over all steps but the first (see below)
  o.saveSteps = 0;
  return o;
}

// The peak RSS growth of one training step at batch 256, measured in a fresh process (a forked
// one would inherit LibTorch's OpenMP pool, which does not survive fork).
long peakRssGrowthKiB(bool gradCache, const std::filesystem::path& folder) {
  const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  const std::string command = self + " --memory-run " + std::string(gradCache ? "1" : "0") + " " +
                              folder.string() + " 2>/dev/null";
  FILE* child = ::popen(command.c_str(), "r");
  long growth = -1;
  if (child != nullptr && std::fscanf(child, "%ld", &growth) != 1) growth = -1;
  if (child != nullptr) ::pclose(child);
  return growth;
}

}  // namespace

int main(int argc, char** argv) {
  embedlab::tuneProcessEnvironment(argv);
  if (argc == 4 && std::strcmp(argv[1], "--memory-run") == 0) {
    embedlab::configureComputeEnvironment(std::nullopt);
    const std::filesystem::path folder = argv[3];
    const long before = embedlab::bench::statusKiB("VmRSS:");
    auto o = options(folder / "model-tiny", folder / "train.jsonl", folder / "memory", 256, 1);
    o.gradCache = std::strcmp(argv[2], "1") == 0;
    o.gcChunkSize = 32;
    embedlab::train::runTraining(o);
    std::printf("%ld\n", embedlab::bench::statusKiB("VmHWM:") - before);
    return 0;
  }
  int steps = 6;
  bool bf16 = false;
  bool memory = true;
  std::string profile;  // a Chrome trace of the measured run (chrome://tracing, Perfetto)
  std::string pooling = "cls";
  std::vector<std::string> presetNames;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--steps") == 0 && i + 1 < argc) steps = std::atoi(argv[++i]);
    if (std::strcmp(argv[i], "--preset") == 0 && i + 1 < argc) presetNames.push_back(argv[++i]);
    if (std::strcmp(argv[i], "--skip-large") == 0) presetNames = {"tiny"};
    if (std::strcmp(argv[i], "--bf16") == 0) bf16 = true;
    if (std::strcmp(argv[i], "--pooling") == 0 && i + 1 < argc) pooling = argv[++i];
    if (std::strcmp(argv[i], "--no-memory") == 0) memory = false;
    if (std::strcmp(argv[i], "--profile") == 0 && i + 1 < argc) profile = argv[++i];
  }
  if (presetNames.empty()) presetNames = {"tiny", "small"};
  const auto environment = embedlab::configureComputeEnvironment(std::nullopt);
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("embedlab-bench-train-" + std::to_string(getpid()));
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  const auto data = writeData(folder, 600);
  const double matmul = matmulGflops();

  for (const std::string& name : presetNames) {
    const embedlab::bench::Preset& size = embedlab::bench::presetNamed(name);
    const auto model = folder / ("model-" + name);
    savePresetModel(size, model, embedlab::bench::poolingNamed(pooling));
    // A first short run warms up allocations and thread pools; the measured run follows.
    auto warm = options(model, data, folder / "warm", 16, 1);
    warm.bf16 = bf16;
    embedlab::train::runTraining(warm);
    LastRecord observer;
    auto run = options(model, data, folder / "run", 16, steps);
    run.bf16 = bf16;
    if (profile.empty()) {
      embedlab::train::runTraining(run, &observer);
    } else {
      const torch::autograd::profiler::RecordProfile recording(profile);
      embedlab::train::runTraining(run, &observer);
    }
    const double H = static_cast<double>(size.hidden), I = static_cast<double>(size.intermediate);
    const auto tokenFlops = [&](double length) {
      return 2 * (4 * H * H + 2 * H * I) + 4 * length * H;
    };
    const double forwardPerQuery =
        static_cast<double>(size.layers) * (32 * tokenFlops(32) + 2 * 128 * tokenFlops(128));
    const double trainingFlops = 3 * forwardPerQuery * observer.last.samplesPerSecond;
    std::printf(
        "{\"bench\":\"train\",\"preset\":\"%s\",\"precision\":\"%s\",\"pooling\":\"%s\","
        "\"layers\":%lld,"
        "\"hidden\":%lld,\"batch\":16,\"group\":2,\"query_len\":32,\"passage_len\":128,"
        "\"samples_per_s\":%.2f,\"tokens_per_s\":%.0f,\"training_gflops\":%.1f,"
        "\"matmul_gflops\":%.1f,\"mfu\":%.3f,\"target_mfu\":0.4,\"threads\":\"%s\"}\n",
        size.name, bf16 ? "bf16" : "fp32", pooling.c_str(), static_cast<long long>(size.layers),
        static_cast<long long>(size.hidden), observer.last.samplesPerSecond,
        observer.last.tokensPerSecond, trainingFlops / 1e9, matmul, trainingFlops / 1e9 / matmul,
        embedlab::describe(environment).c_str());
    std::fflush(stdout);
  }
  if (!memory) {
    std::filesystem::remove_all(folder);
    return 0;
  }

  if (!std::filesystem::exists(folder / "model-tiny")) {
    savePresetModel(embedlab::bench::presetNamed("tiny"), folder / "model-tiny");
  }
  for (const bool gradCache : {false, true}) {
    const long kib = peakRssGrowthKiB(gradCache, folder);
    std::printf(
        "{\"bench\":\"train_memory\",\"model\":\"tiny (2 x 128, FFN "
        "512)\",\"batch\":256,\"group\":2,"
        "\"grad_cache\":%s,\"gc_chunk_size\":32,\"peak_rss_growth_mib\":%.0f}\n",
        gradCache ? "true" : "false", static_cast<double>(kib) / 1024.0);
    std::fflush(stdout);
  }
  std::filesystem::remove_all(folder);
  return 0;
}
