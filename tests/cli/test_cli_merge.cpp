// embedlab-cli merge as a user runs it on models made by init-model: given weights, weights from
// example losses, a sweep evaluated on a target and a general set, refusals with the reason and
// the exit code, and the merge recorded in the history with its inputs.
#include <QtTest/QtTest>

#include <QRegularExpression>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/model/reranker_model.h"
#include "core/model/safetensors.h"
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

class TestCliMerge : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    for (const auto& [name, seed] : {std::pair{"a", 1}, std::pair{"b", 2}}) {
      const auto run = cli(embedlab::test::initTinyModelArguments(folder_ / name, seed));
      QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }
  }

  void mergesWithGivenWeightsAndRecordsTheLineage() {
    const auto db = folder_ / "history.sqlite";
    const auto run = cli({"--db", path(db), "merge", "--models", path(folder_ / "a"),
                          path(folder_ / "b"), "--weights", "0.25", "0.75", "--output",
                          path(folder_ / "merged"), "--progress", "json"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(run.out.contains("\"event\":\"done\""));
    // A normal model folder: encode works on it.
    embedlab::test::writeFile(folder_ / "texts.jsonl", "{\"text\":\"merged model\"}\n");
    const auto encode = cli({"encode", "--model", path(folder_ / "merged"), "--input",
                             path(folder_ / "texts.jsonl"), "--output", path(folder_ / "m.npy")});
    QVERIFY2(encode.exitCode == 0, qPrintable(encode.err));

    embedlab::store::History history(db);
    const auto runs = history.listRuns();
    QCOMPARE(runs.size(), std::size_t{1});
    QCOMPARE(runs[0].kind, std::string("merge"));
    QCOMPARE(runs[0].status, embedlab::store::RunStatus::Finished);
    QVERIFY(runs[0].outputPath.find("merged") != std::string::npos);
    QVERIFY(runs[0].parentModel.find("/a") != std::string::npos);
    // Typed options: the weights as numbers.
    QCOMPARE(runs[0].options["weights"], nlohmann::json({0.25, 0.75}));

    // merge --config: the same job from its typed options writes the same weights.
    const nlohmann::json config{
        {"models", {path(folder_ / "a").toStdString(), path(folder_ / "b").toStdString()}},
        {"weights", {0.25, 0.75}},
        {"output", path(folder_ / "merged-config").toStdString()}};
    embedlab::test::writeFile(folder_ / "merge.json", config.dump());
    const auto fromConfig = cli({"merge", "--config", path(folder_ / "merge.json"), "-q"});
    QVERIFY2(fromConfig.exitCode == 0, qPrintable(fromConfig.err));
    QCOMPARE(embedlab::test::readFile(folder_ / "merged-config" / "model.safetensors"),
             embedlab::test::readFile(folder_ / "merged" / "model.safetensors"));
  }

  void refusesBadWeightsAndDifferentModels() {
    auto run = cli({"merge", "--models", path(folder_ / "a"), path(folder_ / "b"), "--weights",
                    "0.6", "0.6", "--output", path(folder_ / "no")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("--normalize-weights"), qPrintable(run.err));
    QVERIFY(!std::filesystem::exists(folder_ / "no"));
    run = cli({"merge", "--models", path(folder_ / "a"), path(folder_ / "b"), "--weights", "0.6",
               "0.6", "--normalize-weights", "--output", path(folder_ / "normalized")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    QStringList wider = embedlab::test::initTinyModelArguments(folder_ / "wider", 3);
    wider[wider.indexOf("--hidden") + 1] = "48";
    QCOMPARE(cli(wider).exitCode, 0);
    run = cli({"merge", "--models", path(folder_ / "a"), path(folder_ / "wider"), "--weights",
               "0.5", "0.5", "--output", path(folder_ / "no")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("hidden_size is 32") && run.err.contains("48"), qPrintable(run.err));
    QVERIFY(!std::filesystem::exists(folder_ / "no"));
  }

  void choosesWeightsFromExamples() {
    std::ofstream examples(folder_ / "few.jsonl");
    examples << R"({"query":"package manager","pos":["apt installs packages"],)"
             << R"("neg":["a font","an image viewer"]})"
             << "\n"
             << R"({"query":"text editor","pos":["vim edits text"],"neg":["a game"]})"
             << "\n";
    examples.close();
    const auto run = cli({"merge", "--models", path(folder_ / "a"), path(folder_ / "b"),
                          "--weights-from-examples", path(folder_ / "few.jsonl"), "--example_count",
                          "2", "--output", path(folder_ / "cocktail")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.err.contains("loss") && run.err.contains("-> weight"), qPrintable(run.err));
    const auto lineage =
        nlohmann::json::parse(embedlab::test::readFile(folder_ / "cocktail" / "merge.json"));
    const auto weights = lineage.at("weights").get<std::vector<double>>();
    QCOMPARE(weights.size(), std::size_t{2});
    QVERIFY(std::abs(weights[0] + weights[1] - 1.0) < 1e-9);
    QVERIFY(weights[0] > 0 && weights[1] > 0);
    // Weights are given or chosen from examples, not both.
    QCOMPARE(cli({"merge", "--models", path(folder_ / "a"), path(folder_ / "b"), "--weights", "0.5",
                  "0.5", "--weights-from-examples", path(folder_ / "few.jsonl"), "--output",
                  path(folder_ / "both")})
                 .exitCode,
             2);
  }

  void sweepsTheWeightOnATargetAndAGeneralSet() {
    std::filesystem::copy(kDemo / "dev", folder_ / "general",
                          std::filesystem::copy_options::recursive);
    const auto run =
        cli({"merge", "--models", path(folder_ / "a"), path(folder_ / "b"), "--sweep", "0:1:0.5",
             "--eval-set", path(kDemo / "dev"), "--general-eval-set", path(folder_ / "general"),
             "--max_len", "64", "--query_max_len", "32", "--output", path(folder_ / "swept")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains("target nDCG@10") && run.out.contains("general nDCG@10"),
             qPrintable(run.out));
    const auto table =
        nlohmann::json::parse(embedlab::test::readFile(folder_ / "swept" / "merge_sweep.json"));
    QCOMPARE(table.at("points").size(), std::size_t{3});
    double best = -1, bestWeight = -1;
    for (const auto& point : table.at("points")) {
      QVERIFY(point.contains("general"));
      if (point.at("target").get<double>() > best) {
        best = point.at("target").get<double>();
        bestWeight = point.at("weight").get<double>();
      }
    }
    QCOMPARE(table.at("points")[1].at("weight").get<double>(), 0.5);
    QCOMPARE(table.at("chosen_weight").get<double>(), bestWeight);  // the best on the target set
    QVERIFY(!std::filesystem::exists(folder_ / ".swept.sweep"));    // scratch mixes removed
    QCOMPARE(cli({"merge", "--models", path(folder_ / "a"), path(folder_ / "b"), "--sweep",
                  "0:2:0.5", "--eval-set", path(kDemo / "dev"), "--output", path(folder_ / "x")})
                 .exitCode,
             2);
  }

  void rerankersAreScoredByTheirLogits() {
    // Two rerankers with the same encoder and opposite heads (the second 1000 times larger): scored
    // as bare encoders they would tie (weights 0.5 each); scored by their logits, the one whose
    // head ranks the positives first wins, and a sweep re-ranks a retriever's hits with each mix.
    QStringList arguments = embedlab::test::initTinyModelArguments(folder_ / "r1", 5);
    arguments << "--head"
              << "classifier";
    QVERIFY(cli(arguments).exitCode == 0);
    std::filesystem::copy(folder_ / "r1", folder_ / "r2", std::filesystem::copy_options::recursive);
    {
      const auto file = folder_ / "r2" / "model.safetensors";
      std::vector<float> head;
      std::vector<embedlab::model::TensorData> tensors;
      {
        const embedlab::model::SafetensorsFile original(file);
        std::vector<std::vector<std::byte>> bytes;
        for (const auto& info : original.tensors()) {
          const auto* data = original.data(info);
          bytes.emplace_back(data, data + info.elementCount() * 4);
          if (info.name == "classifier.weight") {
            auto* values = reinterpret_cast<float*>(bytes.back().data());
            for (std::uint64_t i = 0; i < info.elementCount(); ++i)
              values[i] *= -1000;
          }
        }
        std::size_t i = 0;
        for (const auto& info : original.tensors()) {
          tensors.push_back(
              {info.name, info.dtype, info.shape,
               std::string_view(reinterpret_cast<const char*>(bytes[i].data()), bytes[i].size())});
          ++i;
        }
        embedlab::model::writeSafetensors(folder_ / "r2.safetensors", tensors);
      }
      std::filesystem::rename(folder_ / "r2.safetensors", file);
    }
    embedlab::test::writeFile(
        folder_ / "rerank-few.jsonl",
        R"({"query":"package manager","pos":["apt installs packages","dpkg manages packages"],)"
        R"("neg":["a font","an image viewer"]})"
        "\n"
        R"({"query":"text editor","pos":["vim edits text"],"neg":["a game","a web browser"]})"
        "\n"
        R"({"query":"chess","pos":["a chess engine"],"neg":["a sound mixer"]})"
        "\n");
    const auto run = cli({"merge", "--models", path(folder_ / "r1"), path(folder_ / "r2"),
                          "--weights-from-examples", path(folder_ / "rerank-few.jsonl"),
                          "--max_len", "64", "--output", path(folder_ / "rerank-cocktail")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    // The reported losses are the cross-entropies of the rerankers' own logits: every positive
    // against the example's negatives, computed here from RerankerModel::score.
    const std::vector<std::pair<std::string, std::vector<std::vector<std::string>>>> groups = {
        {"package manager",
         {{"apt installs packages", "a font", "an image viewer"},
          {"dpkg manages packages", "a font", "an image viewer"}}},
        {"text editor", {{"vim edits text", "a game", "a web browser"}}},
        {"chess", {{"a chess engine", "a sound mixer"}}}};
    std::vector<double> expected;
    for (const char* name : {"r1", "r2"}) {
      const auto reranker = embedlab::model::RerankerModel::load(folder_ / name);
      double total = 0;
      for (const auto& [query, lists] : groups) {
        double perExample = 0;
        for (const auto& passages : lists) {
          std::vector<embedlab::model::TextPair> pairs;
          for (const std::string& passage : passages)
            pairs.emplace_back(query, passage);
          embedlab::model::RerankOptions options;
          options.passageMaxLength = 64;
          const std::vector<float> logits = reranker.score(pairs, options);
          double sum = 0;
          for (const float logit : logits)
            sum += std::exp(static_cast<double>(logit));
          perExample += -(logits[0] - std::log(sum));
        }
        total += perExample / static_cast<double>(lists.size());
      }
      expected.push_back(total / 3);
    }
    QVERIFY(std::abs(expected[0] - expected[1]) > 1e-3);  // the heads differ, so do the losses
    for (std::size_t i = 0; i < 2; ++i) {
      const QRegularExpression loss(QString("r%1: loss ([0-9.]+)").arg(i + 1));
      const auto match = loss.match(run.err);
      QVERIFY2(match.hasMatch(), qPrintable(run.err));
      QVERIFY2(std::abs(match.captured(1).toDouble() - expected[i]) < 1e-4,
               qPrintable(QString("%1 vs %2").arg(match.captured(1)).arg(expected[i])));
    }

    // A sweep over rerankers needs the first stage they re-rank.
    const QStringList sweep{"merge",     "--models", path(folder_ / "r1"), path(folder_ / "r2"),
                            "--sweep",   "0:1:0.5",  "--eval-set",         path(kDemo / "dev"),
                            "--max_len", "64",       "--rerank_top_k",     "10"};
    auto refused = cli(QStringList(sweep) << "--output" << path(folder_ / "no-retriever"));
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains("--retriever"), qPrintable(refused.err));
    const auto swept = cli(QStringList(sweep) << "--retriever" << path(folder_ / "a") << "--output"
                                              << path(folder_ / "rerank-swept"));
    QVERIFY2(swept.exitCode == 0, qPrintable(swept.err));
    const auto table = nlohmann::json::parse(
        embedlab::test::readFile(folder_ / "rerank-swept" / "merge_sweep.json"));
    QCOMPARE(table.at("points").size(), std::size_t{3});
    // Opposite heads re-rank the same hits differently.
    QVERIFY(table.at("points")[0].at("target").get<double>() !=
            table.at("points")[2].at("target").get<double>());
  }

 private:
  embedlab::test::TempFolder temp_;
  std::filesystem::path folder_ = temp_.path();
};

QTEST_GUILESS_MAIN(TestCliMerge)
#include "test_cli_merge.moc"
