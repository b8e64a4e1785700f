#include "core/eval/reranking.h"

#include <algorithm>
#include <unordered_map>

namespace embedlab::eval {

std::vector<QueryRanking> rerank(const model::RerankerModel& reranker, const EvalSet& set,
                                 const std::vector<QueryRanking>& rankings,
                                 const RerankingOptions& options) {
  std::unordered_map<std::string_view, const CorpusDocument*> documents;
  documents.reserve(set.corpus.size());
  for (const CorpusDocument& document : set.corpus)
    documents.emplace(document.id, &document);
  std::unordered_map<std::string_view, const EvalQuery*> queries;
  for (const EvalQuery& query : set.queries)
    queries.emplace(query.id, &query);

  // All pairs at once: the reranker batches them by length across queries.
  std::vector<model::TextPair> pairs;
  for (const QueryRanking& ranking : rankings) {
    const EvalQuery* query = queries.at(ranking.queryId);
    const std::size_t n = std::min(options.topK, ranking.hits.size());
    for (std::size_t h = 0; h < n; ++h) {
      pairs.emplace_back(options.queryPrefix + query->text,
                         documentText(*documents.at(ranking.hits[h].documentId)));
    }
  }
  const std::vector<float> scores = reranker.score(pairs, options.rerank);

  std::vector<QueryRanking> reranked = rankings;
  std::size_t next = 0;
  for (QueryRanking& ranking : reranked) {
    const std::size_t n = std::min(options.topK, ranking.hits.size());
    float lowest = 0;
    for (std::size_t h = 0; h < n; ++h) {
      ranking.hits[h].score = scores[next++];
      lowest = h == 0 ? ranking.hits[h].score : std::min(lowest, ranking.hits[h].score);
    }
    std::vector<RankedHit> top(ranking.hits.begin(),
                               ranking.hits.begin() + static_cast<std::ptrdiff_t>(n));
    orderHits(top);
    std::copy(top.begin(), top.end(), ranking.hits.begin());
    for (std::size_t h = n; h < ranking.hits.size(); ++h)
      ranking.hits[h].score = lowest - 1.0F - static_cast<float>(h - n);
  }
  return reranked;
}

}  // namespace embedlab::eval
