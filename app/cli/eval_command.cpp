#include "app/cli/eval_command.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>
#include <optional>

#include "app/cli/encoding_flags.h"
#include "app/cli/interrupt.h"
#include "app/cli/job_history.h"
#include "app/cli/job_progress.h"
#include "app/cli/option_names.h"
#include "core/common/error.h"
#include "core/data/atomic_file.h"
#include "core/eval/reranking.h"
#include "core/eval/retrieval_evaluator.h"
#include "core/model/embedding_cache.h"

namespace embedlab::cli {

namespace {

struct EvalOptions {
  std::vector<std::string> models;
  std::string data;
  std::string split = "test";
  std::string corpus;
  std::string queries;
  std::size_t k = 100;
  bool addInstruction = false;
  std::string queryInstruction;
  std::string passageInstruction;
  bool compareInstruction = false;
  std::size_t queryMaxLength = 64;
  std::string indexKind = "flat";
  EncodingFlags encoding;
  std::string output;
  std::string runFile;
  std::string perQuery;
  std::string progress = "bar";
  std::string reranker;  ///< a cross-encoder that re-scores each model's top hits
  std::size_t rerankTopK = 100;
  std::size_t rerankBatchSize = 32;
  bool normalizeScores = false;
  bool skipQueriesWithoutRelevant = false;
};

struct Evaluation {
  std::string model;
  std::string tag;  // model folder name, "+instruction" when one was used
  eval::RetrievalEvalResult result;
};

// Tabs and newlines would break a TSV cell.
std::string cell(std::string text) {
  std::replace_if(
      text.begin(), text.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; }, ' ');
  return text;
}

std::filesystem::path runFileFor(const std::filesystem::path& base, const std::string& tag,
                                 bool several) {
  if (!several) return base;
  return base.parent_path() / (base.stem().string() + "." + tag + base.extension().string());
}

void writeRunFile(const std::filesystem::path& path, const Evaluation& evaluation) {
  AtomicFileWriter file(path);
  std::string lines;
  for (const eval::QueryRanking& ranking : evaluation.result.rankings) {
    for (std::size_t rank = 0; rank < ranking.hits.size(); ++rank) {
      lines +=
          fmt::format("{} Q0 {} {} {:.6f} {}\n", ranking.queryId, ranking.hits[rank].documentId,
                      rank + 1, ranking.hits[rank].score, evaluation.tag);
    }
    if (lines.size() > (1U << 20)) {
      file.write(lines);
      lines.clear();
    }
  }
  file.write(lines);
  file.commit();
}

void writePerQueryTable(const std::filesystem::path& path, const EvalSet& set,
                        const std::vector<Evaluation>& evaluations) {
  std::unordered_map<std::string, const EvalQuery*> queries;
  for (const EvalQuery& query : set.queries)
    queries.emplace(query.id, &query);
  AtomicFileWriter file(path);
  std::string header = "query_id\trelevant";
  for (const Evaluation& evaluation : evaluations)
    header += "\tfirst_relevant_rank:" + evaluation.tag;
  file.write(header + "\tquery\n");
  const auto& reference = evaluations.front().result.metrics.perQuery;
  for (std::size_t q = 0; q < reference.size(); ++q) {
    std::string line =
        fmt::format("{}\t{}", cell(reference[q].queryId), reference[q].relevantCount);
    for (const Evaluation& evaluation : evaluations) {
      const auto& rank = evaluation.result.metrics.perQuery[q].firstRelevantRank;
      line += rank ? fmt::format("\t{}", *rank) : std::string("\t-");
    }
    file.write(line + "\t" + cell(queries.at(reference[q].queryId)->text) + "\n");
  }
  file.commit();
}

void printTable(const std::vector<Evaluation>& evaluations, std::size_t k) {
  const auto& names = evaluations.front().result.metrics.names;
  std::size_t width = 5;
  for (const Evaluation& evaluation : evaluations)
    width = std::max(width, evaluation.tag.size());
  std::string header = fmt::format("{:<{}}", "model", width);
  for (const std::string& name : names)
    header += fmt::format("  {:>10}", name);
  fmt::print("{}\n", header);
  for (const Evaluation& evaluation : evaluations) {
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

int runEval(const EvalOptions& options, const GlobalOptions& global, store::RunRecorder* recorder) {
  if (options.data.empty() == (options.corpus.empty() || options.queries.empty())) {
    throw UsageError(
        "give either --data SET_DIR (BEIR layout) or both --corpus and --queries "
        "(MS MARCO layout)");
  }
  JobProgress progress("evaluating", options.progress, global.quiet);
  std::vector<Problem> warnings;
  const EvalSet set =
      options.data.empty()
          ? loadMsMarcoEvalSet(options.corpus, options.queries, &warnings, nullptr,
                               &interruptToken())
          : loadBeirEvalSet(options.data, options.split, &warnings, nullptr, &interruptToken());
  if (set.corpus.empty() || set.queries.empty())
    throw UsageError("the evaluation set has no documents or no queries");
  progress.noteWarnings(options.data.empty() ? options.queries : options.data, warnings);

  // With or without the instruction, or both.
  std::string instruction = options.queryInstruction;
  if (instruction.empty() && (options.addInstruction || options.compareInstruction))
    instruction = eval::kBgeQueryInstruction;
  std::vector<std::string> prefixes;
  if (options.compareInstruction) {
    prefixes = {"", instruction};
  } else {
    prefixes = {instruction};
  }

  eval::RetrievalEvalOptions settings;
  settings.k = options.k;
  settings.batchSize = options.encoding.batchSize;
  settings.passageMaxLength = options.encoding.maxLength;
  settings.queryMaxLength = options.queryMaxLength;
  settings.passagePrefix = options.passageInstruction;
  settings.fp16 = options.encoding.fp16;
  settings.index.kind = index::parseIndexKind(options.indexKind);
  settings.index.threads = global.threads ? static_cast<unsigned>(*global.threads) : 0;
  // A cutoff beyond k would report the top-k value under a misleading name: it becomes k.
  settings.metrics.skipQueriesWithoutRelevant = options.skipQueriesWithoutRelevant;
  for (auto* list :
       {&settings.metrics.mrr, &settings.metrics.recall, &settings.metrics.recallCapped,
        &settings.metrics.ndcg, &settings.metrics.map}) {
    for (int& cutoff : *list)
      cutoff = std::min(cutoff, static_cast<int>(options.k));
    list->erase(std::unique(list->begin(), list->end()), list->end());
  }
  const std::unique_ptr<model::EmbeddingCache> cache =
      encodingCache(options.encoding, global.quiet);
  settings.cache = cache.get();
  settings.progress = &progress;
  settings.cancel = &interruptToken();

  const std::string datasetName = options.data.empty() ? options.queries : options.data;
  std::optional<model::RerankerModel> reranker;
  if (!options.reranker.empty())
    reranker.emplace(model::RerankerModel::load(options.reranker, options.encoding.loadOptions()));
  std::vector<Evaluation> evaluations;
  for (const std::string& folder : options.models) {
    const model::EmbeddingModel model =
        model::EmbeddingModel::load(folder, options.encoding.loadOptions());
    settings.modelFingerprint = options.encoding.fingerprint(folder);
    const eval::RetrievalEvaluator evaluator(model, set, settings);
    for (const std::string& prefix : prefixes) {
      Evaluation evaluation;
      evaluation.model = folder;
      evaluation.tag = std::filesystem::path(folder).lexically_normal().filename().string();
      if (evaluation.tag.empty())
        evaluation.tag =
            std::filesystem::path(folder).lexically_normal().parent_path().filename().string();
      if (!prefix.empty() && options.compareInstruction) evaluation.tag += "+instruction";
      evaluation.result = evaluator.run(prefix);
      if (progress.json()) {
        JobProgress::emit({{"event", "result"},
                           {"model", folder},
                           {"tag", evaluation.tag},
                           {"query_instruction", prefix},
                           {"metrics", eval::toJson(evaluation.result.metrics)}});
      }
      if (recorder != nullptr) {
        std::vector<store::EvalResult> results;
        const auto& metrics = evaluation.result.metrics;
        for (std::size_t i = 0; i < metrics.names.size(); ++i)
          results.push_back({evaluation.tag, datasetName, metrics.names[i], metrics.means[i]});
        recorder->addEvalResults(results);
      }
      if (reranker) {
        // The same ranking re-scored by the cross-encoder: a second row, right below.
        Evaluation reranked;
        reranked.model = evaluation.model;
        reranked.tag = evaluation.tag + "+rerank";
        reranked.result.queryPrefix = prefix;
        eval::RerankingOptions rerankOptions;
        rerankOptions.topK = options.rerankTopK;
        rerankOptions.rerank.queryMaxLength = options.queryMaxLength;
        rerankOptions.rerank.passageMaxLength = options.encoding.maxLength;
        rerankOptions.rerank.batchSize = options.rerankBatchSize;
        rerankOptions.rerank.normalize = options.normalizeScores;
        rerankOptions.rerank.progress = &progress;
        rerankOptions.rerank.cancel = &interruptToken();
        reranked.result.rankings =
            eval::rerank(*reranker, set, evaluation.result.rankings, rerankOptions);
        reranked.result.metrics = eval::computeRetrievalMetrics(reranked.result.rankings, set.qrels,
                                                                settings.metrics, set.sameAs);
        if (progress.json()) {
          JobProgress::emit({{"event", "result"},
                             {"model", folder},
                             {"tag", reranked.tag},
                             {"reranker", options.reranker},
                             {"query_instruction", prefix},
                             {"metrics", eval::toJson(reranked.result.metrics)}});
        }
        if (recorder != nullptr) {
          std::vector<store::EvalResult> results;
          const auto& metrics = reranked.result.metrics;
          for (std::size_t i = 0; i < metrics.names.size(); ++i)
            results.push_back({reranked.tag, datasetName, metrics.names[i], metrics.means[i]});
          recorder->addEvalResults(results);
        }
        evaluations.push_back(std::move(evaluation));
        evaluations.push_back(std::move(reranked));
        continue;
      }
      evaluations.push_back(std::move(evaluation));
    }
  }
  progress.finish();

  if (!options.output.empty()) {
    nlohmann::ordered_json json;
    json["dataset"] = options.data.empty() ? options.corpus : options.data;
    json["split"] = options.data.empty() ? "" : options.split;
    json["k"] = options.k;
    json["results"] = nlohmann::ordered_json::array();
    for (const Evaluation& evaluation : evaluations) {
      json["results"].push_back({{"model", evaluation.model},
                                 {"tag", evaluation.tag},
                                 {"query_instruction", evaluation.result.queryPrefix},
                                 {"passage_instruction", options.passageInstruction},
                                 {"metrics", eval::toJson(evaluation.result.metrics)},
                                 {"corpus_from_cache", evaluation.result.corpusFromCache},
                                 {"seconds",
                                  {{"corpus", evaluation.result.corpusSeconds},
                                   {"queries", evaluation.result.querySeconds},
                                   {"search", evaluation.result.searchSeconds}}}});
    }
    AtomicFileWriter file(options.output);
    file.write(json.dump(2) + "\n");
    file.commit();
  }
  if (!options.runFile.empty()) {
    for (const Evaluation& evaluation : evaluations)
      writeRunFile(runFileFor(options.runFile, evaluation.tag, evaluations.size() > 1), evaluation);
  }
  if (!options.perQuery.empty()) writePerQueryTable(options.perQuery, set, evaluations);

  if (progress.json()) {
    JobProgress::emit({{"event", "done"}, {"evaluations", evaluations.size()}});
  } else {
    printTable(evaluations, options.k);  // the result, on stdout: also with --quiet
    if (!global.quiet && set.positivesMissingFromCorpus > 0) {
      fmt::print(stderr,
                 "eval: note: {} positives are not in the corpus; they count as relevant but "
                 "can never be retrieved\n",
                 set.positivesMissingFromCorpus);
    }
  }
  return kExitOk;
}

}  // namespace

void addEvalCommand(CLI::App& app, const GlobalOptions& global, CommandAction& action) {
  auto options = std::make_shared<EvalOptions>();
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
  auto& o = *options;
  auto* single =
      c.add_option("--model,--encoder", o.models, "Model folder (this or --models is required)")
          ->check(CLI::ExistingDirectory);
  auto* several =
      c.add_option("--models", o.models,
                   "Several model folders, evaluated into one table (this or --model is required)")
          ->expected(1, -1)
          ->check(CLI::ExistingDirectory);
  single->excludes(several);
  c.add_option("--data", o.data,
               "BEIR-layout folder (corpus.jsonl, queries.jsonl, qrels/); this or --corpus and "
               "--queries is required")
      ->check(CLI::ExistingDirectory);
  c.add_option("--split", o.split, "Which qrels/<split>.tsv of --data to use")
      ->capture_default_str();
  c.add_option("--corpus", o.corpus,
               "MS MARCO layout: corpus JSONL of {\"content\"} (with --queries, this or --data is "
               "required)")
      ->check(CLI::ExistingFile);
  c.add_option("--queries", o.queries,
               "MS MARCO layout: queries JSONL of {\"query\", \"positive\": [...]} (required with "
               "--corpus)")
      ->check(CLI::ExistingFile);
  c.add_option("--k", o.k, "Documents retrieved per query")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  c.add_flag(bothSpellings("add_instruction"), o.addInstruction,
             "Put the query instruction before each query (BGE's unless --query_instruction)");
  c.add_option(bothSpellings("query_instruction") + ",--query_instruction_for_retrieval",
               o.queryInstruction,
               "Query instruction to use instead of BGE's (implies --add_instruction; default: "
               "BGE's)");
  c.add_option(bothSpellings("passage_instruction"), o.passageInstruction,
               "Text put before every document, e.g. \"passage: \" for E5 (default: nothing)");
  c.add_flag("--compare-instruction,--compare_instruction", o.compareInstruction,
             "Evaluate with and without the query instruction, side by side");
  addEncodingFlags(c, o.encoding,
                   bothSpellings("max_len") + "," + bothSpellings("max_passage_length"),
                   "Longest document in tokens");
  c.add_option(bothSpellings("query_max_len") + "," + bothSpellings("max_query_length"),
               o.queryMaxLength, "Longest query in tokens")
      ->capture_default_str();
  c.add_option("--index", o.indexKind, "Search index: flat (exact), ivf or hnsw (approximate)")
      ->check(CLI::IsMember({"flat", "ivf", "hnsw"}))
      ->capture_default_str();
  c.add_option("--output", o.output,
               "Write the metrics as JSON to this file (default: only printed)");
  c.add_option("--run-file,--run_file", o.runFile,
               "Write a TREC run file (qid Q0 docid rank score tag); with several evaluations, "
               "one file each, the tag before the extension (default: none)");
  c.add_option("--per-query,--per_query", o.perQuery,
               "Write a TSV of each query's first relevant rank per model (default: none)");
  c.add_option("--reranker", o.reranker,
               "A reranker (cross-encoder) folder: each model's top --rerank_top_k hits are "
               "scored again by it, and the table shows the metrics before and after (default: no "
               "re-ranking)")
      ->check(CLI::ExistingDirectory);
  c.add_option(bothSpellings("rerank_top_k"), o.rerankTopK, "Hits per query the reranker scores")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  c.add_option(bothSpellings("rerank_batch_size"), o.rerankBatchSize,
               "Query-document pairs per reranker forward pass")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  c.add_flag(bothSpellings("normalize_scores"), o.normalizeScores,
             "Reranker scores as sigmoid(logit) in [0, 1] (run file), not raw logits");
  c.add_flag(bothSpellings("skip_queries_without_relevant"), o.skipQueriesWithoutRelevant,
             "Leave judged queries without any relevant document out of the means (by default "
             "they count and score 0, as in trec_eval and the reference)");
  c.add_option("--progress", o.progress,
               "How progress is shown: bar (stderr), json (JSON lines on stdout instead of the "
               "table) or none")
      ->check(CLI::IsMember({"bar", "json", "none"}))
      ->capture_default_str();
  command->callback([&action, &global, options, command] {
    if (options->models.empty()) throw CLI::RequiredError("--model or --models");
    store::NewRun run;
    run.kind = store::runKindName(store::RunKind::Eval);
    const std::string set = options->data.empty() ? options->queries : options->data;
    std::string models;
    for (const std::string& model : options->models) {
      models += (models.empty() ? "" : ", ") +
                std::filesystem::path(model).lexically_normal().filename().string();
    }
    // "eval base, first on dev": the history row says what was compared, not only where.
    run.name = "eval " + models + " on " +
               std::filesystem::path(set).lexically_normal().filename().string();
    run.options = resolvedOptions(*command);
    for (const std::string& model : options->models)
      run.inputs.push_back(runInput(model));
    if (!options->reranker.empty()) run.inputs.push_back(runInput(options->reranker));
    for (const std::string& input : {options->data, options->corpus, options->queries}) {
      if (!input.empty()) run.inputs.push_back(runInput(input));
    }
    run.outputPath = absolutePath(options->output);
    run.parentModel = options->models.front();
    action = [options, &global, run] {
      return runRecorded(global, run, [&](store::RunRecorder* recorder) {
        return runEval(*options, global, recorder);
      });
    };
  });
}

}  // namespace embedlab::cli
