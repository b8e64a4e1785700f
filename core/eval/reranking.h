// Re-ranking a bi-encoder's results with a cross-encoder: each query's top N hits are scored
// again by the reranker reading query and document together, and re-ordered by those scores;
// hits below N keep their order under them. Evaluating the re-ranked lists beside the original
// ones shows what the reranker adds. Torch-free header.
#pragma once

#include <vector>

#include "core/data/eval_set.h"
#include "core/eval/retrieval_metrics.h"
#include "core/model/reranker_model.h"

namespace embedlab::eval {

struct RerankingOptions {
  std::size_t topK = 100;       ///< hits per query the reranker scores (--rerank_top_k)
  std::string queryPrefix;      ///< put before each query (usually none for rerankers)
  model::RerankOptions rerank;  ///< lengths, batch size, sigmoid scores, progress (pairs)
};

/// `rankings` (hits ordered best first, as RetrievalEvaluator returns them) with each query's
/// top `topK` hits scored by `reranker` and sorted by that score; the hits below keep their
/// order, with scores below the lowest re-ranked one.
std::vector<QueryRanking> rerank(const model::RerankerModel& reranker, const EvalSet& set,
                                 const std::vector<QueryRanking>& rankings,
                                 const RerankingOptions& options);

}  // namespace embedlab::eval
