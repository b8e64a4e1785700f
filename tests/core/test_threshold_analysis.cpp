// Threshold analysis: counts at a threshold, the precision/recall/F1 curve, the best-F1 and
// target-precision choices, the fit/held-out split by group, and the labelled-pair readers.
#include <QtTest/QtTest>

#include <cmath>
#include <set>

#include "core/data/labelled_pairs.h"
#include "core/eval/threshold_analysis.h"
#include "core/eval/threshold_options.h"
#include "tests/support/errors.h"
#include "tests/support/files.h"

using namespace embedlab;
using namespace embedlab::eval;

namespace {

// Similar pairs score 0.9, 0.8, 0.6; dissimilar ones 0.7, 0.3, 0.2.
std::vector<LabelledPair> sixPairs() {
  return {{"a", 0.9, true}, {"b", 0.8, true},  {"c", 0.7, false},
          {"d", 0.6, true}, {"e", 0.3, false}, {"f", 0.2, false}};
}

bool near(double a, double b) {
  return std::abs(a - b) < 1e-9;
}

}  // namespace

class TestThresholdAnalysis : public QObject {
  Q_OBJECT

 private slots:
  void countsAtAThreshold() {
    const ThresholdPoint p = evaluateThreshold(sixPairs(), 0.65);
    QCOMPARE(p.truePositives, std::uint64_t{2});   // 0.9, 0.8
    QCOMPARE(p.falsePositives, std::uint64_t{1});  // 0.7
    QCOMPARE(p.falseNegatives, std::uint64_t{1});  // 0.6
    QCOMPARE(p.trueNegatives, std::uint64_t{2});
    QVERIFY(near(p.precision, 2.0 / 3));
    QVERIFY(near(p.recall, 2.0 / 3));
    QVERIFY(near(p.f1, 2.0 / 3));
    // A score equal to the threshold counts as similar.
    QCOMPARE(evaluateThreshold(sixPairs(), 0.6).truePositives, std::uint64_t{3});
    // Nothing called similar: precision 1 by convention, recall 0.
    const ThresholdPoint none = evaluateThreshold(sixPairs(), 2.0);
    QCOMPARE(none.precision, 1.0);
    QCOMPARE(none.recall, 0.0);
    QCOMPARE(none.f1, 0.0);
  }

  void curveHasAPointPerDistinctScoreWithThresholdsInTheGaps() {
    std::vector<LabelledPair> pairs = sixPairs();
    pairs.push_back({"g", 0.8, false});  // a tie with a similar pair
    const std::vector<ThresholdPoint> curve = thresholdCurve(pairs);
    QCOMPARE(curve.size(), std::size_t{6});  // 0.9, 0.8 (twice), 0.7, 0.6, 0.3, 0.2
    QVERIFY(near(curve[0].threshold, 0.85));
    QVERIFY(near(curve[1].threshold, 0.75));
    QCOMPARE(curve[1].truePositives, std::uint64_t{2});  // both 0.8s are in together
    QCOMPARE(curve[1].falsePositives, std::uint64_t{1});
    QVERIFY(near(curve.back().threshold, 0.2));
    QCOMPARE(curve.back().recall, 1.0);
    // Each point equals a direct evaluation at its threshold.
    for (const ThresholdPoint& point : curve) {
      const ThresholdPoint direct = evaluateThreshold(pairs, point.threshold);
      QCOMPARE(direct.truePositives, point.truePositives);
      QCOMPARE(direct.falsePositives, point.falsePositives);
    }
  }

  void choosesBestF1AndTheLowestThresholdAtTargetPrecision() {
    const ThresholdChoice choice = chooseThresholds(sixPairs(), 0.99);
    // F1 by threshold: 0.85 -> 0.5, 0.75 -> 0.8, 0.65 -> 0.667, 0.45 -> 0.857, 0.25 -> 0.75.
    QVERIFY(near(choice.bestF1.threshold, 0.45));
    QVERIFY(near(choice.bestF1.f1, 6.0 / 7));
    QVERIFY(choice.atTargetPrecision.has_value());
    QVERIFY(near(choice.atTargetPrecision->threshold, 0.75));  // precision 1, recall 2/3
    QVERIFY(near(choice.atTargetPrecision->recall, 2.0 / 3));
    // A target nothing reaches.
    std::vector<LabelledPair> noisy{{"a", 0.9, false}, {"b", 0.5, true}};
    QVERIFY(!chooseThresholds(noisy, 0.9).atTargetPrecision.has_value());
  }

