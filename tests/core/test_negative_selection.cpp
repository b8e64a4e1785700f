// Choosing negatives from ranked candidates: the range is a 0-based slice, positives and the
// query are never negatives, each margin filter drops exactly the candidates it should, no
// negative repeats, shortages are counted and padded only when asked. The rankings are made by
// hand (one-dimensional embeddings: a candidate's embedding is its score), so every expected
// value can be read off the test.
#include <QtTest/QtTest>

#include <algorithm>
#include <numeric>
#include <set>

#include "core/mine/negative_selection.h"
#include "tests/support/errors.h"

using namespace embedlab;
using namespace embedlab::mine;

namespace {

// Examples and the candidate search they are mined from.
struct Scenario {
  std::vector<TrainingExample> examples;
  CandidateSearch search;
};

// `scores[i]` is candidate i's score for every query; hits are searched to `depth`.
CandidateSearch makeSearch(const std::vector<std::string>& texts, const std::vector<float>& scores,
                           const std::vector<TrainingExample>& examples, std::size_t depth) {
  CandidateSearch search;
  search.candidates = texts;
  search.dimension = 1;
  search.candidateEmbeddings = scores;
  search.queryEmbeddings.assign(examples.size(), 1.0F);
  std::vector<std::int64_t> order(texts.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::int64_t a, std::int64_t b) { return scores[a] > scores[b]; });
  search.hits.queries = examples.size();
  search.hits.k = depth;
  for (std::size_t q = 0; q < examples.size(); ++q) {
    for (std::size_t rank = 0; rank < depth; ++rank) {
      const bool exists = rank < order.size();
      search.hits.ids.push_back(exists ? order[rank] : -1);
      search.hits.scores.push_back(exists ? scores[static_cast<std::size_t>(order[rank])] : 0.0F);
    }
    std::vector<float> positives;
    for (const std::string& positive : examples[q].positives) {
      const auto found = std::find(texts.begin(), texts.end(), positive);
      positives.push_back(scores[static_cast<std::size_t>(found - texts.begin())]);
    }
    search.positiveScores.push_back(positives);
  }
  return search;
}

// Candidates c0..c<n-1> scoring 1.00, 0.99, ...; one query "q" whose positive is `positive`.
Scenario ladder(std::size_t n, const std::string& positive, std::size_t depth) {
  Scenario s;
  std::vector<std::string> texts;
  std::vector<float> scores;
  for (std::size_t i = 0; i < n; ++i) {
    texts.push_back("c" + std::to_string(i));
    scores.push_back(1.0F - 0.01F * static_cast<float>(i));
  }
  TrainingExample example;
  example.query = "q";
  example.positives = {positive};
  s.examples = {example};
  s.search = makeSearch(texts, scores, s.examples, depth);
  return s;
}

std::vector<std::string> negativeTexts(const CandidateSearch& search, const MinedNegatives& mined) {
  std::vector<std::string> texts;
  for (const std::size_t candidate : mined.candidates)
    texts.push_back(search.candidates[candidate]);
  return texts;
}

SelectionOptions options(std::size_t start, std::size_t end, std::size_t number) {
  SelectionOptions result;
  result.rangeStart = start;
  result.rangeEnd = end;
  result.negativeNumber = number;
  result.sampling = Sampling::Top;
  return result;
}

}  // namespace

class TestNegativeSelection : public QObject {
  Q_OBJECT

 private slots:
  void parsesTheReferenceRangeSyntax() {
    SelectionOptions o;
    parseRange("2-200", o);
    QCOMPARE(o.rangeStart, std::size_t{2});
    QCOMPARE(o.rangeEnd, std::size_t{200});
    parseRange(" 0 - 5 ", o);
    QCOMPARE(o.rangeEnd, std::size_t{5});
    for (const char* bad : {"10", "5-5", "7-3", "a-b", "-3", "1-2-3"}) {
      const std::string message = test::errorOf([&] { parseRange(bad, o); });
      QVERIFY2(message.find("range_for_sampling") != std::string::npos, bad);
    }
  }

