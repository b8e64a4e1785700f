// Rerankers: a tiny random one saved in Hugging Face's ...ForSequenceClassification layout (the
// tensor names and config transformers expects), loaded back with the same scores, its logit
// equal to the head computed here by hand from the encoder's hidden state and the checkpoint's
// tensors, sigmoid normalisation, the pair truncation (query first, then the passage), and
// bi-encoder folders refused (but usable as the start of one); the training loss and its
// gradient on a hand-made batch against a computation done here.
#include <QtTest/QtTest>

#include <torch/torch.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/model/reranker_model.h"
#include "core/model/safetensors.h"
#include "core/model/torch/embedding_model_impl.h"
#include "core/train/torch/reranker_loss.h"
#include "tests/support/files.h"
#include "tests/support/model_folders.h"

using namespace embedlab;
using namespace embedlab::model;

namespace {

RandomModelOptions tinyOptions(const std::string& architecture) {
  RandomModelOptions options;
  options.architecture = architecture;
  options.layers = 2;
  options.hidden = 32;
  options.heads = 2;
  options.intermediate = 64;
  options.seed = 11;
  return options;
}

const std::vector<TextPair> kPairs = {
    {"package manager", "apt installs, upgrades and removes Debian packages"},
    {"package manager", "a TrueType font with Chinese characters"},
    {"text editor for programmers", "vim is a highly configurable text editor"},
};

torch::Tensor tensorOf(const SafetensorsFile& file, const std::string& name) {
  const TensorInfo* info = file.find(name);
  if (info == nullptr) throw std::runtime_error("missing " + name);
  return torch::from_blob(const_cast<std::byte*>(file.data(*info)), info->shape, torch::kFloat)
      .clone();
}

}  // namespace

class TestRerankerModel : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void savesTheHuggingFaceSequenceClassificationLayout() {
    RerankerModel::createRandom(tinyOptions("bert"), test::kTestData / "bert-base-uncased")
        .save(folder_ / "bert");
    std::ifstream in(folder_ / "bert" / "config.json");
    const nlohmann::json config = nlohmann::json::parse(in);
    QCOMPARE(config.at("architectures")[0].get<std::string>(),
             std::string("BertForSequenceClassification"));
    QCOMPARE(config.at("id2label").size(), std::size_t{1});
    const SafetensorsFile file(folder_ / "bert" / "model.safetensors");
    for (const char* name :
         {"bert.embeddings.word_embeddings.weight", "bert.pooler.dense.weight",
          "bert.encoder.layer.1.output.dense.weight", "classifier.weight", "classifier.bias"}) {
      QVERIFY2(file.find(name) != nullptr, name);
    }
    QCOMPARE(file.find("classifier.weight")->shape, (std::vector<std::int64_t>{1, 32}));
    QVERIFY(RerankerModel::isReranker(folder_ / "bert"));

