// embedlab-cli train on the paths real runs take, with the settings that expose their defects:
// several epochs of --dedup_batches over data whose texts repeat, two Gloo workers with
// cross-device negatives and teacher scores on half of the lines, distillation only when asked
// for, gradient checkpointing under bf16 with dropout on, resume from the middle of an epoch,
// and usage errors (lengths beyond the model, damaged checkpoints, configs of the wrong type)
// that name what to fix.
#include <QtTest/QtTest>

#include <cmath>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

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
  return embedlab::test::cli(arguments, 300000);
}

// The notes a run printed with --progress json, in order.
std::vector<std::string> notesOf(const QString& out) {
  std::vector<std::string> notes;
  for (const QString& line : out.split('\n', Qt::SkipEmptyParts)) {
    const auto event = nlohmann::json::parse(line.toStdString(), nullptr, false);
    if (event.is_object() && event.value("event", "") == "note")
      notes.push_back(event.at("message").get<std::string>());
  }
  return notes;
}

// "epoch E: N batches; all Q queries trained once..." notes: N for each epoch, in order.
std::vector<int> epochLengths(const std::vector<std::string>& notes, int queries) {
  std::vector<int> lengths;
  const std::regex epoch("^epoch ([0-9]+): ([0-9]+) batches; all ([0-9]+) queries trained once");
  for (const std::string& note : notes) {
    std::smatch match;
    if (!std::regex_search(note, match, epoch)) continue;
    if (std::stoi(match[1]) != static_cast<int>(lengths.size()) + 1) continue;  // resumed again
    if (std::stoi(match[3]) != queries) return {};
    lengths.push_back(std::stoi(match[2]));
  }
  return lengths;
}

}  // namespace

