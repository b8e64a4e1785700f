// Retrieval metrics on hand-made rankings whose values are worked out by hand in each test, and
// score summaries (quantiles, histograms).
#include <QtTest/QtTest>

#include <cmath>

#include "core/eval/retrieval_metrics.h"
#include "core/eval/score_summary.h"

using namespace embedlab;
using namespace embedlab::eval;

namespace {

// A ranking of documents d<i> with strictly falling scores, in the order given.
QueryRanking ranking(const std::string& query, const std::vector<std::string>& documents) {
  QueryRanking result{query, {}};
  float score = 1.0F;
  for (const std::string& document : documents) {
    result.hits.push_back({document, score});
    score -= 0.01F;
  }
  return result;
}

bool near(double a, double b) {
  return std::abs(a - b) < 1e-9;
}

MetricOptions cutoffs(std::vector<int> mrr, std::vector<int> recall, std::vector<int> ndcg,
                      std::vector<int> map, std::vector<int> recallCapped = {}) {
  MetricOptions result;
  result.mrr = std::move(mrr);
  result.recall = std::move(recall);
  result.recallCapped = std::move(recallCapped);
  result.ndcg = std::move(ndcg);
  result.map = std::move(map);
  return result;
}

}  // namespace

class TestRetrievalMetrics : public QObject {
  Q_OBJECT

 private slots:
  void metricNamesFollowTheCutoffs() {
    const RetrievalMetrics metrics = computeRetrievalMetrics({}, {});
    const std::vector<std::string> expected{"MRR@1",     "MRR@10",     "MRR@100", "Recall@1",
                                            "Recall@10", "Recall@100", "R_cap@1", "R_cap@10",
                                            "R_cap@100", "nDCG@10",    "MAP@100"};
    QCOMPARE(metrics.names, expected);
    QCOMPARE(metrics.queriesEvaluated, std::size_t{0});
    QCOMPARE(metrics.value("MRR@10"), 0.0);  // no query: zeros, not NaN
  }

  void oneRelevantDocumentAtRankThree() {
    const Qrels qrels{{"q", {{"c", 1}}}};
    const RetrievalMetrics m = computeRetrievalMetrics({ranking("q", {"a", "b", "c", "d"})}, qrels,
                                                       cutoffs({1, 2, 3, 10}, {1, 3}, {3}, {10}));
    QVERIFY(near(m.value("MRR@1"), 0.0));
    QVERIFY(near(m.value("MRR@2"), 0.0));
    QVERIFY(near(m.value("MRR@3"), 1.0 / 3));
    QVERIFY(near(m.value("MRR@10"), 1.0 / 3));
    QVERIFY(near(m.value("Recall@1"), 0.0));
    QVERIFY(near(m.value("Recall@3"), 1.0));
    QVERIFY(near(m.value("nDCG@3"), 1.0 / std::log2(4.0)));  // ideal DCG is 1
    QVERIFY(near(m.value("MAP@10"), 1.0 / 3));
    QCOMPARE(m.perQuery.front().firstRelevantRank.value(), std::size_t{3});
    QCOMPARE(m.perQuery.front().relevantCount, std::size_t{1});
  }

  void noRelevantDocumentInTheTopK() {
    const Qrels qrels{{"q", {{"z", 1}}}};
    const RetrievalMetrics m = computeRetrievalMetrics({ranking("q", {"a", "b", "c"})}, qrels);
    for (const double value : m.means)
      QCOMPARE(value, 0.0);
    QVERIFY(!m.perQuery.front().firstRelevantRank.has_value());
    QCOMPARE(m.queriesEvaluated, std::size_t{1});
  }