  void theRangeIsAZeroBasedSliceOfTheRanking() {
    Scenario s = ladder(30, "c0", 30);
    // 2-7: skip ranks 0 and 1 (c0, c1), keep ranks 2..6.
    const Selection selection = selectNegatives(s.search, s.examples, options(2, 7, 100));
    const std::vector<std::string> expected{"c2", "c3", "c4", "c5", "c6"};
    QCOMPARE(negativeTexts(s.search, selection.perQuery[0]), expected);
    QCOMPARE(selection.statistics.candidatesInRange, std::uint64_t{5});
    QVERIFY(std::abs(selection.perQuery[0].scores[0] - 0.98F) < 1e-6);
  }

  void explainsEveryHitOfARanking() {
    // c3 is the positive (score 0.97); a relative margin of 0.01 drops scores > 0.9603.
    Scenario s = ladder(10, "c3", 10);
    SelectionOptions o = options(1, 6, 2);
    o.relativeMargin = 0.01;
    const Selection selection = selectNegatives(s.search, s.examples, o);
    const std::vector<RankedHit> hits = explainRanking(s.search, s.examples, selection, 0, o);
    QCOMPARE(hits.size(), std::size_t{10});
    QVERIFY(!hits[0].inRange);  // rank 0 is outside 1-6, but still judged
    QCOMPARE(hits[0].verdict, CandidateVerdict::RelativeMargin);
    QCOMPARE(hits[3].verdict, CandidateVerdict::PositiveOrQuery);
    QVERIFY(hits[1].inRange && !hits[1].chosen);  // 0.99: a probable false negative
    QCOMPARE(hits[1].verdict, CandidateVerdict::RelativeMargin);
    QCOMPARE(hits[4].verdict, CandidateVerdict::Keep);  // 0.96
    QVERIFY(hits[4].chosen && hits[5].chosen);          // the top two that are kept
    QVERIFY(!hits[6].inRange && !hits[6].chosen);
    QCOMPARE(hits[6].verdict, CandidateVerdict::Keep);
    QCOMPARE(hits[9].rank, std::size_t{9});
  }

  void positivesAndTheQueryAreNeverNegatives() {
    Scenario s = ladder(10, "c3", 10);
    s.search.candidates[5] = "q";  // the query itself is a candidate text
    const Selection selection = selectNegatives(s.search, s.examples, options(0, 10, 100));
    const auto texts = negativeTexts(s.search, selection.perQuery[0]);
    QCOMPARE(texts.size(), std::size_t{8});
    QVERIFY(std::find(texts.begin(), texts.end(), "c3") == texts.end());
    QVERIFY(std::find(texts.begin(), texts.end(), "q") == texts.end());
    QCOMPARE(selection.statistics.droppedAsPositiveOrQuery, std::uint64_t{2});
    QCOMPARE(selection.statistics.queriesWithPositiveInRange, std::size_t{1});
  }

  void relativeMarginDropsExactlyTheCandidatesAboveItsLine() {
    // Positive c10 scores 0.90; R = 0.05 drops scores above 0.855: c0..c14 (0.86 is above,
    // 0.85 is not), so the eligible ranks start at c15.
    Scenario s = ladder(40, "c10", 40);
    SelectionOptions o = options(0, 40, 3);
    o.relativeMargin = 0.05;
    const Selection selection = selectNegatives(s.search, s.examples, o);
    const std::vector<std::string> expected{"c15", "c16", "c17"};
    QCOMPARE(negativeTexts(s.search, selection.perQuery[0]), expected);
    QCOMPARE(selection.statistics.droppedAsPositiveOrQuery, std::uint64_t{1});
    QCOMPARE(selection.statistics.droppedByRelativeMargin, std::uint64_t{14});
    QCOMPARE(selection.statistics.eligible, std::uint64_t{25});
  }

