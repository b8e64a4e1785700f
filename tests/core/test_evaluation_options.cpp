// The evaluation job's options as a typed core struct: JSON both ways under the CLI's names,
// wrong types and unknown names refused naming the option, and validate() refusing what the CLI
// refuses (no model, neither or both set layouts, numbers out of range).
#include <QtTest/QtTest>

#include "core/eval/evaluation_options.h"
#include "tests/support/errors.h"

using namespace embedlab;

namespace {

bool says(const std::string& message, const char* words) {
  return message.find(words) != std::string::npos;
}

}  // namespace

class TestEvaluationOptions : public QObject {
  Q_OBJECT

 private slots:
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

QTEST_MAIN(TestEvaluationOptions)
#include "test_evaluation_options.moc"
