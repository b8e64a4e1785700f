// Evaluating a bi-encoder on a retrieval set: embed the corpus once (through the embedding
// cache), index it for exact inner-product search, then embed the queries (with or without an
// instruction: run() may be called several times on the same corpus), search the top k and
// score the rankings with retrieval_metrics.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/data/eval_set.h"
#include "core/eval/retrieval_metrics.h"
#include "core/index/vector_index.h"
#include "core/model/embedding_cache.h"
#include "core/model/embedding_model.h"

namespace embedlab::eval {

/// The BGE instruction the reference's --add_instruction adds to queries.
inline constexpr const char* kBgeQueryInstruction =
    "Represent this sentence for searching relevant passages: ";

struct RetrievalEvalOptions {
  std::size_t k = 100;  ///< hits retrieved per query (metrics need k >= their cutoffs)
  std::size_t batchSize = 256;
  std::size_t passageMaxLength = 512;
  std::size_t queryMaxLength = 64;
  std::string passagePrefix;  ///< e.g. "passage: " for E5 models
  bool fp16 = false;          ///< float16 on CUDA
  bool bf16 = false;          ///< bfloat16 on CUDA and CPUs with native bf16
  bool int8 = false;          ///< EncodeOptions::int8
  index::IndexOptions index;
  MetricOptions metrics;  ///< cutoffs, and what to do with queries without a relevant document
  /// nullptr: no caching.
  const model::EmbeddingCache* cache = nullptr;
  /// fingerprintModelFolder of the model; empty: no caching.
  std::string modelFingerprint;
  /// Told "encoding corpus", "encoding queries", "searching" in turn.
  ProgressObserver* progress = nullptr;
  const CancellationToken* cancel = nullptr;
};

struct RetrievalEvalResult {
  RetrievalMetrics metrics;
  std::vector<QueryRanking> rankings;  ///< every query, hits ordered with orderHits
  std::string queryPrefix;
  std::string passagePrefix;  ///< the corpus's (RetrievalEvalOptions::passagePrefix)
  bool corpusFromCache = false;
  double corpusSeconds = 0;  ///< encoding (or loading) the corpus and building the index
  double querySeconds = 0;
  double searchSeconds = 0;
};

class RetrievalEvaluator {
 public:
  /// Embeds and indexes the corpus of `set` (kept by reference: it must outlive the evaluator).
  RetrievalEvaluator(const model::EmbeddingModel& model, const EvalSet& set,
                     RetrievalEvalOptions options);
  ~RetrievalEvaluator();

  /// Embeds the queries with `queryPrefix`, searches and scores.
  RetrievalEvalResult run(const std::string& queryPrefix) const;

 private:
  const model::EmbeddingModel& model_;
  const EvalSet& set_;
  RetrievalEvalOptions options_;
  std::unique_ptr<index::VectorIndex> index_;
  bool corpusFromCache_ = false;
  double corpusSeconds_ = 0;
};

}  // namespace embedlab::eval
