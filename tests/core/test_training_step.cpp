// core/train's numerics: the contrastive loss on a hand-made batch against a computation by hand,
// one AdamW step of the reference model against PyTorch's loss after that step, and the gradient
// cache and gradient checkpointing against plain backward passes.
#include <torch/torch.h>
#include <QtTest/QtTest>

#include <fstream>
#include <nlohmann/json.hpp>

#include <ATen/autocast_mode.h>

#include "core/model/safetensors.h"
#include "core/model/torch/autocast_scope.h"
#include "core/model/torch/embedding_model_impl.h"
#include "core/train/learning_rate_schedule.h"
#include "core/train/torch/contrastive_loss.h"
#include "core/train/torch/grad_cache.h"
#include "core/train/torch/optimizer.h"
#include "tests/support/files.h"
#include "tests/support/model_folders.h"

using namespace embedlab;
using namespace embedlab::model;
using namespace embedlab::train;

namespace {

std::map<std::string, torch::Tensor> referenceInputs() {
  const SafetensorsFile file(test::kTestData / "reference-step" / "inputs.safetensors");
  std::map<std::string, torch::Tensor> tensors;
  for (const TensorInfo& info : file.tensors()) {
    tensors[info.name] = torch::from_blob(const_cast<std::byte*>(file.data(info)), info.shape,
                                          torch::TensorOptions().dtype(scalarTypeOf(info.dtype)))
                             .clone();
  }
  return tensors;
}

nlohmann::json referenceExpected() {
  std::ifstream in(test::kTestData / "reference-step" / "expected.json");
  return nlohmann::json::parse(in);
}

torch::Tensor referenceLoss(EmbeddingModel::Impl& impl,
                            const std::map<std::string, torch::Tensor>& inputs) {
  ContrastiveInputs loss;
  loss.queries = impl.embed(inputs.at("q_ids"), inputs.at("q_mask"));
  loss.passages = impl.embed(inputs.at("p_ids"), inputs.at("p_mask"));
  loss.groupSize = 3;
  loss.temperature = 0.02;
  return contrastiveLoss(loss).loss;
}

std::vector<torch::Tensor> gradientsOf(EncoderModuleImpl& module) {
  std::vector<torch::Tensor> gradients;
  for (const torch::Tensor& parameter : trainableParameters(module)) {
    gradients.push_back(parameter.grad().defined() ? parameter.grad().clone()
                                                   : torch::zeros_like(parameter));
  }
  return gradients;
}

double maxDifference(const std::vector<torch::Tensor>& a, const std::vector<torch::Tensor>& b) {
  double worst = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    worst = std::max(worst, (a[i] - b[i]).abs().max().item<double>());
  return worst;
}

// The Euclidean distance between two sets of gradients.
double distance(const std::vector<torch::Tensor>& a, const std::vector<torch::Tensor>& b) {
  double squares = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    squares += (a[i] - b[i]).pow(2).sum().item<double>();
  return std::sqrt(squares);
}

BatchTensors tokenize(const EmbeddingModel& model, const std::vector<std::string>& texts) {
  auto encodings = model.tokenizer().encodeBatch(texts);
  text::padEncodings(encodings, model.tokenizer().padId());
  return toTensors(encodings, torch::kCPU);
}

EmbeddingModel tinyModel(double dropout) {
  RandomModelOptions options;
  options.layers = 2;
  options.hidden = 32;
  options.heads = 2;
  options.intermediate = 64;
  options.seed = 21;
  EmbeddingModel model =
      EmbeddingModel::createRandom(options, test::kTestData / "bert-base-uncased");
  // Dropout as configured (createRandom uses BERT's 0.1): rebuild the modules' dropout rate.
  for (auto& module : model.impl().module->modules()) {
    if (auto* d = module->as<torch::nn::DropoutImpl>()) d->options.p(dropout);
  }
  model.impl().module->train();
  return model;
}

// The contrastive loss of kQueries against kPassages in groups of two (temperature 0.05).
torch::Tensor groupsOfTwoLoss(const torch::Tensor& q, const torch::Tensor& p) {
  ContrastiveInputs inputs;
  inputs.queries = q;
  inputs.passages = p;
  inputs.groupSize = 2;
  inputs.temperature = 0.05;
  return contrastiveLoss(inputs).loss;
}

const std::vector<std::string> kQueries = {"debian package", "qt multimedia", "perl module",
                                           "a game"};
const std::vector<std::string> kPassages = {"Phonon is a Qt 5 multimedia API",
                                            "GStreamer plugins",
                                            "Module::Depends extracts module dependencies",
                                            "a library for parsing",
                                            "2048 is a sliding puzzle game",
                                            "chess engine",
                                            "the package manager dpkg",
                                            "a text editor"};

}  // namespace

