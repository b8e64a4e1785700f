#include "app/cli/merge_command.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "app/cli/config_flags.h"
#include "app/cli/encoding_flags.h"
#include "app/cli/interrupt.h"
#include "app/cli/job_history.h"
#include "app/cli/job_progress.h"
#include "app/cli/option_names.h"
#include "core/common/error.h"
#include "core/common/job_events.h"
#include "core/model/merge_job.h"

namespace embedlab::cli {

namespace {

using MergeFlags = ConfigFlags<model::MergeOptions>;

void printSweep(const model::MergeOptions& options, const std::vector<model::SweepPoint>& points) {
  std::cout << fmt::format("{:>8}  {:>12}{}\n", "weight", "target " + options.metric,
                           options.generalEvalSet.empty()
                               ? std::string()
                               : fmt::format("  {:>13}", "general " + options.metric));
  for (const model::SweepPoint& point : points) {
    std::cout << fmt::format(
        "{:>8.2f}  {:>12.4f}{}\n", point.weight, point.target,
        point.general ? fmt::format("  {:>13.4f}", *point.general) : std::string());
  }
}

int runMerge(const model::MergeOptions& options, const std::string& progressMode,
             const GlobalOptions& global, store::RunRecorder* recorder) {
  JobProgress progress("merging", progressMode, global.quiet);
  model::MergeContext context;
  context.progress = &progress;
  context.cancel = &interruptToken();
  context.onNote = [&progress](const std::string& line) {
    if (!progress.talks()) return;
    progress.finish();
    std::cerr << line << "\n";
  };
  context.onSweepPoint = [&progress](const model::SweepPoint& point) {
    if (!progress.json()) return;
    nlohmann::json line =
        jobEvent(JobEvent::SweepPoint, {{"weight", point.weight}, {"target", point.target}});
    if (point.general) line["general"] = *point.general;
    JobProgress::emit(line);
  };
  const model::MergeJobResult result = model::runMergeJob(options, context);
  progress.finish();
  if (!result.sweep.empty() && !progress.json()) printSweep(options, result.sweep);
  if (recorder != nullptr) {
    recorder->setSummary("merge", result.summary);
    for (std::size_t i = 0; i < result.weights.size(); ++i)
      recorder->addMetric(0, fmt::format("weight_{}", i), result.weights[i]);
  }
  if (progress.json()) {
    JobProgress::emit(jobEvent(JobEvent::Done, {{"output", absolutePath(options.output)},
                                                {"weights", result.weights},
                                                {"averaged_tensors", result.merge.averagedTensors},
                                                {"copied_tensors", result.merge.copiedTensors},
                                                {"parameters", result.merge.parameters}}));
  }
  context.onNote(
      fmt::format("merged {} models with weights [{:.4f}] into {} ({} tensors averaged, {} copied)",
                  options.models.size(), fmt::join(result.weights, ", "), options.output,
                  result.merge.averagedTensors, result.merge.copiedTensors));
  return kExitOk;
}

}  // namespace

void addMergeCommand(CLI::App& app, const GlobalOptions& global, CommandAction& action) {
  auto flags = std::make_shared<MergeFlags>();
  auto progressMode = std::make_shared<std::string>("bar");
  CLI::App* command = app.add_subcommand(
      "merge",
      "Average the weights of models of one architecture (a fine-tuned model and its base, to\n"
      "win back general ability): floating-point tensors weighted, integer tensors copied from\n"
      "the first model; models whose architecture, tensors or tokenizer differ are refused.\n"
      "Examples: embedlab-cli merge --models tuned/ base/ --weights 0.7 0.3 --output merged/\n"
      "  embedlab-cli merge --models tuned/ base/ --weights-from-examples few.jsonl --output m/\n"
      "  embedlab-cli merge --models tuned/ base/ --sweep 0:1:0.1 --eval-set dev/ "
      "--general-eval-set general/ --output m/");
  using O = model::MergeOptions;
  auto& c = *command;
  auto& f = *flags;
  addConfigFlag(c, f);
  addFlag(c, f, "models", &O::models,
          "Model folders, the first one's files are kept. Required (here or in --config)")
      ->expected(2, -1)
      ->check(CLI::ExistingDirectory);
  auto* weights =
      addFlag(c, f, "weights", &O::weights,
              "One weight per model, non-negative, summing to 1 (this, --weights-from-examples "
              "or --sweep is required)")
          ->expected(1, -1);
  addFlag(c, f, "normalize_weights", &O::normalizeWeights,
          "Divide the weights by their sum instead of requiring a sum of 1");
  addFlag(c, f, "output", &O::output,
          "New folder for the merged model. Required (here or in --config)");
  addFlag(c, f, "weights_from_examples", &O::examples,
          "Choose the weights as softmax(-loss/5) of each model's loss on the first examples "
          "of this training file: each positive against the example's negatives, by "
          "similarity / 0.05 for bi-encoders, by logit for rerankers (default: none)")
      ->check(CLI::ExistingFile)
      ->excludes(weights);
  addFlag(
      c, f, "example_count", [](O & o) -> auto& { return o.loss.exampleCount; },
      "Examples --weights-from-examples uses");
  addFlag(c, f, "sweep", &O::sweep,
          "START:END:STEP: evaluate the first model's weight at each step (two models); "
          "without --weights the best on --eval-set is written (default: no sweep)");
  addFlag(c, f, "eval_set", &O::evalSet,
          "Target-task evaluation set (BEIR folder); required with --sweep")
      ->check(CLI::ExistingDirectory);
  addFlag(c, f, "general_eval_set", &O::generalEvalSet,
          "General evaluation set (BEIR folder): what merging should preserve (default: none)")
      ->check(CLI::ExistingDirectory);
  addFlag(c, f, "split", &O::split, "Which qrels split of the evaluation sets to use");
  addFlag(c, f, "metric", &O::metric, "Metric the sweep reports and chooses by")
      ->check(CLI::IsMember(
          {"MRR@10", "nDCG@10", "Recall@10", "Recall@100", "R_cap@10", "R_cap@100", "MAP@100"}));
  addFlag(c, f, "retriever", &O::retriever,
          "A sweep over rerankers: the bi-encoder whose hits each mix re-ranks (default: "
          "none; required when the models are rerankers)")
      ->check(CLI::ExistingDirectory);
  addFlag(c, f, "rerank_top_k", &O::rerankTopK,
          "A sweep over rerankers: hits per query each mix re-ranks");
  addFlag(
      c, f, "query_max_len", [](O & o) -> auto& { return o.loss.queryMaxLength; },
      "Longest query in tokens");
  addFlag(
      c, f, "query_instruction_for_retrieval",
      [](O & o) -> auto& { return o.loss.queryInstruction; },
      "Text put before queries in the examples and the sweep (default: nothing)");
  addEncodingFlags(
      c, f, [](O & o) -> auto& { return o.encoding; }, "Longest passage in tokens",
      "," + bothSpellings("passage_max_len"));
  c.add_option("--progress", *progressMode,
               "How progress is shown: bar (stderr), json (JSON lines on stdout) or none")
      ->check(CLI::IsMember({"bar", "json", "none"}))
      ->capture_default_str();
  command->callback([&action, &global, flags, progressMode] {
    action = [flags, progressMode, &global] {
      const model::MergeOptions options = flags->resolve();
      model::validate(options);
      store::NewRun run;
      run.kind = store::runKindName(store::RunKind::Merge);
      run.name = "merge into " + std::filesystem::path(options.output).filename().string();
      run.options = options.toJson();
      for (const std::string& model : options.models)
        run.inputs.push_back(runInput(model));
      if (!options.examples.empty()) run.inputs.push_back(runInput(options.examples));
      if (!options.retriever.empty()) run.inputs.push_back(runInput(options.retriever));
      run.outputPath = absolutePath(options.output);
      run.parentModel = options.models.front();
      return runRecorded(global, run, [&](store::RunRecorder* recorder) {
        return runMerge(options, *progressMode, global, recorder);
      });
    };
  });
}

}  // namespace embedlab::cli
