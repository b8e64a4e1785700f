// embedlab-cli train as users run it: options and config files, what a run writes, resume equal
// to an uninterrupted run, two Gloo workers with cross-device negatives equal to one worker with
// the whole batch, Ctrl-C, kill -9 during checkpoints, and a clear error for a NaN loss.
#include <signal.h>
#include <QtTest/QtTest>

#include <cmath>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>

#include "core/store/history.h"
#include "tests/support/cli.h"
#include "tests/support/files.h"
#include "tests/support/hub_cache.h"
#include "tests/support/process.h"
#include "tests/support/run_folders.h"

using embedlab::test::path;

namespace {

const std::filesystem::path kData = EMBEDLAB_SOURCE_DIR "/tests/data";
const std::filesystem::path kDemo = EMBEDLAB_SOURCE_DIR "/resources/demo";

embedlab::test::ProcessRun cli(const QStringList& arguments) {
  return embedlab::test::cli(arguments, 300000);  // training runs take longer
}

using embedlab::test::weightDifference;

std::vector<nlohmann::json> metrics(const std::filesystem::path& run) {
  return embedlab::test::metricsOf(run);
}

}  // namespace

class TestCliTrain : public QObject {
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
    std::string lines;
    std::istringstream demo(embedlab::test::readFile(kDemo / "train.jsonl"));
    std::string line;
    for (int i = 0; i < 64 && std::getline(demo, line); ++i)
      lines += line + "\n";
    embedlab::test::writeFile(folder_ / "train.jsonl", lines);
  }

  QStringList base(const std::string& run, const std::string& model = "tiny") {
    return {"train",
            "--model_name_or_path",
            path(folder_ / model),
            "--train_data",
            path(folder_ / "train.jsonl"),
            "--output_dir",
            path(folder_ / run),
            "--per_device_train_batch_size",
            "4",
            "--train_group_size",
            "3",
            "--passage_max_len",
            "48",
            "--query_max_len",
            "16",
            "--learning_rate",
            "5e-4",
            "--logging_steps",
            "1",
            "--progress",
            "none"};
  }

  void optionErrorsComeBeforeAnyWork() {
    auto run = cli(base("bad") << "--temperature"
                               << "0");
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("--temperature must be positive"), qPrintable(run.err));
    QCOMPARE(cli(base("bad") << "--no_such_flag"
                             << "1")
                 .exitCode,
             2);
    QVERIFY(!std::filesystem::exists(folder_ / "bad"));
    run = cli(base("bad") << "--train_group_size"
                          << "200");
    QCOMPARE(run.exitCode, 2);  // no negatives in the data, and a corpus too small for 199
    QVERIFY2(run.err.contains("--train_group_size 200 needs 199 negatives"), qPrintable(run.err));
  }

  void configFileAndFlagsResolveIntoTheRunFolder() {
    embedlab::test::writeFile(
        folder_ / "config.json",
        R"({"temperature": 0.05, "max_steps": 2, "seed": 9, "normlized": true})");
    const auto run =
        cli(base("configured") << "--config" << path(folder_ / "config.json") << "--seed"
                               << "11");
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const auto resolved = nlohmann::json::parse(
        embedlab::test::readFile(folder_ / "configured" / "training_options.json"));
    QCOMPARE(resolved["temperature"].get<double>(), 0.05);  // from the file
    QCOMPARE(resolved["seed"].get<int>(), 11);              // the flag wins
    QCOMPARE(resolved["per_device_train_batch_size"].get<int>(), 4);
  }

  void aRunWritesModelMetricsAndCheckpoints() {
    const auto run = cli(base("full") << "--max_steps"
                                      << "6"
                                      << "--save_steps"
                                      << "2"
                                      << "--save_total_limit"
                                      << "2");
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const auto out = folder_ / "full";
    for (const char* file : {"model.safetensors", "config.json", "tokenizer.json", "modules.json",
                             "training_options.json"}) {
      QVERIFY2(std::filesystem::exists(out / file), file);
    }
    QVERIFY(!std::filesystem::exists(out / "checkpoint-2"));  // rotated away
    QVERIFY(std::filesystem::exists(out / "checkpoint-4"));
    QVERIFY(std::filesystem::exists(out / "checkpoint-6" / "optimizer.pt"));
    const auto records = metrics(out);
    QCOMPARE(records.size(), std::size_t{6});
    QCOMPARE(records.back()["step"].get<int>(), 6);
    QVERIFY(records.back()["similarities"]["positives"]["count"].get<int>() == 4);
    QCOMPARE(records.back()["similarities"]["hard_negatives"]["bins"].size(), std::size_t{40});
    QVERIFY(std::isfinite(records.back()["loss"].get<double>()));
    QVERIFY(weightDifference(out / "model.safetensors", folder_ / "tiny" / "model.safetensors") >
            1e-4);  // it learned something
  }

  void resumingEqualsAnUninterruptedRun() {
    QVERIFY(cli(base("straight") << "--max_steps"
                                 << "6"
                                 << "--save_steps"
                                 << "3")
                .exitCode == 0);
    std::filesystem::create_directories(folder_ / "resumed");
    std::filesystem::copy(folder_ / "straight" / "checkpoint-3",
                          folder_ / "resumed" / "checkpoint-3",
                          std::filesystem::copy_options::recursive);
    const auto run = cli(base("resumed") << "--max_steps"
                                         << "6"
                                         << "--save_steps"
                                         << "3"
                                         << "--resume_from_checkpoint"
                                         << "latest");
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const auto straight = metrics(folder_ / "straight");
    const auto resumed = metrics(folder_ / "resumed");
    QCOMPARE(resumed.size(), std::size_t{3});
    for (std::size_t i = 0; i < 3; ++i) {
      QCOMPARE(resumed[i]["step"].get<int>(), straight[i + 3]["step"].get<int>());
      QVERIFY2(
          std::abs(resumed[i]["loss"].get<double>() - straight[i + 3]["loss"].get<double>()) < 1e-6,
          qPrintable(
              QString::fromStdString(resumed[i].dump() + "\n" + straight[i + 3].dump()).left(400)));
    }
    QVERIFY(weightDifference(folder_ / "straight" / "model.safetensors",
                             folder_ / "resumed" / "model.safetensors") < 1e-6);
  }

  void twoWorkersWithCrossDeviceNegativesEqualOneWorker() {
    // AdamW moves a weight whose gradient is near zero by about lr whatever the gradient's
    // size, so float rounding in such a gradient (a sum in another order) shows in the weights
    // in proportion to lr: at 5e-4 one weight of 100k differed by 1.2e-5 on an AMD EPYC with
    // OpenBLAS's Haswell kernels. A smaller lr keeps the weight check at 1e-5 about the
    // gradients; the gradient norm checks the loss scaling (the reference's missing factor W
    // leaves Adam's weights almost unchanged, but halves the norm).
    const auto withSmallLr = [this](const std::string& run) {
      QStringList arguments = base(run, "tiny-nodrop");
      arguments[arguments.indexOf("--learning_rate") + 1] = "1e-4";
      return arguments;
    };
    const auto one = cli(withSmallLr("one") << "--max_steps"
                                            << "2"
                                            << "--per_device_train_batch_size"
                                            << "4");
    QVERIFY2(one.exitCode == 0, qPrintable(one.err));
    const auto two = cli(withSmallLr("two") << "--max_steps"
                                            << "2"
                                            << "--per_device_train_batch_size"
                                            << "2"
                                            << "--nproc_per_node"
                                            << "2"
                                            << "--negatives_cross_device");
    QVERIFY2(two.exitCode == 0, qPrintable(two.err));
    const auto a = metrics(folder_ / "one");
    const auto b = metrics(folder_ / "two");
    QCOMPARE(b.size(), a.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      QVERIFY2(std::abs(a[i]["loss"].get<double>() - b[i]["loss"].get<double>()) < 1e-5,
               qPrintable(QString("step %1: %2 vs %3")
                              .arg(i + 1)
                              .arg(a[i]["loss"].get<double>())
                              .arg(b[i]["loss"].get<double>())));
      const double normA = a[i]["grad_norm"].get<double>(), normB = b[i]["grad_norm"].get<double>();
      QVERIFY2(
          std::abs(normA - normB) < 1e-4 * normA,
          qPrintable(QString("step %1: gradient norm %2 vs %3").arg(i + 1).arg(normA).arg(normB)));
    }
    const double difference = weightDifference(folder_ / "one" / "model.safetensors",
                                               folder_ / "two" / "model.safetensors");
    QVERIFY2(difference < 1e-5, qPrintable(QString("max weight difference %1").arg(difference)));
  }

  // NCCL moves CUDA tensors only: asking for it on the CPU is refused before any worker starts.
  void ncclOnTheCpuIsRefused() {
    const auto run = cli(base("nccl-cpu") << "--nproc_per_node"
                                          << "2"
                                          << "--device"
                                          << "cpu"
                                          << "--ddp_backend"
                                          << "nccl");
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("--ddp_backend nccl needs CUDA devices"), qPrintable(run.err));
    QVERIFY(!std::filesystem::exists(folder_ / "nccl-cpu" / "metrics.jsonl"));
  }

  // The reference's flags that EmbedLab does not take say what to use instead.
  void deepspeedAndDevicesAreRefusedWithWhatToUse() {
    auto run = cli(base("deepspeed") << "--deepspeed"
                                     << "ds_stage0.json");
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("EmbedLab does not use DeepSpeed") &&
                 run.err.contains("--gradient_checkpointing") && !run.err.contains("unknown"),
             qPrintable(run.err));
    run = cli(base("devices") << "--devices"
                              << "cuda:0"
                              << "cuda:1");
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("CUDA_VISIBLE_DEVICES"), qPrintable(run.err));
    run = cli({"mine", "--devices", "0", "1", "--input_file", path(folder_ / "train.jsonl")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("use --device"), qPrintable(run.err));
    QVERIFY(!std::filesystem::exists(folder_ / "deepspeed"));
  }

  // --cache_path (the reference's dataset cache) is taken and said to do nothing.
  void cachePathIsAcceptedAndSaidToDoNothing() {
    const auto run = cli(base("cache-path") << "--cache_path"
                                            << "./cache/data"
                                            << "--max_steps"
                                            << "1");
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.err.contains("--cache_path has no effect"), qPrintable(run.err));
  }

  void anOutputDirWithFilesNeedsOverwriteOutputDir() {
    QVERIFY(cli(base("taken") << "--max_steps"
                              << "1")
                .exitCode == 0);
    const auto before = embedlab::test::readFile(folder_ / "taken" / "model.safetensors");
    auto run = cli(base("taken") << "--max_steps"
                                 << "1"
                                 << "--seed"
                                 << "5");
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(
        run.err.contains(path(folder_ / "taken")) && run.err.contains("--overwrite_output_dir"),
        qPrintable(run.err));
    QCOMPARE(embedlab::test::readFile(folder_ / "taken" / "model.safetensors"), before);
    run = cli(base("taken") << "--max_steps"
                            << "1"
                            << "--seed"
                            << "5"
                            << "--overwrite_output_dir");
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(embedlab::test::readFile(folder_ / "taken" / "model.safetensors") != before);
  }

  // Two micro-batches of 2 queries accumulated are one batch of 4 when the loss is a mean of
  // per-query terms (no in-batch negatives, no dropout): one worker or two, and resumed.
  void gradientAccumulationEqualsOneLargerBatch() {
    const auto arguments = [this](const std::string& run, const char* batch) {
      QStringList list = base(run, "tiny-nodrop");
      list[list.indexOf("--learning_rate") + 1] = "1e-4";
      list[list.indexOf("--per_device_train_batch_size") + 1] = batch;
      return list << "--use_inbatch_neg"
                  << "false"
                  << "--max_steps"
                  << "2";
    };
    const auto large = cli(arguments("large", "4"));
    QVERIFY2(large.exitCode == 0, qPrintable(large.err));
    const auto accumulated = cli(arguments("accumulated", "2") << "--gradient_accumulation_steps"
                                                               << "2"
                                                               << "--save_steps"
                                                               << "1");
    QVERIFY2(accumulated.exitCode == 0, qPrintable(accumulated.err));
    const auto workers = cli(arguments("workers", "1") << "--gradient_accumulation_steps"
                                                       << "2"
                                                       << "--nproc_per_node"
                                                       << "2");
    QVERIFY2(workers.exitCode == 0, qPrintable(workers.err));
    std::filesystem::create_directories(folder_ / "accumulated-resumed");
    std::filesystem::copy(folder_ / "accumulated" / "checkpoint-1",
                          folder_ / "accumulated-resumed" / "checkpoint-1",
                          std::filesystem::copy_options::recursive);
    const auto resumed =
        cli(arguments("accumulated-resumed", "2") << "--gradient_accumulation_steps"
                                                  << "2"
                                                  << "--resume_from_checkpoint"
                                                  << "latest");
    QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
    const auto a = metrics(folder_ / "large");
    for (const char* run : {"accumulated", "workers"}) {
      const auto b = metrics(folder_ / run);
      QCOMPARE(b.size(), a.size());
      for (std::size_t i = 0; i < a.size(); ++i) {
        QVERIFY2(std::abs(a[i]["loss"].get<double>() - b[i]["loss"].get<double>()) < 1e-5,
                 qPrintable(QString("%1 step %2: %3 vs %4")
                                .arg(run)
                                .arg(i + 1)
                                .arg(a[i]["loss"].get<double>())
                                .arg(b[i]["loss"].get<double>())));
        const double normA = a[i]["grad_norm"].get<double>();
        const double normB = b[i]["grad_norm"].get<double>();
        QVERIFY2(std::abs(normA - normB) < 1e-4 * normA,
                 qPrintable(QString("%1 step %2: gradient norm %3 vs %4")
                                .arg(run)
                                .arg(i + 1)
                                .arg(normA)
                                .arg(normB)));
      }
      const double difference = weightDifference(folder_ / "large" / "model.safetensors",
                                                 folder_ / run / "model.safetensors");
      QVERIFY2(difference < 1e-5,
               qPrintable(QString("%1: weight difference %2").arg(run).arg(difference)));
    }
    QVERIFY(weightDifference(folder_ / "accumulated" / "model.safetensors",
                             folder_ / "accumulated-resumed" / "model.safetensors") < 1e-6);
    // An epoch of 64 queries in optimiser steps of 2 x 4 queries is 8 steps.
    QStringList epoch = base("epoch");
    epoch << "--num_train_epochs"
          << "1"
          << "--gradient_accumulation_steps"
          << "2";
    const auto run = cli(epoch);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const auto records = metrics(folder_ / "epoch");
    QCOMPARE(records.size(), std::size_t{8});
    QCOMPARE(records.back()["step"].get<int>(), 8);
    QCOMPARE(records.back()["total_steps"].get<int>(), 8);
  }

  // --pad_to_multiple_of pads further, masked: the loss is the same.
  void paddingToAMultipleChangesNoLoss() {
    const auto plain = cli(base("unpadded", "tiny-nodrop") << "--max_steps"
                                                           << "2");
    QVERIFY2(plain.exitCode == 0, qPrintable(plain.err));
    const auto padded = cli(base("padded", "tiny-nodrop") << "--max_steps"
                                                          << "2"
                                                          << "--pad_to_multiple_of"
                                                          << "64");
    QVERIFY2(padded.exitCode == 0, qPrintable(padded.err));
    const auto a = metrics(folder_ / "unpadded");
    const auto b = metrics(folder_ / "padded");
    QCOMPARE(b.size(), a.size());
    for (std::size_t i = 0; i < a.size(); ++i)
      QVERIFY(std::abs(a[i]["loss"].get<double>() - b[i]["loss"].get<double>()) < 1e-5);
  }

  void instructionFormatsShapeTheTexts() {
    const auto loss = [this](const std::string& run, const QStringList& extra) {
      const auto result = cli(base(run, "tiny-nodrop") << "--max_steps"
                                                       << "1"
                                                       << "--query_instruction_for_retrieval"
                                                       << "find: " << extra);
      return result.exitCode == 0 ? metrics(folder_ / run)[0]["loss"].get<double>() : -1.0;
    };
    const double plain = loss("format-plain", {});
    const double same = loss("format-same", {"--query_instruction_format", "{}{}"});
    const double formatted =
        loss("format-tagged",
             {"--query_instruction_format", "<instruct>{}\\n<query>{}",
              "--passage_instruction_format", "passage {}: {}", "--passage_instruction", "doc"});
    QVERIFY(plain > 0 && formatted > 0);
    QVERIFY(std::abs(plain - same) < 1e-6);
    QVERIFY2(std::abs(plain - formatted) > 1e-4,
             qPrintable(QString("%1 vs %2").arg(plain).arg(formatted)));
    const auto bad = cli(base("format-bad") << "--query_instruction_format"
                                            << "<query>{}");
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("exactly two {}"), qPrintable(bad.err));
  }

  void learningRateSchedulerTypes() {
    const auto rates = [this](const std::string& run, const char* type) {
      const auto result = cli(base(run) << "--max_steps"
                                        << "4"
                                        << "--warmup_ratio"
                                        << "0.5"
                                        << "--lr_scheduler_type" << type);
      std::vector<double> values;
      if (result.exitCode != 0) return values;
      for (const auto& record : metrics(folder_ / run))
        values.push_back(record["learning_rate"].get<double>());
      return values;
    };
    const auto close = [](const std::vector<double>& a, const std::vector<double>& b) {
      if (a.size() != b.size()) return false;
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::abs(a[i] - b[i]) > 1e-12) return false;
      }
      return true;
    };
    // 4 steps, 2 of warm-up, base 5e-4.
    QVERIFY(close(rates("lr-linear", "linear"), {0, 2.5e-4, 5e-4, 2.5e-4}));
    QVERIFY(close(rates("lr-cosine", "cosine"), {0, 2.5e-4, 5e-4, 2.5e-4}));
    QVERIFY(close(rates("lr-constant", "constant"), {5e-4, 5e-4, 5e-4, 5e-4}));
    QVERIFY(close(rates("lr-warm", "constant_with_warmup"), {0, 2.5e-4, 5e-4, 5e-4}));
  }

  void hubIdsResolveInCacheDir() {
    const auto hub = folder_ / "hub";
    embedlab::test::cacheModel(hub, "org/tiny", folder_ / "tiny", "0123abcd");
    embedlab::test::writeRef(hub, "models--org--tiny", "main", "0123abcd");
    QStringList arguments = base("hub-id");
    arguments[arguments.indexOf("--model_name_or_path") + 1] = "org/tiny";
    const auto missing = cli(QStringList(arguments) << "--max_steps"
                                                    << "1");
    QVERIFY(missing.exitCode != 0);
    QVERIFY2(missing.err.contains("org/tiny"), qPrintable(missing.err));
    QVERIFY(!std::filesystem::exists(folder_ / "hub-id"));  // nothing written by a failed start
    const auto found = cli(arguments << "--max_steps"
                                     << "1"
                                     << "--cache_dir" << path(hub));
    QVERIFY2(found.exitCode == 0, qPrintable(found.err));
  }

  void trainDataFolderAndSameDatasetBatches() {
    const std::string lines = embedlab::test::readFile(folder_ / "train.jsonl");
    std::size_t half = 0;
    for (int i = 0; i < 32; ++i)
      half = lines.find('\n', half) + 1;
    embedlab::test::writeFile(folder_ / "data" / "a.jsonl", lines.substr(0, half));
    embedlab::test::writeFile(folder_ / "data" / "b.jsonl", lines.substr(half));
    embedlab::test::writeFile(folder_ / "data" / "README.md", "not training data");
    QStringList arguments = base("folder");
    arguments[arguments.indexOf("--train_data") + 1] = path(folder_ / "data");
    arguments[arguments.indexOf("--per_device_train_batch_size") + 1] = "8";
    const auto run = cli(arguments << "--num_train_epochs"
                                   << "1"
                                   << "--same_dataset_within_batch");
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(metrics(folder_ / "folder").size(), std::size_t{8});  // both files' 64 queries
    std::filesystem::create_directories(folder_ / "no-data");
    arguments[arguments.indexOf("--train_data") + 1] = path(folder_ / "no-data");
    arguments[arguments.indexOf("--output_dir") + 1] = path(folder_ / "folder-empty");
    const auto empty = cli(arguments);
    QCOMPARE(empty.exitCode, 2);
    QVERIFY2(empty.err.contains("is a folder without .jsonl files"), qPrintable(empty.err));
  }

  void ctrlCStopsWithACheckpointAndResumes() {
    const QString db = path(folder_ / "interrupted.sqlite");
    QProcess process;
    process.start(EMBEDLAB_CLI_PATH, QStringList{"--db", db} + base("interrupted") << "--max_steps"
                                                                                   << "400"
                                                                                   << "--progress"
                                                                                   << "json");
    QVERIFY(process.waitForStarted());
    bool sent = false;
    while (!sent && process.waitForReadyRead(60000)) {
      while (process.canReadLine()) {
        const auto line = nlohmann::json::parse(process.readLine().toStdString());
        if (line.value("event", "") == "log" && line["step"].get<int>() >= 2 && !sent) {
          ::kill(static_cast<pid_t>(process.processId()), SIGINT);
          sent = true;
        }
      }
    }
    QVERIFY(sent);
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 130);
    // A stopped run says so on stdout, with its checkpoint's step (the GUI reads no exit status
    // of the runs it launches detached).
    nlohmann::json stopped;
    for (const QByteArray& line : process.readAllStandardOutput().split('\n')) {
      const auto event = nlohmann::json::parse(line.toStdString(), nullptr, false);
      if (event.is_object() && event.value("event", "") == "stopped") stopped = event;
    }
    QVERIFY(stopped.is_object());
    const int stoppedAt = stopped["step"].get<int>();
    QVERIFY(std::filesystem::exists(folder_ / "interrupted" /
                                    ("checkpoint-" + std::to_string(stoppedAt))));
    const auto out = folder_ / "interrupted";
    QVERIFY(!std::filesystem::exists(out / "checkpoint-400"));
    QVERIFY(
        !std::filesystem::exists(out / "model.safetensors"));  // no final model: it did not finish
    const auto run = cli(QStringList{"--db", db} + base("interrupted") << "--max_steps"
                                                                       << "12"
                                                                       << "--resume_from_checkpoint"
                                                                       << "latest");
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(std::filesystem::exists(out / "model.safetensors"));
    // The history holds one run that stopped and went on, its loss curve unbroken.
    embedlab::store::History history(db.toStdString());
    const auto runs = history.listRuns();
    QCOMPARE(runs.size(), std::size_t{1});
    QCOMPARE(runs[0].status, embedlab::store::RunStatus::Finished);
    const auto loss = history.metricSeries(runs[0].id, "loss");
    QCOMPARE(loss.back().first, std::int64_t{12});
    QCOMPARE(loss.front().first, std::int64_t{1});
    const auto resumed = history.summaries(runs[0].id).at("resumed");
    QCOMPARE(resumed.size(), std::size_t{1});
    QCOMPARE(resumed[0]["step"].get<int>(), stoppedAt);
  }

  void killDuringCheckpointsLeavesUsableCheckpoints() {
    std::mt19937 random(5);
    for (int attempt = 0; attempt < 4; ++attempt) {
      QProcess process;
      process.start(EMBEDLAB_CLI_PATH, QStringList(base("killed"))
                                           << "--max_steps"
                                           << "400"
                                           << "--save_steps"
                                           << "1"
                                           << "--resume_from_checkpoint"
                                           << (attempt == 0 ? "" : "latest"));
      QVERIFY(process.waitForStarted());
      QTest::qWait(2500 + static_cast<int>(random() % 1500));
      ::kill(static_cast<pid_t>(process.processId()), SIGKILL);
      process.waitForFinished();
      // Every checkpoint folder is complete; a half-written one is hidden and ignored.
      for (const auto& entry : std::filesystem::directory_iterator(folder_ / "killed")) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("checkpoint-", 0) != 0) continue;
        for (const char* file : {"trainer_state.json", "model.safetensors", "optimizer.pt",
                                 "rng_state.pt", "config.json"}) {
          QVERIFY2(std::filesystem::exists(entry.path() / file),
                   qPrintable(QString::fromStdString(name + "/" + file)));
        }
      }
    }
    const auto run = cli(base("killed") << "--max_steps"
                                        << "3"
                                        << "--resume_from_checkpoint"
                                        << "latest");
    // The latest checkpoint may already be past step 3: then the run has nothing left to do.
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
  }

  void aDeadWorkerStopsTheOthers() {
    QProcess launcher;
    launcher.start(EMBEDLAB_CLI_PATH, QStringList(base("dead")) << "--max_steps"
                                                                << "2000"
                                                                << "--nproc_per_node"
                                                                << "2");
    QVERIFY(launcher.waitForStarted());
    // Wait until both workers train, then kill one as a crash or the OOM killer would.
    const QString children = QString("/proc/%1/task/%1/children").arg(launcher.processId());
    QStringList workers;
    for (int i = 0; i < 200 && workers.size() < 2; ++i) {
      QTest::qWait(100);
      QFile file(children);
      if (file.open(QIODevice::ReadOnly))
        workers = QString(file.readAll()).split(' ', Qt::SkipEmptyParts);
    }
    QCOMPARE(workers.size(), 2);
    QTest::qWait(4000);
    ::kill(workers[1].toInt(), SIGKILL);
    QVERIFY2(launcher.waitForFinished(120000), "the other worker kept waiting for the dead one");
    QVERIFY(launcher.exitCode() != 0);
    const QString err = QString::fromUtf8(launcher.readAllStandardError());
    QVERIFY2(err.contains("worker 1") && err.contains("stopping the other workers"),
             qPrintable(err));
  }

  void precisionOptionsOnTheCpu() {
    const auto fp16 = cli(base("fp16") << "--max_steps"
                                       << "1"
                                       << "--fp16");
    QCOMPARE(fp16.exitCode, 2);
    QVERIFY2(fp16.err.contains("--fp16 needs a CUDA device"), qPrintable(fp16.err));
    QVERIFY(!std::filesystem::exists(folder_ / "fp16"));
    const auto bf16 = cli(base("bf16") << "--max_steps"
                                       << "2"
                                       << "--bf16");
    QVERIFY2(bf16.exitCode == 0, qPrintable(bf16.err));
    QVERIFY(std::isfinite(metrics(folder_ / "bf16").back()["loss"].get<double>()));
  }

  void aNanLossIsAClearError() {
    const auto run = cli(base("nan") << "--max_steps"
                                     << "2"
                                     << "--temperature"
                                     << "1e-40");
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("step 1: the loss is"), qPrintable(run.err));
    QVERIFY(run.err.contains("hint"));
  }

 private:
  embedlab::test::TempFolder temp_;
  std::filesystem::path folder_ = temp_.path();
};

QTEST_GUILESS_MAIN(TestCliTrain)
#include "test_cli_train.moc"
