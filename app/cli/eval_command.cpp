#include "app/cli/eval_command.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>
#include <optional>

#include "app/cli/config_flags.h"
#include "app/cli/interrupt.h"
#include "app/cli/job_context.h"
#include "app/cli/job_history.h"
#include "app/cli/job_progress.h"
#include "app/cli/option_names.h"
#include "core/common/error.h"
#include "core/common/job_events.h"
#include "core/eval/evaluation_job.h"

namespace embedlab::cli {

namespace {

using EvalFlags = ConfigFlags<eval::EvaluationOptions>;

void printTable(const std::vector<eval::ModelEvaluation>& evaluations, std::size_t k) {
  const auto& names = evaluations.front().result.metrics.names;
  std::size_t width = 5;
  for (const eval::ModelEvaluation& evaluation : evaluations)
    width = std::max(width, evaluation.tag.size());
  std::string header = fmt::format("{:<{}}", "model", width);
  for (const std::string& name : names)
    header += fmt::format("  {:>10}", name);
  fmt::print("{}\n", header);
  for (const eval::ModelEvaluation& evaluation : evaluations) {
    std::string row = fmt::format("{:<{}}", evaluation.tag, width);
    for (const double value : evaluation.result.metrics.means)
      row += fmt::format("  {:>10.4f}", value);
    fmt::print("{}\n", row);
  }
  const auto& first = evaluations.front().result.metrics;
  fmt::print("{} queries evaluated (top {} each)", first.queriesEvaluated, k);
  if (first.queriesWithoutRelevant > 0) {
    if (first.queriesWithoutRelevantSkipped) {
      fmt::print(
          "; {} judged without a relevant document left out "
          "(--skip_queries_without_relevant)",
          first.queriesWithoutRelevant);
    } else {
      fmt::print(
          "; {} of them judged without a relevant document, scoring 0 (as trec_eval "
          "counts them; --skip_queries_without_relevant leaves them out)",
          first.queriesWithoutRelevant);
    }
  }
  if (first.queriesWithoutJudgments > 0)
    fmt::print("; {} without any judgment not evaluated", first.queriesWithoutJudgments);
  fmt::print("\n");
  fmt::print(
      "Recall@k: relevant documents in the top k / all relevant ones; R_cap@k: / min(k, all "
      "relevant ones), what the reference's MS MARCO script calls Recall@k\n");
  // Query by query: where the first relevant document moved between the first and each other.
  for (std::size_t e = 1; e < evaluations.size(); ++e) {
    std::size_t better = 0, worse = 0, same = 0;
    const auto rankOf = [k](const eval::QueryMetrics& m) {
      return m.firstRelevantRank.value_or(k + 1);
    };
    for (std::size_t q = 0; q < first.perQuery.size(); ++q) {
      const std::size_t a = rankOf(first.perQuery[q]);
      const std::size_t b = rankOf(evaluations[e].result.metrics.perQuery[q]);
      (b < a ? better : b > a ? worse : same) += 1;
    }
    fmt::print("{} vs {}: first relevant ranked higher for {} queries, lower for {}, same for {}\n",
               evaluations[e].tag, evaluations.front().tag, better, worse, same);
  }
}

int runEval(const eval::EvaluationOptions& options, const std::string& progressMode,
            const GlobalOptions& global, store::RunRecorder* recorder) {
  JobProgress progress("evaluating", progressMode, global.quiet);
  auto context = jobContext<eval::EvaluationContext>(progress, global);
  context.searchThreads = global.threads ? static_cast<unsigned>(*global.threads) : 0;
  const std::string datasetName = options.datasetName();
  context.onResult = [&](const eval::ModelEvaluation& evaluation) {
    if (progress.json()) {
      nlohmann::json event =
          jobEvent(JobEvent::Result, {{"model", evaluation.model},
                                      {"tag", evaluation.tag},
                                      {"query_instruction", evaluation.result.queryPrefix},
                                      {"metrics", eval::toJson(evaluation.result.metrics)}});
      if (!evaluation.reranker.empty()) event["reranker"] = evaluation.reranker;
      JobProgress::emit(event);
    }
    if (recorder != nullptr) {
      std::vector<store::EvalResult> results;
      const auto& metrics = evaluation.result.metrics;
      for (std::size_t i = 0; i < metrics.names.size(); ++i)
        results.push_back({evaluation.tag, datasetName, metrics.names[i], metrics.means[i]});
      recorder->addEvalResults(results);
    }
  };
  const eval::EvaluationJobResult job = eval::runEvaluationJob(options, context);
  progress.finish();
  if (progress.json()) {
    JobProgress::emit(jobEvent(JobEvent::Done, {{"evaluations", job.evaluations.size()}}));
  } else {
    printTable(job.evaluations, options.k);  // the result, on stdout: also with --quiet
    if (!global.quiet && job.positivesMissingFromCorpus > 0) {
      fmt::print(stderr,
                 "eval: note: {} positives are not in the corpus; they count as relevant but "
                 "can never be retrieved\n",
                 job.positivesMissingFromCorpus);
    }
  }
  return kExitOk;
}

}  // namespace

void addEvalCommand(CLI::App& app, const GlobalOptions& global, CommandAction& action) {
  auto flags = std::make_shared<EvalFlags>();
  auto progressMode = std::make_shared<std::string>("bar");
  CLI::App* command = app.add_subcommand(
      "eval",
      "Evaluate retrieval: embed the corpus (cached) and the queries, search the top k by\n"
      "inner product, and report MRR@1/10/100, Recall@1/10/100 (relevant in the top k / all\n"
      "relevant documents), R_cap@1/10/100 (/ min(k, relevant documents): what the reference\n"
      "calls Recall@k), nDCG@10 and MAP@100. Judged queries without a relevant document count\n"
      "as 0, as in trec_eval and the reference.\n"
      "Example: embedlab-cli eval --model bge-small/ --data dev/ --split test --add_instruction\n"
      "         embedlab-cli eval --models base/ tuned/ --corpus corpus.jsonl --queries q.jsonl");
  auto& c = *command;
  auto& f = *flags;
  f.addConfigFlag(c);
  // The models: one (--model, the reference's spelling) or several (--models).
  auto modelFolders = std::make_shared<std::vector<std::string>>();
  auto* single = c.add_option("--model,--encoder", *modelFolders,
                              "Model folder (this, --models or --config's \"models\" is required)")
                     ->check(modelFolderOrHubId());
  auto* several =
      c.add_option("--models", *modelFolders,
                   "Several model folders, evaluated into one table (this or --model is required)")
          ->expected(1, -1)
          ->check(modelFolderOrHubId());
  single->excludes(several);
  for (CLI::Option* option : {single, several})
    f.addOverride(option, [modelFolders](nlohmann::json& json) { json["models"] = *modelFolders; });
  f.addFlags(c, eval::EvaluationOptions::table(), kEveryTask, {"models"});
  c.get_option("--data")->check(CLI::ExistingDirectory);
  c.get_option("--corpus")->check(CLI::ExistingFile);
  c.get_option("--queries")->check(CLI::ExistingFile);
  c.get_option("--reranker")->check(modelFolderOrHubId());
  c.add_option("--progress", *progressMode,
               "How progress is shown: bar (stderr), json (JSON lines on stdout instead of the "
               "table) or none")
      ->check(CLI::IsMember({"bar", "json", "none"}))
      ->capture_default_str();
  command->callback([&action, &global, flags, progressMode] {
    action = [flags, progressMode, &global] {
      const eval::EvaluationOptions options = flags->resolve();
      eval::validate(options);
      store::NewRun run;
      run.kind = store::runKindName(store::RunKind::Eval);
      std::string models = options.bm25 ? "BM25" : "";
      for (const std::string& model : options.models) {
        models += (models.empty() ? "" : ", ") +
                  std::filesystem::path(model).lexically_normal().filename().string();
      }
      // "eval base, first on dev": the history row says what was compared, not only where.
      run.name =
          "eval " + models + " on " +
          std::filesystem::path(options.datasetName()).lexically_normal().filename().string();
      run.options = options.toJson();
      for (const std::string& model : options.models)
        run.inputs.push_back(runInput(model));
      if (!options.reranker.empty()) run.inputs.push_back(runInput(options.reranker));
      for (const std::string& input : {options.data, options.corpus, options.queries}) {
        if (!input.empty()) run.inputs.push_back(runInput(input));
      }
      run.outputPath = absolutePath(options.output);
      if (!options.models.empty()) run.parentModel = options.models.front();
      return runRecorded(global, run, [&](store::RunRecorder* recorder) {
        return runEval(options, *progressMode, global, recorder);
      });
    };
  });
}

}  // namespace embedlab::cli
