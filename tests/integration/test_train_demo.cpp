// The whole point: fine-tuning a tiny random model on the demo workspace's training data lowers
// the loss and raises dev MRR@10 far above the untrained model's, for each architecture (BERT,
// MPNet, ModernBERT) for 2 epochs; and bf16 training and encoding stay within 0.01 of float32's
// MRR@10. Slow (about a minute each).
#include <QtTest/QtTest>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "core/data/eval_set.h"
#include "core/model/embedding_model.h"
#include "core/train/trainer.h"
#include "tests/support/files.h"
#include "tests/support/model_folders.h"

using namespace embedlab;

namespace {

const std::filesystem::path kDemo = EMBEDLAB_SOURCE_DIR "/resources/demo";

// The precision to encode in: float32, bf16 (--bf16) or int8 (--int8, even on CPUs where bf16 would
// run instead).
enum class Encoding { Float32, Bf16, Int8 };

// Mean reciprocal rank of the first relevant passage within the top 10, by exact dot products.
double devMrrAt10(const std::filesystem::path& modelFolder, Encoding encoding = Encoding::Float32) {
  const EvalSet dev = loadBeirEvalSet(kDemo / "dev", "test");
  const model::EmbeddingModel model = model::EmbeddingModel::load(modelFolder);
  std::vector<std::string> passages;
  for (const auto& document : dev.corpus)
    passages.push_back(document.text);
  std::vector<std::string> queries;
  for (const auto& query : dev.queries)
    queries.push_back(query.text);
  model::EncodeOptions options;
  options.maxLength = 64;
  options.batchSize = 64;
  options.bf16 = encoding == Encoding::Bf16;
  options.int8 = encoding == Encoding::Int8;
  const auto p = model.encode(passages, options);
  options.maxLength = 32;
  const auto q = model.encode(queries, options);
  const std::size_t d = model.dimension();
  double sum = 0;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    std::vector<std::pair<float, std::size_t>> scores;
    for (std::size_t j = 0; j < passages.size(); ++j) {
      float s = 0;
      for (std::size_t k = 0; k < d; ++k)
        s += q[i * d + k] * p[j * d + k];
      scores.emplace_back(-s, j);
    }
    std::partial_sort(scores.begin(), scores.begin() + 10, scores.end());
    const auto& relevant = dev.qrels.at(dev.queries[i].id);
    for (std::size_t rank = 0; rank < 10; ++rank) {
      const std::string& id = dev.corpus[scores[rank].second].id;
      if (std::any_of(relevant.begin(), relevant.end(),
                      [&](const Judgment& j) { return j.documentId == id; })) {
        sum += 1.0 / static_cast<double>(rank + 1);
        break;
      }
    }
  }
  return sum / static_cast<double>(queries.size());
}

model::RandomModelOptions demoSized(const std::string& architecture) {
  model::RandomModelOptions options;
  options.architecture = architecture;
  options.layers = 2;
  options.hidden = 64;
  options.heads = 2;
  options.intermediate = 256;
  options.seed = 1;
  return options;
}

// 2 epochs of the demo's training data, as the README's demo command trains.
train::TrainingOptions demoTraining(const std::filesystem::path& model,
                                    const std::filesystem::path& output) {
  train::TrainingOptions options;
  options.modelNameOrPath = model.string();
  options.trainData = {(kDemo / "train.jsonl").string()};
  options.outputDir = output.string();
  options.perDeviceTrainBatchSize = 32;
  options.trainGroupSize = 2;
  options.queryMaxLen = 32;
  options.passageMaxLen = 64;
  options.learningRate = 1e-3;
  options.warmupRatio = 0.1;
  options.numTrainEpochs = 2;
  options.temperature = 0.05;
  options.loggingSteps = 10;
  options.saveSteps = 0;
  return options;
}

}  // namespace

class TestTrainDemo : public QObject {
  Q_OBJECT

