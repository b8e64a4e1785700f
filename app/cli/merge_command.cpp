#include "app/cli/merge_command.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "app/cli/encoding_flags.h"
#include "app/cli/interrupt.h"
#include "app/cli/job_history.h"
#include "app/cli/job_progress.h"
#include "app/cli/option_names.h"
#include "core/common/error.h"
#include "core/common/job_events.h"
#include "core/data/atomic_file.h"
#include "core/data/eval_set.h"
#include "core/data/training_data.h"
#include "core/eval/reranking.h"
#include "core/eval/retrieval_evaluator.h"
#include "core/model/model_merge.h"
#include "core/model/reranker_model.h"

namespace embedlab::cli {

namespace {

struct MergeOptions {
  std::vector<std::string> models;
  std::vector<double> weights;
  bool normalizeWeights = false;
  std::string output;
  std::string examples;  ///< --weights-from-examples
  model::ExampleLossOptions loss;
  std::string sweep;  ///< START:END:STEP, the first model's weight
  std::string evalSet;
  std::string generalEvalSet;
  std::string split = "test";
  std::string metric = "nDCG@10";
  std::string retriever;  ///< a sweep over rerankers: the bi-encoder whose hits they re-rank
  std::size_t rerankTopK = 100;
  EncodingFlags encoding;
  std::string progress = "bar";
};

/// The first model's weights a --sweep START:END:STEP visits (both ends included).
std::vector<double> sweepGrid(const std::string& text) {
  double start = 0, end = 0, step = 0;
  char colon1 = 0, colon2 = 0;
  std::istringstream in(text);
  in >> start >> colon1 >> end >> colon2 >> step;
  if (!in || colon1 != ':' || colon2 != ':' || !in.eof() || step <= 0 || start < 0 || end > 1 ||
      start > end) {
    throw UsageError("--sweep " + text +
                     ": expected START:END:STEP with 0 <= START <= END <= 1 and STEP > 0 "
                     "(e.g. 0:1:0.1)");
  }
  std::vector<double> grid;
  const auto count = static_cast<std::int64_t>(std::floor((end - start) / step + 1e-9));
  for (std::int64_t i = 0; i <= count; ++i)
    grid.push_back(std::round((start + static_cast<double>(i) * step) * 1e9) / 1e9);
  return grid;
}

struct SweepPoint {
  double weight = 0;  ///< of the first model
  double target = 0;
  std::optional<double> general;
};

class Merger {
 public:
  Merger(const MergeOptions& options, const GlobalOptions& global, store::RunRecorder* recorder)
      : options_(options),
        recorder_(recorder),
        progress_("merging", options.progress, global.quiet) {}

  int run() {
    std::vector<std::filesystem::path> models(options_.models.begin(), options_.models.end());
    if (const std::string difference = model::mergeIncompatibility(models); !difference.empty())
      throw InputError(options_.models[0], "cannot be merged with the others: " + difference);
    const bool weightsGiven = !options_.weights.empty();
    std::vector<double> weights;
    if (weightsGiven)
      weights =
          model::checkMergeWeights(options_.weights, models.size(), options_.normalizeWeights);

    nlohmann::json summary = nlohmann::json::object();
    if (!options_.examples.empty()) weights = weightsFromExamples(models, summary);
    if (!options_.sweep.empty()) {
      const std::vector<SweepPoint> points = sweep(models);
      summary["sweep"] = sweepJson(points);
      if (!weightsGiven && options_.examples.empty()) {
        const auto best = std::max_element(
            points.begin(), points.end(),
            [](const SweepPoint& a, const SweepPoint& b) { return a.target < b.target; });
        weights = {best->weight, 1.0 - best->weight};
        say(fmt::format("chosen: the best {} on the target set, at weight {:.2f}", options_.metric,
                        best->weight));
      }
    }
    if (weights.empty()) {
      throw UsageError(
          "give the weights: --weights W1 W2 ..., --weights-from-examples FILE or --sweep");
    }
    summary["weights"] = weights;

    const model::MergeResult result =
        model::mergeModels(models, weights, options_.output, &progress_);
    progress_.finish();
    if (summary.contains("sweep")) {
      nlohmann::json table = summary["sweep"];
      table["chosen_weight"] = weights[0];
      writeFileAtomically(std::filesystem::path(options_.output) / "merge_sweep.json",
                          table.dump(2) + "\n");
    }
    if (recorder_ != nullptr) {
      recorder_->setSummary("merge", summary);
      for (std::size_t i = 0; i < weights.size(); ++i)
        recorder_->addMetric(0, fmt::format("weight_{}", i), weights[i]);
    }
    const nlohmann::json done =
        jobEvent(JobEvent::Done, {{"output", absolutePath(options_.output)},
                                  {"weights", weights},
                                  {"averaged_tensors", result.averagedTensors},
                                  {"copied_tensors", result.copiedTensors},
                                  {"parameters", result.parameters}});
    if (progress_.json()) JobProgress::emit(done);
    say(
        fmt::format("merged {} models with weights [{:.4f}] into {} ({} tensors averaged, {} "
                    "copied)",
                    models.size(), fmt::join(weights, ", "), options_.output,
                    result.averagedTensors, result.copiedTensors));
    return kExitOk;
  }