  void fitsOnOneHalfOfTheGroupsAndReportsOnTheOther() {
    // 40 groups (queries), each with one similar and one dissimilar pair; similar scores are
    // higher on average but overlap.
    std::vector<LabelledPair> pairs;
    for (int g = 0; g < 40; ++g) {
      const std::string group = "q" + std::to_string(g);
      pairs.push_back({group, 0.5 + 0.01 * g, true});
      pairs.push_back({group, 0.3 + 0.012 * g, false});
    }
    ThresholdAnalysisOptions options;
    options.targetPrecision = 0.95;
    options.bins = 10;
    const ThresholdAnalysis a = analyseThresholds(pairs, options);
    QCOMPARE(a.fitGroups, std::size_t{20});
    QCOMPARE(a.heldOutGroups, std::size_t{20});
    QCOMPARE(a.fitPairs + a.heldOutPairs, pairs.size());
    QCOMPARE(a.fitPairs, std::size_t{40});  // a group's two pairs stay together
    // The held-out numbers are the fitted threshold applied to the other half.
    QCOMPARE(a.heldOutAtBestF1.threshold, a.fit.bestF1.threshold);
    const std::uint64_t heldOutTotal =
        a.heldOutAtBestF1.truePositives + a.heldOutAtBestF1.falsePositives +
        a.heldOutAtBestF1.falseNegatives + a.heldOutAtBestF1.trueNegatives;
    QCOMPARE(heldOutTotal, std::uint64_t{a.heldOutPairs});
    QCOMPARE(a.similar.count, std::size_t{40});
    std::uint64_t binned = 0;
    for (const std::uint64_t count : a.similarHistogram.counts)
      binned += count;
    QCOMPARE(binned, std::uint64_t{40});
    QCOMPARE(a.similarHistogram.low, a.dissimilarHistogram.low);  // shared bins
    QVERIFY(!a.curve.empty() && a.curve.size() <= 102);
    // The same seed splits the same way; another seed differently.
    QCOMPARE(analyseThresholds(pairs, options).fit.bestF1.threshold, a.fit.bestF1.threshold);
    const nlohmann::json json = toJson(a);
    QVERIFY(json.contains("fit") && json.contains("held_out"));
    QCOMPARE(json["held_out"]["pairs"].get<std::size_t>(), a.heldOutPairs);
  }

  void refusesDataItCannotSplitOrJudge() {
    std::string message = test::errorOf([] {
      analyseThresholds({{"a", 0.5, true}, {"b", 0.4, true}});
    });
    QVERIFY2(message.find("both similar and dissimilar") != std::string::npos, message.c_str());
    message = test::errorOf([] { analyseThresholds({{"a", 0.5, true}, {"a", 0.4, false}}); });
    QVERIFY2(message.find("at least two groups") != std::string::npos, message.c_str());
  }

  // The job's options go to JSON and back typed; the CLI's validation is the struct's.
  void optionsGoToJsonAndBackTyped() {
    eval::ThresholdOptions options;
    options.modelNameOrPath = "runs/first";
    options.pairs = "train.mined.jsonl";
    options.analysis.targetPrecision = 0.95;
    options.analysis.bins = 20;
    options.normalizeScores = true;
    options.encoding.maxLength = 64;
    const nlohmann::json json = options.toJson();
    QCOMPARE(json["target_precision"].get<double>(), 0.95);
    QVERIFY(json["bins"].is_number_integer());
    QCOMPARE(json["max_len"].get<int>(), 64);
    QCOMPARE(eval::ThresholdOptions::fromJson(json, "t").toJson(), json);
    eval::validate(options);
    QVERIFY(test::errorOf([] {
              eval::ThresholdOptions::fromJson({{"bins", 2.5}}, "c.json");
            }).find("c.json: option \"bins\"") != std::string::npos);
    QVERIFY(test::errorOf([] {
              eval::ThresholdOptions::fromJson({{"pair", "x"}}, "c.json");
            }).find("unknown option \"pair\"") != std::string::npos);
    options.analysis.targetPrecision = 1.5;
    QVERIFY(test::errorOf([&] { eval::validate(options); }).find("--target_precision") !=
            std::string::npos);
    options.analysis.targetPrecision = 0.9;
    options.analysis.fitFraction = 0.99;
    QVERIFY(test::errorOf([&] { eval::validate(options); }).find("--fit_fraction") !=
            std::string::npos);
  }

  void readsTsvPairsWithAnOptionalHeader() {
    test::TempFolder folder;
    const auto file = test::writeFile(folder / "pairs.tsv",
                                      "text_a\ttext_b\tlabel\n"
                                      "a cat\ta kitten\t1\n"
                                      "\n"
                                      "a cat\ta car\tfalse\r\n"
                                      "x\ty\tyes\n");
    const std::vector<TextPair> pairs = readLabelledPairs(file);
    QCOMPARE(pairs.size(), std::size_t{3});
    QCOMPARE(pairs[0].textB, std::string("a kitten"));
    QVERIFY(pairs[0].similar);
    QVERIFY(!pairs[1].similar);
    QCOMPARE(pairs[1].line, std::uint64_t{4});
    QVERIFY(pairs[2].similar);

    const auto bad = test::writeFile(folder / "bad.tsv", "a\tb\t1\nc\td\tmaybe\n");
    std::string message = test::errorOf([&] { readLabelledPairs(bad); });
    QVERIFY2(message.find("bad.tsv:2") != std::string::npos, message.c_str());
    QVERIFY2(message.find("maybe") != std::string::npos, message.c_str());
    const auto fields = test::writeFile(folder / "fields.tsv", "a\tb\n");
    message = test::errorOf([&] { readLabelledPairs(fields); });
    QVERIFY2(message.find("fields.tsv:1") != std::string::npos, message.c_str());
    QVERIFY2(message.find("3 tab-separated fields") != std::string::npos, message.c_str());
  }

  void readsTrainingDataAsPairs() {
    test::TempFolder folder;
    const auto file =
        test::writeFile(folder / "train.jsonl",
                        "{\"query\":\"q1\",\"pos\":[\"p1\",\"p2\"],\"neg\":[\"n1\"]}\n"
                        "{\"query\":\"q2\",\"pos\":[\"p3\"]}\n");
    const std::vector<TextPair> pairs = readLabelledPairs(file);
    QCOMPARE(pairs.size(), std::size_t{4});
    QCOMPARE(pairs[0].textA, std::string("q1"));
    QVERIFY(pairs[0].similar && pairs[1].similar && !pairs[2].similar);
    QCOMPARE(pairs[3].line, std::uint64_t{2});
  }
};

QTEST_GUILESS_MAIN(TestThresholdAnalysis)
#include "test_threshold_analysis.moc"