    RerankerModel::createRandom(tinyOptions("xlm-roberta"), test::kTestData / "xlmr-unigram")
        .save(folder_ / "xlmr");
    const SafetensorsFile xlmr(folder_ / "xlmr" / "model.safetensors");
    for (const char* name : {"roberta.embeddings.word_embeddings.weight", "classifier.dense.weight",
                             "classifier.out_proj.weight", "classifier.out_proj.bias"}) {
      QVERIFY2(xlmr.find(name) != nullptr, name);
    }
    QVERIFY(xlmr.find("roberta.pooler.dense.weight") == nullptr);
    QCOMPARE(xlmr.find("classifier.out_proj.weight")->shape, (std::vector<std::int64_t>{1, 32}));
  }

  void loadsBackWithTheSameScores() {
    const RerankerModel created =
        RerankerModel::createRandom(tinyOptions("bert"), test::kTestData / "bert-base-uncased");
    created.save(folder_ / "again");
    const std::vector<float> before = created.score(kPairs);
    const std::vector<float> after = RerankerModel::load(folder_ / "again").score(kPairs);
    QCOMPARE(after.size(), kPairs.size());
    for (std::size_t i = 0; i < kPairs.size(); ++i)
      QVERIFY(std::abs(before[i] - after[i]) < 1e-6);
    QVERIFY(before[0] != before[1]);  // the pairs really score differently
    // Batching does not change a pair's score.
    RerankOptions one;
    one.batchSize = 1;
    const std::vector<float> single = RerankerModel::load(folder_ / "again").score(kPairs, one);
    for (std::size_t i = 0; i < kPairs.size(); ++i)
      QVERIFY(std::abs(single[i] - after[i]) < 1e-5);
  }

  void theLogitIsTheHeadOnTheFirstToken() {
    const auto folder = folder_ / "bert";
    const RerankerModel reranker = RerankerModel::load(folder);
    const std::vector<float> logits = reranker.score(kPairs);
    RerankOptions normalized;
    normalized.normalize = true;
    const std::vector<float> probabilities = reranker.score(kPairs, normalized);

    // By hand: the encoder's hidden state of [CLS], BERT's pooler, the classifier.
    const EmbeddingModel encoder = EmbeddingModel::load(folder);
    const SafetensorsFile file(folder / "model.safetensors");
    const torch::Tensor poolerWeight = tensorOf(file, "bert.pooler.dense.weight");
    const torch::Tensor poolerBias = tensorOf(file, "bert.pooler.dense.bias");
    const torch::Tensor classifierWeight = tensorOf(file, "classifier.weight");
    const torch::Tensor classifierBias = tensorOf(file, "classifier.bias");
    torch::NoGradGuard noGrad;
    for (std::size_t i = 0; i < kPairs.size(); ++i) {
      const text::Encoding pair =
          encodeRerankPair(encoder.tokenizer(), kPairs[i].first, kPairs[i].second, 64, 448);
      const BatchTensors batch = toTensors({pair}, torch::kCPU);
      const torch::Tensor hidden =
          encoder.impl().module->forward(batch.inputIds, batch.attentionMask, batch.tokenTypeIds);
      const torch::Tensor cls = hidden[0][0];
      const torch::Tensor pooled = torch::tanh(torch::matmul(poolerWeight, cls) + poolerBias);
      const double expected =
          (torch::dot(classifierWeight[0], pooled) + classifierBias[0]).item<double>();
      QVERIFY2(std::abs(logits[i] - expected) < 1e-5,
               qPrintable(QString("pair %1: %2 vs %3").arg(i).arg(logits[i]).arg(expected)));
      QVERIFY(std::abs(probabilities[i] - 1.0 / (1.0 + std::exp(-expected))) < 1e-6);
    }
  }

  void truncatesThePassageAndKeepsTheQuery() {
    const RerankerModel reranker = RerankerModel::load(folder_ / "bert");
    std::string longPassage;
    for (int i = 0; i < 200; ++i)
      longPassage += "word ";
    const text::Encoding encoding =
        encodeRerankPair(reranker.tokenizer(), "a short query", longPassage, 8, 24);
    QCOMPARE(encoding.size(), std::size_t{32});  // query + passage lengths, specials included
    std::size_t queryTokens = 0;
    for (const auto type : encoding.typeIds)
      queryTokens += type == 0 ? 1 : 0;
    QCOMPARE(queryTokens, std::size_t{5});  // [CLS] a short query [SEP]: the query is whole
    // A query longer than query_max_len is cut to it, and the passage still gets its share.
    std::string longQuery;
    for (int i = 0; i < 50; ++i)
      longQuery += "query ";
    const text::Encoding both =
        encodeRerankPair(reranker.tokenizer(), longQuery, longPassage, 8, 24);
    QCOMPARE(both.size(), std::size_t{32});
    std::size_t firstTokens = 0;
    for (const auto type : both.typeIds)
      firstTokens += type == 0 ? 1 : 0;
    QCOMPARE(firstTokens, std::size_t{10});  // [CLS] + 8 query tokens + [SEP]
  }

  void lossAndGradientMatchAHandComputation() {
    // Two queries, groups of three: [positive, negative, negative].
    const double values[2][3] = {{2.0, 0.5, -1.0}, {-0.3, 0.8, 0.1}};
    torch::Tensor logits = torch::tensor({2.0, 0.5, -1.0, -0.3, 0.8, 0.1}, torch::kFloat)
                               .view({2, 3})
                               .set_requires_grad(true);
    train::RerankerLossInputs inputs;
    inputs.logits = logits;
    const train::RerankerLossOutput output = train::rerankerLoss(inputs);
    output.loss.backward();
    // By hand: mean over rows of log(sum exp) - logit[0]; d/dlogit = (softmax - onehot(0)) / B.
    double expected = 0;
    double gradient[2][3];
    for (int row = 0; row < 2; ++row) {
      double sum = 0;
      for (int k = 0; k < 3; ++k)
        sum += std::exp(values[row][k]);
      expected += (std::log(sum) - values[row][0]) / 2;
      for (int k = 0; k < 3; ++k)
        gradient[row][k] = (std::exp(values[row][k]) / sum - (k == 0 ? 1.0 : 0.0)) / 2;
    }
    QVERIFY(std::abs(output.loss.item<double>() - expected) < 1e-6);
    QVERIFY(std::abs(output.crossEntropy.item<double>() - expected) < 1e-6);
    for (int row = 0; row < 2; ++row) {
      for (int k = 0; k < 3; ++k)
        QVERIFY(std::abs(logits.grad()[row][k].item<double>() - gradient[row][k]) < 1e-6);
    }

    // Distillation: KL(softmax(teacher) || softmax(logits)) on the rows with teacher scores.
    torch::Tensor student = logits.detach().clone().set_requires_grad(true);
    train::RerankerLossInputs distilled;
    distilled.logits = student;
    distilled.teacherScores =
        torch::tensor({1.0, 0.0, 0.0, 0.0, 0.0, 0.0}, torch::kFloat).view({2, 3});
    distilled.teacherMask = torch::tensor({true, false});
    distilled.distillationWeight = 0.5;
    const train::RerankerLossOutput withTeacher = train::rerankerLoss(distilled);
    double teacherSum = std::exp(1.0) + 2.0;
    double studentSum = std::exp(2.0) + std::exp(0.5) + std::exp(-1.0);
    double kl = 0;
    const double teacher[3] = {1.0, 0.0, 0.0};
    for (int k = 0; k < 3; ++k) {
      const double t = std::exp(teacher[k]) / teacherSum;
      kl += t * (std::log(t) - (values[0][k] - std::log(studentSum)));
    }
    QVERIFY(std::abs(withTeacher.distillation.item<double>() - kl) < 1e-6);
    QVERIFY(std::abs(withTeacher.loss.item<double>() - (expected + 0.5 * kl)) < 1e-6);
  }

  void startsFromAnEncoderWithANewHead() {
    // A bi-encoder without BERT's pooler: the reranker gets one, and the encoder's weights.
    test::makeTinyModel(folder_ / "encoder");
    const RerankerModel reranker = RerankerModel::fromEncoder(folder_ / "encoder", 3);
    reranker.save(folder_ / "from-encoder");
    QVERIFY(RerankerModel::isReranker(folder_ / "from-encoder"));
    const SafetensorsFile encoder(folder_ / "encoder" / "model.safetensors");
    const SafetensorsFile saved(folder_ / "from-encoder" / "model.safetensors");
    const TensorInfo& words = *encoder.find("embeddings.word_embeddings.weight");
    const TensorInfo* copied = saved.find("bert.embeddings.word_embeddings.weight");
    QVERIFY(copied != nullptr && saved.find("bert.pooler.dense.weight") != nullptr);
    QVERIFY(std::memcmp(saved.data(*copied), encoder.data(words), words.end - words.begin) == 0);
    QCOMPARE(RerankerModel::load(folder_ / "from-encoder").score(kPairs).size(), kPairs.size());
  }

  void refusesABiEncoderFolder() {
    test::makeTinyModel(folder_ / "bi");
    QVERIFY(!RerankerModel::isReranker(folder_ / "bi"));
    try {
      RerankerModel::load(folder_ / "bi");
      QFAIL("a bi-encoder loaded as a reranker");
    } catch (const std::exception& error) {
      QVERIFY2(QString(error.what()).contains("ForSequenceClassification"), error.what());
    }
    // And a reranker folder still loads as an embedding model (the head is ignored).
    const EmbeddingModel encoder = EmbeddingModel::load(folder_ / "bert");
    QVERIFY(!encoder.ignoredTensors().empty());
  }

 private:
  test::TempFolder folder_;
};

QTEST_MAIN(TestRerankerModel)
#include "test_reranker_model.moc"
