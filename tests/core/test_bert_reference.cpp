// core/model against numbers nobody on this project computed: the reference training step
// (tests/data/reference-step, computed with Python PyTorch as Hugging Face's BertModel does).
// The encoder's contrastive loss and its gradients must match, in float32 and float64; and a
// second, independent forward pass written straight from the BERT formulas must agree.
#include <torch/torch.h>
#include <QtTest/QtTest>

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/model/safetensors.h"
#include "core/model/torch/embedding_model_impl.h"
#include "tests/support/files.h"
#include "tests/support/model_folders.h"
#include "tests/support/safetensors_tensors.h"

using namespace embedlab;
using namespace embedlab::model;
using embedlab::test::readTensors;

namespace {

nlohmann::json expected() {
  std::ifstream in(test::kTestData / "reference-step" / "expected.json");
  return nlohmann::json::parse(in);
}

// The reference workflow's loss: scores = q p^T / temperature over all passages, cross-entropy
// towards each query's positive (passage 3i).
torch::Tensor contrastiveLoss(EmbeddingModel::Impl& impl,
                              const std::map<std::string, torch::Tensor>& inputs) {
  const torch::Tensor q = impl.embed(inputs.at("q_ids"), inputs.at("q_mask"));
  const torch::Tensor p = impl.embed(inputs.at("p_ids"), inputs.at("p_mask"));
  const torch::Tensor scores = torch::matmul(q, p.t()) / 0.02;
  const torch::Tensor targets = torch::arange(q.size(0), torch::kLong) * 3;
  return torch::nn::functional::cross_entropy(scores, targets);
}

// BERT written out once more from the paper / Hugging Face formulas, sharing no code with
// core/model: embeddings, then per layer self-attention with an additive mask, residual +
// LayerNorm, GELU feed-forward, residual + LayerNorm.
torch::Tensor independentForward(const std::map<std::string, torch::Tensor>& w,
                                 const torch::Tensor& ids, const torch::Tensor& mask, int layers,
                                 int heads, double eps) {
  namespace F = torch::nn::functional;
  const auto ln = [&](const torch::Tensor& x, const std::string& prefix) {
    const auto mean = x.mean(-1, true);
    const auto variance = (x - mean).pow(2).mean(-1, true);
    return (x - mean) / torch::sqrt(variance + eps) * w.at(prefix + ".weight") +
           w.at(prefix + ".bias");
  };
  const auto linear = [&](const torch::Tensor& x, const std::string& prefix) {
    return torch::matmul(x, w.at(prefix + ".weight").t()) + w.at(prefix + ".bias");
  };
  const int64_t batch = ids.size(0), length = ids.size(1);
  torch::Tensor h = w.at("embeddings.word_embeddings.weight")
                        .index_select(0, ids.flatten())
                        .view({batch, length, -1}) +
                    w.at("embeddings.position_embeddings.weight").slice(0, 0, length).unsqueeze(0) +
                    w.at("embeddings.token_type_embeddings.weight")[0];
  h = ln(h, "embeddings.LayerNorm");
  const int64_t hidden = h.size(2), size = hidden / heads;
  const torch::Tensor bias = (1 - mask.to(h.dtype())).view({batch, 1, 1, length}) * -1e30;
  for (int l = 0; l < layers; ++l) {
    const std::string p = "encoder.layer." + std::to_string(l);
    const auto split = [&](const torch::Tensor& x) {
      return x.view({batch, length, heads, size}).transpose(1, 2);
    };
    const auto q = split(linear(h, p + ".attention.self.query"));
    const auto k = split(linear(h, p + ".attention.self.key"));
    const auto v = split(linear(h, p + ".attention.self.value"));
    const auto attention =
        torch::softmax(torch::matmul(q, k.transpose(2, 3)) / std::sqrt(double(size)) + bias, -1);
    const auto context =
        torch::matmul(attention, v).transpose(1, 2).reshape({batch, length, hidden});
    const auto a =
        ln(linear(context, p + ".attention.output.dense") + h, p + ".attention.output.LayerNorm");
    const auto x = linear(a, p + ".intermediate.dense");
    const auto gelu = 0.5 * x * (1 + torch::erf(x / std::sqrt(2.0)));
    h = ln(linear(gelu, p + ".output.dense") + a, p + ".output.LayerNorm");
  }
  return h;
}

}  // namespace

