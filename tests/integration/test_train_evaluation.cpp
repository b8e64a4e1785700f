// Evaluation on a dev set during training (train --eval_data), on the demo's data: two epochs
// with an evaluation every 50 steps keep the best model, whose `eval` gives exactly the logged
// best MRR@10; evaluating changes nothing in training (same weights as a run without it, dropout
// on); early stopping fires when the metric stops improving, and the model at the root is then
// the best one, which may be the base model.
#include <QtTest/QtTest>

#include <nlohmann/json.hpp>

#include "core/store/history.h"
#include "tests/support/cli.h"
#include "tests/support/files.h"
#include "tests/support/model_folders.h"
#include "tests/support/process.h"
#include "tests/support/run_folders.h"

using embedlab::test::metricsOf;
using embedlab::test::path;
using embedlab::test::weightDifference;

namespace {

const std::filesystem::path kDemo = EMBEDLAB_SOURCE_DIR "/resources/demo";

embedlab::test::ProcessRun cli(const QStringList& arguments) {
  return embedlab::test::cli(arguments, 600000);
}

std::vector<nlohmann::json> evaluationsOf(const std::filesystem::path& run) {
  std::vector<nlohmann::json> evaluations;
  for (const nlohmann::json& record : metricsOf(run)) {
    if (record.value("kind", "") == "evaluation") evaluations.push_back(record);
  }
  return evaluations;
}

nlohmann::json doneEventOf(const QString& out) {
  for (const QString& line : out.split('\n', Qt::SkipEmptyParts)) {
    const auto event = nlohmann::json::parse(line.toStdString(), nullptr, false);
    if (event.is_object() && event.value("event", "") == "done") return event;
  }
  return {};
}

}  // namespace

