// Model merging on tiny random models: weights (1, 0) reproduce the first model bit for bit,
// (0.5, 0.5) is the element-wise average computed here independently, float16 checkpoints stay
// float16, models that differ are refused with the first difference named (and nothing
// written), and the weights are checked. LM-Cocktail's weights from example losses are
// softmax(-loss/5).
#include <QtTest/QtTest>

#include <cmath>
#include <cstring>

#include "core/common/error.h"
#include "core/model/checkpoint.h"
#include "core/model/embedding_model.h"
#include "core/model/model_merge.h"
#include "core/model/safetensors.h"
#include "tests/support/files.h"
#include "tests/support/model_folders.h"

using namespace embedlab;
using namespace embedlab::model;

namespace {

const std::filesystem::path kDense = EMBEDLAB_SOURCE_DIR "/tests/data/pytorch-checkpoints/dense";

std::vector<float> floats(const SafetensorsFile& file, const TensorInfo& tensor) {
  std::vector<float> values(tensor.elementCount());
  std::memcpy(values.data(), file.data(tensor), values.size() * sizeof(float));
  return values;
}

QString errorOf(const std::function<void()>& call) {
  try {
    call();
  } catch (const std::exception& error) {
    return QString::fromUtf8(error.what());
  }
  return {};
}

}  // namespace