 private slots:
  void trainingImprovesRetrieval_data() {
    QTest::addColumn<QString>("architecture");
    QTest::addColumn<QString>("tokenizer");
    QTest::newRow("bert") << "bert"
                          << "bert-base-uncased";
    QTest::newRow("mpnet") << "mpnet"
                           << "mpnet-wordpiece";
    QTest::newRow("modernbert") << "modernbert"
                                << "bpe-prefix-space";
  }
  void trainingImprovesRetrieval() {
    QFETCH(QString, architecture);
    QFETCH(QString, tokenizer);
    test::TempFolder folder;
    model::EmbeddingModel::createRandom(demoSized(architecture.toStdString()),
                                        test::kTestData / tokenizer.toStdString())
        .save(folder / "untrained");
    const double before = devMrrAt10(folder / "untrained");

    const train::TrainingResult result =
        train::runTraining(demoTraining(folder / "untrained", folder / "trained"));
    QCOMPARE(result.status, train::TrainingStatus::Finished);

    std::ifstream metrics(folder / "trained" / "metrics.jsonl");
    std::vector<double> losses;
    for (std::string line; std::getline(metrics, line);)
      losses.push_back(nlohmann::json::parse(line)["loss"].get<double>());
    QVERIFY(losses.size() >= 5);
    const double after = devMrrAt10(folder / "trained");
    qInfo("loss %.3f -> %.3f over %zu steps; dev MRR@10 %.4f -> %.4f", losses.front(),
          losses.back(), static_cast<std::size_t>(result.steps), before, after);
    QVERIFY2(losses.back() < 0.7 * losses.front(), "the loss did not fall");
    const QString change = QString("MRR@10 %1 -> %2").arg(before).arg(after);
    QVERIFY2(after > before + 0.09, qPrintable(change));
    // A random post-norm encoder (BERT, MPNet) starts near chance; a random pre-norm ModernBERT
    // is already a bag of token embeddings (the residual stream carries them through), ~0.35.
    if (before < 0.2) QVERIFY2(after > before + 0.15 && after > 2 * before, qPrintable(change));
  }

  void bf16AndInt8StayWithinAHundredthOfFloat32() {
    // The same run in bf16 (autocast, float32 masters) reaches dev MRR@10 within 0.01 of the
    // float32 run's, and encoding the float32-trained model in bf16, or with int8 projections,
    // costs at most 0.01 too. On a CPU without native bf16, training emulates it and encoding
    // stays in float32; without oneDNN int8 kernels, --int8 encodes in float32.
    test::TempFolder folder;
    model::EmbeddingModel::createRandom(demoSized("bert"), test::kTestData / "bert-base-uncased")
        .save(folder / "untrained");
    train::TrainingOptions float32 = demoTraining(folder / "untrained", folder / "float32");
    QCOMPARE(train::runTraining(float32).status, train::TrainingStatus::Finished);
    train::TrainingOptions bf16 = demoTraining(folder / "untrained", folder / "bf16");
    bf16.bf16 = true;
    QCOMPARE(train::runTraining(bf16).status, train::TrainingStatus::Finished);
    const double trainedInFloat32 = devMrrAt10(folder / "float32");
    const double trainedInBf16 = devMrrAt10(folder / "bf16");
    const double encodedInBf16 = devMrrAt10(folder / "float32", Encoding::Bf16);
    const double encodedInInt8 = devMrrAt10(folder / "float32", Encoding::Int8);
    qInfo(
        "dev MRR@10: float32 %.4f, trained in bf16 %.4f, float32 model encoded in bf16 %.4f, "
        "in int8 %.4f",
        trainedInFloat32, trainedInBf16, encodedInBf16, encodedInInt8);
    QVERIFY(trainedInFloat32 > 0.3);  // it trained
    QVERIFY(std::abs(trainedInBf16 - trainedInFloat32) <= 0.01);
    QVERIFY(std::abs(encodedInBf16 - trainedInFloat32) <= 0.01);
    QVERIFY(std::abs(encodedInInt8 - trainedInFloat32) <= 0.01);
  }
};

QTEST_GUILESS_MAIN(TestTrainDemo)
#include "test_train_demo.moc"
