// What evaluating on a dev set during training costs (train --eval_data): the demo's training
// (its model size, batch 32, group 4, 32/64 tokens, two epochs) with an evaluation every 50
// steps on the demo's dev set (2008 documents, 500 queries), run through core's trainer.
// Prints one JSON line: the mean seconds of one evaluation, the seconds 50 training steps take
// (the log's time without the evaluations), and their ratio, which should stay below 0.15.
//
// Usage: bench_dev_eval [EVAL_STEPS]   (default 50)
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/data/training_example.h"
#include "core/model/embedding_model.h"
#include "core/train/trainer.h"

using namespace embedlab;

namespace {

const std::filesystem::path kSource = EMBEDLAB_SOURCE_DIR;

class Timings : public train::TrainingObserver {
 public:
  void onLog(const train::TrainingLogRecord& record) override {
    lastStep = record.step;
    lastElapsed = record.elapsedSeconds;
  }
  void onEvaluation(const train::EvaluationRecord& record) override {
    evaluationSeconds.push_back(record.seconds);
  }
  std::int64_t lastStep = 0;
  double lastElapsed = 0;
  std::vector<double> evaluationSeconds;
};

}  // namespace

int main(int argc, char** argv) {
  const int evalSteps = argc > 1 ? std::atoi(argv[1]) : 50;
  const std::filesystem::path work =
      std::filesystem::temp_directory_path() / "embedlab-bench-dev-eval";
  std::filesystem::remove_all(work);
  std::filesystem::create_directories(work);

  // The demo's model size (scripts/demo-pipeline.sh's init-model).
  model::RandomModelOptions size;
  size.layers = 2;
  size.hidden = 64;
  size.heads = 2;
  size.intermediate = 256;
  size.seed = 1;
  model::EmbeddingModel::createRandom(size, kSource / "tests/data/bert-base-uncased")
      .save(work / "base");

  // The demo's training file with three negatives per line (other lines' positives), so that
  // each step costs what the demo's mined group of 4 costs.
  std::vector<nlohmann::json> lines;
  std::ifstream in(kSource / "resources/demo/train.jsonl");
  for (std::string line; std::getline(in, line);)
    lines.push_back(nlohmann::json::parse(line));
  std::ofstream out(work / "train.jsonl");
  std::mt19937 random(7);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    nlohmann::json line = lines[i];
    line["neg"] = nlohmann::json::array();
    for (int n = 0; n < 3; ++n)
      line["neg"].push_back(
          lines[(i + 1 + random() % (lines.size() - 1)) % lines.size()]["pos"][0]);
    out << line.dump() << "\n";
  }
  out.close();

  // The demo workspace's own training settings (what its Training panel starts from).
  std::ifstream settings(kSource / "resources/demo/embedlab-workspace.json");
  train::TrainingOptions options =
      train::TrainingOptions::fromJson(nlohmann::json::parse(settings).at("train"), "demo");
  options.modelNameOrPath = (work / "base").string();
  options.trainData = {(work / "train.jsonl").string()};
  options.outputDir = (work / "run").string();
  options.evalData = (kSource / "resources/demo" / options.evalData).string();
  options.evalSteps = evalSteps;
  Timings timings;
  train::runTraining(options, &timings);

  double evaluating = 0;
  for (const double seconds : timings.evaluationSeconds)
    evaluating += seconds;
  const double perEvaluation = evaluating / static_cast<double>(timings.evaluationSeconds.size());
  // The log's elapsed time includes the evaluations before the last record: all but the last.
  const double training = timings.lastElapsed - (evaluating - timings.evaluationSeconds.back());
  const double perSteps = training / static_cast<double>(timings.lastStep) * evalSteps;
  std::printf(
      "{\"benchmark\": \"dev_eval_share\", \"eval_steps\": %d, \"evaluations\": %zu, "
      "\"seconds_per_evaluation\": %.3f, \"seconds_per_%d_steps\": %.3f, \"share\": %.3f, "
      "\"target\": 0.15}\n",
      evalSteps, timings.evaluationSeconds.size(), perEvaluation, evalSteps, perSteps,
      perEvaluation / perSteps);
  std::filesystem::remove_all(work);
  return 0;
}