class TestTrainingStep : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void lossOnAHandMadeBatch() {
    // Two queries, groups of two; unit vectors chosen so every score is easy to write down.
    const auto q = torch::tensor({{1.0, 0.0}, {0.0, 1.0}}, torch::kDouble);
    const auto p = torch::tensor({{1.0, 0.0}, {0.0, 1.0}, {0.6, 0.8}, {0.8, 0.6}}, torch::kDouble);
    ContrastiveInputs inputs;
    inputs.queries = q;
    inputs.passages = p;
    inputs.groupSize = 2;
    inputs.temperature = 0.5;
    // Query 0 scores [1, 0, .6, .8] / .5 against target 0; query 1 [0, 1, .8, .6] / .5, target 2.
    const auto ce = [](std::vector<double> s, int target) {
      double sum = 0;
      for (double& v : s)
        sum += std::exp(v / 0.5);
      return std::log(sum) - s[static_cast<std::size_t>(target)] / 0.5;
    };
    const double expected = (ce({1, 0, .6, .8}, 0) + ce({0, 1, .8, .6}, 2)) / 2;
    QVERIFY(std::abs(contrastiveLoss(inputs).loss.item<double>() - expected) < 1e-12);

    inputs.inBatchNegatives = false;  // only the own group: [1, 0] target 0; [.8, .6] target 0
    const auto ce2 = [](double a, double b) {
      return std::log(std::exp(a / 0.5) + std::exp(b / 0.5)) - a / 0.5;
    };
    QVERIFY(std::abs(contrastiveLoss(inputs).loss.item<double>() - (ce2(1, 0) + ce2(.8, .6)) / 2) <
            1e-12);

