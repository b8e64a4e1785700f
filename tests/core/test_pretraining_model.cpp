// The masked-LM model and the pre-training losses: the MLM loss and every gradient against
// PyTorch's (tests/data/reference-mlm, made by tools/mlm-reference), the ...ForMaskedLM folder
// save() writes, the head made new or read back, the loss under bf16 autocast, and RetroMAE's
// decoder reading only the positions its attention rows allow.
#include <torch/torch.h>

#include <QtTest/QtTest>

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/common/error.h"
#include "core/model/safetensors.h"
#include "core/model/torch/autocast_scope.h"
#include "core/model/torch/bert_module.h"
#include "core/model/torch/embedding_model_impl.h"
#include "core/model/torch/masked_lm_model.h"
#include "core/pretrain/token_masking.h"
#include "core/pretrain/torch/pretraining_losses.h"
#include "tests/support/files.h"
#include "tests/support/model_folders.h"
#include "tests/support/safetensors_tensors.h"

using namespace embedlab;

namespace {

const std::filesystem::path kReference = test::kTestData / "reference-mlm";

// The reference-step BERT with the head tools/mlm-reference drew for it.
model::MaskedLmModel referenceModel(const test::TempFolder& folder) {
  test::makeReferenceModelFolder(folder.path());
  model::MaskedLmModel model = model::MaskedLmModel::load(folder.path(), 1);
  const auto head = test::readTensors(kReference / "head.safetensors");
  torch::NoGradGuard noGrad;
  for (auto& item : model.head->named_parameters())
    item.value().copy_(head.at(item.key()));
  return model;
}

torch::Tensor referenceLoss(model::MaskedLmModel& model) {
  const auto inputs = test::readTensors(kReference / "inputs.safetensors");
  const torch::Tensor hidden = model.encoderModel.impl().module->forward(
      inputs.at("input_ids"), inputs.at("attention_mask"));
  return pretrain::maskedLmLoss(model, hidden, inputs.at("labels"));
}

bool sameParameters(torch::nn::Module& a, torch::nn::Module& b) {
  const auto second = b.named_parameters();
  for (const auto& item : a.named_parameters()) {
    const torch::Tensor* other = second.find(item.key());
    if (other == nullptr || !torch::equal(item.value(), *other)) return false;
  }
  return a.named_parameters().size() == second.size();
}

}  // namespace

class TestPretrainingModel : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void mlmLossAndGradientsMatchPyTorch() {
    const nlohmann::json expected =
        nlohmann::json::parse(test::readFile(kReference / "expected.json"));
    const test::TempFolder folder;
    model::MaskedLmModel model = referenceModel(folder);
    model.encoderModel.impl().module->train();  // dropout is 0 in this config
    const torch::Tensor loss = referenceLoss(model);
    const double reference = expected["loss"].get<double>();
    QVERIFY2(std::abs(loss.item<double>() - reference) < 1e-5 * reference,
             qPrintable(QString("loss %1, PyTorch %2").arg(loss.item<double>()).arg(reference)));
    loss.backward();

