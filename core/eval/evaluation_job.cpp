#include "core/eval/evaluation_job.h"

#include <chrono>

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <unordered_map>

#include "core/common/error.h"
#include "core/data/atomic_file.h"
#include "core/data/eval_set.h"
#include "core/eval/reranking.h"
#include "core/index/bm25_index.h"
#include "core/model/embedding_cache.h"
#include "core/model/embedding_model.h"
#include "core/model/reranker_model.h"
#include "core/model/sentence_transformers_metadata.h"

namespace embedlab::eval {

namespace {

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

void writeRunFile(const std::filesystem::path& path, const ModelEvaluation& evaluation) {
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
                        const std::vector<ModelEvaluation>& evaluations) {
  std::unordered_map<std::string, const EvalQuery*> queries;
  for (const EvalQuery& query : set.queries)
    queries.emplace(query.id, &query);
  AtomicFileWriter file(path);
  std::string header = "query_id\trelevant";
  for (const ModelEvaluation& evaluation : evaluations)
    header += "\tfirst_relevant_rank:" + evaluation.tag;
  file.write(header + "\tquery\n");
  const auto& reference = evaluations.front().result.metrics.perQuery;
  for (std::size_t q = 0; q < reference.size(); ++q) {
    std::string line =
        fmt::format("{}\t{}", cell(reference[q].queryId), reference[q].relevantCount);
    for (const ModelEvaluation& evaluation : evaluations) {
      const auto& rank = evaluation.result.metrics.perQuery[q].firstRelevantRank;
      line += rank ? fmt::format("\t{}", *rank) : std::string("\t-");
    }
    file.write(line + "\t" + cell(queries.at(reference[q].queryId)->text) + "\n");
  }
  file.commit();
}

void writeMetricsJson(const EvaluationOptions& options,
                      const std::vector<ModelEvaluation>& evaluations) {
  nlohmann::ordered_json json;
  json["dataset"] = options.data.empty() ? options.corpus : options.data;
  json["split"] = options.data.empty() ? "" : options.split;
  json["k"] = options.k;
  json["results"] = nlohmann::ordered_json::array();
  for (const ModelEvaluation& evaluation : evaluations) {
    json["results"].push_back({{"model", evaluation.model},
                               {"tag", evaluation.tag},
                               {"query_instruction", evaluation.result.queryPrefix},
                               {"passage_instruction", evaluation.result.passagePrefix},
                               {"metrics", toJson(evaluation.result.metrics)},
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

// The row's name: the model folder's name ("+instruction" when compared without it).
std::string tagOf(const std::string& folder, bool withInstruction) {
  const std::filesystem::path path = std::filesystem::path(folder).lexically_normal();
  std::string tag = path.filename().string();
  if (tag.empty()) tag = path.parent_path().filename().string();
  return withInstruction ? tag + "+instruction" : tag;
}

// The BM25 row: the corpus indexed by core/index/bm25_index, each query (without an
// instruction: a keyword search has no use for one) searched for its top k.
ModelEvaluation bm25Evaluation(const EvaluationOptions& options, const EvalSet& set,
                               const MetricOptions& metrics, const EvaluationContext& context) {
  const auto start = std::chrono::steady_clock::now();
  index::Bm25Options bm25;
  bm25.k1 = options.bm25K1;
  bm25.b = options.bm25B;
  bm25.stopwords = options.bm25Stopwords;
  bm25.stemming = options.bm25Stemming;
  std::vector<std::string> documents;
  documents.reserve(set.corpus.size());
  for (const CorpusDocument& document : set.corpus)
    documents.push_back(documentText(document));
  const index::Bm25Index index(documents, bm25);
  ModelEvaluation evaluation;
  evaluation.model = "bm25";
  evaluation.tag = "BM25";
  evaluation.result.corpusSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  PhaseProgress progress(context.progress, "queries searched (BM25)");
  const auto searchStart = std::chrono::steady_clock::now();
  for (std::size_t q = 0; q < set.queries.size(); ++q) {
    throwIfCancelled(context.cancel);
    QueryRanking ranking;
    ranking.queryId = set.queries[q].id;
    for (const auto& [document, score] : index.search(set.queries[q].text, options.k))
      ranking.hits.push_back({set.corpus[document].id, static_cast<float>(score)});
    orderHits(ranking.hits);
    evaluation.result.rankings.push_back(std::move(ranking));
    progress.onProgress(q + 1, set.queries.size(), "queries");
  }
  evaluation.result.searchSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - searchStart).count();
  evaluation.result.metrics =
      computeRetrievalMetrics(evaluation.result.rankings, set.qrels, metrics, set.sameAs);
  return evaluation;
}

}  // namespace

EvaluationJobResult runEvaluationJob(const EvaluationOptions& options,
                                     const EvaluationContext& context) {
  validate(options);
  std::vector<Problem> warnings;
  const EvalSet set =
      options.data.empty()
          ? loadMsMarcoEvalSet(options.corpus, options.queries, &warnings, nullptr, context.cancel)
          : loadBeirEvalSet(options.data, options.split, &warnings, nullptr, context.cancel);
  if (set.corpus.empty() || set.queries.empty())
    throw UsageError("the evaluation set has no documents or no queries");
  if (context.onWarnings && !warnings.empty()) context.onWarnings(options.datasetName(), warnings);

  // With or without the instruction, or both.
  std::string instruction = options.queryInstruction;
  if (instruction.empty() && (options.addInstruction || options.compareInstruction))
    instruction = kBgeQueryInstruction;
  const std::vector<std::string> prefixes = options.compareInstruction
                                                ? std::vector<std::string>{"", instruction}
                                                : std::vector<std::string>{instruction};

  RetrievalEvalOptions settings;
  settings.k = options.k;
  settings.batchSize = options.encoding.batchSize;
  settings.passageMaxLength = options.encoding.maxLength;
  settings.queryMaxLength = options.queryMaxLength;
  settings.passagePrefix = options.passageInstruction;
  settings.fp16 = options.encoding.fp16;
  settings.bf16 = options.encoding.bf16;
  settings.int8 = options.encoding.int8;
  settings.index.kind = index::parseIndexKind(options.index);
  settings.index.threads = context.searchThreads;
  settings.metrics.skipQueriesWithoutRelevant = options.skipQueriesWithoutRelevant;
  // A cutoff beyond k would report the top-k value under a misleading name: it becomes k.
  for (auto* list :
       {&settings.metrics.mrr, &settings.metrics.recall, &settings.metrics.recallCapped,
        &settings.metrics.ndcg, &settings.metrics.map}) {
    for (int& cutoff : *list)
      cutoff = std::min(cutoff, static_cast<int>(options.k));
    list->erase(std::unique(list->begin(), list->end()), list->end());
  }
  const std::unique_ptr<model::EmbeddingCache> cache =
      options.encoding.cache(context.onCacheWriteFailure);
  settings.cache = cache.get();
  settings.progress = context.progress;
  settings.cancel = context.cancel;

  std::optional<model::RerankerModel> reranker;
  if (!options.reranker.empty())
    reranker.emplace(model::RerankerModel::load(options.reranker, options.encoding.loadOptions()));
  EvaluationJobResult job;
  job.positivesMissingFromCorpus = set.positivesMissingFromCorpus;
  const auto add = [&](ModelEvaluation evaluation) {
    if (context.onResult) context.onResult(evaluation);
    job.evaluations.push_back(std::move(evaluation));
  };
  for (const std::string& folder : options.models) {
    const model::EmbeddingModel model =
        model::EmbeddingModel::load(folder, options.encoding.loadOptions());
    settings.modelFingerprint = options.encoding.fingerprint(folder);
    // Instructions not given are the model's own sentence-transformers prompts.
    RetrievalEvalOptions modelSettings = settings;
    if (options.passageInstruction.empty())
      modelSettings.passagePrefix = model.promptFor(model::PromptRole::Passage);
    std::vector<std::string> modelPrefixes = prefixes;
    if (options.queryInstruction.empty() && !options.addInstruction && !options.compareInstruction)
      modelPrefixes = {model.promptFor(model::PromptRole::Query)};
    const RetrievalEvaluator evaluator(model, set, modelSettings);
    for (const std::string& prefix : modelPrefixes) {
      ModelEvaluation evaluation;
      evaluation.model = folder;
      evaluation.tag = tagOf(folder, !prefix.empty() && options.compareInstruction);
      evaluation.result = evaluator.run(prefix);
      if (!reranker) {
        add(std::move(evaluation));
        continue;
      }
      // The same ranking re-scored by the cross-encoder: a second row, right below.
      ModelEvaluation reranked;
      reranked.model = evaluation.model;
      reranked.tag = evaluation.tag + "+rerank";
      reranked.reranker = options.reranker;
      reranked.result.queryPrefix = prefix;
      RerankingOptions rerankOptions;
      rerankOptions.topK = options.rerankTopK;
      rerankOptions.rerank.queryMaxLength = options.queryMaxLength;
      rerankOptions.rerank.passageMaxLength = options.encoding.maxLength;
      rerankOptions.rerank.batchSize = options.rerankBatchSize;
      rerankOptions.rerank.normalize = options.normalizeScores;
      rerankOptions.rerank.progress = context.progress;
      rerankOptions.rerank.cancel = context.cancel;
      reranked.result.rankings = rerank(*reranker, set, evaluation.result.rankings, rerankOptions);
      reranked.result.metrics = computeRetrievalMetrics(reranked.result.rankings, set.qrels,
                                                        settings.metrics, set.sameAs);
      add(std::move(evaluation));
      add(std::move(reranked));
    }
  }
  // The lexical baseline after the models: the reference row they are compared with.
  if (options.bm25) add(bm25Evaluation(options, set, settings.metrics, context));
  throwIfCancelled(context.cancel);

  if (!options.output.empty()) writeMetricsJson(options, job.evaluations);
  if (!options.runFile.empty()) {
    for (const ModelEvaluation& evaluation : job.evaluations) {
      writeRunFile(runFileFor(options.runFile, evaluation.tag, job.evaluations.size() > 1),
                   evaluation);
    }
  }
  if (!options.perQuery.empty()) writePerQueryTable(options.perQuery, set, job.evaluations);
  return job;
}

}  // namespace embedlab::eval