    // Distillation: KL(softmax(teacher) || softmax(student group scores)), only where masked in.
    inputs.inBatchNegatives = true;
    inputs.teacherScores = torch::tensor({{2.0, 0.0}, {0.0, 0.0}}, torch::kDouble);
    inputs.teacherMask = torch::tensor({true, false});
    inputs.distillationWeight = 0.5;
    const double t0 = std::exp(2.0) / (std::exp(2.0) + 1), t1 = 1 - t0;
    const double s0 = std::exp(1 / 0.5) / (std::exp(1 / 0.5) + std::exp(0.0)), s1 = 1 - s0;
    const double kl = t0 * std::log(t0 / s0) + t1 * std::log(t1 / s1);
    const auto out = contrastiveLoss(inputs);
    QVERIFY(std::abs(out.distillation.item<double>() - kl) < 1e-12);
    QVERIFY(std::abs(out.loss.item<double>() - (expected + 0.5 * kl)) < 1e-12);
  }

  void oneAdamWStepMatchesPyTorch_data() {
    QTest::addColumn<QString>("pooling");
    QTest::newRow("mean") << "mean";
    QTest::newRow("cls") << "cls";
  }
  void oneAdamWStepMatchesPyTorch() {
    QFETCH(QString, pooling);
    test::TempFolder folder;
    test::makeReferenceModelFolder(folder.path());
    LoadOptions load;
    load.pooling = parsePooling(pooling.toStdString());
    EmbeddingModel model = EmbeddingModel::load(folder.path(), load);
    auto& impl = model.impl();
    impl.module->train();
    TrainingOptions options;
    options.learningRate = 1e-5;
    options.weightDecay = 0.01;
    const auto optimizer = makeAdamW(*impl.module, options);
    const auto inputs = referenceInputs();
    const nlohmann::json expected = referenceExpected()["poolings"][pooling.toStdString()];
    optimizer->zero_grad();
    const torch::Tensor loss = referenceLoss(impl, inputs);
    loss.backward();
    optimizer->step();
    torch::NoGradGuard noGrad;
    const double after = referenceLoss(impl, inputs).item<double>();
    const double wanted = expected["loss_after_one_adamw_step"].get<double>();
    QVERIFY2(std::abs(after - wanted) <= 1e-5 * wanted,
             qPrintable(QString("loss after the step %1, PyTorch %2")
                            .arg(after, 0, 'g', 10)
                            .arg(wanted, 0, 'g', 10)));
    QVERIFY(after < loss.item<double>());  // the step went downhill
  }

  void gradientCacheEqualsPlainBackward() {
    EmbeddingModel model = tinyModel(0.0);
    auto& impl = model.impl();
    const BatchTensors queries = tokenize(model, kQueries);
    const BatchTensors passages = tokenize(model, kPassages);
    impl.module->zero_grad();
    groupsOfTwoLoss(impl.embed(queries.inputIds, queries.attentionMask),
                    impl.embed(passages.inputIds, passages.attentionMask))
        .backward();
    const auto plain = gradientsOf(*impl.module);

    for (const std::int64_t chunk : {1, 3}) {
      impl.module->zero_grad();
      const CachedEmbeddings q = embedWithoutGraph(impl, queries, chunk, {});
      const CachedEmbeddings p = embedWithoutGraph(impl, passages, chunk, {});
      groupsOfTwoLoss(q.embeddings, p.embeddings).backward();
      backwardThroughChunks(impl, queries, q, chunk, {});
      backwardThroughChunks(impl, passages, p, chunk, {});
      const double difference = maxDifference(plain, gradientsOf(*impl.module));
      QVERIFY2(
          difference < 1e-5,
          qPrintable(QString("chunk %1: max gradient difference %2").arg(chunk).arg(difference)));
    }
  }

  void gradientCheckpointingEqualsPlainBackwardWithDropout() {
    EmbeddingModel model = tinyModel(0.1);  // dropout on: the recomputation must replay its masks
    auto& impl = model.impl();
    const BatchTensors passages = tokenize(model, kPassages);
    const auto run = [&](bool checkpointing) {
      impl.module->setGradientCheckpointing(checkpointing);
      impl.module->zero_grad();
      torch::manual_seed(99);
      impl.embed(passages.inputIds, passages.attentionMask).pow(2).sum().backward();
      return gradientsOf(*impl.module);
    };
    const auto plain = run(false);
    const auto checkpointed = run(true);
    const double difference = maxDifference(plain, checkpointed);
    QVERIFY2(difference < 1e-6, qPrintable(QString("max gradient difference %1").arg(difference)));
    QVERIFY(plain.front().abs().sum().item<double>() > 0);
  }

  void gradientCheckpointingWithoutPadding() {
    // A batch whose texts have one length has no attention mask (common with short queries):
    // the checkpointed layers must take that too.
    EmbeddingModel model = tinyModel(0.1);
    auto& impl = model.impl();
    const BatchTensors same = tokenize(model, {"debian package", "perl module"});
    QVERIFY(same.attentionMask.all().item<bool>());
    const auto run = [&](bool checkpointing) {
      impl.module->setGradientCheckpointing(checkpointing);
      impl.module->zero_grad();
      torch::manual_seed(5);
      (impl.embed(same.inputIds, same.attentionMask) * torch::linspace(-1, 1, 32)).sum().backward();
      return gradientsOf(*impl.module);
    };
    const auto plain = run(false);
    QVERIFY(maxDifference(plain, run(true)) < 1e-6);
  }

  void gradientCheckpointingUnderBf16RecomputesInBf16() {
    // Autograd runs backward with autocast off; a recomputation that did not restore it would
    // recompute the layer in float32 and return gradients of another computation than the
    // bf16 forward pass.
    EmbeddingModel model = tinyModel(0.1);
    auto& impl = model.impl();
    const BatchTensors passages = tokenize(model, kPassages);
    // Not a function of the norm: the embeddings are normalised.
    const torch::Tensor direction = torch::linspace(-1, 1, 32);
    const auto run = [&](bool checkpointing, bool bf16) {
      impl.module->setGradientCheckpointing(checkpointing);
      impl.module->zero_grad();
      torch::manual_seed(99);
      torch::Tensor embedded;
      {
        AutocastScope autocast(torch::kCPU, false, bf16);
        embedded = impl.embed(passages.inputIds, passages.attentionMask);
      }
      (embedded.to(torch::kFloat) * direction).sum().backward();
      return gradientsOf(*impl.module);
    };
    const auto plain = run(false, true);
    const auto checkpointed = run(true, true);
    // What computing in bf16 changes, against what checkpointing changes: summing gradients in
    // another order rounds differently in bf16, but a float32 recomputation changes them as much
    // as float32 does (measured: 0.99 of it without the fix, 0.12 with it).
    const double bf16Effect = distance(plain, run(false, false));
    const double difference = distance(plain, checkpointed);
    QVERIFY2(difference < 0.3 * bf16Effect,
             qPrintable(QString("gradient distance %1, bf16 against float32 %2")
                            .arg(difference)
                            .arg(bf16Effect)));
    QVERIFY(bf16Effect > 1e-4);
    QVERIFY(!at::autocast::is_cpu_enabled());  // the recomputation left autocast as it found it
  }

  void gradientCacheReplaysDropoutMasks() {
    // With dropout on, the gradient cache's second pass must draw the masks of its first: its
    // gradients then equal those of the same chunked forward pass kept with its graph.
    EmbeddingModel model = tinyModel(0.1);
    auto& impl = model.impl();
    const BatchTensors queries = tokenize(model, kQueries);
    const BatchTensors passages = tokenize(model, kPassages);
    // Queries first, then passages, chunk by chunk, as the gradient cache draws its masks.
    const auto chunkedLoss = [&](std::int64_t chunk) {
      std::vector<torch::Tensor> embedded[2];
      for (int side = 0; side < 2; ++side) {
        const BatchTensors& batch = side == 0 ? queries : passages;
        const std::int64_t rows = batch.inputIds.size(0);
        for (std::int64_t start = 0; start < rows; start += chunk) {
          const std::int64_t count = std::min(chunk, rows - start);
          embedded[side].push_back(impl.embed(batch.inputIds.narrow(0, start, count),
                                              batch.attentionMask.narrow(0, start, count)));
        }
      }
      return groupsOfTwoLoss(torch::cat(embedded[0], 0), torch::cat(embedded[1], 0));
    };
    for (const std::int64_t chunk : {1, 3, 100}) {
      impl.module->zero_grad();
      torch::manual_seed(7);
      chunkedLoss(chunk).backward();
      const auto withGraph = gradientsOf(*impl.module);
      const torch::Tensor streamAfterPlain = torch::rand({4});

      impl.module->zero_grad();
      torch::manual_seed(7);
      const CachedEmbeddings q = embedWithoutGraph(impl, queries, chunk, {});
      const CachedEmbeddings p = embedWithoutGraph(impl, passages, chunk, {});
      groupsOfTwoLoss(q.embeddings, p.embeddings).backward();
      backwardThroughChunks(impl, queries, q, chunk, {});
      backwardThroughChunks(impl, passages, p, chunk, {});
      const double difference = maxDifference(withGraph, gradientsOf(*impl.module));
      QVERIFY2(
          difference < 1e-5,
          qPrintable(QString("chunk %1: max gradient difference %2").arg(chunk).arg(difference)));
      // The random stream goes on as after the first pass, not as after the replays.
      QVERIFY(torch::equal(torch::rand({4}), streamAfterPlain));
    }
    // The masks matter: with other masks (another seed) the gradients differ, so the
    // comparison above can fail.
    impl.module->zero_grad();
    torch::manual_seed(7);
    chunkedLoss(3).backward();
    const auto seven = gradientsOf(*impl.module);
    impl.module->zero_grad();
    torch::manual_seed(8);
    chunkedLoss(3).backward();
    QVERIFY(maxDifference(seven, gradientsOf(*impl.module)) > 1e-3);
  }

  void learningRateSchedule() {
    // 10 steps, 2 of warm-up: 0, .5, 1, then linear to 0 (rate 1/8 at step 9), as HF's.
    QCOMPARE(linearScheduleRate(1.0, 0, 2, 10), 0.0);
    QCOMPARE(linearScheduleRate(1.0, 1, 2, 10), 0.5);
    QCOMPARE(linearScheduleRate(1.0, 2, 2, 10), 1.0);
    QCOMPARE(linearScheduleRate(1.0, 9, 2, 10), 0.125);
    QCOMPARE(linearScheduleRate(2e-5, 0, 0, 4), 2e-5);
    QCOMPARE(linearScheduleRate(1.0, 12, 2, 10), 0.0);
  }
};

QTEST_GUILESS_MAIN(TestTrainingStep)
#include "test_training_step.moc"
