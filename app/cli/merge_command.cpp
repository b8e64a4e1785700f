#include "app/cli/merge_command.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "app/cli/config_flags.h"
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
  auto& c = *command;
  flags->addConfigFlag(c);
  flags->addFlags(c, model::MergeOptions::table());
  c.get_option("--models")->expected(2, -1)->check(modelFolderOrHubId());
  c.get_option("--weights_from_examples")
      ->check(CLI::ExistingFile)
      ->excludes(c.get_option("--weights"));
  for (const char* folder : {"--eval_set", "--general_eval_set"})
    c.get_option(folder)->check(CLI::ExistingDirectory);
  c.get_option("--retriever")->check(modelFolderOrHubId());
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