class TestBertReference : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void lossAndGradientsMatchPyTorch_data() {
    QTest::addColumn<QString>("pooling");
    QTest::addColumn<double>("gradientTolerance");
    QTest::newRow("mean") << "mean" << 1e-4;
    QTest::newRow("cls") << "cls" << 2e-2;  // ill-conditioned at random init (see README)
  }
  void lossAndGradientsMatchPyTorch() {
    QFETCH(QString, pooling);
    QFETCH(double, gradientTolerance);
    test::TempFolder folder;
    test::makeReferenceModelFolder(folder.path());
    LoadOptions options;
    options.pooling = parsePooling(pooling.toStdString());
    options.normalize = true;
    EmbeddingModel model = EmbeddingModel::load(folder.path(), options);
    const auto inputs = readTensors(test::kTestData / "reference-step" / "inputs.safetensors");
    const nlohmann::json reference = expected()["poolings"][pooling.toStdString()];

    model.impl().module->train();  // dropout is 0 in this config: train mode changes nothing
    model.impl().module->zero_grad();
    const torch::Tensor loss = contrastiveLoss(model.impl(), inputs);
    loss.backward();
    const double expectedLoss = reference["loss"].get<double>();
    QVERIFY2(std::abs(loss.item<double>() - expectedLoss) <= 1e-5 * expectedLoss,
             qPrintable(QString("loss %1, PyTorch %2")
                            .arg(loss.item<double>(), 0, 'g', 10)
                            .arg(expectedLoss, 0, 'g', 10)));
    double squared = 0;
    for (const auto& item : model.impl().module->named_parameters()) {
      if (!item.value().grad().defined()) continue;
      const double norm = item.value().grad().norm().item<double>();
      squared += norm * norm;
      if (!reference["grad_norms"].contains(item.key())) continue;
      const double expectedNorm = reference["grad_norms"][item.key()].get<double>();
      if (expectedNorm < 1e-9) continue;  // key biases: gradient ~1e-11, pure rounding noise
      QVERIFY2(std::abs(norm - expectedNorm) <= gradientTolerance * expectedNorm,
               qPrintable(QString("%1: %2 vs %3")
                              .arg(QString::fromStdString(item.key()))
                              .arg(norm)
                              .arg(expectedNorm)));
    }
    const double expectedNorm = reference["grad_norm"].get<double>();
    QVERIFY(std::abs(std::sqrt(squared) - expectedNorm) <= gradientTolerance * expectedNorm);
  }

  void float64LossMatchesPyTorchFloat64() {
    test::TempFolder folder;
    test::makeReferenceModelFolder(folder.path());
    LoadOptions options;
    options.pooling = Pooling::Mean;
    EmbeddingModel model = EmbeddingModel::load(folder.path(), options);
    model.impl().module->to(torch::kDouble);
    torch::NoGradGuard noGrad;
    const double loss =
        contrastiveLoss(model.impl(),
                        readTensors(test::kTestData / "reference-step" / "inputs.safetensors"))
            .item<double>();
    const double expectedLoss = expected()["poolings"]["mean"]["loss_float64"].get<double>();
    QVERIFY2(std::abs(loss - expectedLoss) <= 1e-12 * expectedLoss,
             qPrintable(QString("%1 vs %2").arg(loss, 0, 'g', 17).arg(expectedLoss, 0, 'g', 17)));
  }

  void independentForwardAgrees() {
    test::TempFolder folder;
    test::makeReferenceModelFolder(folder.path());
    EmbeddingModel model = EmbeddingModel::load(folder.path());
    const auto weights = readTensors(folder / "model.safetensors");
    const auto inputs = readTensors(test::kTestData / "reference-step" / "inputs.safetensors");
    torch::NoGradGuard noGrad;
    for (const char* which : {"q", "p"}) {
      const torch::Tensor ids = inputs.at(std::string(which) + "_ids");
      const torch::Tensor mask = inputs.at(std::string(which) + "_mask");
      const torch::Tensor ours = model.impl().module->forward(ids, mask);
      const torch::Tensor theirs = independentForward(weights, ids, mask, 2, 2, 1e-12);
      // Compare real tokens only: padded positions are not used by any pooling.
      const torch::Tensor m = mask.unsqueeze(-1).to(torch::kFloat);
      const double difference = ((ours - theirs) * m).abs().max().item<double>();
      QVERIFY2(difference < 1e-5, qPrintable(QString("max difference %1").arg(difference)));
      for (const Pooling pooling : {Pooling::Mean, Pooling::Cls}) {
        const double pooled =
            (pool(ours, mask, pooling) - pool(theirs, mask, pooling)).abs().max().item<double>();
        QVERIFY(pooled < 1e-5);
      }
    }
  }
};

QTEST_GUILESS_MAIN(TestBertReference)
#include "test_bert_reference.moc"