    std::map<std::string, torch::Tensor> gradients;
    for (const auto& item : model.encoderModel.impl().module->named_parameters())
      gradients[item.key()] = item.value().grad();
    for (const auto& item : model.head->named_parameters())
      gradients[item.key()] = item.value().grad();
    QCOMPARE(expected["grad_norms"].size(), std::size_t{42});
    for (const auto& [name, norm] : expected["grad_norms"].items()) {
      QVERIFY2(gradients.count(name) == 1 && gradients[name].defined(), name.c_str());
      const double ours = gradients[name].norm().item<double>();
      const double theirs = norm.get<double>();
      // The tied word embeddings get the input and the output projection's gradients together.
      const bool close = theirs < 1e-6 ? ours < 1e-6 : std::abs(ours - theirs) < 1e-4 * theirs;
      QVERIFY2(close, qPrintable(QString("%1: %2 against PyTorch's %3")
                                     .arg(QString::fromStdString(name))
                                     .arg(ours)
                                     .arg(theirs)));
    }
    // The pooler is not on the MLM path.
    QVERIFY(!gradients.at("pooler.dense.weight").defined() ||
            gradients.at("pooler.dense.weight").abs().max().item<double>() == 0);
  }

  void theLossUnderBf16AutocastStaysCloseToFloat32() {
    // The head's LayerNorm gets bf16 input and float32 parameters under autocast; before the
    // Norm module normalised such input in float32 this threw "expected scalar type BFloat16".
    const test::TempFolder folder;
    model::MaskedLmModel model = referenceModel(folder);
    const double float32 = referenceLoss(model).item<double>();
    model::AutocastScope autocast(torch::kCPU, false, true);
    const torch::Tensor loss = referenceLoss(model);
    QCOMPARE(loss.scalar_type(), torch::kFloat);
    QVERIFY2(std::abs(loss.item<double>() - float32) < 0.02 * float32,
             qPrintable(QString("bf16 %1, float32 %2").arg(loss.item<double>()).arg(float32)));
    loss.backward();
    QVERIFY(model.wordEmbeddings().grad().defined());
  }

  void saveWritesAMaskedLmCheckpointThatLoadsBack() {
    const test::TempFolder folder;
    const model::MaskedLmModel model = referenceModel(folder);
    QVERIFY(!model.headLoaded);  // the reference folder is an encoder alone
    const auto saved = folder / "mlm";
    model.save(saved);

    const nlohmann::json config = nlohmann::json::parse(test::readFile(saved / "config.json"));
    QCOMPARE(config["architectures"], nlohmann::json::array({"BertForMaskedLM"}));
    const model::SafetensorsFile tensors(saved / "model.safetensors");
    std::size_t encoderTensors = 0, headTensors = 0;
    for (const auto& info : tensors.tensors()) {
      if (info.name.rfind("bert.", 0) == 0) {
        ++encoderTensors;
      } else {
        QVERIFY2(info.name.rfind("cls.predictions.", 0) == 0, info.name.c_str());
        ++headTensors;
      }
    }
    QCOMPARE(headTensors, std::size_t{5});  // the tied decoder weight is not written twice
    QCOMPARE(encoderTensors, model.encoderModel.impl().module->named_parameters().size());
    QVERIFY(std::filesystem::is_regular_file(saved / "tokenizer.json"));

    const model::MaskedLmModel loaded = model::MaskedLmModel::load(saved, 99);
    QVERIFY(loaded.headLoaded);
    QVERIFY(sameParameters(*loaded.head, *model.head));
    QVERIFY(sameParameters(*loaded.encoderModel.impl().module, *model.encoderModel.impl().module));
    // Every other job reads the folder as an encoder.
    const model::EmbeddingModel encoder = model::EmbeddingModel::load(saved);
    QVERIFY(sameParameters(*encoder.impl().module, *model.encoderModel.impl().module));
  }

  void eachArchitectureWritesTransformersLayout_data() {
    QTest::addColumn<QString>("architecture");
    QTest::addColumn<QString>("tokenizer");
    QTest::addColumn<QString>("checkpointClass");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QStringList>("head");
    QTest::newRow("bert") << "bert"
                          << "bert-base-uncased"
                          << "BertForMaskedLM"
                          << "bert."
                          << QStringList{"cls.predictions.bias",
                                         "cls.predictions.transform.LayerNorm.bias",
                                         "cls.predictions.transform.LayerNorm.weight",
                                         "cls.predictions.transform.dense.bias",
                                         "cls.predictions.transform.dense.weight"};
    const QStringList robertaHead{"lm_head.bias", "lm_head.dense.bias", "lm_head.dense.weight",
                                  "lm_head.layer_norm.bias", "lm_head.layer_norm.weight"};
    QTest::newRow("xlm-roberta") << "xlm-roberta"
                                 << "xlmr-unigram"
                                 << "XLMRobertaForMaskedLM"
                                 << "roberta." << robertaHead;
    QTest::newRow("mpnet") << "mpnet"
                           << "mpnet-wordpiece"
                           << "MPNetForMaskedLM"
                           << "mpnet." << robertaHead;
  }

  void eachArchitectureWritesTransformersLayout() {
    QFETCH(QString, architecture);
    QFETCH(QString, tokenizer);
    QFETCH(QString, checkpointClass);
    QFETCH(QString, prefix);
    QFETCH(QStringList, head);
    const test::TempFolder folder;
    model::RandomModelOptions options;
    options.architecture = architecture.toStdString();
    options.hidden = 32;
    options.heads = 2;
    options.intermediate = 64;
    model::EmbeddingModel::createRandom(options, test::kTestData / tokenizer.toStdString())
        .save(folder / "encoder");
    const auto model = model::MaskedLmModel::load(folder / "encoder", 1);
    model.save(folder / "mlm");
    const auto config = nlohmann::json::parse(test::readFile(folder / "mlm" / "config.json"));
    QCOMPARE(QString::fromStdString(config["architectures"][0].get<std::string>()),
             checkpointClass);
    QStringList headTensors;
    const model::SafetensorsFile tensors(folder / "mlm" / "model.safetensors");
    for (const auto& info : tensors.tensors()) {
      const QString name = QString::fromStdString(info.name);
      if (!name.startsWith(prefix)) headTensors << name;
    }
    headTensors.sort();
    QCOMPARE(headTensors, head);
    QVERIFY(model::MaskedLmModel::load(folder / "mlm", 2).headLoaded);
  }

  void modernBertHasNoHeadHere() {
    const test::TempFolder folder;
    model::RandomModelOptions options;
    options.architecture = "modernbert";
    options.hidden = 32;
    options.heads = 2;
    options.intermediate = 64;
    model::EmbeddingModel::createRandom(options, test::kTestData / "modernbert-bpe")
        .save(folder.path());
    QVERIFY_THROWS_EXCEPTION(UsageError, (void)model::MaskedLmModel::load(folder.path(), 1));
  }

  void aNewHeadIsDrawnFromTheSeed() {
    const test::TempFolder folder;
    test::makeReferenceModelFolder(folder.path());
    const auto first = model::MaskedLmModel::load(folder.path(), 5);
    const auto again = model::MaskedLmModel::load(folder.path(), 5);
    const auto other = model::MaskedLmModel::load(folder.path(), 6);
    QVERIFY(sameParameters(*first.head, *again.head));
    QVERIFY(!sameParameters(*first.head, *other.head));
    const auto parameters = first.head->named_parameters();
    QCOMPARE(parameters["cls.predictions.bias"].abs().max().item<double>(), 0.0);
    const double std = parameters["cls.predictions.transform.dense.weight"].std().item<double>();
    QVERIFY2(std > 0.015 && std < 0.025, qPrintable(QString::number(std)));  // initializer 0.02
  }

  void untiedOutputEmbeddingsAreRefused() {
    const test::TempFolder folder;
    test::makeReferenceModelFolder(folder.path());
    nlohmann::json config = nlohmann::json::parse(test::readFile(folder / "config.json"));
    config["tie_word_embeddings"] = false;
    test::writeFile(folder / "config.json", config.dump());
    try {
      (void)model::MaskedLmModel::load(folder.path(), 1);
      QFAIL("untied output embeddings were accepted");
    } catch (const InputError& error) {
      QVERIFY2(std::string(error.what()).find("tie_word_embeddings") != std::string::npos,
               error.what());
    }
  }

  void retroMaeDecoderRowsReadOnlyWhatTheirMaskAllows() {
    const test::TempFolder folder;
    test::makeTinyModel(folder.path());
    model::MaskedLmModel model = model::MaskedLmModel::load(folder.path(), 1);
    auto& bert = dynamic_cast<model::BertModelImpl&>(*model.encoderModel.impl().module);
    const model::EncoderConfig& config = model.encoderModel.impl().config;
    model::BertLayer decoder(config);
    model::initializeBertStyle(*decoder, config.initializerRange, 3);
    bert.eval();
    decoder->eval();

    const std::int64_t n = 8;
    torch::Tensor ids =
        torch::tensor({101, 2054, 2003, 1037, 7427, 3208, 1029, 102}).reshape({1, n});
    const torch::Tensor types = torch::zeros({1, n}, torch::kLong);
    const torch::Tensor mask = torch::ones({1, n}, torch::kLong);
    // Row 3 reads [CLS], 1 and 5; every other row reads everything but itself.
    torch::Tensor attention =
        torch::ones({1, n, n}, torch::kUInt8) - torch::eye(n, torch::kUInt8).unsqueeze(0);
    attention[0][3].zero_();
    for (int j : {0, 1, 5})
      attention[0][3][j] = 1;

    const auto states = [&](const torch::Tensor& tokens) {
      torch::NoGradGuard noGrad;
      const torch::Tensor hidden = bert.forward(ids, mask, types);  // the unchanged encoder input
      return pretrain::retroMaeDecoderStates(bert, *decoder, hidden, tokens, types, attention);
    };
    const torch::Tensor before = states(ids);
    QCOMPARE(before.sizes().vec(), (std::vector<std::int64_t>{1, n, config.hiddenSize}));
    torch::Tensor hiddenChange = ids.clone();
    hiddenChange[0][4] = 2307;  // a column row 3 may not read
    const torch::Tensor afterHidden = states(hiddenChange);
    QVERIFY(torch::allclose(afterHidden[0][3], before[0][3], 0, 1e-6));
    QVERIFY(!torch::allclose(afterHidden[0][2], before[0][2], 0, 1e-4));  // row 2 reads it
    torch::Tensor visibleChange = ids.clone();
    visibleChange[0][5] = 2307;
    QVERIFY(!torch::allclose(states(visibleChange)[0][3], before[0][3], 0, 1e-4));

    // The decoder loss reaches the decoder, the encoder and the head.
    bert.train();
    decoder->train();
    const torch::Tensor hidden = bert.forward(ids, mask, types);
    const torch::Tensor decoded =
        pretrain::retroMaeDecoderStates(bert, *decoder, hidden, ids, types, attention);
    torch::Tensor labels = ids.clone();
    labels[0][0] = pretrain::kIgnoredLabel;
    labels[0][n - 1] = pretrain::kIgnoredLabel;
    const torch::Tensor loss = pretrain::maskedLmLoss(model, decoded, labels);
    QVERIFY(std::isfinite(loss.item<double>()));
    loss.backward();
    for (const auto& item : decoder->named_parameters())
      QVERIFY2(item.value().grad().defined(), item.key().c_str());
    QVERIFY(bert.named_parameters()["encoder.layer.1.output.dense.weight"].grad().defined());
    QVERIFY(
        model.head->named_parameters()["cls.predictions.transform.dense.weight"].grad().defined());
  }
};

QTEST_GUILESS_MAIN(TestPretrainingModel)
#include "test_pretraining_model.moc"
