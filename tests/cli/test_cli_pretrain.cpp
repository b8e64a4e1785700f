// embedlab-cli pretrain as users run it: MLM and RetroMAE on pool and training files, the
// masked-LM folder it writes and that fine-tuning starts from, resume equal to an uninterrupted
// run (the RetroMAE decoder included), two workers equal to one, bf16, the history, and clear
// errors for options of another command and for malformed data.
#include <QtTest/QtTest>

#include <cmath>
#include <nlohmann/json.hpp>
#include <regex>

#include "core/store/history.h"
#include "tests/support/cli.h"
#include "tests/support/files.h"
#include "tests/support/run_folders.h"

using embedlab::test::path;
using embedlab::test::weightDifference;

namespace {

const std::filesystem::path kData = EMBEDLAB_SOURCE_DIR "/tests/data";
const std::filesystem::path kDemo = EMBEDLAB_SOURCE_DIR "/resources/demo";

embedlab::test::ProcessRun cli(const QStringList& arguments) {
  return embedlab::test::cli(arguments, 300000);
}

std::vector<nlohmann::json> metrics(const std::filesystem::path& run) {
  return embedlab::test::metricsOf(run);
}

// The first `count` lines of `file`.
std::string firstLines(const std::filesystem::path& file, int count) {
  std::istringstream in(embedlab::test::readFile(file));
  std::string lines;
  std::string line;
  for (int i = 0; i < count && std::getline(in, line); ++i)
    lines += line + "\n";
  return lines;
}

}  // namespace