 private:
  void say(const std::string& line) {
    if (!progress_.talks()) return;
    progress_.finish();
    std::cerr << line << "\n";
  }

  std::vector<double> weightsFromExamples(const std::vector<std::filesystem::path>& models,
                                          nlohmann::json& summary) {
    std::vector<Problem> warnings;
    const std::vector<TrainingExample> examples = readTrainingData(options_.examples, &warnings);
    std::vector<double> losses;
    for (std::size_t i = 0; i < models.size(); ++i) {
      losses.push_back(model::exampleLoss(models[i], examples, options_.loss));
      reportProgress(&progress_, i + 1, models.size(), "models scored on the examples");
    }
    const std::vector<double> weights = model::weightsFromLosses(losses);
    summary["example_losses"] = losses;
    for (std::size_t i = 0; i < models.size(); ++i) {
      say(fmt::format("{}: loss {:.4f} on {} examples -> weight {:.4f}", options_.models[i],
                      losses[i], std::min(options_.loss.exampleCount, examples.size()),
                      weights[i]));
    }
    return weights;
  }

  eval::RetrievalEvalOptions retrievalSettings() const {
    eval::RetrievalEvalOptions settings;
    settings.batchSize = options_.encoding.batchSize;
    settings.passageMaxLength = options_.encoding.maxLength;
    settings.queryMaxLength = options_.loss.queryMaxLength;
    settings.fp16 = options_.encoding.fp16;
    settings.cancel = &interruptToken();  // no cache: every mix is a new model
    return settings;
  }

  /// A mix of bi-encoders: its retrieval metric on `set`.
  double evaluate(const std::filesystem::path& folder, const EvalSet& set) {
    const model::EmbeddingModel model =
        model::EmbeddingModel::load(folder, options_.encoding.loadOptions());
    const eval::RetrievalEvaluator evaluator(model, set, retrievalSettings());
    return evaluator.run(options_.loss.queryInstruction).metrics.value(options_.metric);
  }

  /// The hits of --retriever on `set`, which a sweep over rerankers re-ranks with each mix.
  std::vector<eval::QueryRanking> firstStage(const EvalSet& set) {
    const model::EmbeddingModel retriever =
        model::EmbeddingModel::load(options_.retriever, options_.encoding.loadOptions());
    eval::RetrievalEvalOptions settings = retrievalSettings();
    settings.k = std::max<std::size_t>(options_.rerankTopK, 100);
    const eval::RetrievalEvaluator evaluator(retriever, set, settings);
    return evaluator.run(options_.loss.queryInstruction).rankings;
  }

  /// A mix of rerankers: the metric of `rankings` re-ranked by it (logits, head included).
  double evaluateReranker(const std::filesystem::path& folder, const EvalSet& set,
                          const std::vector<eval::QueryRanking>& rankings) {
    const model::RerankerModel reranker =
        model::RerankerModel::load(folder, options_.encoding.loadOptions());
    eval::RerankingOptions rerank;
    rerank.topK = options_.rerankTopK;
    rerank.queryPrefix = options_.loss.queryInstruction;
    rerank.rerank.queryMaxLength = options_.loss.queryMaxLength;
    rerank.rerank.passageMaxLength = options_.encoding.maxLength;
    rerank.rerank.cancel = &interruptToken();
    return eval::computeRetrievalMetrics(eval::rerank(reranker, set, rankings, rerank), set.qrels,
                                         {}, set.sameAs)
        .value(options_.metric);
  }

