// The evaluation and merge jobs' options as typed core structs: JSON both ways under the CLI's
// names, wrong types and unknown names refused naming the option, and validate() refusing what
// the CLI refuses (no model, neither or both set layouts, numbers out of range, a bad sweep).
// (Mining's and thresholds' are in test_mining_job and test_threshold_analysis.)
#include <QtTest/QtTest>

#include "core/eval/evaluation_options.h"
#include "core/model/merge_options.h"
#include "tests/support/errors.h"

using namespace embedlab;

namespace {

bool says(const std::string& message, const char* words) {
  return message.find(words) != std::string::npos;
}

}  // namespace

class TestJobOptions : public QObject {
  Q_OBJECT

 private slots:
  void mergeOptionsGoToJsonAndBackAndRefuseABadSweep() {
    model::MergeOptions options;
    options.models = {"runs/first", "models/base"};
    options.weights = {0.7, 0.3};
    options.output = "merged";
    options.encoding.maxLength = 128;
    const nlohmann::json json = options.toJson();
    QCOMPARE(json["weights"], nlohmann::json({0.7, 0.3}));
    QCOMPARE(json["passage_max_len"], nlohmann::json(128));
    QCOMPARE(model::MergeOptions::fromJson(json, "m").toJson(), json);
    model::validate(options);
    QVERIFY(says(test::errorOf([] {
                   model::MergeOptions::fromJson({{"weights", {"a"}}}, "m");
                 }),
                 "must be a list of numbers"));
    options.weights.clear();
    options.sweep = "0:1";
    QVERIFY(says(test::errorOf([&] { model::validate(options); }), "START:END:STEP"));
    options.sweep = "0:1:0.25";
    QVERIFY(says(test::errorOf([&] { model::validate(options); }), "--eval-set"));
    QCOMPARE(model::sweepGrid("0:1:0.25"), (std::vector<double>{0, 0.25, 0.5, 0.75, 1}));
    options.models.push_back("third");
    options.evalSet = "dev";
    QVERIFY(says(test::errorOf([&] { model::validate(options); }), "exactly two"));
  }

  void goToJsonAndBackTyped() {
    eval::EvaluationOptions options;
    options.models = {"models/base", "runs/first"};
    options.data = "dev";
    options.k = 50;
    options.compareInstruction = true;
    options.encoding.maxLength = 64;
    options.queryMaxLength = 32;
    const nlohmann::json json = options.toJson();
    QCOMPARE(json["models"], nlohmann::json({"models/base", "runs/first"}));
    QCOMPARE(json["k"], nlohmann::json(50));
    QCOMPARE(json["max_len"], nlohmann::json(64));
    QCOMPARE(json["query_max_len"], nlohmann::json(32));
    QCOMPARE(json["compare_instruction"], nlohmann::json(true));
    QCOMPARE(eval::EvaluationOptions::fromJson(json, "e").toJson(), json);
    eval::validate(options);
    QCOMPARE(options.datasetName(), std::string("dev"));
  }

  void refusesWhatTheCliRefuses() {
    QVERIFY(says(test::errorOf([] {
                   eval::EvaluationOptions::fromJson({{"models", "base"}}, "e.json");
                 }),
                 "e.json: option \"models\" must be a list of strings"));
    QVERIFY(says(test::errorOf([] {
                   eval::EvaluationOptions::fromJson({{"model", {"a"}}}, "e");
                 }),
                 "unknown option \"model\""));
    eval::EvaluationOptions options;
    QVERIFY(says(test::errorOf([&] { eval::validate(options); }), "give a model folder"));
    options.models = {"m"};
    QVERIFY(says(test::errorOf([&] { eval::validate(options); }), "either --data"));
    options.data = "dev";
    options.corpus = "corpus.jsonl";
    options.queries = "queries.jsonl";
    QVERIFY(says(test::errorOf([&] { eval::validate(options); }), "either --data"));
    options.corpus.clear();
    options.queries.clear();
    options.k = 0;
    QVERIFY(says(test::errorOf([&] { eval::validate(options); }), "--k must be"));
    options.k = 10;
    options.index = "annoy";
    QVERIFY(says(test::errorOf([&] { eval::validate(options); }), "--index"));
  }
};

QTEST_MAIN(TestJobOptions)
#include "test_job_options.moc"