  void absoluteMarginAndMaxScore() {
    Scenario s = ladder(40, "c10", 40);  // positive 0.90
    SelectionOptions o = options(0, 40, 2);
    o.absoluteMargin = 0.105;  // drops scores above 0.795: c0..c20 (minus the positive)
    Selection selection = selectNegatives(s.search, s.examples, o);
    QCOMPARE(negativeTexts(s.search, selection.perQuery[0]),
             (std::vector<std::string>{"c21", "c22"}));
    QCOMPARE(selection.statistics.droppedByAbsoluteMargin, std::uint64_t{20});

    o = options(0, 40, 2);
    o.maxScore = 0.955;  // drops c0..c4
    selection = selectNegatives(s.search, s.examples, o);
    QCOMPARE(negativeTexts(s.search, selection.perQuery[0]),
             (std::vector<std::string>{"c5", "c6"}));
    QCOMPARE(selection.statistics.droppedByMaxScore, std::uint64_t{5});

    // With several filters a candidate is counted under the first that drops it.
    o.relativeMargin = 0.05;
    selection = selectNegatives(s.search, s.examples, o);
    QCOMPARE(selection.statistics.droppedByMaxScore, std::uint64_t{5});
    QCOMPARE(selection.statistics.droppedByRelativeMargin, std::uint64_t{9});
  }

  void lowestPositiveSetsTheMarginWithSeveralPositives() {
    Scenario s = ladder(40, "c2", 40);
    s.examples[0].positives = {"c2", "c20"};  // 0.98 and 0.80
    s.search = makeSearch(s.search.candidates, s.search.candidateEmbeddings, s.examples, 40);
    SelectionOptions o = options(0, 40, 1);
    o.relativeMargin = 0.105;  // above 0.895 * 0.80 = 0.716 dropped: c0..c28
    const Selection selection = selectNegatives(s.search, s.examples, o);
    QCOMPARE(negativeTexts(s.search, selection.perQuery[0]), (std::vector<std::string>{"c29"}));
  }

  void randomSamplingIsSeededPerQueryAndNeverRepeats() {
    Scenario s = ladder(200, "c0", 200);
    SelectionOptions o = options(10, 200, 15);
    o.sampling = Sampling::Random;
    const Selection a = selectNegatives(s.search, s.examples, o);
    const auto texts = negativeTexts(s.search, a.perQuery[0]);
    QCOMPARE(texts.size(), std::size_t{15});
    QCOMPARE(std::set<std::string>(texts.begin(), texts.end()).size(), std::size_t{15});
    for (const std::string& text : texts)
      QVERIFY(std::stoi(text.substr(1)) >= 10);  // inside the range
    // Not just the top 15 of the range, and kept in rank order.
    QVERIFY(texts !=
            negativeTexts(s.search,
                          selectNegatives(s.search, s.examples, options(10, 200, 15)).perQuery[0]));
    QVERIFY(std::is_sorted(a.perQuery[0].scores.rbegin(), a.perQuery[0].scores.rend()));
    // The same seed gives the same choice, another seed another one.
    QCOMPARE(negativeTexts(s.search, selectNegatives(s.search, s.examples, o).perQuery[0]), texts);
    o.seed = 7;
    QVERIFY(negativeTexts(s.search, selectNegatives(s.search, s.examples, o).perQuery[0]) != texts);
  }

  void shortQueriesAreCountedAndPaddedOnlyWhenAsked() {
    Scenario s = ladder(30, "c0", 10);  // 30 candidates, only the top 10 searched
    SelectionOptions o = options(5, 10, 8);
    Selection selection = selectNegatives(s.search, s.examples, o);
    QCOMPARE(selection.perQuery[0].candidates.size(), std::size_t{5});
    QCOMPARE(selection.statistics.queriesShort, std::size_t{1});
    QCOMPARE(selection.statistics.negativesMissing, std::uint64_t{3});
    QCOMPARE(selection.statistics.negativesPadded, std::uint64_t{0});

    o.padRandom = true;
    o.maxScore = 0.935;  // padding obeys the filters too: c0..c6 are never padded in
    selection = selectNegatives(s.search, s.examples, o);
    const auto texts = negativeTexts(s.search, selection.perQuery[0]);
    QCOMPARE(texts.size(), std::size_t{8});
    QCOMPARE(std::set<std::string>(texts.begin(), texts.end()).size(), std::size_t{8});
    for (const std::string& text : texts)
      QVERIFY2(std::stoi(text.substr(1)) >= 7, text.c_str());
    QCOMPARE(selection.statistics.negativesPadded, std::uint64_t{5});  // c7..c9 from the range
    QCOMPARE(selection.statistics.queriesShort, std::size_t{0});
    // The padded negatives carry their real scores.
    for (std::size_t i = 0; i < texts.size(); ++i) {
      const float expected = 1.0F - 0.01F * static_cast<float>(std::stoi(texts[i].substr(1)));
      QVERIFY(std::abs(selection.perQuery[0].scores[i] - expected) < 1e-6);
    }
  }

