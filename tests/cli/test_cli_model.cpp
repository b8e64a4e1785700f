// embedlab-cli init-model, encode and tokenize as a user runs them on a model made by init-model.
#include <QtTest/QtTest>

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/text/tokenizer.h"
#include "tests/support/cli.h"
#include "tests/support/files.h"
#include "tests/support/npy.h"
#include "tests/support/process.h"

using embedlab::test::cli;
using embedlab::test::path;

namespace {

const std::filesystem::path kData = EMBEDLAB_SOURCE_DIR "/tests/data";

}  // namespace

class TestCliModel : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    const auto run =
        cli({"init-model", "--arch", "bert", "--layers", "2", "--hidden", "32", "--heads", "2",
             "--intermediate", "64", "--tokenizer", path(kData / "bert-base-uncased"), "--seed",
             "5", "--output", path(folder_ / "tiny")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(std::filesystem::exists(folder_ / "tiny" / "model.safetensors"));
    QVERIFY(std::filesystem::exists(folder_ / "tiny" / "modules.json"));
    embedlab::test::writeFile(
        folder_ / "texts.jsonl",
        "{\"text\":\"first text\"}\n\n{\"text\":\"a much longer second text, with commas\"}\n"
        "{\"text\":\"third\",\"extra\":1}\n");
  }

  void encodeWritesNormalisedRowsInInputOrder() {
    const auto run =
        cli({"encode", "--model", path(folder_ / "tiny"), "--input", path(folder_ / "texts.jsonl"),
             "--output", path(folder_ / "out.npy"), "--batch-size", "2"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const auto array = embedlab::test::readNpy(folder_ / "out.npy");
    QVERIFY(array.header.find("'descr': '<f4'") != std::string::npos);
    QCOMPARE(array.rows, std::size_t{3});  // the blank line is skipped
    QCOMPARE(array.columns, std::size_t{32});
    for (std::size_t row = 0; row < 3; ++row) {
      double norm = 0;
      for (std::size_t k = 0; k < 32; ++k)
        norm += array.values[row * 32 + k] * array.values[row * 32 + k];
      QVERIFY(std::abs(std::sqrt(norm) - 1.0) < 1e-5);
    }
    // The same text alone gives the same row: order and batching do not matter.
    embedlab::test::writeFile(folder_ / "one.jsonl",
                              "{\"text\":\"a much longer second text, with commas\"}\n");
    QCOMPARE(cli({"encode", "--model", path(folder_ / "tiny"), "--input",
                  path(folder_ / "one.jsonl"), "--output", path(folder_ / "one.npy")})
                 .exitCode,
             0);
    const auto one = embedlab::test::readNpy(folder_ / "one.npy");
    for (std::size_t k = 0; k < 32; ++k)
      QVERIFY(std::abs(one.values[k] - array.values[32 + k]) < 1e-5);
  }

  void encodeOptionsChangeTheResult() {
    QCOMPARE(
        cli({"encode", "--model", path(folder_ / "tiny"), "--input", path(folder_ / "texts.jsonl"),
             "--output", path(folder_ / "raw.npy"), "--no-normalize", "--pooling", "cls"})
            .exitCode,
        0);
    const auto raw = embedlab::test::readNpy(folder_ / "raw.npy");
    double norm = 0;
    for (std::size_t k = 0; k < 32; ++k)
      norm += raw.values[k] * raw.values[k];
    QVERIFY(std::abs(std::sqrt(norm) - 1.0) > 1e-3);
    QCOMPARE(
        cli({"encode", "--model", path(folder_ / "tiny"), "--input", path(folder_ / "texts.jsonl"),
             "--output", path(folder_ / "x.npy"), "--normalize", "--no-normalize"})
            .exitCode,
        2);
  }

  void encodeErrorsNameFileAndLine() {
    embedlab::test::writeFile(folder_ / "bad.jsonl",
                              "{\"text\":\"ok\"}\n{\"body\":\"no text field\"}\n");
    const auto run = cli({"encode", "--model", path(folder_ / "tiny"), "--input",
                          path(folder_ / "bad.jsonl"), "--output", path(folder_ / "bad.npy")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("bad.jsonl:2: missing field \"text\""), qPrintable(run.err));
    QVERIFY(!std::filesystem::exists(folder_ / "bad.npy"));  // nothing half-written
    const auto noModel = cli({"encode", "--model", path(kData / "tokenizer-golden"), "--input",
                              path(folder_ / "texts.jsonl"), "--output", path(folder_ / "n.npy")});
    QCOMPARE(noModel.exitCode, 1);
    QVERIFY(noModel.err.contains("config.json"));
  }

  void tokenizeMatchesTheTokenizer() {
    embedlab::test::writeFile(
        folder_ / "pairs.jsonl",
        "{\"text\":\"Hello, World!\"}\n{\"text\":\"query\",\"text_pair\":\"a passage\"}\n");
    const auto run =
        cli({"tokenize", "--model", path(folder_ / "tiny"), "--input",
             path(folder_ / "pairs.jsonl"), "--output", path(folder_ / "tokens.jsonl")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const std::string output = embedlab::test::readFile(folder_ / "tokens.jsonl");
    const auto first = nlohmann::json::parse(output.substr(0, output.find('\n')));
    const auto tokenizer = embedlab::text::Tokenizer::load(kData / "bert-base-uncased");
    QCOMPARE(first["ids"].get<std::vector<std::int64_t>>(), tokenizer.encode("Hello, World!").ids);
    QCOMPARE(first["text"].get<std::string>(), std::string("Hello, World!"));
    QVERIFY(output.find("\"type_ids\":[0,0,0,1,1,1]") != std::string::npos);
    QCOMPARE(cli({"tokenize", "--model", path(folder_ / "tiny"), "--input",
                  path(folder_ / "pairs.jsonl"), "--output", path(folder_ / "short.jsonl"),
                  "--max-len", "4"})
                 .exitCode,
             0);
    QVERIFY(embedlab::test::readFile(folder_ / "short.jsonl").find("\"ids\":[101,7592,1010,102]") !=
            std::string::npos);
  }

  // A RoBERTa-style model with a byte-level BPE tokenizer, end to end: made, tokenized as
  // Hugging Face does (the golden line of this text), encoded.
  void byteLevelBpeModelEndToEnd() {
    QVERIFY(cli({"init-model", "--arch", "xlm-roberta", "--layers", "1", "--hidden", "32",
                 "--heads", "2", "--intermediate", "64", "--tokenizer", path(kData / "roberta-bpe"),
                 "-q", "--output", path(folder_ / "bpe")})
                .exitCode == 0);
    embedlab::test::writeFile(folder_ / "bpe.jsonl", "{\"text\":\"The <mask> sat on the mat.\"}\n");
    auto run = cli({"tokenize", "--model", path(folder_ / "bpe"), "--input",
                    path(folder_ / "bpe.jsonl"), "--output", path(folder_ / "bpe-tokens.jsonl")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const auto line = nlohmann::json::parse(embedlab::test::readFile(folder_ / "bpe-tokens.jsonl"));
    QCOMPARE(line["tokens"].get<std::vector<std::string>>(),
             (std::vector<std::string>{"<s>", "The", " <mask>", "Ġsat", "Ġon", "Ġthe", "Ġmat", ".",
                                       "</s>"}));
    QCOMPARE(line["offsets"][2].get<std::vector<int>>(), (std::vector<int>{4, 10}));
    run = cli({"encode", "--model", path(folder_ / "bpe"), "--input", path(folder_ / "bpe.jsonl"),
               "--output", path(folder_ / "bpe.npy")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
  }

  // MPNet and ModernBERT made by init-model: the config transformers reads, encoded, and as
  // rerankers with their own classification heads.
  void mpnetAndModernBertEndToEnd_data() {
    QTest::addColumn<QString>("architecture");
    QTest::addColumn<QString>("tokenizer");
    QTest::addColumn<QString>("head");
    QTest::newRow("mpnet") << "mpnet"
                           << "mpnet-wordpiece"
                           << "classifier.out_proj.weight";
    QTest::newRow("modernbert") << "modernbert"
                                << "bpe-prefix-space"
                                << "head.norm.weight";
  }
  void mpnetAndModernBertEndToEnd() {
    QFETCH(QString, architecture);
    QFETCH(QString, tokenizer);
    QFETCH(QString, head);
    const auto model = folder_ / architecture.toStdString();
    auto run = cli({"init-model", "--arch", architecture, "--layers", "2", "--hidden", "32",
                    "--heads", "2", "--intermediate", "48", "--tokenizer",
                    path(kData / tokenizer.toStdString()), "-q", "--output", path(model)});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const auto config = nlohmann::json::parse(embedlab::test::readFile(model / "config.json"));
    QCOMPARE(config["model_type"].get<std::string>(), architecture.toStdString());
    embedlab::test::writeFile(folder_ / "texts.jsonl",
                              "{\"text\":\"a package manager\"}\n{\"text\":\"x\"}\n");
    run = cli({"encode", "--model", path(model), "--input", path(folder_ / "texts.jsonl"),
               "--output", path(folder_ / (architecture.toStdString() + ".npy"))});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const auto reranker = folder_ / (architecture.toStdString() + "-reranker");
    run = cli({"init-model", "--arch", architecture, "--layers", "1", "--hidden", "32", "--heads",
               "2", "--intermediate", "48", "--head", "classifier", "--tokenizer",
               path(kData / tokenizer.toStdString()), "-q", "--output", path(reranker)});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(embedlab::test::readFile(reranker / "model.safetensors").find(head.toStdString()) !=
            std::string::npos);
  }

  void mpnetNeedsAnMpnetTokenizer() {
    const auto run = cli({"init-model", "--arch", "mpnet", "--tokenizer",
                          path(kData / "bert-base-uncased"), "--output", path(folder_ / "bad")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("padding id 1"), qPrintable(run.err));
    QVERIFY(!std::filesystem::exists(folder_ / "bad"));
  }

  void initModelRefusesToOverwrite() {
    const auto run = cli({"init-model", "--tokenizer", path(kData / "bert-base-uncased"),
                          "--output", path(folder_ / "tiny")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains("--overwrite"));
    QCOMPARE(cli({"init-model", "--hidden", "30", "--heads", "4", "--tokenizer",
                  path(kData / "bert-base-uncased"), "--output", path(folder_ / "odd")})
                 .exitCode,
             2);
  }

 private:
  embedlab::test::TempFolder temp_;
  std::filesystem::path folder_ = temp_.path();
};

QTEST_GUILESS_MAIN(TestCliModel)
#include "test_cli_model.moc"