class TestCliPretrain : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY(cli({"init-model", "--layers", "2", "--hidden", "32", "--heads", "2", "--intermediate",
                 "64", "--tokenizer", path(kData / "bert-base-uncased"), "--seed", "3", "-q",
                 "--output", path(folder_ / "tiny")})
                .exitCode == 0);
    // A copy without dropout, for runs that must match to the last digit.
    std::filesystem::copy(folder_ / "tiny", folder_ / "tiny-nodrop",
                          std::filesystem::copy_options::recursive);
    const auto config = folder_ / "tiny-nodrop" / "config.json";
    embedlab::test::writeFile(
        config, std::regex_replace(embedlab::test::readFile(config),
                                   std::regex("\"(hidden|attention_probs)_dropout_prob\": 0.1"),
                                   "\"$1_dropout_prob\": 0.0"));
    embedlab::test::writeFile(folder_ / "train.jsonl", firstLines(kDemo / "train.jsonl", 24));
    embedlab::test::writeFile(folder_ / "pool.jsonl",
                              firstLines(kDemo / "dev" / "corpus.jsonl", 40));
  }

  QStringList base(const std::string& run, const std::string& method,
                   const std::string& model = "tiny") {
    return {"pretrain",
            "--model_name_or_path",
            path(folder_ / model),
            "--train_data",
            path(folder_ / "pool.jsonl"),
            path(folder_ / "train.jsonl"),
            "--output_dir",
            path(folder_ / run),
            "--method",
            QString::fromStdString(method),
            "--per_device_train_batch_size",
            "4",
            "--max_seq_length",
            "48",
            "--learning_rate",
            "5e-4",
            "--logging_steps",
            "1",
            "--progress",
            "none"};
  }

  void optionsOfAnotherCommandAreRefusedBeforeAnyWork() {
    auto run = cli(base("bad", "mlm") << "--temperature"
                                      << "0.05");
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("--temperature"), qPrintable(run.err));
    run = cli(base("bad", "mlm") << "--mlm_probability"
                                 << "1.5");
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("--mlm_probability"), qPrintable(run.err));
    run = cli(base("bad", "bert"));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("mlm") && run.err.contains("retromae"), qPrintable(run.err));
    run = cli({"train", "--model_name_or_path", path(folder_ / "tiny"), "--train_data",
               path(folder_ / "train.jsonl"), "--output_dir", path(folder_ / "bad"), "--method",
               "mlm"});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("--method"), qPrintable(run.err));
    QVERIFY(!std::filesystem::exists(folder_ / "bad"));
  }

  void malformedDataIsNamedWithItsLine() {
    embedlab::test::writeFile(folder_ / "broken.jsonl",
                              "{\"text\": \"one\"}\n{\"text\": \"two\"}\n{\"text\": 3}\n");
    QStringList arguments = base("broken", "mlm");
    arguments[arguments.indexOf("--train_data") + 1] = path(folder_ / "broken.jsonl");
    const auto run = cli(arguments);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("broken.jsonl:3:"), qPrintable(run.err));
    QVERIFY(!std::filesystem::exists(folder_ / "broken" / "model.safetensors"));
  }

  void mlmWritesAMaskedLmFolderThatFineTuningStartsFrom() {
    const QString db = path(folder_ / "history.sqlite");
    const auto run = cli(QStringList{"--db", db} + base("mlm", "mlm") << "--max_steps"
                                                                      << "4");
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.err.contains("pretrain: pre-training on") &&
                 run.err.contains("distinct texts from 2 file(s)"),
             qPrintable(run.err));
    const auto out = folder_ / "mlm";
    const auto config = nlohmann::json::parse(embedlab::test::readFile(out / "config.json"));
    QCOMPARE(config["architectures"][0].get<std::string>(), std::string("BertForMaskedLM"));
    const auto records = metrics(out);
    QCOMPARE(records.size(), std::size_t{4});
    for (const auto& record : records) {
      QVERIFY(std::isfinite(record["loss"].get<double>()));
      QVERIFY(!record.contains("similarities"));
      QVERIFY(!record.contains("decoder_loss"));
    }
    // A random tiny BERT starts near ln(30522) = 10.3.
    QVERIFY(records.front()["loss"].get<double>() > 9 &&
            records.front()["loss"].get<double>() < 11.5);

    embedlab::store::History history(db.toStdString());
    const auto runs = history.listRuns();
    QCOMPARE(runs.size(), std::size_t{1});
    QCOMPARE(runs[0].kind, std::string("pretrain"));
    QCOMPARE(runs[0].status, embedlab::store::RunStatus::Finished);

    const auto tuned = cli({"train", "--model_name_or_path", path(out), "--train_data",
                            path(folder_ / "train.jsonl"), "--output_dir", path(folder_ / "tuned"),
                            "--per_device_train_batch_size", "4", "--train_group_size", "2",
                            "--max_steps", "1", "--progress", "none"});
    QVERIFY2(tuned.exitCode == 0, qPrintable(tuned.err));
    const auto reranker =
        cli({"train-reranker", "--model_name_or_path", path(out), "--train_data",
             path(folder_ / "train.jsonl"), "--output_dir", path(folder_ / "reranker"),
             "--per_device_train_batch_size", "2", "--train_group_size", "2", "--max_steps", "1",
             "--progress", "none"});
    QVERIFY2(reranker.exitCode == 0, qPrintable(reranker.err));
    // mine and eval read it as an encoder too.
    const auto mined =
        cli({"mine", "--model", path(out), "--input_file", path(folder_ / "train.jsonl"),
             "--output_file", path(folder_ / "mined.jsonl"), "--range_for_sampling", "2-10",
             "--negative_number", "2", "--max_len", "32"});
    QVERIFY2(mined.exitCode == 0, qPrintable(mined.err));
    const auto evaluated = cli({"eval", "--model", path(out), "--data", path(kDemo / "dev"),
                                "--split", "test", "--max_len", "32", "--query_max_len", "16"});
    QVERIFY2(evaluated.exitCode == 0 && evaluated.out.contains("MRR@10"),
             qPrintable(evaluated.err));
    // Pre-trained weights are not init-model's random ones any more: no warning about them.
    QVERIFY(config["created_by"].get<std::string>().find("pretrain --method mlm") !=
            std::string::npos);
    QVERIFY2(!reranker.err.contains("was made by init-model"), qPrintable(reranker.err));
  }

  void aConfigFileWithTheTaskRunsUnderTrain() {
    // The Training panel launches every task as `train --config run.json`.
    nlohmann::json config = {{"task", "pretrain"},
                             {"method", "mlm"},
                             {"model_name_or_path", (folder_ / "tiny").string()},
                             {"train_data", {(folder_ / "pool.jsonl").string()}},
                             {"output_dir", (folder_ / "configured").string()},
                             {"per_device_train_batch_size", 2},
                             {"max_seq_length", 32},
                             {"max_steps", 1}};
    embedlab::test::writeFile(folder_ / "pretrain.json", config.dump());
    const auto run =
        cli({"train", "--config", path(folder_ / "pretrain.json"), "--progress", "none"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.err.contains("pretrain: "), qPrintable(run.err));
    const auto written =
        nlohmann::json::parse(embedlab::test::readFile(folder_ / "configured" / "config.json"));
    QCOMPARE(written["architectures"][0].get<std::string>(), std::string("BertForMaskedLM"));
  }

  void retroMaeLogsBothLossesAndPoolsWithCls() {
    const auto run = cli(base("retromae", "retromae") << "--max_steps"
                                                      << "3"
                                                      << "--save_steps"
                                                      << "3");
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const auto out = folder_ / "retromae";
    for (const auto& record : metrics(out)) {
      const double encoder = record["contrastive_loss"].get<double>();
      const double decoder = record["decoder_loss"].get<double>();
      QVERIFY(std::isfinite(encoder) && std::isfinite(decoder));
      QVERIFY(std::abs(record["loss"].get<double>() - (encoder + decoder)) < 1e-4);
    }
    QVERIFY(std::filesystem::exists(out / "checkpoint-3" / "retromae_decoder.safetensors"));
    QVERIFY(!std::filesystem::exists(out / "retromae_decoder.safetensors"));  // not in the model
    const auto pooling =
        nlohmann::json::parse(embedlab::test::readFile(out / "1_Pooling" / "config.json"));
    QVERIFY(pooling["pooling_mode_cls_token"].get<bool>());
  }

  void resumingEqualsAnUninterruptedRun_data() {
    QTest::addColumn<QString>("method");
    QTest::newRow("mlm") << "mlm";
    QTest::newRow("retromae") << "retromae";
  }

  void resumingEqualsAnUninterruptedRun() {
    QFETCH(QString, method);
    const std::string m = method.toStdString();
    // 40 + 24 x ~4 texts in batches of 4: the resumed half crosses into epoch 2.
    const QStringList steps = {"--num_train_epochs", "2", "--save_steps", "20"};
    const auto straight = cli(base(m + "-straight", m, "tiny-nodrop") << steps);
    QVERIFY2(straight.exitCode == 0, qPrintable(straight.err));
    const auto a = metrics(folder_ / (m + "-straight"));
    QVERIFY(a.size() > 40);
    std::filesystem::create_directories(folder_ / (m + "-resumed"));
    std::filesystem::copy(folder_ / (m + "-straight") / "checkpoint-20",
                          folder_ / (m + "-resumed") / "checkpoint-20",
                          std::filesystem::copy_options::recursive);
    const auto resumed =
        cli(base(m + "-resumed", m, "tiny-nodrop") << steps << "--resume_from_checkpoint"
                                                   << "latest");
    QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
    const auto b = metrics(folder_ / (m + "-resumed"));
    QCOMPARE(b.size(), a.size() - 20);
    for (std::size_t i = 0; i < b.size(); ++i) {
      QVERIFY2(std::abs(b[i]["loss"].get<double>() - a[i + 20]["loss"].get<double>()) < 1e-5,
               qPrintable(QString::fromStdString(b[i].dump() + "\n" + a[i + 20].dump())));
    }
    const double difference = weightDifference(folder_ / (m + "-straight") / "model.safetensors",
                                               folder_ / (m + "-resumed") / "model.safetensors");
    QVERIFY2(difference < 1e-5, qPrintable(QString::number(difference)));
  }

  void twoWorkersEqualOneWorker_data() {
    QTest::addColumn<QString>("method");
    QTest::newRow("mlm") << "mlm";
    QTest::newRow("retromae") << "retromae";
  }

  void twoWorkersEqualOneWorker() {
    // Masks depend on (seed, text, step) alone, so both runs mask the same tokens, and each
    // worker's loss is weighed by its share of the labelled tokens: two workers train as one
    // with the whole batch (not as the mean of the workers' means, which Hugging Face's Trainer
    // computes). The small learning rate keeps float rounding in near-zero gradients out of the
    // weights (see test_cli_train).
    QFETCH(QString, method);
    const std::string m = method.toStdString();
    const auto arguments = [&](const std::string& run) {
      QStringList list = base(run, m, "tiny-nodrop");
      list[list.indexOf("--learning_rate") + 1] = "1e-4";
      return list << "--max_steps"
                  << "2";
    };
    const auto one = cli(arguments(m + "-one"));
    QVERIFY2(one.exitCode == 0, qPrintable(one.err));
    const auto two = cli(arguments(m + "-two") << "--per_device_train_batch_size"
                                               << "2"
                                               << "--nproc_per_node"
                                               << "2");
    QVERIFY2(two.exitCode == 0, qPrintable(two.err));
    const auto a = metrics(folder_ / (m + "-one"));
    const auto b = metrics(folder_ / (m + "-two"));
    QCOMPARE(b.size(), a.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      for (const char* key : {"loss", "contrastive_loss", "grad_norm"}) {
        const double x = a[i][key].get<double>(), y = b[i][key].get<double>();
        QVERIFY2(std::abs(x - y) < 1e-5 * std::max(1.0, x),
                 qPrintable(QString("step %1 %2: %3 vs %4").arg(i + 1).arg(key).arg(x).arg(y)));
      }
    }
    const double difference = weightDifference(folder_ / (m + "-one") / "model.safetensors",
                                               folder_ / (m + "-two") / "model.safetensors");
    QVERIFY2(difference < 1e-5, qPrintable(QString("max weight difference %1").arg(difference)));
  }

  void bf16Runs_data() {
    QTest::addColumn<QString>("method");
    QTest::newRow("mlm") << "mlm";
    QTest::newRow("retromae") << "retromae";
  }

  void bf16Runs() {
    // The masked-LM head's LayerNorm under autocast once failed here with "expected scalar
    // type BFloat16 but found Float".
    QFETCH(QString, method);
    const std::string m = method.toStdString();
    const auto run = cli(base(m + "-bf16", m) << "--max_steps"
                                              << "2"
                                              << "--bf16");
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(std::isfinite(metrics(folder_ / (m + "-bf16")).back()["loss"].get<double>()));
  }

 private:
  embedlab::test::TempFolder temp_;
  std::filesystem::path folder_ = temp_.path();
};

QTEST_GUILESS_MAIN(TestCliPretrain)
#include "test_cli_pretrain.moc"