  std::vector<SweepPoint> sweep(const std::vector<std::filesystem::path>& models) {
    if (models.size() != 2) throw UsageError("--sweep mixes exactly two models");
    if (options_.evalSet.empty()) throw UsageError("--sweep needs --eval-set DIR");
    const std::vector<double> grid = sweepGrid(options_.sweep);
    // Rerankers are judged by what they do: re-ranking a bi-encoder's hits.
    const bool rerankers = model::RerankerModel::isReranker(models[0]);
    if (rerankers && options_.retriever.empty()) {
      throw UsageError(
          "--sweep over rerankers needs --retriever BI_ENCODER: a reranker is evaluated on the "
          "hits of a first-stage model it re-ranks (--rerank_top_k of them)");
    }
    if (!rerankers && !options_.retriever.empty()) {
      throw UsageError("--retriever is for a sweep over rerankers; " + options_.models[0] +
                       " is a bi-encoder, evaluated by its own retrieval");
    }
    const EvalSet target = loadBeirEvalSet(options_.evalSet, options_.split);
    std::optional<EvalSet> general;
    if (!options_.generalEvalSet.empty())
      general = loadBeirEvalSet(options_.generalEvalSet, options_.split);
    std::vector<eval::QueryRanking> targetHits;
    std::vector<eval::QueryRanking> generalHits;
    if (rerankers) {
      targetHits = firstStage(target);
      if (general) generalHits = firstStage(*general);
    }
    const auto score = [&](const EvalSet& set, const std::vector<eval::QueryRanking>& hits,
                           const std::filesystem::path& mix) {
      return rerankers ? evaluateReranker(mix, set, hits) : evaluate(mix, set);
    };
    const std::filesystem::path output = std::filesystem::absolute(options_.output);
    const std::filesystem::path scratch =
        output.parent_path() / ("." + output.filename().string() + ".sweep");
    std::vector<SweepPoint> points;
    try {
      for (std::size_t i = 0; i < grid.size(); ++i) {
        throwIfCancelled(&interruptToken());
        std::filesystem::remove_all(scratch);
        model::mergeModels(models, {grid[i], 1.0 - grid[i]}, scratch);
        SweepPoint point;
        point.weight = grid[i];
        point.target = score(target, targetHits, scratch);
        if (general) point.general = score(*general, generalHits, scratch);
        points.push_back(point);
        reportProgress(&progress_, i + 1, grid.size(), "mixes evaluated");
        if (progress_.json()) {
          nlohmann::json line =
              jobEvent(JobEvent::SweepPoint, {{"weight", point.weight}, {"target", point.target}});
          if (point.general) line["general"] = *point.general;
          JobProgress::emit(line);
        }
      }
    } catch (...) {
      std::filesystem::remove_all(scratch);
      throw;
    }
    std::filesystem::remove_all(scratch);
    printSweep(points);
    return points;
  }

  nlohmann::json sweepJson(const std::vector<SweepPoint>& points) const {
    nlohmann::json table = {{"metric", options_.metric},
                            {"models", options_.models},
                            {"eval_set", absolutePath(options_.evalSet)},
                            {"general_eval_set", absolutePath(options_.generalEvalSet)},
                            {"points", nlohmann::json::array()}};
    for (const SweepPoint& point : points) {
      nlohmann::json row = {{"weight", point.weight}, {"target", point.target}};
      if (point.general) row["general"] = *point.general;
      table["points"].push_back(row);
    }
    return table;
  }

  void printSweep(const std::vector<SweepPoint>& points) {
    progress_.finish();
    if (progress_.json()) return;
    std::cout << fmt::format("{:>8}  {:>12}{}\n", "weight", "target " + options_.metric,
                             options_.generalEvalSet.empty()
                                 ? std::string()
                                 : fmt::format("  {:>13}", "general " + options_.metric));
    for (const SweepPoint& point : points) {
      std::cout << fmt::format(
          "{:>8.2f}  {:>12.4f}{}\n", point.weight, point.target,
          point.general ? fmt::format("  {:>13.4f}", *point.general) : std::string());
    }
  }

