// Retrieval metrics over ranked results and relevance judgments, defined as the tools users
// compare against define them:
//  - MRR@k: 1 / rank of the first relevant document within the top k, else 0;
//  - Recall@k: relevant documents in the top k / relevant documents (plain recall, trec_eval's
//    recall_k and BEIR's Recall@k);
//  - R_cap@k: relevant documents in the top k / min(k, relevant documents) (capped, as the
//    reference workflow's MS MARCO script computes what it calls Recall@k, and BEIR's R_cap@k);
//  - nDCG@k: sum of grade / log2(rank + 1) over the top k, divided by the same sum for the
//    ideal ordering of the judged grades (linear gain, as trec_eval and pytrec_eval/BEIR);
//  - MAP@k: sum over relevant documents within the top k of precision at their rank, divided
//    by the number of relevant documents (trec_eval's map_cut).
// A document is relevant when its grade is > 0, and counts once: a document id repeated in a
// ranking (or a passage judged as another one, see `sameAs`) is relevant at its first rank only.
// Relevant documents that can never be retrieved (MS MARCO positives missing from the corpus)
// still count in the denominators. A query that is judged but has no relevant document scores
// 0 on every metric and counts in the means, as trec_eval and the reference count it (or is
// left out with skipQueriesWithoutRelevant); a query without any judgment is not evaluated.
// Tied scores are ordered as trec_eval orders them (document id, descending), so results do not
// depend on search order.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/data/eval_set.h"

namespace embedlab::eval {

struct RankedHit {
  std::string documentId;
  float score = 0;
};

struct QueryRanking {
  std::string queryId;
  std::vector<RankedHit> hits;  ///< any order; orderHits sorts them
};

/// Sorts by score, best first; equal scores by document id, descending (trec_eval's rule).
void orderHits(std::vector<RankedHit>& hits);

struct MetricOptions {
  std::vector<int> mrr{1, 10, 100};           ///< MRR@k
  std::vector<int> recall{1, 10, 100};        ///< Recall@k (uncapped)
  std::vector<int> recallCapped{1, 10, 100};  ///< R_cap@k
  std::vector<int> ndcg{10};                  ///< nDCG@k
  std::vector<int> map{100};                  ///< MAP@k
  /// Leave judged queries without a relevant document out of the means (default: they count,
  /// scoring 0, as in trec_eval and the reference).
  bool skipQueriesWithoutRelevant = false;
};

struct QueryMetrics {
  std::string queryId;
  std::size_t relevantCount = 0;
  /// 1-based rank of the first relevant document among the hits; nullopt when none is there.
  std::optional<std::size_t> firstRelevantRank;
  std::vector<double> values;  ///< in the order of RetrievalMetrics::names
};

struct RetrievalMetrics {
  std::vector<std::string> names;           ///< "MRR@1", ..., "Recall@100", "nDCG@10", "MAP@100"
  std::vector<double> means;                ///< over evaluated queries, same order as names
  std::size_t queriesEvaluated = 0;         ///< in the means
  std::size_t queriesWithoutJudgments = 0;  ///< not evaluated: no judgment at all
  /// Judged, but none of their documents relevant: in the means (scoring 0) unless skipped.
  std::size_t queriesWithoutRelevant = 0;
  bool queriesWithoutRelevantSkipped = false;
  std::vector<QueryMetrics> perQuery;  ///< evaluated queries, in ranking order

  /// The mean named `name`; throws std::out_of_range when it was not computed.
  double value(const std::string& name) const;
};

using Qrels = std::unordered_map<std::string, std::vector<Judgment>>;

/// Document id -> the id it is judged as (EvalSet::sameAs).
using DocumentAliases = std::unordered_map<std::string, std::string>;

/// Metrics of `rankings` (each query's hits are ordered with orderHits first) against `qrels`;
/// a hit whose id `sameAs` maps is judged as the document it maps to.
RetrievalMetrics computeRetrievalMetrics(std::vector<QueryRanking> rankings, const Qrels& qrels,
                                         const MetricOptions& options = {},
                                         const DocumentAliases& sameAs = {});

/// {"MRR@1": ..., ..., "queries_evaluated": n, "queries_without_judgments": m,
/// "queries_without_relevant": r, "queries_without_relevant_skipped": bool}, in names' order.
nlohmann::ordered_json toJson(const RetrievalMetrics& metrics);

}  // namespace embedlab::eval