  void severalRelevantDocuments() {
    // Relevant: a (rank 1), c (rank 3), e (rank 5), and x (never retrieved).
    const Qrels qrels{{"q", {{"a", 1}, {"c", 1}, {"e", 1}, {"x", 1}}}};
    const RetrievalMetrics m =
        computeRetrievalMetrics({ranking("q", {"a", "b", "c", "d", "e"})}, qrels,
                                cutoffs({10}, {1, 2, 3, 10}, {3, 10}, {10}, {1, 2, 3, 10}));
    QVERIFY(near(m.value("MRR@10"), 1.0));
    // Recall: |gold in top k| / |gold|.
    QVERIFY(near(m.value("Recall@1"), 1.0 / 4));
    QVERIFY(near(m.value("Recall@2"), 1.0 / 4));
    QVERIFY(near(m.value("Recall@3"), 2.0 / 4));
    QVERIFY(near(m.value("Recall@10"), 3.0 / 4));
    // Capped recall (the reference's "Recall@k", BEIR's R_cap@k): / min(k, |gold|).
    QVERIFY(near(m.value("R_cap@1"), 1.0 / 1));
    QVERIFY(near(m.value("R_cap@2"), 1.0 / 2));
    QVERIFY(near(m.value("R_cap@3"), 2.0 / 3));
    QVERIFY(near(m.value("R_cap@10"), 3.0 / 4));
    // nDCG@3: DCG 1 + 1/log2(4); ideal 1 + 1/log2(3) + 1/log2(4).
    QVERIFY(near(m.value("nDCG@3"), (1 + 0.5) / (1 + 1 / std::log2(3.0) + 0.5)));
    const double ideal10 = 1 + 1 / std::log2(3.0) + 0.5 + 1 / std::log2(5.0);
    QVERIFY(near(m.value("nDCG@10"), (1 + 0.5 + 1 / std::log2(6.0)) / ideal10));
    // MAP: (1/1 + 2/3 + 3/5) / 4 relevant documents.
    QVERIFY(near(m.value("MAP@10"), (1.0 + 2.0 / 3 + 3.0 / 5) / 4));
  }

  void gradedRelevanceUsesLinearGain() {
    const Qrels qrels{{"q", {{"a", 1}, {"b", 2}}}};
    const RetrievalMetrics m =
        computeRetrievalMetrics({ranking("q", {"a", "b"})}, qrels, cutoffs({}, {}, {2}, {}));
    // DCG 1 + 2/log2(3); ideal 2 + 1/log2(3).
    QVERIFY(near(m.value("nDCG@2"), (1 + 2 / std::log2(3.0)) / (2 + 1 / std::log2(3.0))));
  }

  void tiesAreOrderedByDocumentIdDescending() {
    // Three documents with one score: trec_eval ranks them c, b, a whatever order they came in.
    QueryRanking tied{"q", {{"a", 0.5F}, {"c", 0.5F}, {"b", 0.5F}, {"top", 0.9F}}};
    const Qrels qrels{{"q", {{"b", 1}}}};
    const RetrievalMetrics m = computeRetrievalMetrics({tied}, qrels, cutoffs({10}, {}, {}, {}));
    QCOMPARE(m.perQuery.front().firstRelevantRank.value(), std::size_t{3});  // top, c, b
    QVERIFY(near(m.value("MRR@10"), 1.0 / 3));
    std::vector<RankedHit> hits = tied.hits;
    orderHits(hits);
    QCOMPARE(hits[0].documentId, std::string("top"));
    QCOMPARE(hits[1].documentId, std::string("c"));
    QCOMPARE(hits[3].documentId, std::string("a"));
  }

  void cutoffLargerThanTheRanking() {
    // k = 100 over a corpus of 3: the whole ranking counts.
    const Qrels qrels{{"q", {{"b", 1}, {"c", 1}}}};
    const RetrievalMetrics m = computeRetrievalMetrics({ranking("q", {"a", "b", "c"})}, qrels);
    QVERIFY(near(m.value("MRR@100"), 0.5));
    QVERIFY(near(m.value("Recall@100"), 1.0));
    QVERIFY(near(m.value("MAP@100"), (1.0 / 2 + 2.0 / 3) / 2));
  }