  const MergeOptions& options_;
  store::RunRecorder* recorder_;
  JobProgress progress_;
};

}  // namespace

void addMergeCommand(CLI::App& app, const GlobalOptions& global, CommandAction& action) {
  auto options = std::make_shared<MergeOptions>();
  CLI::App* command = app.add_subcommand(
      "merge",
      "Average the weights of models of one architecture (a fine-tuned model and its base, to\n"
      "win back general ability): floating-point tensors weighted, integer tensors copied from\n"
      "the first model; models whose architecture, tensors or tokenizer differ are refused.\n"
      "Examples: embedlab-cli merge --models tuned/ base/ --weights 0.7 0.3 --output merged/\n"
      "  embedlab-cli merge --models tuned/ base/ --weights-from-examples few.jsonl --output m/\n"
      "  embedlab-cli merge --models tuned/ base/ --sweep 0:1:0.1 --eval-set dev/ "
      "--general-eval-set general/ --output m/");
  auto& c = *command;
  auto& o = *options;
  c.add_option("--models", o.models, "Model folders, the first one's files are kept")
      ->required()
      ->expected(2, -1)
      ->check(CLI::ExistingDirectory);
  auto* weights = c.add_option(
      "--weights", o.weights,
      "One weight per model, non-negative, summing to 1 (this, --weights-from-examples "
      "or --sweep is required)");
  c.add_flag("--normalize-weights,--normalize_weights", o.normalizeWeights,
             "Divide the weights by their sum instead of requiring a sum of 1");
  c.add_option("--output", o.output, "New folder for the merged model")->required();
  c.add_option("--weights-from-examples,--weights_from_examples", o.examples,
               "Choose the weights as softmax(-loss/5) of each model's loss on the first examples "
               "of this training file: each positive against the example's negatives, by "
               "similarity / 0.05 for bi-encoders, by logit for rerankers (default: none)")
      ->check(CLI::ExistingFile)
      ->excludes(weights);
  c.add_option(bothSpellings("example_count"), o.loss.exampleCount,
               "Examples --weights-from-examples uses")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  c.add_option("--sweep", o.sweep,
               "START:END:STEP: evaluate the first model's weight at each step (two models); "
               "without --weights the best on --eval-set is written (default: no sweep)");
  c.add_option("--eval-set,--eval_set", o.evalSet,
               "Target-task evaluation set (BEIR folder); required with --sweep")
      ->check(CLI::ExistingDirectory);
  c.add_option("--general-eval-set,--general_eval_set", o.generalEvalSet,
               "General evaluation set (BEIR folder): what merging should preserve (default: none)")
      ->check(CLI::ExistingDirectory);
  c.add_option("--split", o.split, "Which qrels split of the evaluation sets to use")
      ->capture_default_str();
  c.add_option("--metric", o.metric, "Metric the sweep reports and chooses by")
      ->check(CLI::IsMember(
          {"MRR@10", "nDCG@10", "Recall@10", "Recall@100", "R_cap@10", "R_cap@100", "MAP@100"}))
      ->capture_default_str();
  c.add_option("--retriever", o.retriever,
               "A sweep over rerankers: the bi-encoder whose hits each mix re-ranks (default: "
               "none; required when the models are rerankers)")
      ->check(CLI::ExistingDirectory);
  c.add_option(bothSpellings("rerank_top_k"), o.rerankTopK,
               "A sweep over rerankers: hits per query each mix re-ranks")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  c.add_option(bothSpellings("query_max_len"), o.loss.queryMaxLength, "Longest query in tokens")
      ->capture_default_str();
  c.add_option(bothSpellings("query_instruction_for_retrieval"), o.loss.queryInstruction,
               "Text put before queries in the examples and the sweep (default: nothing)");
  addEncodingFlags(c, o.encoding, bothSpellings("passage_max_len") + ",--max_len",
                   "Longest passage in tokens");
  c.add_option("--progress", o.progress,
               "How progress is shown: bar (stderr), json (JSON lines on stdout) or none")
      ->check(CLI::IsMember({"bar", "json", "none"}))
      ->capture_default_str();
  command->callback([&action, &global, options, command] {
    options->loss.passageMaxLength = options->encoding.maxLength;
    store::NewRun run;
    run.kind = store::runKindName(store::RunKind::Merge);
    run.name = "merge into " + std::filesystem::path(options->output).filename().string();
    run.options = resolvedOptions(*command);
    for (const std::string& model : options->models)
      run.inputs.push_back(runInput(model));
    if (!options->examples.empty()) run.inputs.push_back(runInput(options->examples));
    if (!options->retriever.empty()) run.inputs.push_back(runInput(options->retriever));
    run.outputPath = absolutePath(options->output);
    run.parentModel = options->models.front();
    action = [options, &global, run] {
      return runRecorded(global, run, [&](store::RunRecorder* recorder) {
        return Merger(*options, global, recorder).run();
      });
    };
  });
}

}  // namespace embedlab::cli