class TestTrainEvaluation : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { embedlab::test::makeDemoSizedModel(folder_ / "base"); }

  void theBestModelIsKeptAndEvaluatingChangesNothing() {
    const QStringList evaluation{"--eval_data",
                                 path(kDemo / "dev"),
                                 "--eval_steps",
                                 "50",
                                 "--load_best_model_at_end",
                                 "--early_stopping_patience",
                                 "3",
                                 "--report_to",
                                 "tensorboard"};
    const auto evaluated = cli(train("evaluated", "1e-3") + evaluation);
    QVERIFY2(evaluated.exitCode == 0, qPrintable(evaluated.err));
    const auto plain = cli(train("plain", "1e-3"));
    QVERIFY2(plain.exitCode == 0, qPrintable(plain.err));

    // The base model's row first, then every 50 steps, and the last step.
    const std::vector<nlohmann::json> evaluations = evaluationsOf(folder_ / "evaluated");
    QVERIFY(evaluations.size() >= 4);
    QCOMPARE(evaluations.front()["step"].get<int>(), 0);
    QCOMPARE(evaluations[1]["step"].get<int>(), 50);
    double best = -1;
    int bestStep = -1;
    for (const nlohmann::json& record : evaluations) {
      if (record["eval_MRR@10"].get<double>() > best) {
        best = record["eval_MRR@10"].get<double>();
        bestStep = record["step"].get<int>();
      }
    }
    QVERIFY2(best > evaluations.front()["eval_MRR@10"].get<double>(),
             "training on the demo must beat the random base model");
    QCOMPARE(evaluations.back()["best_step"].get<int>(), bestStep);
    const nlohmann::json done = doneEventOf(evaluated.out);
    QCOMPARE(done["best_step"].get<int>(), bestStep);
    QVERIFY(done["final_model_is_best"].get<bool>());

    // `eval` of the model at the root gives exactly the logged best (same lengths and batches).
    const auto evalRun =
        cli({"--no-history", "eval", "--model", path(folder_ / "evaluated"), "--data",
             path(kDemo / "dev"), "--max_len", "64", "--query_max_len", "32", "--no_cache",
             "--progress", "none", "--output", path(folder_ / "eval.json")});
    QVERIFY2(evalRun.exitCode == 0, qPrintable(evalRun.err));
    const auto report = nlohmann::json::parse(embedlab::test::readFile(folder_ / "eval.json"));
    const std::string text = report.dump();
    const auto found = text.find("\"MRR@10\":");
    QVERIFY2(found != std::string::npos, text.c_str());
    const double evaluatedBest = std::stod(text.substr(found + 9));
    QVERIFY2(std::abs(evaluatedBest - best) < 1e-12,
             qPrintable(QString("eval %1, logged best %2").arg(evaluatedBest).arg(best)));

    // The same scalars for TensorBoard (the format itself: test_tensorboard).
    std::string events;
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(folder_ / "evaluated" / "runs")) {
      if (entry.path().filename().string().rfind("events.out.tfevents.", 0) == 0)
        events += embedlab::test::readFile(entry.path());
    }
    QVERIFY(events.find("eval/MRR@10") != std::string::npos);
    QVERIFY(events.find("train/loss") != std::string::npos);

    // Evaluation leaves training as it was: the same weights at the same step, dropout on.
    const double difference =
        weightDifference(folder_ / "evaluated" / "checkpoint-100" / "model.safetensors",
                         folder_ / "plain" / "checkpoint-100" / "model.safetensors");
    QCOMPARE(difference, 0.0);
  }

  void earlyStoppingFiresWhenTheMetricStopsImproving() {
    // A learning rate that wrecks the model: no evaluation beats the base model's.
    const auto run =
        cli(train("wrecked", "0.3") << "--warmup_ratio"
                                    << "0"
                                    << "--eval_data" << path(kDemo / "dev") << "--eval_steps"
                                    << "10"
                                    << "--early_stopping_patience"
                                    << "2"
                                    << "--load_best_model_at_end");
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const nlohmann::json done = doneEventOf(run.out);
    QVERIFY2(done.contains("stopped_early"), qPrintable(run.out.right(2000)));
    QCOMPARE(done["steps"].get<int>(), 20);  // evaluations at 0 (best), 10 and 20 (worse)
    QCOMPARE(done["best_step"].get<int>(), 0);
    QVERIFY(QString::fromStdString(done["stopped_early"].get<std::string>()).contains("MRR@10"));
    // The model at the root is the best evaluated one: here the base model itself.
    QCOMPARE(weightDifference(folder_ / "wrecked" / "model.safetensors",
                              folder_ / "base" / "model.safetensors"),
             0.0);
    QVERIFY(std::filesystem::exists(folder_ / "wrecked" / "checkpoint-20"));
  }

  void twoWorkersEvaluateOnceAndStopTogether() {
    // The main worker evaluates; the other waits and learns the early-stopping decision in the
    // same all-reduce, so both stop at step 20 (a worker left behind would hang the run).
    QStringList arguments = train("two-workers", "0.3");
    arguments[0] = "--db";  // recorded in a history this time
    arguments.insert(1, path(folder_ / "history.sqlite"));
    arguments << "--warmup_ratio"
              << "0"
              << "--per_device_train_batch_size"
              << "8"
              << "--nproc_per_node"
              << "2"
              << "--eval_data" << path(kDemo / "dev") << "--eval_steps"
              << "10"
              << "--early_stopping_patience"
              << "2";
    const auto run = cli(arguments);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err.right(3000)));
    const nlohmann::json done = doneEventOf(run.out);
    QVERIFY2(done.contains("stopped_early"), qPrintable(run.out.right(2000)));
    QCOMPARE(done["steps"].get<int>(), 20);
    QCOMPARE(evaluationsOf(folder_ / "two-workers").size(), std::size_t{3});  // 0, 10 and 20
    QVERIFY(std::filesystem::exists(folder_ / "two-workers" / "checkpoint-20"));
    // The history keeps the dev metric as a series (what History's comparison overlays).
    embedlab::store::History history(folder_ / "history.sqlite");
    const auto runs = history.listRuns();
    QCOMPARE(runs.size(), std::size_t{1});
    QCOMPARE(runs[0].status, embedlab::store::RunStatus::Finished);
    QCOMPARE(history.metricSeries(runs[0].id, "eval_MRR@10").size(), std::size_t{3});
  }

  void evaluationOptionsNeedAnEvaluationSet() {
    auto run = cli(train("refused", "1e-3") << "--load_best_model_at_end");
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("--load_best_model_at_end needs --eval_data"), qPrintable(run.err));
    run = cli(train("refused", "1e-3") << "--eval_data" << path(kDemo / "train.jsonl"));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("needs --eval_corpus"), qPrintable(run.err));
  }

 private:
  QStringList train(const std::string& run, const QString& learningRate) {
    return {"--no-history",
            "train",
            "--model_name_or_path",
            path(folder_ / "base"),
            "--train_data",
            path(kDemo / "train.jsonl"),
            "--output_dir",
            path(folder_ / run),
            "--per_device_train_batch_size",
            "32",
            "--train_group_size",
            "1",
            "--query_max_len",
            "32",
            "--passage_max_len",
            "64",
            "--learning_rate",
            learningRate,
            "--warmup_ratio",
            "0.1",
            "--num_train_epochs",
            "2",
            "--temperature",
            "0.05",
            "--logging_steps",
            "10",
            "--save_steps",
            "50",
            "--seed",
            "7",
            "--progress",
            "json"};
  }

  embedlab::test::TempFolder folder_;
};

QTEST_MAIN(TestTrainEvaluation)
#include "test_train_evaluation.moc"
