// Retrieval metrics over ranked results and relevance judgments, defined as the tools users
// compare against define them:
//  - MRR@k: 1 / rank of the first relevant document within the top k, else 0;
//  - Recall@k: relevant documents in the top k / min(k, relevant documents) (capped, as the
//    reference workflow's MS MARCO script computes it);
//  - nDCG@k: sum of grade / log2(rank + 1) over the top k, divided by the same sum for the
//    ideal ordering of the judged grades (linear gain, as trec_eval and pytrec_eval/BEIR);
//  - MAP@k: sum over relevant documents within the top k of precision at their rank, divided
//    by the number of relevant documents (trec_eval's map_cut).
// A document is relevant when its grade is > 0. Relevant documents that can never be retrieved
// (MS MARCO positives missing from the corpus) still count in the denominators. Queries without
// any relevant judgment are skipped and counted, not scored as zero. Tied scores are ordered as
// trec_eval orders them (document id, descending), so results do not depend on search order.
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

struct MetricCutoffs {
  std::vector<int> mrr{1, 10, 100};
  std::vector<int> recall{1, 10, 100};
  std::vector<int> ndcg{10};
  std::vector<int> map{100};
};

struct QueryMetrics {
  std::string queryId;
  std::size_t relevantCount = 0;
  /// 1-based rank of the first relevant document among the hits; nullopt when none is there.
  std::optional<std::size_t> firstRelevantRank;
  std::vector<double> values;  ///< in the order of RetrievalMetrics::names
};

struct RetrievalMetrics {
  std::vector<std::string> names;  ///< "MRR@1", ..., "Recall@100", "nDCG@10", "MAP@100"
  std::vector<double> means;       ///< over evaluated queries, same order as names
  std::size_t queriesEvaluated = 0;
  std::size_t queriesWithoutJudgments = 0;  ///< skipped: no relevant document judged
  std::vector<QueryMetrics> perQuery;       ///< evaluated queries, in ranking order

  /// The mean named `name`; throws std::out_of_range when it was not computed.
  double value(const std::string& name) const;
};

using Qrels = std::unordered_map<std::string, std::vector<Judgment>>;

/// Metrics of `rankings` (each query's hits are ordered with orderHits first) against `qrels`.
RetrievalMetrics computeRetrievalMetrics(std::vector<QueryRanking> rankings, const Qrels& qrels,
                                         const MetricCutoffs& cutoffs = {});

/// {"MRR@1": ..., ..., "queries_evaluated": n, "queries_without_judgments": m}, in names' order.
nlohmann::ordered_json toJson(const RetrievalMetrics& metrics);

}  // namespace embedlab::eval