class TestModelMerge : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    test::makeTinyModel(folder_ / "a", Pooling::Mean, 1);
    test::makeTinyModel(folder_ / "b", Pooling::Mean, 2);
  }

  void weightsOneAndZeroReproduceTheFirstModelBitForBit() {
    const auto output = folder_ / "one-zero";
    const MergeResult result = mergeModels({folder_ / "a", folder_ / "b"}, {1.0, 0.0}, output);
    QVERIFY(result.averagedTensors > 0);
    const SafetensorsFile first(folder_ / "a" / "model.safetensors");
    const SafetensorsFile merged(output / "model.safetensors");
    QCOMPARE(merged.tensors().size(), first.tensors().size());
    for (const TensorInfo& tensor : first.tensors()) {
      const TensorInfo* copy = merged.find(tensor.name);
      QVERIFY2(copy != nullptr, tensor.name.c_str());
      QCOMPARE(copy->dtype, tensor.dtype);
      QCOMPARE(copy->shape, tensor.shape);
      QVERIFY2(std::memcmp(merged.data(*copy), first.data(tensor), tensor.end - tensor.begin) == 0,
               tensor.name.c_str());
    }
    // A normal model folder: it loads and embeds exactly as the first model.
    const std::vector<std::string> texts = {"merge two models", "weights of one architecture"};
    QCOMPARE(EmbeddingModel::load(output).encode(texts),
             EmbeddingModel::load(folder_ / "a").encode(texts));
    QVERIFY(std::filesystem::is_regular_file(output / "modules.json"));
    QVERIFY(std::filesystem::is_regular_file(output / "tokenizer.json"));
    const std::string lineage = test::readFile(output / "merge.json");
    QVERIFY(lineage.find("\"weights\"") != std::string::npos);
    QVERIFY(lineage.find((folder_ / "b").filename().string()) != std::string::npos);
  }

  void halfAndHalfIsTheElementWiseAverage() {
    const auto output = folder_ / "half";
    mergeModels({folder_ / "a", folder_ / "b"}, {0.5, 0.5}, output);
    const SafetensorsFile a(folder_ / "a" / "model.safetensors");
    const SafetensorsFile b(folder_ / "b" / "model.safetensors");
    const SafetensorsFile merged(output / "model.safetensors");
    std::size_t differentFromA = 0;
    for (const TensorInfo& tensor : a.tensors()) {
      QCOMPARE(tensor.dtype, DType::F32);
      const std::vector<float> x = floats(a, tensor);
      const std::vector<float> y = floats(b, *b.find(tensor.name));
      const std::vector<float> m = floats(merged, *merged.find(tensor.name));
      for (std::size_t i = 0; i < x.size(); ++i) {
        const auto expected =
            static_cast<float>(0.5 * static_cast<double>(x[i]) + 0.5 * static_cast<double>(y[i]));
        if (m[i] != expected) {
          QFAIL(qPrintable(QString("%1[%2]: %3, expected %4")
                               .arg(tensor.name.c_str())
                               .arg(i)
                               .arg(m[i])
                               .arg(expected)));
        }
        differentFromA += m[i] != x[i] ? 1 : 0;
      }
    }
    QVERIFY(differentFromA > 1000);  // the models really differ
  }

  void float16CheckpointsStayFloat16() {
    // A float16 copy of model a: tensors averaged in double, written back as float16.
    const auto half = folder_ / "a-f16";
    std::filesystem::create_directories(half);
    for (const auto& entry : std::filesystem::directory_iterator(folder_ / "a")) {
      if (entry.is_regular_file())
        std::filesystem::copy_file(entry.path(), half / entry.path().filename());
    }
    std::filesystem::copy(folder_ / "a" / "1_Pooling", half / "1_Pooling",
                          std::filesystem::copy_options::recursive);
    std::filesystem::remove(half / "model.safetensors");
    {
      const SafetensorsFile source(folder_ / "a" / "model.safetensors");
      std::vector<std::vector<std::uint16_t>> storage;
      std::vector<TensorData> tensors;
      for (const TensorInfo& tensor : source.tensors()) {
        const std::vector<float> values = floats(source, tensor);
        std::vector<std::uint16_t> halves(values.size());
        for (std::size_t i = 0; i < values.size(); ++i) {
          // float -> float16 for values well inside the normal range (init weights are small)
          const float v = values[i];
          std::uint32_t bits;
          std::memcpy(&bits, &v, 4);
          const std::uint32_t sign = (bits >> 16) & 0x8000u;
          const int exponent = static_cast<int>((bits >> 23) & 0xff) - 127 + 15;
          const std::uint32_t mantissa = (bits >> 13) & 0x3ffu;
          halves[i] = exponent <= 0
                          ? static_cast<std::uint16_t>(sign)
                          : static_cast<std::uint16_t>(
                                sign | (static_cast<std::uint32_t>(exponent) << 10) | mantissa);
        }
        storage.push_back(std::move(halves));
        TensorData data;
        data.name = tensor.name;
        data.dtype = DType::F16;
        data.shape = tensor.shape;
        data.bytes = std::string_view(reinterpret_cast<const char*>(storage.back().data()),
                                      storage.back().size() * 2);
        tensors.push_back(std::move(data));
      }
      writeSafetensors(half / "model.safetensors", std::move(tensors));
    }
    const auto output = folder_ / "f16-merged";
    mergeModels({half, folder_ / "b"}, {1.0, 0.0}, output);
    const SafetensorsFile source(half / "model.safetensors");
    const SafetensorsFile merged(output / "model.safetensors");
    for (const TensorInfo& tensor : source.tensors()) {
      const TensorInfo* copy = merged.find(tensor.name);
      QCOMPARE(copy->dtype, DType::F16);
      const auto* x = reinterpret_cast<const std::uint16_t*>(source.data(tensor));
      const auto* y = reinterpret_cast<const std::uint16_t*>(merged.data(*copy));
      for (std::uint64_t i = 0; i < tensor.elementCount(); ++i) {
        if (x[i] != y[i])
          QFAIL(qPrintable(QString("%1[%2]: %3 became %4")
                               .arg(tensor.name.c_str())
                               .arg(i)
                               .arg(x[i], 0, 16)
                               .arg(y[i], 0, 16)));
      }
    }
  }

  void refusesModelsThatDifferNamingTheDifference() {
    // Another architecture: hidden 48 instead of 32.
    RandomModelOptions wider;
    wider.layers = 2;
    wider.hidden = 48;
    wider.heads = 2;
    wider.intermediate = 64;
    EmbeddingModel::createRandom(wider, test::kTestData / "bert-base-uncased")
        .save(folder_ / "wider");
    QString problem =
        QString::fromStdString(mergeIncompatibility({folder_ / "a", folder_ / "wider"}));
    QVERIFY2(problem.contains("hidden_size is 32") && problem.contains("48"), qPrintable(problem));
    const auto refused = folder_ / "refused";
    const QString error = errorOf([&] {
      mergeModels({folder_ / "a", folder_ / "wider"}, {0.5, 0.5}, refused);
    });
    QVERIFY2(error.contains("hidden_size"), qPrintable(error));
    QVERIFY(!std::filesystem::exists(refused));

    // The same architecture with another vocabulary file.
    std::filesystem::copy(folder_ / "a", folder_ / "other-vocab",
                          std::filesystem::copy_options::recursive);
    test::writeFile(folder_ / "other-vocab" / "tokenizer.json",
                    test::readFile(folder_ / "a" / "tokenizer.json") + " ");
    problem =
        QString::fromStdString(mergeIncompatibility({folder_ / "a", folder_ / "other-vocab"}));
    QVERIFY2(problem.contains("tokenizer.json differs"), qPrintable(problem));

    QVERIFY(mergeIncompatibility({folder_ / "a", folder_ / "b"}).empty());

    // sentence-transformers Dense modules must match too.
    std::filesystem::copy(kDense, folder_ / "relu", std::filesystem::copy_options::recursive);
    test::writeFile(folder_ / "relu" / "2_Dense" / "config.json",
                    R"({"in_features": 16, "out_features": 8, "bias": true,
                        "activation_function": "torch.nn.modules.activation.ReLU"})");
    problem = QString::fromStdString(mergeIncompatibility({kDense, folder_ / "relu"}));
    QVERIFY2(problem.contains("the Dense module 2_Dense differs"), qPrintable(problem));
  }

  void denseModulesAreAveragedToo() {
    // A model merged with itself is itself, Dense layer included (before, 2_Dense was lost and
    // the merged folder did not load).
    const auto result = mergeModels({kDense, kDense}, {0.5, 0.5}, folder_ / "dense-merged");
    QCOMPARE(result.averagedTensors, std::size_t{21 + 2});  // encoder and Dense tensors
    const std::vector<std::string> texts = {"a dog ran", "hello world"};
    QCOMPARE(EmbeddingModel::load(folder_ / "dense-merged").encode(texts),
             EmbeddingModel::load(kDense).encode(texts));
  }

  void checksTheWeights() {
    QVERIFY(errorOf([] { checkMergeWeights({0.5}, 2, false); }).contains("1 weights for 2"));
    QVERIFY(errorOf([] { checkMergeWeights({-0.5, 1.5}, 2, false); }).contains("non-negative"));
    QVERIFY(errorOf([] {
              checkMergeWeights({0.7, 0.7}, 2, false);
            }).contains("--normalize-weights"));
    const std::vector<double> normalized = checkMergeWeights({3, 1}, 2, true);
    QCOMPARE(normalized, (std::vector<double>{0.75, 0.25}));
    // An output that already holds something is never overwritten.
    test::writeFile(folder_ / "taken" / "keep.txt", "mine");
    QVERIFY(errorOf([&] {
              mergeModels({folder_ / "a", folder_ / "b"}, {0.5, 0.5}, folder_ / "taken");
            }).contains("not empty"));
    QCOMPARE(test::readFile(folder_ / "taken" / "keep.txt"), std::string("mine"));
  }

  void weightsFromExampleLossesAreASoftmax() {
    const std::vector<double> weights = weightsFromLosses({1.0, 2.0, 1.0});
    const double e = std::exp(-1.0 / 5.0);
    QVERIFY(std::abs(weights[0] - 1.0 / (2 + e)) < 1e-12);
    QVERIFY(std::abs(weights[1] - e / (2 + e)) < 1e-12);
    QVERIFY(std::abs(weights[0] + weights[1] + weights[2] - 1.0) < 1e-12);

    // The example loss is the cross-entropy of q·[pos, negs] / 0.05 with the positive as target.
    TrainingExample example;
    example.query = "free software package manager";
    example.positives = {"apt: command-line package manager"};
    example.negatives = {"a font of Chinese characters", "an image viewer for GNOME"};
    ExampleLossOptions options;
    const double loss = exampleLoss(folder_ / "a", {example}, options);
    const EmbeddingModel model = EmbeddingModel::load(folder_ / "a");
    const std::vector<float> q = model.encode({example.query});
    const std::vector<float> p =
        model.encode({example.positives[0], example.negatives[0], example.negatives[1]});
    const std::size_t d = model.dimension();
    double logits[3];
    for (int i = 0; i < 3; ++i) {
      double dot = 0;
      for (std::size_t k = 0; k < d; ++k)
        dot += static_cast<double>(q[k]) * p[static_cast<std::size_t>(i) * d + k];
      logits[i] = dot / 0.05;
    }
    const double expected =
        std::log(std::exp(logits[0]) + std::exp(logits[1]) + std::exp(logits[2])) - logits[0];
    QVERIFY2(std::abs(loss - expected) < 1e-4,
             qPrintable(QString("%1 vs %2").arg(loss).arg(expected)));
    TrainingExample noNegatives = example;
    noNegatives.negatives.clear();
    QVERIFY(errorOf([&] {
              exampleLoss(folder_ / "a", {noNegatives}, options);
            }).contains("mine negatives first"));
  }

 private:
  test::TempFolder folder_;
};

QTEST_MAIN(TestModelMerge)
#include "test_model_merge.moc"
