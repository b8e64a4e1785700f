// core/model EmbeddingModel: save -> load -> save is bit-exact (also for fp16 checkpoints), the
// sentence-transformers metadata round-trips, bad folders give errors that name the problem, and
// a text's embedding does not depend on what it is batched with, and CLS pooling's first-token-only
// last layer gives what the full layer gives.
#include <torch/torch.h>
#include <QtTest/QtTest>

#include <regex>

#include "core/common/error.h"
#include "core/model/checkpoint.h"
#include "core/model/safetensors.h"
#include "core/model/torch/embedding_model_impl.h"
#include "core/model/torch/int8_linear.h"
#include "core/model/torch/linear.h"
#include "core/runtime/cpu_features.h"
#include "tests/support/errors.h"
#include "tests/support/files.h"
#include "tests/support/model_folders.h"

using namespace embedlab;
using namespace embedlab::model;

namespace {

// Rewrites a folder's model.safetensors through `edit` (name -> tensor bytes, dtype, shape).
void rewriteCheckpoint(
    const std::filesystem::path& folder,
    const std::function<void(std::vector<TensorData>&, std::vector<std::string>&)>& edit) {
  std::vector<std::string> storage;
  std::vector<TensorData> tensors;
  {
    const SafetensorsFile file(folder / "model.safetensors");
    storage.reserve(file.tensors().size() + 8);
    for (const TensorInfo& info : file.tensors()) {
      storage.emplace_back(reinterpret_cast<const char*>(file.data(info)), info.end - info.begin);
      tensors.push_back({info.name, info.dtype, info.shape, storage.back()});
    }
    edit(tensors, storage);
  }
  writeSafetensors(folder / "model.safetensors", std::move(tensors));
}

const std::vector<std::string> kTexts = {
    "short",
    "a somewhat longer text about Debian packages and their descriptions",
    "multimedia framework from KDE using Qt 5",
    "x",
    "the same text twice",
    "the same text twice",
    "émigré café naïve",
    "numbers 12345 and symbols $%&"};

// The smallest dot product of matching rows of two normalised [rows x d] embedding matrices.
double worstRowCosine(const std::vector<float>& a, const std::vector<float>& b, std::size_t d) {
  double worst = 1;
  for (std::size_t row = 0; row * d < a.size(); ++row) {
    double dot = 0;
    for (std::size_t k = 0; k < d; ++k)
      dot += static_cast<double>(a[row * d + k]) * b[row * d + k];
    worst = std::min(worst, dot);
  }
  return worst;
}

// A random 2-layer, 32-wide model of `architecture` with `tokenizer`'s files (in tests/data).
EmbeddingModel smallRandomModel(const QString& architecture, const std::string& tokenizer,
                                Pooling pooling, std::uint64_t seed) {
  RandomModelOptions options;
  options.architecture = architecture.toStdString();
  options.layers = 2;
  options.hidden = 32;
  options.heads = 4;
  options.intermediate = 64;
  options.seed = seed;
  options.pooling = pooling;
  return EmbeddingModel::createRandom(options, test::kTestData / tokenizer);
}

}  // namespace