class TestCliTrainPaths : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    // init-model's BERT has dropout 0.1: on, as in real runs.
    const auto made = cli(embedlab::test::initTinyModelArguments(folder_ / "tiny", 3));
    QVERIFY2(made.exitCode == 0, qPrintable(made.err));
    // 40 queries whose texts repeat: lines 1 and 2 share line 0's positive, and every line's
    // negatives are other lines' positives, so --dedup_batches packs each epoch differently.
    // Even lines carry teacher scores (pos_scores, neg_scores), odd ones do not.
    std::vector<nlohmann::json> demo;
    std::istringstream in(embedlab::test::readFile(kDemo / "train.jsonl"));
    for (std::string line; demo.size() < 40 && std::getline(in, line);)
      demo.push_back(nlohmann::json::parse(line));
    std::string data;
    std::string scored;
    for (std::size_t i = 0; i < demo.size(); ++i) {
      const std::size_t own = i < 3 ? 0 : i;
      nlohmann::json record = {{"query", demo[i]["query"]},
                               {"pos", {demo[own]["pos"][0]}},
                               {"neg",
                                {demo[(i + 3) % 40]["pos"][0], demo[(i + 4) % 40]["pos"][0],
                                 demo[(i + 9) % 40]["pos"][0]}}};
      nlohmann::json withScores = record;
      withScores["pos_scores"] = {2.0};
      withScores["neg_scores"] = {0.5, 0.1, -0.4};
      data += record.dump() + "\n";
      scored += (i % 2 == 0 ? withScores : record).dump() + "\n";
    }
    embedlab::test::writeFile(folder_ / "train.jsonl", data);
    embedlab::test::writeFile(folder_ / "half-scored.jsonl", scored);
  }

  QStringList base(const std::string& run, const std::string& data = "train.jsonl") {
    return {"train",
            "--model_name_or_path",
            path(folder_ / "tiny"),
            "--train_data",
            path(folder_ / data),
            "--output_dir",
            path(folder_ / run),
            "--per_device_train_batch_size",
            "4",
            "--train_group_size",
            "3",
            "--passage_max_len",
            "40",
            "--query_max_len",
            "16",
            "--learning_rate",
            "5e-4",
            "--logging_steps",
            "1",
            "--save_steps",
            "0",
            "--progress",
            "json"};
  }

  void dedupBatchesOverSeveralEpochs() {
    // Epochs of different lengths: every one trains every query, and the run's steps are their
    // sum (epoch 0's length times 3 either failed with "batch N of epoch E does not exist" or
    // skipped data).
    const auto run = cli(base("dedup") << "--num_train_epochs"
                                       << "3"
                                       << "--dedup_batches");
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const std::vector<int> lengths = epochLengths(notesOf(run.out), 40);
    QCOMPARE(lengths.size(), std::size_t{3});
    const auto records = metricsOf(folder_ / "dedup");
    QCOMPARE(records.back()["step"].get<int>(), lengths[0] + lengths[1] + lengths[2]);
    QCOMPARE(records.back()["total_steps"].get<int>(), records.back()["step"].get<int>());
    QCOMPARE(records.back()["epoch"].get<double>(), 3.0);
    QCOMPARE(records[static_cast<std::size_t>(lengths[0]) - 1]["epoch"].get<double>(), 1.0);
  }

  void twoWorkersOnEveryPathAtOnceResumeMidEpoch() {
    // Two workers, three epochs, deduplicated batches, cross-device negatives, teacher scores
    // on half of the lines with distillation, gradient checkpointing, bf16 and dropout: it
    // finishes, trains every query in every epoch, and a run resumed from the middle of the
    // second epoch ends with the same weights.
    const auto arguments = [&](const std::string& run) {
      return base(run, "half-scored.jsonl") << "--num_train_epochs"
                                            << "3"
                                            << "--per_device_train_batch_size"
                                            << "2"
                                            << "--nproc_per_node"
                                            << "2"
                                            << "--dedup_batches"
                                            << "--negatives_cross_device"
                                            << "--knowledge_distillation"
                                            << "--teacher_temperature"
                                            << "0.5"
                                            << "--gradient_checkpointing"
                                            << "--bf16";
    };
    const auto straight = cli(arguments("straight") << "--save_steps"
                                                    << "1");
    QVERIFY2(straight.exitCode == 0, qPrintable(straight.err));
    const std::vector<int> lengths = epochLengths(notesOf(straight.out), 40);
    QCOMPARE(lengths.size(), std::size_t{3});
    const auto records = metricsOf(folder_ / "straight");
    QCOMPARE(records.back()["step"].get<int>(), lengths[0] + lengths[1] + lengths[2]);
    int distilled = 0;
    for (const auto& record : records) {
      QVERIFY(std::isfinite(record["loss"].get<double>()));
      distilled += record.contains("distillation_loss") ? 1 : 0;
    }
    QCOMPARE(distilled, static_cast<int>(records.size()));

    const int middle = lengths[0] + lengths[1] / 2;  // inside the second epoch
    QVERIFY(middle > lengths[0]);
    const std::string checkpoint = "checkpoint-" + std::to_string(middle);
    std::filesystem::create_directories(folder_ / "resumed");
    std::filesystem::copy(folder_ / "straight" / checkpoint, folder_ / "resumed" / checkpoint,
                          std::filesystem::copy_options::recursive);
    const auto resumed = cli(arguments("resumed") << "--resume_from_checkpoint"
                                                  << "latest");
    QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
    const auto again = metricsOf(folder_ / "resumed");
    QCOMPARE(again.size(), records.size() - static_cast<std::size_t>(middle));
    QCOMPARE(again.front()["step"].get<int>(), middle + 1);
    const double difference = weightDifference(folder_ / "straight" / "model.safetensors",
                                               folder_ / "resumed" / "model.safetensors");
    QVERIFY2(difference < 1e-6, qPrintable(QString("max weight difference %1").arg(difference)));
  }

  void partialLossesAreAveragedOverWorkers() {
    // Without cross-device negatives each worker has its own loss; the record holds their
    // mean, and so must its parts: loss = contrastive + weight x distillation, record by record.
    const auto run = cli(base("partial", "half-scored.jsonl") << "--max_steps"
                                                              << "4"
                                                              << "--per_device_train_batch_size"
                                                              << "2"
                                                              << "--nproc_per_node"
                                                              << "2"
                                                              << "--knowledge_distillation"
                                                              << "--distill_weight"
                                                              << "0.5");
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    for (const auto& record : metricsOf(folder_ / "partial")) {
      const double parts = record["contrastive_loss"].get<double>() +
                           0.5 * record["distillation_loss"].get<double>();
      QVERIFY2(std::abs(record["loss"].get<double>() - parts) < 1e-5,
               qPrintable(QString::fromStdString(record.dump()).left(300)));
    }
  }

  void distillationIsOptIn() {
    // Scores in the data do nothing without --knowledge_distillation (the reference's default),
    // and the run says so.
    const auto plain = cli(base("no-kd", "half-scored.jsonl") << "--max_steps"
                                                              << "2");
    QVERIFY2(plain.exitCode == 0, qPrintable(plain.err));
    for (const auto& record : metricsOf(folder_ / "no-kd"))
      QVERIFY(!record.contains("distillation_loss"));
    bool told = false;
    for (const std::string& note : notesOf(plain.out))
      told = told || note.find("ignored without --knowledge_distillation") != std::string::npos;
    QVERIFY2(told, qPrintable(plain.out));

    const auto distilled = cli(base("kd", "half-scored.jsonl") << "--max_steps"
                                                               << "2"
                                                               << "--knowledge_distillation");
    QVERIFY2(distilled.exitCode == 0, qPrintable(distilled.err));
    QVERIFY(metricsOf(folder_ / "kd").back()["distillation_loss"].get<double>() > 0);

    const auto wrongType = cli(base("m3", "half-scored.jsonl") << "--knowledge_distillation"
                                                               << "--kd_loss_type"
                                                               << "m3_kd_loss");
    QCOMPARE(wrongType.exitCode, 2);
    QVERIFY2(wrongType.err.contains("--kd_loss_type must be kl_div"), qPrintable(wrongType.err));
    QVERIFY(!std::filesystem::exists(folder_ / "m3"));
  }

  void lengthsBeyondTheModelAreUsageErrors() {
    // init-model's BERT has 512 positions: a LibTorch index error at step 1 before.
    const auto run = cli(base("long") << "--passage_max_len"
                                      << "600");
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("--passage_max_len 600") &&
                 run.err.contains("max_position_embeddings 512"),
             qPrintable(run.err));
  }

  void damagedCheckpointsAndConfigsNameTheFileAndField() {
    const auto first = cli(base("damaged") << "--max_steps"
                                           << "2"
                                           << "--save_steps"
                                           << "1");
    QVERIFY2(first.exitCode == 0, qPrintable(first.err));
    const auto state = folder_ / "damaged" / "checkpoint-2" / "trainer_state.json";
    const std::string text = embedlab::test::readFile(state);
    const auto resume = [&] {
      return cli(base("damaged") << "--max_steps"
                                 << "4"
                                 << "--resume_from_checkpoint"
                                 << "latest");
    };
    embedlab::test::writeFile(state, text.substr(0, text.size() / 2));  // cut short
    auto run = resume();
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("trainer_state.json is not valid JSON"), qPrintable(run.err));
    auto json = nlohmann::json::parse(text);
    json["step"] = "two";
    embedlab::test::writeFile(state, json.dump());
    run = resume();
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("trainer_state.json has field \"step\""), qPrintable(run.err));

    embedlab::test::writeFile(folder_ / "typed.json", R"({"learning_rate": "fast"})");
    run = cli(base("typed") << "--config" << path(folder_ / "typed.json"));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("typed.json: option \"learning_rate\" must be a number"),
             qPrintable(run.err));
  }

  void poolingAndSimilarityAsSentenceTransformersNamesThem() {
    // The reference's spelling last_token trains; a model that does not normalise is compared
    // by dot product, and says so to sentence-transformers.
    const auto run = cli(base("lasttoken") << "--max_steps"
                                           << "1"
                                           << "--sentence_pooling_method"
                                           << "last_token"
                                           << "--normalized"
                                           << "false");
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const auto pooling = nlohmann::json::parse(
        embedlab::test::readFile(folder_ / "lasttoken" / "1_Pooling" / "config.json"));
    QCOMPARE(pooling["pooling_mode_lasttoken"].get<bool>(), true);
    const auto config = nlohmann::json::parse(
        embedlab::test::readFile(folder_ / "lasttoken" / "config_sentence_transformers.json"));
    QCOMPARE(config["similarity_fn_name"].get<std::string>(), std::string("dot"));
    QVERIFY(!std::filesystem::exists(folder_ / "lasttoken" / "2_Normalize"));
  }

 private:
  embedlab::test::TempFolder temp_;
  std::filesystem::path folder_ = temp_.path();
};

QTEST_GUILESS_MAIN(TestCliTrainPaths)
#include "test_cli_train_paths.moc"