  void judgedQueriesWithoutRelevantDocumentsCountAsZero() {
    // q1 finds its document; q2 has no judgment at all (not evaluated, as in trec_eval); q3 is
    // judged but nothing is relevant: it scores 0 and counts in the means, as trec_eval and
    // the reference count it.
    const Qrels qrels{{"q1", {{"a", 1}}}, {"q3", {{"a", 0}}}};
    const std::vector<QueryRanking> rankings{ranking("q1", {"a"}), ranking("q2", {"a"}),
                                             ranking("q3", {"a"})};
    const RetrievalMetrics m = computeRetrievalMetrics(rankings, qrels);
    QCOMPARE(m.queriesEvaluated, std::size_t{2});
    QCOMPARE(m.queriesWithoutJudgments, std::size_t{1});
    QCOMPARE(m.queriesWithoutRelevant, std::size_t{1});
    QVERIFY(near(m.value("MRR@10"), 0.5));
    QVERIFY(near(m.value("Recall@10"), 0.5));
    QVERIFY(near(m.value("nDCG@10"), 0.5));  // 0 / 0 is 0, not NaN
    QCOMPARE(m.perQuery.size(), std::size_t{2});
    auto json = toJson(m);
    QCOMPARE(json["queries_without_judgments"].get<int>(), 1);
    QCOMPARE(json["queries_without_relevant"].get<int>(), 1);
    QCOMPARE(json["queries_without_relevant_skipped"].get<bool>(), false);
    QCOMPARE(json.begin().key(), std::string("MRR@1"));

    MetricOptions skipping;
    skipping.skipQueriesWithoutRelevant = true;
    const RetrievalMetrics skipped = computeRetrievalMetrics(rankings, qrels, skipping);
    QCOMPARE(skipped.queriesEvaluated, std::size_t{1});
    QCOMPARE(skipped.queriesWithoutRelevant, std::size_t{1});
    QVERIFY(near(skipped.value("MRR@10"), 1.0));
    QCOMPARE(toJson(skipped)["queries_without_relevant_skipped"].get<bool>(), true);
  }

  void aDocumentCountsOnceAndCopiesAreJudgedAsTheirOriginal() {
    // Passage 7 is a copy of passage 2 (the MS MARCO layout judges positives by content): a
    // hit on the copy is a hit on 2, and 2 retrieved again later adds nothing.
    const Qrels qrels{{"q", {{"2", 1}, {"5", 1}}}};
    const DocumentAliases sameAs{{"7", "2"}};
    const RetrievalMetrics m = computeRetrievalMetrics({ranking("q", {"7", "1", "2", "5"})}, qrels,
                                                       cutoffs({10}, {1, 3, 10}, {}, {10}), sameAs);
    QCOMPARE(m.perQuery.front().firstRelevantRank.value(), std::size_t{1});
    QVERIFY(near(m.value("Recall@1"), 0.5));
    QVERIFY(near(m.value("Recall@3"), 0.5));  // 2 again at rank 3 is not a second hit
    QVERIFY(near(m.value("Recall@10"), 1.0));
    QVERIFY(near(m.value("MAP@10"), (1.0 + 2.0 / 4) / 2));
    // Without the alias, the copy is just another passage.
    const RetrievalMetrics plain = computeRetrievalMetrics({ranking("q", {"7", "1", "2", "5"})},
                                                           qrels, cutoffs({10}, {}, {}, {}));
    QCOMPARE(plain.perQuery.front().firstRelevantRank.value(), std::size_t{3});
  }

  void meansAverageOverQueries() {
    const Qrels qrels{{"q1", {{"a", 1}}}, {"q2", {{"b", 1}}}};
    const RetrievalMetrics m = computeRetrievalMetrics(
        {ranking("q1", {"a", "b"}), ranking("q2", {"a", "b"})}, qrels, cutoffs({10}, {}, {}, {}));
    QVERIFY(near(m.value("MRR@10"), (1.0 + 0.5) / 2));
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, m.value("MRR@5"));
  }

  void quantilesInterpolateAsNumpy() {
    const Quantiles q = summarize({4, 1, 3, 2, 5});
    QCOMPARE(q.count, std::size_t{5});
    QCOMPARE(q.min, 1.0);
    QCOMPARE(q.max, 5.0);
    QCOMPARE(q.median, 3.0);
    QVERIFY(near(q.p25, 2.0));
    QVERIFY(near(q.p05, 1.2));  // numpy.quantile([1..5], 0.05) = 1.2
    QVERIFY(near(q.mean, 3.0));
    QCOMPARE(summarize({}).count, std::size_t{0});
  }

  void histogramClampsIntoTheEndBins() {
    const Histogram h = histogram({-1.0, 0.0, 0.24, 0.25, 0.99, 1.0, 7.0}, 0.0, 1.0, 4);
    const std::vector<std::uint64_t> expected{3, 1, 0, 3};
    QCOMPARE(h.counts, expected);
  }
};

QTEST_GUILESS_MAIN(TestRetrievalMetrics)
#include "test_retrieval_metrics.moc"