class TestEmbeddingModel : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void saveLoadSaveIsBitExact() {
    test::TempFolder folder;
    test::makeTinyModel(folder / "a");
    const EmbeddingModel loaded = EmbeddingModel::load(folder / "a");
    loaded.save(folder / "b");
    QCOMPARE(test::readFile(folder / "a" / "model.safetensors"),
             test::readFile(folder / "b" / "model.safetensors"));
    QCOMPARE(test::readFile(folder / "a" / "config.json"),
             test::readFile(folder / "b" / "config.json"));
    QCOMPARE(test::readFile(folder / "a" / "tokenizer.json"),
             test::readFile(folder / "b" / "tokenizer.json"));
    const auto first = EmbeddingModel::load(folder / "a").encode(kTexts);
    const auto second = EmbeddingModel::load(folder / "b").encode(kTexts);
    QVERIFY(first == second);
  }

  void halfPrecisionCheckpointsKeepTheirDtype() {
    test::TempFolder folder;
    test::makeTinyModel(folder / "a");
    std::vector<torch::Tensor> halves;
    rewriteCheckpoint(folder / "a",
                      [&](std::vector<TensorData>& tensors, std::vector<std::string>& storage) {
                        for (TensorData& tensor : tensors) {
                          const torch::Tensor f32 = torch::from_blob(
                              const_cast<char*>(tensor.bytes.data()), tensor.shape, torch::kFloat);
                          halves.push_back(f32.to(torch::kHalf).contiguous());
                          storage.emplace_back(static_cast<const char*>(halves.back().data_ptr()),
                                               halves.back().nbytes());
                          tensor.dtype = DType::F16;
                          tensor.bytes = storage.back();
                        }
                      });
    EmbeddingModel::load(folder / "a").save(folder / "b");
    QCOMPARE(test::readFile(folder / "a" / "model.safetensors"),
             test::readFile(folder / "b" / "model.safetensors"));
  }

  void sentenceTransformersMetadataRoundTrips() {
    test::TempFolder folder;
    auto model = test::makeTinyModel(folder / "a", Pooling::Cls);
    model.setPrompts({{"query", "query: "}, {"passage", "passage: "}});
    model.save(folder / "a");
    const EmbeddingModel loaded = EmbeddingModel::load(folder / "a");
    QCOMPARE(loaded.pooling(), Pooling::Cls);
    QVERIFY(loaded.normalizes());
    QCOMPARE(loaded.prompts().at("query"), std::string("query: "));
    QCOMPARE(loaded.maxSequenceLength(), std::size_t{512});
    QVERIFY(test::readFile(folder / "a" / "1_Pooling" / "config.json")
                .find("\"pooling_mode_cls_token\": true") != std::string::npos);
    QVERIFY(test::readFile(folder / "a" / "modules.json")
                .find("sentence_transformers.models.Normalize") != std::string::npos);
    LoadOptions overrides;
    overrides.pooling = Pooling::Mean;
    overrides.normalize = false;
    const EmbeddingModel overridden = EmbeddingModel::load(folder / "a", overrides);
    QCOMPARE(overridden.pooling(), Pooling::Mean);
    QVERIFY(!overridden.normalizes());
  }

  void batchInvariance_data() {
    QTest::addColumn<QString>("architecture");
    QTest::addColumn<QString>("pooling");
    QTest::newRow("bert mean") << "bert"
                               << "mean";
    QTest::newRow("bert cls") << "bert"
                              << "cls";
    QTest::newRow("bert lasttoken") << "bert"
                                    << "lasttoken";
    QTest::newRow("xlm-roberta mean") << "xlm-roberta"
                                      << "mean";
  }
  void batchInvariance() {
    QFETCH(QString, architecture);
    QFETCH(QString, pooling);
    const EmbeddingModel model = smallRandomModel(
        architecture, architecture == "bert" ? "bert-base-uncased" : "xlmr-unigram",
        *parsePooling(pooling.toStdString()), 3);
    EncodeOptions batched;
    batched.batchSize = 64;  // everything in one padded batch
    const auto together = model.encode(kTexts, batched);
    const std::size_t d = model.dimension();
    for (std::size_t i = 0; i < kTexts.size(); ++i) {
      const auto alone = model.encode({kTexts[i]});
      for (std::size_t k = 0; k < d; ++k) {
        QVERIFY2(std::abs(alone[k] - together[i * d + k]) < 1e-5,
                 qPrintable(QString("text %1, component %2: %3 vs %4")
                                .arg(i)
                                .arg(k)
                                .arg(alone[k])
                                .arg(together[i * d + k])));
      }
    }
    // Rows come back in input order whatever the batch size.
    EncodeOptions small;
    small.batchSize = 3;
    const auto again = model.encode(kTexts, small);
    for (std::size_t k = 0; k < together.size(); ++k)
      QVERIFY(std::abs(again[k] - together[k]) < 1e-5);
    // Every text went through the network once per encode(), and a copy shares the count.
    const EmbeddingModel copy = model;
    QCOMPARE(copy.textsEncoded(), std::uint64_t{3 * kTexts.size()});
  }

  // CLS pooling reads the first token alone, so the last layer computes only that row
  // (EncoderModuleImpl::forward's firstTokenOnly). Its output and, in training, every gradient
  // must be what the full last layer gives for that row, for each architecture, with gradient
  // checkpointing too, and in the bf16 and int8 inference copies.
  void firstTokenOnlyMatchesTheFullLastLayer_data() {
    QTest::addColumn<QString>("architecture");
    QTest::addColumn<QString>("tokenizer");
    QTest::newRow("bert") << "bert"
                          << "bert-base-uncased";
    QTest::newRow("xlm-roberta") << "xlm-roberta"
                                 << "xlmr-unigram";
    QTest::newRow("mpnet") << "mpnet"
                           << "mpnet-wordpiece";
    QTest::newRow("modernbert") << "modernbert"
                                << "modernbert-bpe";
  }
  void firstTokenOnlyMatchesTheFullLastLayer() {
    QFETCH(QString, architecture);
    QFETCH(QString, tokenizer);
    const EmbeddingModel model =
        smallRandomModel(architecture, tokenizer.toStdString(), Pooling::Cls, 5);
    EncoderModuleImpl& encoder = *model.impl().network->encoder;
    torch::manual_seed(1);
    const torch::Tensor ids = torch::randint(5, 200, {3, 11}, torch::kLong);
    torch::Tensor mask = torch::ones({3, 11}, torch::kLong);
    mask[1].narrow(0, 7, 4).zero_();  // padding in one row
    mask[2].narrow(0, 10, 1).zero_();
    {
      torch::NoGradGuard noGrad;
      encoder.eval();
      const torch::Tensor full = encoder.forward(ids, mask);
      const torch::Tensor first = encoder.forward(ids, mask, {}, true);
      QCOMPARE(first.sizes(), (std::vector<std::int64_t>{3, 1, 32}));
      QVERIFY2(torch::allclose(first.select(1, 0), full.select(1, 0), 1e-5, 1e-6),
               qPrintable(QString::number(
                   (first.select(1, 0) - full.select(1, 0)).abs().max().item<double>())));
    }
    // Training without dropout (the last layer's masks cover fewer rows): the same gradients.
    for (const auto& child : encoder.modules()) {
      if (auto* dropout = dynamic_cast<DropoutImpl*>(child.get())) dropout->setProbability(0);
    }
    encoder.train();
    const torch::Tensor direction = torch::randn({3, 32});
    const auto gradients = [&](bool firstTokenOnly, bool checkpointing) {
      encoder.setGradientCheckpointing(checkpointing);
      encoder.zero_grad();
      const torch::Tensor out = encoder.forward(ids, mask, {}, firstTokenOnly).select(1, 0);
      (out * direction).sum().backward();
      std::vector<torch::Tensor> all;
      for (const torch::Tensor& parameter : encoder.parameters())
        all.push_back(parameter.grad().defined() ? parameter.grad().clone()
                                                 : torch::zeros_like(parameter));
      return all;
    };
    const std::vector<torch::Tensor> fullGradients = gradients(false, false);
    for (const bool checkpointing : {false, true}) {
      const std::vector<torch::Tensor> first = gradients(true, checkpointing);
      QCOMPARE(first.size(), fullGradients.size());
      for (std::size_t i = 0; i < first.size(); ++i) {
        QVERIFY2(torch::allclose(first[i], fullGradients[i], 1e-4, 1e-6),
                 qPrintable(QString("parameter %1, checkpointing %2: %3")
                                .arg(i)
                                .arg(checkpointing)
                                .arg((first[i] - fullGradients[i]).abs().max().item<double>())));
      }
    }
    encoder.setGradientCheckpointing(false);
    encoder.eval();
    // The inference copies pool the first token through the same path (embedWith).
    torch::NoGradGuard noGrad;
    const torch::Tensor reference = model.impl().embed(ids, mask, {});
    for (const CpuPrecision precision : {CpuPrecision::Bf16, CpuPrecision::Int8}) {
      if (precision == CpuPrecision::Int8 && !Int8Linear::available()) continue;
      EmbedderNetwork& copy = model.impl().cpuInferenceCopy(precision);
      const torch::Tensor full = copy->encoder->forward(ids, mask).select(1, 0).to(torch::kFloat);
      const torch::Tensor first =
          copy->encoder->forward(ids, mask, {}, true).select(1, 0).to(torch::kFloat);
      const double cosine = torch::cosine_similarity(first, full, 1).min().item<double>();
      QVERIFY2(cosine > 0.999, qPrintable(QString::number(cosine)));
      const torch::Tensor pooled = model.impl().embedWith(copy, ids, mask, {});
      QVERIFY(torch::cosine_similarity(pooled, reference, 1).min().item<double>() > 0.99);
    }
  }

  void badFoldersNameTheProblem() {
    test::TempFolder folder;
    test::makeTinyModel(folder / "good");
    const auto copy = [&](const std::string& name) {
      std::filesystem::copy(folder / "good", folder / name,
                            std::filesystem::copy_options::recursive);
      return folder / name;
    };
    QVERIFY(test::errorOf([&] {
              EmbeddingModel::load(folder / "missing");
            }).find("is not a folder") != std::string::npos);

    const auto noConfig = copy("no-config");
    std::filesystem::remove(noConfig / "config.json");
    QVERIFY(test::errorOf([&] { EmbeddingModel::load(noConfig); }).find("config.json") !=
            std::string::npos);

    const auto gpt = copy("gpt");
    test::writeFile(gpt / "config.json", R"({"model_type": "gpt2", "vocab_size": 10})");
    QVERIFY(test::errorOf([&] {
              EmbeddingModel::load(gpt);
            }).find("model_type \"gpt2\" is not supported") != std::string::npos);

    const auto pickle = copy("pickle");
    std::filesystem::remove(pickle / "model.safetensors");
    test::writeFile(pickle / "pytorch_model.bin", "PK\x03\x04 not really");
    QVERIFY(test::errorOf([&] {
              EmbeddingModel::load(pickle);
            }).find("is not a readable PyTorch checkpoint") != std::string::npos);

    const auto truncated = copy("truncated");
    const std::string bytes = test::readFile(truncated / "model.safetensors");
    test::writeFile(truncated / "model.safetensors", bytes.substr(0, bytes.size() / 2));
    QVERIFY(test::errorOf([&] { EmbeddingModel::load(truncated); }).find("truncated") !=
            std::string::npos);

    const auto missing = copy("missing-tensor");
    rewriteCheckpoint(missing, [](std::vector<TensorData>& tensors, std::vector<std::string>&) {
      tensors.erase(std::remove_if(tensors.begin(), tensors.end(),
                                   [](const TensorData& t) {
                                     return t.name == "encoder.layer.1.output.dense.weight";
                                   }),
                    tensors.end());
    });
    const std::string missingError = test::errorOf([&] { EmbeddingModel::load(missing); });
    QVERIFY2(missingError.find("missing tensors (1): encoder.layer.1.output.dense.weight") !=
                 std::string::npos,
             missingError.c_str());

    const auto misshaped = copy("misshaped");
    test::writeFile(
        misshaped / "config.json",
        std::regex_replace(test::readFile(misshaped / "config.json"),
                           std::regex("\"intermediate_size\": 64"), "\"intermediate_size\": 96"));
    const std::string shapeError = test::errorOf([&] { EmbeddingModel::load(misshaped); });
    QVERIFY2(shapeError.find("encoder.layer.0.intermediate.dense.weight is [64, 32] in the "
                             "checkpoint, config.json implies [96, 32]") != std::string::npos,
             shapeError.c_str());

    const auto unexpected = copy("unexpected");
    std::string extra(4 * 32, '\0');
    rewriteCheckpoint(unexpected, [&](std::vector<TensorData>& tensors, std::vector<std::string>&) {
      tensors.push_back({"encoder.layer.2.output.dense.bias", DType::F32, {32}, extra});
      tensors.push_back({"cls.predictions.bias", DType::F32, {32}, extra});  // a head: ignored
    });
    const std::string unexpectedError = test::errorOf([&] { EmbeddingModel::load(unexpected); });
    QVERIFY2(unexpectedError.find("unexpected tensors (1): encoder.layer.2.output.dense.bias") !=
                 std::string::npos,
             unexpectedError.c_str());
  }

  void checkpointsWithHeadsAndPrefixesLoad() {
    test::TempFolder folder;
    test::makeTinyModel(folder / "plain");
    std::filesystem::copy(folder / "plain", folder / "prefixed",
                          std::filesystem::copy_options::recursive);
    std::string head(4 * 30522, '\0');
    rewriteCheckpoint(folder / "prefixed",
                      [&](std::vector<TensorData>& tensors, std::vector<std::string>&) {
                        for (TensorData& tensor : tensors)
                          tensor.name = "bert." + tensor.name;
                        tensors.push_back({"cls.predictions.bias", DType::F32, {30522}, head});
                      });
    const EmbeddingModel prefixed = EmbeddingModel::load(folder / "prefixed");
    QCOMPARE(prefixed.ignoredTensors(), std::vector<std::string>{"cls.predictions.bias"});
    QVERIFY(prefixed.encode(kTexts) == EmbeddingModel::load(folder / "plain").encode(kTexts));
  }

  void batchesSplitAcrossDevicesGiveTheSameRows() {
    // Two replicas (on the CPU here; on GPUs with --device cuda) share the batches.
    test::TempFolder folder;
    test::makeTinyModel(folder / "m");
    LoadOptions two;
    two.device = "cpu,cpu";
    EncodeOptions small;
    small.batchSize = 2;
    const auto split = EmbeddingModel::load(folder / "m", two).encode(kTexts, small);
    const auto single = EmbeddingModel::load(folder / "m").encode(kTexts, small);
    for (std::size_t k = 0; k < single.size(); ++k)
      QVERIFY(std::abs(split[k] - single[k]) < 1e-6);
  }

  void bf16EncodingStaysNearFloat32AndFollowsTraining() {
    // --bf16 on a CPU with native bf16 encodes with a bf16 copy of the encoder; elsewhere it
    // stays in float32 (runtime/cpu_features.h).
    test::TempFolder folder;
    test::makeTinyModel(folder / "m", Pooling::Mean);
    const EmbeddingModel model = EmbeddingModel::load(folder / "m");
    EncodeOptions bf16;
    bf16.bf16 = true;
    const auto full = model.encode(kTexts);
    const auto half = model.encode(kTexts, bf16);
    const std::size_t d = model.dimension();
    const auto worstCosine = [&](const std::vector<float>& a, const std::vector<float>& b) {
      return worstRowCosine(a, b, d);
    };
    QVERIFY2(worstCosine(full, half) > 0.999, qPrintable(QString::number(worstCosine(full, half))));
    QCOMPARE(half != full, detectCpuFeatures().nativeBf16());

    // A changed weight (as a training step changes it) reaches the bf16 copy.
    {
      torch::NoGradGuard noGrad;
      model.impl().module->named_parameters()["embeddings.word_embeddings.weight"].mul_(-1);
    }
    const auto changedFull = model.encode(kTexts);
    QVERIFY(worstCosine(changedFull, model.encode(kTexts, bf16)) > 0.999);
  }

  void int8RowsRoundToTheNearestStepOfTheirOwnScale() {
    // Each row its own scale (max |x| / 127), ties to even, a zero row scale 1; 37 columns take
    // the vectorised loop and its tail.
    torch::Tensor q;
    torch::Tensor scales;
    quantizeRows(
        torch::tensor(
            {{1.0f, -0.5f, 0.25f, 0.0f}, {0.0f, 0.0f, 0.0f, 0.0f}, {-254.0f, 127.0f, 1.0f, 0.9f}}),
        q, scales);
    QVERIFY(torch::equal(
        q, torch::tensor({{127, -64, 32, 0}, {0, 0, 0, 0}, {-127, 64, 0, 0}}, torch::kChar)));
    QVERIFY(torch::allclose(scales, torch::tensor({1.0f / 127, 1.0f, 2.0f})));

    torch::manual_seed(3);
    const torch::Tensor x = torch::randn({70, 37}) * torch::rand({70, 1}) * 10;
    quantizeRows(x, q, scales);
    const torch::Tensor expected =
        (x * (1.0f / (x.abs().amax(1, true) / 127.0f))).round().to(torch::kChar);
    QVERIFY(torch::equal(q, expected));
  }

  void int8LinearLayersStayNearFloat32() {
    std::string whyNot;
    if (!Int8Linear::available(&whyNot)) QSKIP(whyNot.c_str());
    torch::manual_seed(5);
    Linear layer(37, 48);
    const torch::Tensor x = torch::randn({70, 37});
    const torch::Tensor exact = layer(x).detach();
    layer->quantizeToInt8();
    const torch::Tensor approximate = layer(x.view({7, 10, 37}));  // rows of any leading shape
    QCOMPARE(approximate.sizes().vec(), (std::vector<std::int64_t>{7, 10, 48}));
    const double error =
        ((approximate.view({70, 48}) - exact).norm() / exact.norm()).item<double>();
    qInfo("int8 layer: relative error %.4f", error);
    QVERIFY2(error < 0.02, qPrintable(QString::number(error)));
    QVERIFY(error > 0);  // it did go through int8
  }

  void int8EncodingStaysNearFloat32AndRunsWhereOneDnnHasInt8() {
    test::TempFolder folder;
    test::makeTinyModel(folder / "m", Pooling::Mean);
    const EmbeddingModel model = EmbeddingModel::load(folder / "m");
    const std::size_t d = model.dimension();
    const auto worstCosine = [&](const std::vector<float>& a, const std::vector<float>& b) {
      return worstRowCosine(a, b, d);
    };
    EncodeOptions int8;
    int8.int8 = true;
    EncodeOptions bf16;
    bf16.bf16 = true;
    const auto full = model.encode(kTexts);
    const auto quantized = model.encode(kTexts, int8);
    const bool available = Int8Linear::available();
    if (available) QVERIFY(quantized != full);
    qInfo("int8 against float32: worst cosine %.5f", worstCosine(full, quantized));
    QVERIFY2(worstCosine(full, quantized) > 0.999,
             qPrintable(QString::number(worstCosine(full, quantized))));
    // --int8 runs int8 where oneDNN has int8 kernels (the fastest path wherever measured), else
    // bf16 where the CPU has native bf16, else float32.
    const bool nativeBf16 = detectCpuFeatures().nativeBf16();
    const std::optional<CpuPrecision> chosen = cpuEncodingPrecision(int8);
    QCOMPARE(chosen.has_value(), available || nativeBf16);
    if (chosen) QVERIFY(*chosen == (available ? CpuPrecision::Int8 : CpuPrecision::Bf16));
    if (!available) QVERIFY(quantized == (nativeBf16 ? model.encode(kTexts, bf16) : full));

    // A changed weight reaches the int8 copy.
    {
      torch::NoGradGuard noGrad;
      model.impl().module->named_parameters()["embeddings.word_embeddings.weight"].mul_(-1);
    }
    QVERIFY(worstCosine(model.encode(kTexts), model.encode(kTexts, int8)) > 0.999);
  }

  void randomModelsAreInitialisedLikeHuggingFace() {
    RandomModelOptions options;
    options.layers = 2;
    options.hidden = 64;
    options.heads = 2;
    options.intermediate = 256;
    options.seed = 11;
    EmbeddingModel model =
        EmbeddingModel::createRandom(options, test::kTestData / "bert-base-uncased");
    for (const auto& item : model.impl().module->named_parameters()) {
      const std::string& name = item.key();
      const torch::Tensor& value = item.value();
      if (name.find("LayerNorm.weight") != std::string::npos) {
        QVERIFY(value.eq(1).all().item<bool>());
      } else if (name.size() > 5 && name.compare(name.size() - 5, 5, ".bias") == 0) {
        QVERIFY2(value.eq(0).all().item<bool>(), name.c_str());
      } else if (value.numel() > 10000) {
        QVERIFY2(std::abs(value.std().item<double>() - 0.02) < 0.002, name.c_str());
        QVERIFY(std::abs(value.mean().item<double>()) < 0.002);
      }
    }
    const torch::Tensor words =
        model.impl().module->named_parameters()["embeddings.word_embeddings.weight"];
    QVERIFY(words[0].eq(0).all().item<bool>());  // [PAD]'s row, as padding_idx leaves it
    // The same seed gives the same model.
    EmbeddingModel again =
        EmbeddingModel::createRandom(options, test::kTestData / "bert-base-uncased");
    QVERIFY(again.encode(kTexts) == model.encode(kTexts));
  }

  void unknownDeviceIsAUsageError() {
    test::TempFolder folder;
    test::makeTinyModel(folder / "m");
    LoadOptions options;
    options.device = "tpu:0";
    QVERIFY_THROWS_EXCEPTION(UsageError, EmbeddingModel::load(folder / "m", options));
    if (!torch::cuda::is_available()) {
      options.device = "cuda";
      const std::string error = test::errorOf([&] { EmbeddingModel::load(folder / "m", options); });
      QVERIFY2(error.find("no CUDA device") != std::string::npos, error.c_str());
    }
  }
};

QTEST_GUILESS_MAIN(TestEmbeddingModel)
#include "test_embedding_model.moc"
