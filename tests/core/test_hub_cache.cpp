// Models named by hub id, found in a Hugging Face cache as its tools leave it (this test makes one:
// files in blobs/, symlinked from snapshots/<hash>/, refs naming the hashes; two revisions):
// resolved by id and by revision, by core and by the CLI's encode, eval, mine and train; a folder
// wins over an id; a model that is not cached says where it looked and how to get it.
#include <QtTest/QtTest>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/model/embedding_model.h"
#include "core/model/hub_cache.h"
#include "tests/support/cli.h"
#include "tests/support/errors.h"
#include "tests/support/files.h"
#include "tests/support/hub_cache.h"
#include "tests/support/model_folders.h"

using namespace embedlab;
using embedlab::test::path;

namespace {

const std::filesystem::path kDemo = EMBEDLAB_SOURCE_DIR "/resources/demo";

}  // namespace

class TestHubCache : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    test::makeTinyModel(folder_ / "first", model::Pooling::Mean, 1);
    test::makeTinyModel(folder_ / "second", model::Pooling::Mean, 2);
    test::cacheModel(folder_ / "hub", "org/tiny", folder_ / "first", "aaaa1111");
    test::cacheModel(folder_ / "hub", "org/tiny", folder_ / "second", "bbbb2222");
    test::writeRef(folder_ / "hub", "models--org--tiny", "main", "aaaa1111\n");
    test::writeRef(folder_ / "hub", "models--org--tiny", "v2", "bbbb2222");
    qputenv("HF_HUB_CACHE", QByteArray::fromStdString((folder_ / "hub").string()));
  }

  void idsAndRevisionsResolveToTheirSnapshots() {
    QVERIFY(model::isHubId("BAAI/bge-base-en-v1.5"));
    QVERIFY(!model::isHubId("runs/first/checkpoint-2"));
    QVERIFY(!model::isHubId("../x"));
    QVERIFY(!model::isHubId("/abs/path"));
    const auto hub = folder_ / "hub" / "models--org--tiny" / "snapshots";
    QCOMPARE(model::resolveModelFolder("org/tiny"), hub / "aaaa1111");
    QCOMPARE(model::resolveModelFolder("org/tiny", "v2"), hub / "bbbb2222");
    QCOMPARE(model::resolveModelFolder("org/tiny", "bbbb2222"), hub / "bbbb2222");  // a commit
    // A folder of that name wins; any other missing path is the caller's to report.
    QCOMPARE(model::resolveModelFolder((folder_ / "first").string()), folder_ / "first");
    QCOMPARE(model::resolveModelFolder("no/such/folder"), std::filesystem::path("no/such/folder"));
    // Where the cache is: HF_HUB_CACHE, else HF_HOME/hub.
    QCOMPARE(model::hubCacheDirectory(), folder_ / "hub");
    qunsetenv("HF_HUB_CACHE");
    qputenv("HF_HOME", "/somewhere");
    QCOMPARE(model::hubCacheDirectory(), std::filesystem::path("/somewhere/hub"));
    qunsetenv("HF_HOME");
    qputenv("HF_HUB_CACHE", QByteArray::fromStdString((folder_ / "hub").string()));
    const auto cached = model::listCachedModels();
    QCOMPARE(cached.size(), std::size_t{1});
    QCOMPARE(cached[0].id, std::string("org/tiny"));
  }

  void aMissingModelSaysWhereItLookedAndHowToGetIt() {
    const std::string message = test::errorOf([] { model::resolveModelFolder("org/missing"); });
    QVERIFY2(message.find((folder_ / "hub" / "models--org--missing" / "refs" / "main").string()) !=
                     std::string::npos &&
                 message.find("huggingface-cli download org/missing") != std::string::npos &&
                 message.find("never downloads") != std::string::npos,
             message.c_str());
    QVERIFY(test::errorOf([] {
              model::resolveModelFolder("org/tiny", "v9");
            }).find("revision \"v9\"") != std::string::npos);
  }

  void theModelLoadsAndEncodesByIdAsFromItsFolder() {
    const auto byId = model::EmbeddingModel::load("org/tiny");
    const auto byFolder = model::EmbeddingModel::load(folder_ / "first");
    const std::vector<std::string> texts{"a package manager", "a text editor"};
    QCOMPARE(byId.encode(texts), byFolder.encode(texts));
    QVERIFY(model::EmbeddingModel::load("org/tiny", {}).encode(texts) !=
            model::EmbeddingModel::load(folder_ / "second").encode(texts));
  }

  void theCliTakesIdsInEncodeEvalAndMine() {
    std::ofstream(folder_ / "texts.jsonl") << "{\"text\": \"a package manager\"}\n";
    auto run = test::cli({"--no-history", "encode", "--model", "org/tiny", "--input",
                          path(folder_ / "texts.jsonl"), "--output", path(folder_ / "e.npy")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = test::cli({"--no-history", "eval", "--model", "org/tiny", "--data", path(kDemo / "dev"),
                     "--max_len", "32", "--no_cache", "--progress", "none"});
    QVERIFY2(run.exitCode == 0 && run.out.contains("MRR@10"), qPrintable(run.err));
    run = test::cli({"--no-history", "mine", "--model_name_or_path", "org/tiny", "--input_file",
                     path(kDemo / "train.jsonl"), "--output_file", path(folder_ / "m.jsonl"),
                     "--range_for_sampling", "1-8", "--negative_number", "2", "--max_len", "32",
                     "--no_cache", "--progress", "none"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = test::cli(
        QStringList{"--no-history"} + trainArguments() +
        QStringList{"--model_name_or_path", "org/tiny", "--output_dir", path(folder_ / "run")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(std::filesystem::exists(folder_ / "run" / "model.safetensors"));
    QVERIFY(std::filesystem::exists(folder_ / "run" / "vocab.txt"));  // copied from the snapshot
    run = test::cli({"--no-history", "eval", "--model", "org/missing", "--data",
                     path(kDemo / "dev"), "--progress", "none"});
    QVERIFY(run.exitCode != 0);
    QVERIFY2(run.err.contains("huggingface-cli download org/missing"), qPrintable(run.err));
  }

  void everyJobReadsTheRevisionItIsGiven() {
    // org/tiny at v2 is the model of folder "second": each job gives what that folder gives.
    std::ofstream(folder_ / "texts.jsonl") << "{\"text\": \"a package manager\"}\n";
    const auto both = [&](const QStringList& byRevision, const QStringList& byFolder) {
      const auto first = test::cli(QStringList{"--no-history"} + byRevision);
      const auto second = test::cli(QStringList{"--no-history"} + byFolder);
      QVERIFY2(first.exitCode == 0, qPrintable(first.err));
      QVERIFY2(second.exitCode == 0, qPrintable(second.err));
    };
    both({"encode", "--model", "org/tiny", "--revision", "v2", "--input",
          path(folder_ / "texts.jsonl"), "--output", path(folder_ / "v2.npy")},
         {"encode", "--model", path(folder_ / "second"), "--input", path(folder_ / "texts.jsonl"),
          "--output", path(folder_ / "second.npy")});
    QCOMPARE(test::readFile(folder_ / "v2.npy"), test::readFile(folder_ / "second.npy"));
    QVERIFY(test::readFile(folder_ / "v2.npy") != test::readFile(folder_ / "e.npy"));  // main

    const QStringList eval = {"eval", "--data",     path(kDemo / "dev"), "--max_len",
                              "32",   "--no_cache", "--progress",        "none"};
    both(eval + QStringList{"--model", "org/tiny", "--revision", "v2", "--output",
                            path(folder_ / "v2.json")},
         eval + QStringList{"--model", path(folder_ / "second"), "--output",
                            path(folder_ / "second.json")});
    const auto metrics = [&](const std::string& file) {
      std::ifstream in(folder_ / file);
      return nlohmann::json::parse(in)["results"][0]["metrics"];
    };
    QCOMPARE(metrics("v2.json"), metrics("second.json"));

    const QStringList mine = {"mine",
                              "--input_file",
                              path(kDemo / "train.jsonl"),
                              "--range_for_sampling",
                              "1-8",
                              "--negative_number",
                              "2",
                              "--max_len",
                              "32",
                              "--no_cache",
                              "--progress",
                              "none"};
    both(mine + QStringList{"--model_name_or_path", "org/tiny", "--revision", "v2", "--output_file",
                            path(folder_ / "v2.jsonl")},
         mine + QStringList{"--model_name_or_path", path(folder_ / "second"), "--output_file",
                            path(folder_ / "second.jsonl")});
    QCOMPARE(test::readFile(folder_ / "v2.jsonl"), test::readFile(folder_ / "second.jsonl"));

    const QStringList train = trainArguments();
    both(train + QStringList{"--model_name_or_path", "org/tiny", "--revision", "v2", "--output_dir",
                             path(folder_ / "run-v2")},
         train + QStringList{"--model_name_or_path", path(folder_ / "second"), "--output_dir",
                             path(folder_ / "run-second")});
    QCOMPARE(test::readFile(folder_ / "run-v2" / "model.safetensors"),
             test::readFile(folder_ / "run-second" / "model.safetensors"));
    const auto wrong = test::cli(QStringList{"--no-history"} + train +
                                 QStringList{"--model_name_or_path", "org/tiny", "--revision", "v9",
                                             "--output_dir", path(folder_ / "run-v9")});
    QVERIFY(wrong.exitCode != 0);
    QVERIFY2(wrong.err.contains("revision \"v9\""), qPrintable(wrong.err));
  }

 private:
  /// A `train` on the demo data, without the model and the output folder.
  static QStringList trainArguments() {
    return {"train",
            "--train_data",
            path(kDemo / "train.jsonl"),
            "--max_steps",
            "1",
            "--per_device_train_batch_size",
            "4",
            "--train_group_size",
            "1",
            "--query_max_len",
            "16",
            "--passage_max_len",
            "32",
            "--save_steps",
            "0",
            "--progress",
            "none"};
  }

  test::TempFolder folder_;
};

QTEST_MAIN(TestHubCache)
#include "test_hub_cache.moc"
