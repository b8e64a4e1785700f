#include "core/eval/retrieval_evaluator.h"

#include <chrono>

namespace embedlab::eval {

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

RetrievalEvaluator::RetrievalEvaluator(const model::EmbeddingModel& model, const EvalSet& set,
                                       RetrievalEvalOptions options)
    : model_(model), set_(set), options_(std::move(options)) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::string> texts;
  texts.reserve(set.corpus.size());
  for (const CorpusDocument& document : set.corpus)
    texts.push_back(documentText(document));
  PhaseProgress progress(options_.progress, "corpus texts");
  model::EncodeOptions encode;
  encode.batchSize = options_.batchSize;
  encode.maxLength = options_.passageMaxLength;
  encode.prefix = options_.passagePrefix;
  encode.fp16 = options_.fp16;
  encode.bf16 = options_.bf16;
  encode.int8 = options_.int8;
  encode.progress = &progress;
  encode.cancel = options_.cancel;
  const model::CachedEmbeddings corpus =
      model::encodeWithCache(options_.cache, model, options_.modelFingerprint, texts, encode);
  corpusFromCache_ = corpus.fromCache;
  index_ = std::make_unique<index::VectorIndex>(corpus.values.data(), corpus.rows, corpus.dimension,
                                                options_.index);
  corpusSeconds_ = secondsSince(start);
}

RetrievalEvaluator::~RetrievalEvaluator() = default;

RetrievalEvalResult RetrievalEvaluator::run(const std::string& queryPrefix) const {
  RetrievalEvalResult result;
  result.queryPrefix = queryPrefix;
  result.passagePrefix = options_.passagePrefix;
  result.corpusFromCache = corpusFromCache_;
  result.corpusSeconds = corpusSeconds_;

  auto start = std::chrono::steady_clock::now();
  std::vector<std::string> texts;
  texts.reserve(set_.queries.size());
  for (const EvalQuery& query : set_.queries)
    texts.push_back(query.text);
  PhaseProgress encodeProgress(options_.progress, "query texts");
  model::EncodeOptions encode;
  encode.batchSize = options_.batchSize;
  encode.maxLength = options_.queryMaxLength;
  encode.prefix = queryPrefix;
  encode.fp16 = options_.fp16;
  encode.bf16 = options_.bf16;
  encode.int8 = options_.int8;
  encode.progress = &encodeProgress;
  encode.cancel = options_.cancel;
  const std::vector<float> queries = model_.encode(texts, encode);
  result.querySeconds = secondsSince(start);

  start = std::chrono::steady_clock::now();
  PhaseProgress searchProgress(options_.progress, "queries searched");
  const index::SearchResult found =
      index_->search(queries.data(), texts.size(), options_.k, &searchProgress, options_.cancel);
  result.searchSeconds = secondsSince(start);

  result.rankings.reserve(texts.size());
  for (std::size_t q = 0; q < texts.size(); ++q) {
    QueryRanking ranking;
    ranking.queryId = set_.queries[q].id;
    for (std::size_t j = 0; j < found.k; ++j) {
      const std::int64_t id = found.ids[q * found.k + j];
      if (id < 0) break;
      ranking.hits.push_back(
          {set_.corpus[static_cast<std::size_t>(id)].id, found.scores[q * found.k + j]});
    }
    orderHits(ranking.hits);
    result.rankings.push_back(std::move(ranking));
  }
  result.metrics =
      computeRetrievalMetrics(result.rankings, set_.qrels, options_.metrics, set_.sameAs);
  return result;
}

}  // namespace embedlab::eval
