// The reranker jobs as a user runs them: init-model --head classifier, train-reranker (the
// trainer's options, checkpoints, resume and history, with the reranker task), eval --reranker
// with the before/after rows, and threshold on a reranker's logits or sigmoid scores.
#include <QtTest/QtTest>

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/model/reranker_model.h"
#include "core/store/history.h"
#include "tests/support/cli.h"
#include "tests/support/files.h"
#include "tests/support/model_folders.h"
#include "tests/support/process.h"

using embedlab::test::cli;
using embedlab::test::path;

namespace {

const std::filesystem::path kDemo = EMBEDLAB_SOURCE_DIR "/resources/demo";

}  // namespace

class TestCliReranker : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    QStringList init = embedlab::test::initTinyModelArguments(folder_ / "reranker", 4);
    init << "--head"
         << "classifier";
    const auto run = cli(init);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(embedlab::model::RerankerModel::isReranker(folder_ / "reranker"));
    // Training data with negatives: the first 64 demo queries, each with 3 other positives.
    std::ifstream in(kDemo / "train.jsonl");
    std::vector<nlohmann::json> lines;
    std::string line;
    while (lines.size() < 64 && std::getline(in, line))
      lines.push_back(nlohmann::json::parse(line));
    std::ofstream out(folder_ / "train.jsonl");
    for (std::size_t i = 0; i < lines.size(); ++i) {
      nlohmann::json example = lines[i];
      example["neg"] = nlohmann::json::array();
      for (std::size_t k = 1; k <= 3; ++k)
        example["neg"].push_back(lines[(i + k * 7) % lines.size()]["pos"][0]);
      out << example.dump() << "\n";
      expectedPairs_ += example["pos"].size() + example["neg"].size();
    }
  }

  void checkpointsAndResumesLikeTheBiEncoderTrainer() {
    const auto db = folder_ / "history.sqlite";
    const QStringList common{"--db",
                             path(db),
                             "train-reranker",
                             "--model_name_or_path",
                             path(folder_ / "reranker"),
                             "--train_data",
                             path(folder_ / "train.jsonl"),
                             "--output_dir",
                             path(folder_ / "run"),
                             "--per_device_train_batch_size",
                             "8",
                             "--train_group_size",
                             "4",
                             "--query_max_len",
                             "16",
                             "--passage_max_len",
                             "48",
                             "--learning_rate",
                             "1e-3",
                             "--logging_steps",
                             "2",
                             "--save_steps",
                             "4",
                             "--progress",
                             "json"};
    auto run = cli(common + QStringList{"--max_steps", "4"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(run.out.contains("\"event\":\"log\"") || run.out.contains("\"loss\""));
    // A start model from init-model is named as random, not pretrained (a note event) ...
    QVERIFY2(run.out.contains("\"event\":\"note\"") && run.out.contains("was made by init-model"),
             qPrintable(run.out));
    QVERIFY(std::filesystem::exists(folder_ / "run" / "checkpoint-4" / "trainer_state.json"));
    QVERIFY(embedlab::model::RerankerModel::isReranker(folder_ / "run"));
    const std::string options = embedlab::test::readFile(folder_ / "run" / "training_options.json");
    QVERIFY(options.find("\"task\": \"reranker\"") != std::string::npos);

    // Resume to 8 steps from the checkpoint; the bi-encoder options are not offered.
    run = cli(common + QStringList{"--max_steps", "8", "--resume_from_checkpoint", "latest"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(std::filesystem::exists(folder_ / "run" / "checkpoint-8"));
    QVERIFY2(!run.out.contains("was made by init-model"), qPrintable(run.out));  // ... once
    run = cli(common + QStringList{"--max_steps", "1", "--temperature", "0.05"});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("--temperature"), qPrintable(run.err));
    // ... and not taken from a config file either, by either command: refused, not ignored.
    QVERIFY(options.find("\"temperature\"") == std::string::npos);
    const std::filesystem::path config = folder_ / "reranker-with-temperature.json";
    {
      std::ofstream out(config);
      out << R"({"task": "reranker", "temperature": 0.05, "max_steps": 1})";
    }
    for (const QString& command : {QStringLiteral("train"), QStringLiteral("train-reranker")}) {
      QStringList arguments = common;
      arguments[arguments.indexOf(QStringLiteral("train-reranker"))] = command;
      run = cli(arguments + QStringList{"--config", QString::fromStdString(config.string())});
      QCOMPARE(run.exitCode, 2);
      QVERIFY2(run.err.contains("\"temperature\" does not apply to the reranker task"),
               qPrintable(run.err));
    }
    // The metrics file holds the reranker's score histograms (sigmoid of the logits).
    const std::string metrics = embedlab::test::readFile(folder_ / "run" / "metrics.jsonl");
    QVERIFY(metrics.find("\"hard_negatives\"") != std::string::npos);

    embedlab::store::History history(db);
    const auto runs = history.listRuns();
    QCOMPARE(runs.size(), std::size_t{2});
    for (const auto& recorded : runs) {
      QCOMPARE(recorded.kind, std::string("train-reranker"));
      QCOMPARE(recorded.status, embedlab::store::RunStatus::Finished);
    }
  }

  void startsFromABiEncoder() {
    embedlab::test::makeTinyModel(folder_ / "bi");
    const auto run =
        cli({"--no-history", "train-reranker", "--model_name_or_path", path(folder_ / "bi"),
             "--train_data", path(folder_ / "train.jsonl"), "--output_dir",
             path(folder_ / "from-bi"), "--max_steps", "2", "--per_device_train_batch_size", "4",
             "--train_group_size", "2", "--save_steps", "0", "--progress", "none"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(embedlab::model::RerankerModel::isReranker(folder_ / "from-bi"));
  }

  void evalShowsTheMetricsBeforeAndAfterReranking() {
    embedlab::test::makeTinyModel(folder_ / "encoder");
    const auto run = cli({"--no-history", "eval", "--model", path(folder_ / "encoder"), "--data",
                          path(kDemo / "dev"), "--max_len", "48", "--query_max_len", "16",
                          "--reranker", path(folder_ / "reranker"), "--rerank_top_k", "5",
                          "--output", path(folder_ / "eval.json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains("encoder+rerank"), qPrintable(run.out));
    const auto json = nlohmann::json::parse(embedlab::test::readFile(folder_ / "eval.json"));
    const auto& results = json.at("results");
    QCOMPARE(results.size(), std::size_t{2});
    QCOMPARE(results[1].at("tag").get<std::string>(), std::string("encoder+rerank"));
    // Re-ranking the top 5 only reorders them: Recall@10 and beyond cannot change.
    QCOMPARE(results[1].at("metrics").at("Recall@100").get<double>(),
             results[0].at("metrics").at("Recall@100").get<double>());
    QVERIFY(results[1].at("metrics").at("MRR@10").get<double>() !=
            results[0].at("metrics").at("MRR@10").get<double>());
  }

  void thresholdsWorkOnLogitsAndSigmoidScores() {
    for (const bool normalized : {false, true}) {
      QStringList arguments{"--no-history", "threshold",
                            "--model",      path(folder_ / "reranker"),
                            "--pairs",      path(folder_ / "train.jsonl"),
                            "--max_len",    "48",
                            "--scores",     path(folder_ / "scores.jsonl"),
                            "--output",     path(folder_ / "threshold.json")};
      if (normalized) arguments << "--normalize_scores";
      const auto run = cli(arguments);
      QVERIFY2(run.exitCode == 0, qPrintable(run.err));
      const auto report =
          nlohmann::json::parse(embedlab::test::readFile(folder_ / "threshold.json"));
      QCOMPARE(report.at("score").get<std::string>(),
               std::string(normalized ? "reranker sigmoid(logit)" : "reranker logit"));
      std::ifstream scores(folder_ / "scores.jsonl");
      std::string line;
      std::size_t count = 0;
      bool outsideUnit = false;
      while (std::getline(scores, line)) {
        const double score = nlohmann::json::parse(line).at("score").get<double>();
        if (normalized) QVERIFY(score > 0 && score < 1);
        outsideUnit = outsideUnit || score < 0 || score > 1;
        ++count;
      }
      QCOMPARE(count, expectedPairs_);        // every query with its positives and 3 negatives
      if (!normalized) QVERIFY(outsideUnit);  // raw logits are not squashed
    }
  }

 private:
  embedlab::test::TempFolder temp_;
  std::filesystem::path folder_ = temp_.path();
  std::size_t expectedPairs_ = 0;
};

QTEST_GUILESS_MAIN(TestCliReranker)
#include "test_cli_reranker.moc"