  void aRangePastTheSearchedDepthIsAnError() {
    Scenario s = ladder(300, "c0", 100);
    const std::string message =
        test::errorOf([&] { selectNegatives(s.search, s.examples, options(10, 210, 5)); });
    QVERIFY2(message.find("only the top 100") != std::string::npos, message.c_str());
    // A pool smaller than the range end is fine: every candidate was searched.
    Scenario small = ladder(50, "c0", 50);
    QCOMPARE(selectNegatives(small.search, small.examples, options(10, 210, 100))
                 .perQuery[0]
                 .candidates.size(),
             std::size_t{40});
  }

  void applyingKeepsEveryOtherFieldAndWritesScores() {
    Scenario s = ladder(20, "c1", 20);
    s.examples[0].negatives = {"old negative"};
    s.examples[0].prompt = "Represent: ";
    s.examples[0].extraFields = {{"source", "\"web\""}};
    const Selection selection = selectNegatives(s.search, s.examples, options(2, 5, 3));
    std::vector<TrainingExample> written = s.examples;
    applySelection(written, s.search, selection, ScoreFields::Both);
    QCOMPARE(written[0].negatives, (std::vector<std::string>{"c2", "c3", "c4"}));
    QCOMPARE(written[0].negativeScores, (std::vector<double>{0.98, 0.97, 0.96}));
    QCOMPARE(written[0].positiveScores, (std::vector<double>{0.99}));
    QCOMPARE(written[0].prompt.value(), std::string("Represent: "));
    QCOMPARE(written[0].extraFields.size(), std::size_t{1});
    QCOMPARE(written[0].positives, s.examples[0].positives);

    written = s.examples;
    applySelection(written, s.search, selection, ScoreFields::None);
    QVERIFY(written[0].negativeScores.empty());
    QVERIFY(written[0].positiveScores.empty());
  }

  void statisticsReport() {
    Scenario s = ladder(30, "c3", 30);
    const Selection selection = selectNegatives(s.search, s.examples, options(0, 10, 4));
    const MiningStatistics& stats = selection.statistics;
    QCOMPARE(stats.queries, std::size_t{1});
    QCOMPARE(stats.negativesChosen, std::uint64_t{4});
    QCOMPARE(stats.positiveScores.count, std::size_t{1});
    QVERIFY(std::abs(stats.positiveScores.median - 0.97) < 1e-6);
    QVERIFY(std::abs(stats.negativeScores.max - 1.0) < 1e-6);
    const nlohmann::json json = toJson(stats);
    QCOMPARE(json["dropped"]["positive_or_query"].get<int>(), 1);
    QCOMPARE(json["negative_scores"]["count"].get<int>(), 4);
  }

  void candidateSetIsTheUnionOfPosAndNegUnlessAPoolIsGiven() {
    TrainingExample a;
    a.query = "qa";
    a.positives = {"p1", "shared"};
    a.negatives = {"n1"};
    TrainingExample b;
    b.query = "qb";
    b.positives = {"shared"};
    b.negatives = {"n2", "n1"};
    QCOMPARE(candidateTexts({a, b}, nullptr),
             (std::vector<std::string>{"p1", "shared", "n1", "n2"}));
    const std::vector<std::string> pool{"x", "y", "x"};
    QCOMPARE(candidateTexts({a, b}, &pool), (std::vector<std::string>{"x", "y"}));
  }
};

QTEST_GUILESS_MAIN(TestNegativeSelection)
#include "test_negative_selection.moc"
