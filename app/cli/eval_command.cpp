#include "app/cli/eval_command.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>
#include <optional>

#include "app/cli/config_flags.h"
#include "app/cli/encoding_flags.h"
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
  using O = eval::EvaluationOptions;
  auto& c = *command;
  auto& f = *flags;
  addConfigFlag(c, f);
  auto* single = c.add_option("--model,--encoder", f.given.models,
                              "Model folder (this, --models or --config's \"models\" is required)")
                     ->check(CLI::ExistingDirectory);
  auto* several =
      c.add_option("--models", f.given.models,
                   "Several model folders, evaluated into one table (this or --model is required)")
          ->expected(1, -1)
          ->check(CLI::ExistingDirectory);
  single->excludes(several);
  for (CLI::Option* option : {single, several})
    f.overrides.emplace_back(option, [&f](O& o) { o.models = f.given.models; });
  addFlag(c, f, "data", &O::data,
          "BEIR-layout folder (corpus.jsonl, queries.jsonl, qrels/); this or --corpus and "
          "--queries is required")
      ->check(CLI::ExistingDirectory);
  addFlag(c, f, "split", &O::split, "Which qrels/<split>.tsv of --data to use");
  addFlag(c, f, "corpus", &O::corpus,
          "MS MARCO layout: corpus JSONL of {\"content\"} (with --queries, this or --data is "
          "required)")
      ->check(CLI::ExistingFile);
  addFlag(c, f, "queries", &O::queries,
          "MS MARCO layout: queries JSONL of {\"query\", \"positive\": [...]} (required with "
          "--corpus)")
      ->check(CLI::ExistingFile);
  addFlag(c, f, "k", &O::k, "Documents retrieved per query");
  addFlag(c, f, "add_instruction", &O::addInstruction,
          "Put the query instruction before each query (BGE's unless --query_instruction)");
  addFlag(c, f, "query_instruction", &O::queryInstruction,
          "Query instruction to use instead of BGE's (implies --add_instruction; default: "
          "BGE's)",
          ",--query_instruction_for_retrieval");
  addFlag(c, f, "passage_instruction", &O::passageInstruction,
          "Text put before every document, e.g. \"passage: \" for E5 (default: nothing)");
  addFlag(c, f, "compare_instruction", &O::compareInstruction,
          "Evaluate with and without the query instruction, side by side");
  addEncodingFlags(
      c, f, [](O & o) -> auto& { return o.encoding; }, "Longest document in tokens",
      "," + bothSpellings("max_passage_length"));
  addFlag(c, f, "query_max_len", &O::queryMaxLength, "Longest query in tokens",
          "," + bothSpellings("max_query_length"));
  addFlag(c, f, "index", &O::index, "Search index: flat (exact), ivf or hnsw (approximate)")
      ->check(CLI::IsMember({"flat", "ivf", "hnsw"}));
  addFlag(c, f, "output", &O::output,
          "Write the metrics as JSON to this file (default: only printed)");
  addFlag(c, f, "run_file", &O::runFile,
          "Write a TREC run file (qid Q0 docid rank score tag); with several evaluations, "
          "one file each, the tag before the extension (default: none)");
  addFlag(c, f, "per_query", &O::perQuery,
          "Write a TSV of each query's first relevant rank per model (default: none)");
  addFlag(c, f, "reranker", &O::reranker,
          "A reranker (cross-encoder) folder: each model's top --rerank_top_k hits are "
          "scored again by it, and the table shows the metrics before and after (default: no "
          "re-ranking)")
      ->check(CLI::ExistingDirectory);
  addFlag(c, f, "rerank_top_k", &O::rerankTopK, "Hits per query the reranker scores");
  addFlag(c, f, "rerank_batch_size", &O::rerankBatchSize,
          "Query-document pairs per reranker forward pass");
  addFlag(c, f, "normalize_scores", &O::normalizeScores,
          "Reranker scores as sigmoid(logit) in [0, 1] (run file), not raw logits");
  addFlag(c, f, "skip_queries_without_relevant", &O::skipQueriesWithoutRelevant,
          "Leave judged queries without any relevant document out of the means (by default "
          "they count and score 0, as in trec_eval and the reference)");
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
      std::string models;
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
      run.parentModel = options.models.front();
      return runRecorded(global, run, [&](store::RunRecorder* recorder) {
        return runEval(options, *progressMode, global, recorder);
      });
    };
  });
}

}  // namespace embedlab::cli
