// The evaluation and merge jobs' options as typed core structs: JSON both ways under the CLI's
// names, wrong types and unknown names refused naming the option, and validate() refusing what
// the CLI refuses (no model, neither or both set layouts, numbers out of range, a bad sweep).
// (Mining's and thresholds' are in test_mining_job and test_threshold_analysis.) And the options
// tables every job's flags, form and tooltips come from: complete, and refusing an option of the
// other task, a value outside an option's choices, while taking its aliases.
#include <QtTest/QtTest>

#include <set>

#include "core/common/job_events.h"
#include "core/eval/evaluation_options.h"
#include "core/eval/threshold_options.h"
#include "core/mine/mining_options.h"
#include "core/model/merge_options.h"
#include "core/train/training_log.h"
#include "core/train/training_options.h"
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

  void everyTableRowHasANameAGroupAndASentence() {
    const std::vector<std::pair<const char*, const std::vector<OptionDescription>*>> tables = {
        {"train", &train::TrainingOptions::table()},
        {"mine", &mine::MiningOptions::table()},
        {"eval", &eval::EvaluationOptions::table()},
        {"threshold", &eval::ThresholdOptions::table()},
        {"merge", &model::MergeOptions::table()}};
    for (const auto& [job, table] : tables) {
      QVERIFY(table->size() >= 15);
      std::set<std::string> names;
      for (const OptionDescription& row : *table) {
        const std::string where = std::string(job) + " " + row.info.name;
        QVERIFY2(names.insert(row.info.name).second, where.c_str());  // declared once
        QVERIFY2(row.info.group != nullptr && *row.info.group != 0, where.c_str());
        const std::string help = row.info.help;
        QVERIFY2(help.size() >= 10 && std::isupper(static_cast<unsigned char>(help[0])) &&
                     help.back() == '.',
                 where.c_str());
      }
    }
    // Types and defaults come from the members themselves.
    const OptionDescription* range = findOption(mine::MiningOptions::table(), "range_for_sampling");
    QVERIFY(range != nullptr);
    QCOMPARE(range->type, OptionType::Range);
    QCOMPARE(range->defaultValue, nlohmann::json({10, 210}));
    const OptionDescription* margin = findOption(mine::MiningOptions::table(), "relative_margin");
    QVERIFY(margin->optional);
    QCOMPARE(margin->type, OptionType::Number);
    QCOMPARE(findOption(train::TrainingOptions::table(), "normlized")->info.name,
             std::string("normalized"));
  }

  void anOptionOfTheOtherTaskIsRefusedNotIgnored() {
    // The bug this guards against: train --config with task reranker and a temperature was
    // accepted and the temperature silently ignored.
    const std::string message = test::errorOf([] {
      train::TrainingOptions::fromJson({{"task", "reranker"}, {"temperature", 0.05}}, "run.json");
    });
    QVERIFY2(says(message, "run.json") && says(message, "\"temperature\"") &&
                 says(message, "does not apply to the reranker task"),
             message.c_str());
    QVERIFY(
        says(test::errorOf([] {
               train::TrainingOptions::fromJson({{"task", "reranker"}, {"normlized", false}}, "r");
             }),
             "normlized"));
    // The embedding task takes every option; a reranker's JSON holds only its own.
    QVERIFY(test::errorOf([] {
              train::TrainingOptions::fromJson({{"temperature", 0.05}, {"grad_cache", true}}, "e");
            }) == "(no error)");
    train::TrainingOptions reranker;
    reranker.task = "reranker";
    const nlohmann::json json = reranker.toJson();
    QVERIFY(!json.contains("temperature") && !json.contains("grad_cache"));
    QVERIFY(json.contains("learning_rate") && json.contains("train_group_size"));
    QCOMPARE(train::TrainingOptions::fromJson(json, "r").toJson(), json);
    // What an earlier version recorded (every option, whatever the task) still loads.
    nlohmann::json recorded = json;
    recorded["temperature"] = 0.02;
    QCOMPARE(train::TrainingOptions::fromRecordedJson(recorded, "state").toJson(), json);
  }

  void choicesAndAliasesApplyToJsonAsToFlags() {
    QVERIFY(says(test::errorOf([] {
                   mine::MiningOptions::fromJson({{"sampling", "best"}}, "m.json");
                 }),
                 "option \"sampling\" must be random or top, got \"best\""));
    QVERIFY(says(test::errorOf([] {
                   eval::EvaluationOptions::fromJson({{"index", "annoy"}}, "e.json");
                 }),
                 "must be flat, ivf or hnsw"));
    const mine::MiningOptions mining =
        mine::MiningOptions::fromJson({{"model", "m/"}, {"range_for_sampling", "3-40"}}, "m");
    QCOMPARE(mining.modelNameOrPath, std::string("m/"));
    QCOMPARE(mining.selection.rangeStart, std::size_t{3});
    QCOMPARE(mining.selection.rangeEnd, std::size_t{40});
    QVERIFY(says(test::errorOf([] {
                   mine::MiningOptions::fromJson({{"range_for_sampling", "3_40"}}, "m");
                 }),
                 "\"A-B\""));
    const train::TrainingOptions training =
        train::TrainingOptions::fromJson({{"normlized", false}}, "t");
    QVERIFY(!training.normalized);
    const eval::EvaluationOptions evaluation =
        eval::EvaluationOptions::fromJson({{"max_passage_length", 77}}, "e");
    QCOMPARE(evaluation.encoding.maxLength, std::size_t{77});
  }

  // Events are read back into the structs they were written from (the GUI keeps typed records).
  void eventsAndTrainingRecordsReadBackAsWritten() {
    train::TrainingLogRecord record;
    record.step = 40;
    record.totalSteps = 120;
    record.epoch = 1.25;
    record.loss = 0.731;
    record.learningRate = 2e-5;
    record.distillationLoss = 0.12;
    record.samplesPerSecond = 17.5;
    for (double score : {0.91, 0.85, 0.40})
      record.similarities.positives.add(score);
    for (double score : {0.2, -0.3})
      record.similarities.hardNegatives.add(score);
    const nlohmann::json json = jobEvent(JobEvent::Log, record.toJson());
    const train::TrainingLogRecord back = train::TrainingLogRecord::fromJson(json);
    QCOMPARE(back.step, std::int64_t{40});
    QCOMPARE(back.loss, 0.731);
    QVERIFY(back.distillationLoss && *back.distillationLoss == 0.12);
    QCOMPARE(back.similarities.positives.histogram(), record.similarities.positives.histogram());
    QCOMPARE(back.similarities.positives.count(), std::uint64_t{3});
    QVERIFY(std::abs(back.similarities.positives.mean() - record.similarities.positives.mean()) <
            1e-12);
    QVERIFY(std::abs(back.similarities.positives.standardDeviation() -
                     record.similarities.positives.standardDeviation()) < 1e-9);
    QCOMPARE(back.similarities.inBatchNegatives.count(), std::uint64_t{0});
    QCOMPARE(train::TrainingLogRecord::fromJson(json).toJson(), record.toJson());

    const ProgressEvent progress = ProgressEvent::fromJson(ProgressEvent{"texts", 7, 9}.toJson());
    QCOMPARE(progress.unit, std::string("texts"));
    QCOMPARE(progress.done, std::uint64_t{7});
    QCOMPARE(StoppedEvent::fromJson(StoppedEvent{12, "run/checkpoint-12"}.toJson()).checkpoint,
             std::string("run/checkpoint-12"));
    QCOMPARE(StartEvent::fromJson(nlohmann::json{{"total_steps", "many"}}).totalSteps,
             std::int64_t{0});  // a mistyped field reads as the default, not a crash
  }
};

QTEST_MAIN(TestJobOptions)
#include "test_job_options.moc"
