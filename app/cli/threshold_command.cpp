#include "app/cli/threshold_command.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <memory>
#include <unordered_map>

#include "app/cli/config_flags.h"
#include "app/cli/interrupt.h"
#include "app/cli/job_context.h"
#include "app/cli/job_history.h"
#include "app/cli/job_progress.h"
#include "app/cli/option_names.h"
#include "core/common/error.h"
#include "core/common/job_events.h"
#include "core/data/atomic_file.h"
#include "core/eval/threshold_job.h"

namespace embedlab::cli {

namespace {

using ThresholdFlags = ConfigFlags<eval::ThresholdOptions>;

std::string pointLine(const char* label, const eval::ThresholdPoint& fit,
                      const eval::ThresholdPoint& heldOut) {
  return fmt::format(
      "  {:<22} {:>9.4f}   {:>6.3f} {:>6.3f} {:>6.3f}   {:>6.3f} {:>6.3f} {:>6.3f}\n", label,
      fit.threshold, fit.precision, fit.recall, fit.f1, heldOut.precision, heldOut.recall,
      heldOut.f1);
}

void printAnalysis(const eval::ThresholdAnalysis& a, double target) {
  const auto quantiles = [](const eval::Quantiles& q) {
    return fmt::format("n={:<6} min {:.3f}  p05 {:.3f}  median {:.3f}  p95 {:.3f}  max {:.3f}",
                       q.count, q.min, q.p05, q.median, q.p95, q.max);
  };
  fmt::print("similar pairs:    {}\n", quantiles(a.similar));
  fmt::print("dissimilar pairs: {}\n", quantiles(a.dissimilar));
  fmt::print("fitted on {} pairs ({} groups), reported on the other {} pairs ({} groups):\n",
             a.fitPairs, a.fitGroups, a.heldOutPairs, a.heldOutGroups);
  fmt::print("  {:<22} {:>9}   {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}\n", "", "threshold", "P fit",
             "R fit", "F1 fit", "P held", "R held", "F1 held");
  fmt::print("{}", pointLine("best F1", a.fit.bestF1, a.heldOutAtBestF1));
  const std::string label = fmt::format("precision >= {:.2f}", target);
  if (a.fit.atTargetPrecision) {
    fmt::print("{}",
               pointLine(label.c_str(), *a.fit.atTargetPrecision, *a.heldOutAtTargetPrecision));
  } else {
    fmt::print("  {:<22} no threshold reaches it on the fit part\n", label);
  }
}

int runThreshold(const eval::ThresholdOptions& options, const std::string& progressMode,
                 const GlobalOptions& global, store::RunRecorder* recorder) {
  JobProgress progress("scoring pairs", progressMode, global.quiet);
  auto context = jobContext<eval::ThresholdContext>(progress, global);
  const eval::ThresholdJobResult result = eval::runThresholdJob(options, context);
  const eval::ThresholdAnalysis& analysis = result.analysis;
  progress.finish();
  nlohmann::json report = result.toJson(options);
  if (recorder != nullptr) {
    const std::string& model = options.modelNameOrPath;
    recorder->setSummary("thresholds", report);
    std::vector<store::EvalResult> results{
        {model, options.pairs, "best_f1_threshold", analysis.fit.bestF1.threshold},
        {model, options.pairs, "best_f1_fit", analysis.fit.bestF1.f1},
        {model, options.pairs, "best_f1_held_out", analysis.heldOutAtBestF1.f1}};
    if (analysis.fit.atTargetPrecision) {
      results.push_back({model, options.pairs, "target_precision_threshold",
                         analysis.fit.atTargetPrecision->threshold});
      results.push_back({model, options.pairs, "target_precision_held_out_precision",
                         analysis.heldOutAtTargetPrecision->precision});
    }
    recorder->addEvalResults(results);
  }
  if (progress.json()) {
    JobProgress::emit(jobEvent(JobEvent::Done, report));
  } else if (!global.quiet && progressMode != "none") {
    printAnalysis(analysis, options.analysis.targetPrecision);
  }
  return kExitOk;
}

}  // namespace

void addThresholdCommand(CLI::App& app, const GlobalOptions& global, CommandAction& action) {
  auto flags = std::make_shared<ThresholdFlags>();
  auto progressMode = std::make_shared<std::string>("bar");
  CLI::App* command = app.add_subcommand(
      "threshold",
      "Choose the score above which two texts count as similar (a bi-encoder's cosine, or a\n"
      "reranker's logit or sigmoid score), from labelled\n"
      "pairs: a TSV of text_a, text_b, label or a training file (query with each pos = similar,\n"
      "with each neg = dissimilar). Reports the score distributions, the best-F1 threshold and\n"
      "the lowest threshold reaching --target_precision, fitted on one part of the groups\n"
      "(queries / text_a) and reported on the rest.\n"
      "Example: embedlab-cli threshold --model tuned/ --pairs dev.jsonl --target_precision 0.95");
  auto& c = *command;
  flags->addConfigFlag(c);
  flags->addFlags(c, eval::ThresholdOptions::table());
  c.get_option("--model_name_or_path")->check(modelFolderOrHubId());
  c.get_option("--pairs")->check(CLI::ExistingFile);
  c.add_option("--progress", *progressMode,
               "How progress is shown: bar (stderr), json (JSON lines on stdout) or none")
      ->check(CLI::IsMember({"bar", "json", "none"}))
      ->capture_default_str();
  command->callback([&action, &global, flags, progressMode] {
    action = [flags, progressMode, &global] {
      const eval::ThresholdOptions options = flags->resolve();
      eval::validate(options);
      store::NewRun run;
      run.kind = store::runKindName(store::RunKind::Threshold);
      run.name = "threshold on " + std::filesystem::path(options.pairs).filename().string();
      run.options = options.toJson();
      run.inputs = {runInput(options.modelNameOrPath), runInput(options.pairs)};
      run.outputPath = absolutePath(options.output);
      run.parentModel = options.modelNameOrPath;
      return runRecorded(global, run, [&](store::RunRecorder* recorder) {
        return runThreshold(options, *progressMode, global, recorder);
      });
    };
  });
}

}  // namespace embedlab::cli
