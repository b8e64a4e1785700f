#include "core/eval/retrieval_metrics.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>

namespace embedlab::eval {

void orderHits(std::vector<RankedHit>& hits) {
  std::sort(hits.begin(), hits.end(), [](const RankedHit& a, const RankedHit& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.documentId > b.documentId;
  });
}

double RetrievalMetrics::value(const std::string& name) const {
  const auto found = std::find(names.begin(), names.end(), name);
  if (found == names.end()) throw std::out_of_range("metric " + name + " was not computed");
  return means[static_cast<std::size_t>(found - names.begin())];
}

namespace {

struct JudgedQuery {
  std::unordered_map<std::string, int> grades;  // relevant documents only (grade > 0)
  std::vector<int> idealGrades;                 // descending
};

JudgedQuery judge(const std::vector<Judgment>& judgments) {
  JudgedQuery judged;
  for (const Judgment& judgment : judgments) {
    if (judgment.relevance <= 0) continue;
    int& grade = judged.grades[judgment.documentId];
    grade = std::max(grade, judgment.relevance);
  }
  for (const auto& [id, grade] : judged.grades)
    judged.idealGrades.push_back(grade);
  std::sort(judged.idealGrades.begin(), judged.idealGrades.end(), std::greater<>());
  return judged;
}

}  // namespace

RetrievalMetrics computeRetrievalMetrics(std::vector<QueryRanking> rankings, const Qrels& qrels,
                                         const MetricOptions& options,
                                         const DocumentAliases& sameAs) {
  RetrievalMetrics result;
  const auto name = [&](const char* metric, const std::vector<int>& cutoffs) {
    for (const int k : cutoffs)
      result.names.push_back(metric + std::to_string(k));
  };
  name("MRR@", options.mrr);
  name("Recall@", options.recall);
  name("R_cap@", options.recallCapped);
  name("nDCG@", options.ndcg);
  name("MAP@", options.map);
  result.means.assign(result.names.size(), 0.0);
  result.queriesWithoutRelevantSkipped = options.skipQueriesWithoutRelevant;

  for (QueryRanking& ranking : rankings) {
    const auto found = qrels.find(ranking.queryId);
    if (found == qrels.end()) {
      ++result.queriesWithoutJudgments;
      continue;
    }
    const JudgedQuery judged = judge(found->second);
    if (judged.grades.empty()) {
      ++result.queriesWithoutRelevant;
      if (options.skipQueriesWithoutRelevant) continue;
    }
    orderHits(ranking.hits);
    std::vector<int> grades;  // grade of each hit by rank (0: not relevant, or seen before)
    grades.reserve(ranking.hits.size());
    std::unordered_map<std::string, bool> seen;
    for (const RankedHit& hit : ranking.hits) {
      const auto alias = sameAs.find(hit.documentId);
      const std::string& id = alias == sameAs.end() ? hit.documentId : alias->second;
      const auto grade = judged.grades.find(id);
      const bool first = seen.emplace(id, true).second;
      grades.push_back(grade == judged.grades.end() || !first ? 0 : grade->second);
    }
    QueryMetrics metrics;
    metrics.queryId = ranking.queryId;
    metrics.relevantCount = judged.grades.size();
    const auto first = std::find_if(grades.begin(), grades.end(), [](int g) { return g > 0; });
    if (first != grades.end())
      metrics.firstRelevantRank = static_cast<std::size_t>(first - grades.begin()) + 1;
    const auto relevant = static_cast<double>(metrics.relevantCount);
    const auto cut = [&](int k) { return std::min(grades.size(), static_cast<std::size_t>(k)); };
    const auto retrieved = [&](int k) {
      return static_cast<double>(std::count_if(grades.begin(),
                                               grades.begin() + static_cast<std::ptrdiff_t>(cut(k)),
                                               [](int g) { return g > 0; }));
    };
    // 0 / 0 (no relevant document) is 0, as trec_eval scores such a query.
    const auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };

    for (const int k : options.mrr) {
      const bool within = metrics.firstRelevantRank && *metrics.firstRelevantRank <= cut(k);
      metrics.values.push_back(within ? 1.0 / static_cast<double>(*metrics.firstRelevantRank)
                                      : 0.0);
    }
    for (const int k : options.recall)
      metrics.values.push_back(ratio(retrieved(k), relevant));
    for (const int k : options.recallCapped)
      metrics.values.push_back(ratio(retrieved(k), std::min(static_cast<double>(k), relevant)));
    for (const int k : options.ndcg) {
      double dcg = 0;
      for (std::size_t rank = 0; rank < cut(k); ++rank)
        dcg += grades[rank] / std::log2(static_cast<double>(rank) + 2.0);
      double ideal = 0;
      for (std::size_t rank = 0;
           rank < std::min(judged.idealGrades.size(), static_cast<std::size_t>(k)); ++rank)
        ideal += judged.idealGrades[rank] / std::log2(static_cast<double>(rank) + 2.0);
      metrics.values.push_back(ratio(dcg, ideal));
    }
    for (const int k : options.map) {
      double sum = 0;
      std::size_t hitsSoFar = 0;
      for (std::size_t rank = 0; rank < cut(k); ++rank) {
        if (grades[rank] <= 0) continue;
        ++hitsSoFar;
        sum += static_cast<double>(hitsSoFar) / static_cast<double>(rank + 1);
      }
      metrics.values.push_back(ratio(sum, relevant));
    }
    for (std::size_t i = 0; i < metrics.values.size(); ++i)
      result.means[i] += metrics.values[i];
    ++result.queriesEvaluated;
    result.perQuery.push_back(std::move(metrics));
  }
  if (result.queriesEvaluated > 0) {
    for (double& mean : result.means)
      mean /= static_cast<double>(result.queriesEvaluated);
  }
  return result;
}

nlohmann::ordered_json toJson(const RetrievalMetrics& metrics) {
  nlohmann::ordered_json json;
  for (std::size_t i = 0; i < metrics.names.size(); ++i)
    json[metrics.names[i]] = metrics.means[i];
  json["queries_evaluated"] = metrics.queriesEvaluated;
  json["queries_without_judgments"] = metrics.queriesWithoutJudgments;
  json["queries_without_relevant"] = metrics.queriesWithoutRelevant;
  json["queries_without_relevant_skipped"] = metrics.queriesWithoutRelevantSkipped;
  return json;
}

}  // namespace embedlab::eval
