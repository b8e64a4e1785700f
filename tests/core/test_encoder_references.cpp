// MPNet and ModernBERT against numbers nobody on this project's C++ side computed: the
// independent Python implementation in tools/encoder-references (written from the papers and
// transformers' published modeling code, run with Debian's python3-torch in float64) wrote
// tests/data/reference-mpnet and tests/data/reference-modernbert. The encoders must give its last
// hidden states, its contrastive loss and gradients (one training step), its reranker logits,
// and save folders with every tensor name and config key transformers expects.
#include <torch/torch.h>
#include <QtTest/QtTest>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "core/common/error.h"
#include "core/model/reranker_model.h"
#include "core/model/safetensors.h"
#include "core/model/torch/embedding_model_impl.h"
#include "core/model/torch/mpnet_module.h"
#include "core/model/torch/reranker_model_impl.h"
#include "tests/support/files.h"
#include "tests/support/model_folders.h"
#include "tests/support/safetensors_tensors.h"

using namespace embedlab;
using namespace embedlab::model;
using embedlab::test::readTensors;

namespace {

std::filesystem::path referenceFolder(const std::string& architecture) {
  return test::kTestData / ("reference-" + architecture);
}

nlohmann::json expected(const std::string& architecture) {
  std::ifstream in(referenceFolder(architecture) / "expected.json");
  return nlohmann::json::parse(in);
}

// The tokenizer a model folder of the architecture gets (the reference feeds ids directly; the
// folder needs one to load).
std::filesystem::path tokenizerOf(const std::string& architecture) {
  return test::kTestData / (architecture == "mpnet" ? "mpnet-wordpiece" : "bpe-prefix-space");
}

void copyTokenizer(const std::string& architecture, const std::filesystem::path& folder) {
  for (const auto& entry : std::filesystem::directory_iterator(tokenizerOf(architecture))) {
    if (entry.path().extension() == ".json") {
      std::filesystem::copy_file(entry.path(), folder / entry.path().filename(),
                                 std::filesystem::copy_options::overwrite_existing);
    }
  }
}

// The reference model as a model folder: its config.json and weights, and a tokenizer.
void makeModelFolder(const std::string& architecture, const std::filesystem::path& folder) {
  std::filesystem::create_directories(folder);
  for (const char* file : {"config.json", "model.safetensors"}) {
    std::filesystem::copy_file(referenceFolder(architecture) / file, folder / file,
                               std::filesystem::copy_options::overwrite_existing);
  }
  copyTokenizer(architecture, folder);
}

// The reference reranker as transformers saves ...ForSequenceClassification: the encoder's
// tensors under "mpnet." / "model.", the head's under their own names, num_labels 1.
void makeRerankerFolder(const std::string& architecture, const std::filesystem::path& folder) {
  std::filesystem::create_directories(folder);
  nlohmann::json config;
  std::ifstream(referenceFolder(architecture) / "config.json") >> config;
  const bool mpnet = architecture == "mpnet";
  config["architectures"] = nlohmann::json::array(
      {mpnet ? "MPNetForSequenceClassification" : "ModernBertForSequenceClassification"});
  config["id2label"] = {{"0", "LABEL_0"}};
  config["label2id"] = {{"LABEL_0", 0}};
  std::ofstream(folder / "config.json") << config.dump(2);
  const std::string prefix = mpnet ? "mpnet." : "model.";
  std::vector<TensorData> tensors;
  std::vector<torch::Tensor> keepAlive;
  for (const auto& [name, value] : readTensors(referenceFolder(architecture) / "model.safetensors"))
    tensors.push_back(checkpointTensor(prefix + name, value, DType::F32, keepAlive));
  for (const auto& [name, value] :
       readTensors(referenceFolder(architecture) / "reranker.safetensors"))
    tensors.push_back(checkpointTensor(name, value, DType::F32, keepAlive));
  writeSafetensors(folder / "model.safetensors", std::move(tensors));
  copyTokenizer(architecture, folder);
}

std::map<std::string, torch::Tensor> inputs(const std::string& architecture) {
  return readTensors(referenceFolder(architecture) / "inputs.safetensors");
}

// The reference's loss: scores = q p^T / temperature over all passages, cross-entropy towards
// each query's positive (passage 3i).
torch::Tensor contrastiveLoss(EmbeddingModel::Impl& impl,
                              const std::map<std::string, torch::Tensor>& batch) {
  const torch::Tensor q = impl.embed(batch.at("q_ids"), batch.at("q_mask"));
  const torch::Tensor p = impl.embed(batch.at("p_ids"), batch.at("p_mask"));
  const torch::Tensor scores = torch::matmul(q, p.t()) / 0.02;
  const torch::Tensor targets = torch::arange(q.size(0), torch::kLong) * 3;
  return torch::nn::functional::cross_entropy(scores, targets);
}

std::set<std::string> tensorNames(const std::filesystem::path& file) {
  std::set<std::string> names;
  const SafetensorsFile safetensors(file);
  for (const TensorInfo& info : safetensors.tensors())
    names.insert(info.name);
  return names;
}

std::set<std::string> expectedTensorNames(const nlohmann::json& reference,
                                          const std::string& prefix = {}) {
  std::set<std::string> names;
  for (const auto& name : reference["tensor_names"])
    names.insert(prefix + name.get<std::string>());
  return names;
}

// Config keys transformers' config class expects that `file` lacks ("" when none).
QString missingConfigKeys(const std::filesystem::path& file, const nlohmann::json& reference) {
  nlohmann::json config;
  std::ifstream(file) >> config;
  QStringList missing;
  for (const auto& key : reference["config_keys"]) {
    if (!config.contains(key.get<std::string>()))
      missing << QString::fromStdString(key.get<std::string>());
  }
  return missing.join(", ");
}

void addArchitectures() {
  QTest::addColumn<QString>("architecture");
  QTest::newRow("mpnet") << "mpnet";
  QTest::newRow("modernbert") << "modernbert";
}

}  // namespace

class TestEncoderReferences : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void hiddenStatesMatch_data() { addArchitectures(); }
  void hiddenStatesMatch() {
    QFETCH(QString, architecture);
    const std::string name = architecture.toStdString();
    test::TempFolder folder;
    makeModelFolder(name, folder.path());
    EmbeddingModel model = EmbeddingModel::load(folder.path());
    QCOMPARE(model.config().modelType, name);
    const auto batch = inputs(name);
    const auto hidden = readTensors(referenceFolder(name) / "hidden.safetensors");
    torch::NoGradGuard noGrad;
    for (const char* which : {"q", "p"}) {
      const torch::Tensor mask = batch.at(std::string(which) + "_mask");
      const torch::Tensor ours =
          model.impl().module->forward(batch.at(std::string(which) + "_ids"), mask);
      // Real tokens only: padded positions feed no pooling (and the eager path's values there
      // are arbitrary).
      const torch::Tensor difference =
          ((ours - hidden.at(std::string(which) + "_hidden")) * mask.unsqueeze(-1)).abs().max();
      qInfo("%s %s: largest difference from the reference %.3g", name.c_str(), which,
            difference.item<double>());
      QVERIFY2(
          difference.item<double>() < 1e-5,
          qPrintable(QString("%1: max difference %2").arg(which).arg(difference.item<double>())));
    }
  }

  void lossAndGradientsMatch_data() {
    QTest::addColumn<QString>("architecture");
    QTest::addColumn<QString>("pooling");
    for (const char* architecture : {"mpnet", "modernbert"}) {
      for (const char* pooling : {"mean", "cls"})
        QTest::newRow(qPrintable(QString("%1 %2").arg(architecture, pooling)))
            << architecture << pooling;
    }
  }
  void lossAndGradientsMatch() {
    QFETCH(QString, architecture);
    QFETCH(QString, pooling);
    const std::string name = architecture.toStdString();
    test::TempFolder folder;
    makeModelFolder(name, folder.path());
    LoadOptions options;
    options.pooling = parsePooling(pooling.toStdString());
    options.normalize = true;
    EmbeddingModel model = EmbeddingModel::load(folder.path(), options);
    const nlohmann::json all = expected(name);
    const nlohmann::json reference = all["poolings"][pooling.toStdString()];
    std::set<std::string> zeroGradient;
    for (const auto& tensor : all["zero_gradient_tensors"])
      zeroGradient.insert(tensor.get<std::string>());

    model.impl().module->train();  // dropout is 0 in these configs
    model.impl().module->zero_grad();
    const torch::Tensor loss = contrastiveLoss(model.impl(), inputs(name));
    loss.backward();
    const double expectedLoss = reference["loss"].get<double>();
    qInfo("loss %.9g, reference %.9g (relative difference %.2g)", loss.item<double>(), expectedLoss,
          std::abs(loss.item<double>() - expectedLoss) / expectedLoss);
    QVERIFY2(std::abs(loss.item<double>() - expectedLoss) <= 1e-5 * expectedLoss,
             qPrintable(QString("loss %1, reference %2")
                            .arg(loss.item<double>(), 0, 'g', 10)
                            .arg(expectedLoss, 0, 'g', 10)));
    const double expectedNorm = reference["grad_norm"].get<double>();
    double squared = 0;
    std::size_t compared = 0;
    for (const auto& item : model.impl().module->named_parameters()) {
      const torch::Tensor gradient = item.value().grad();
      const double norm = gradient.defined() ? gradient.norm().item<double>() : 0.0;
      squared += norm * norm;
      QVERIFY2(reference["grad_norms"].contains(item.key()),
               qPrintable(QString::fromStdString("no reference gradient for " + item.key())));
      const double theirs = reference["grad_norms"][item.key()].get<double>();
      if (zeroGradient.count(item.key()) != 0) {
        // k biases (a constant added to every score of a softmax) and the unused pooler.
        QVERIFY2(norm <= 1e-6 * expectedNorm, qPrintable(QString::fromStdString(item.key())));
        continue;
      }
      QVERIFY2(std::abs(norm - theirs) <= 1e-4 * theirs,
               qPrintable(QString("%1: %2 vs %3")
                              .arg(QString::fromStdString(item.key()))
                              .arg(norm, 0, 'g', 8)
                              .arg(theirs, 0, 'g', 8)));
      ++compared;
    }
    QVERIFY(compared >= 20);
    QVERIFY2(std::abs(std::sqrt(squared) - expectedNorm) <= 1e-4 * expectedNorm,
             qPrintable(QString("%1 vs %2").arg(std::sqrt(squared)).arg(expectedNorm)));
  }

  // Gradient checkpointing recomputes each layer in backward; MPNet's position bias is shared by
  // all layers and must still receive every layer's gradient.
  void gradientCheckpointingKeepsGradients_data() { addArchitectures(); }
  void gradientCheckpointingKeepsGradients() {
    QFETCH(QString, architecture);
    const std::string name = architecture.toStdString();
    test::TempFolder folder;
    makeModelFolder(name, folder.path());
    EmbeddingModel model = EmbeddingModel::load(folder.path());
    const auto batch = inputs(name);
    std::map<std::string, torch::Tensor> plain;
    for (const bool checkpointing : {false, true}) {
      model.impl().module->train();
      model.impl().module->setGradientCheckpointing(checkpointing);
      model.impl().module->zero_grad();
      contrastiveLoss(model.impl(), batch).backward();
      for (const auto& item : model.impl().module->named_parameters()) {
        const torch::Tensor gradient = item.value().grad();
        if (!gradient.defined()) continue;
        if (!checkpointing) {
          plain[item.key()] = gradient.clone();
          continue;
        }
        QVERIFY2(plain.count(item.key()) != 0, qPrintable(QString::fromStdString(item.key())));
        const double difference = (gradient - plain[item.key()]).abs().max().item<double>();
        const double scale = plain[item.key()].abs().max().item<double>();
        QVERIFY2(difference <= 1e-5 * std::max(scale, 1e-3),
                 qPrintable(QString("%1 differs by %2")
                                .arg(QString::fromStdString(item.key()))
                                .arg(difference)));
      }
    }
    if (name == "mpnet") {
      QVERIFY(plain.at("encoder.relative_attention_bias.weight").abs().sum().item<double>() > 0);
    }
  }

  void rerankerLogitsMatch_data() { addArchitectures(); }
  void rerankerLogitsMatch() {
    QFETCH(QString, architecture);
    const std::string name = architecture.toStdString();
    test::TempFolder folder;
    makeRerankerFolder(name, folder.path());
    QVERIFY(RerankerModel::isReranker(folder.path()));
    RerankerModel reranker = RerankerModel::load(folder.path());
    const auto batch = inputs(name);
    BatchTensors tensors;
    tensors.inputIds = batch.at("p_ids");
    tensors.attentionMask = batch.at("p_mask");
    tensors.tokenTypeIds = torch::zeros_like(tensors.inputIds);
    torch::NoGradGuard noGrad;
    const torch::Tensor logits = reranker.impl().logits(tensors);
    const auto theirs = expected(name)["reranker_logits"].get<std::vector<double>>();
    QCOMPARE(logits.size(0), static_cast<std::int64_t>(theirs.size()));
    for (std::size_t i = 0; i < theirs.size(); ++i) {
      const double ours = logits[static_cast<std::int64_t>(i)].item<double>();
      QVERIFY2(std::abs(ours - theirs[i]) < 1e-4,
               qPrintable(QString("row %1: %2 vs %3").arg(i).arg(ours).arg(theirs[i])));
    }
    // Saved as transformers saves it: the same tensor names, loadable again, same logits.
    test::TempFolder saved;
    reranker.save(saved.path());
    QCOMPARE(tensorNames(saved / "model.safetensors"), tensorNames(folder / "model.safetensors"));
    const torch::Tensor again = RerankerModel::load(saved.path()).impl().logits(tensors);
    QVERIFY((again - logits).abs().max().item<double>() < 1e-6);
  }

  void savedFoldersKeepTransformersNames_data() { addArchitectures(); }
  void savedFoldersKeepTransformersNames() {
    QFETCH(QString, architecture);
    const std::string name = architecture.toStdString();
    const nlohmann::json reference = expected(name);
    test::TempFolder folder;
    makeModelFolder(name, folder.path());
    const EmbeddingModel loaded = EmbeddingModel::load(folder.path());
    test::TempFolder saved;
    loaded.save(saved.path());
    QCOMPARE(tensorNames(saved / "model.safetensors"), expectedTensorNames(reference));
    QCOMPARE(missingConfigKeys(saved / "config.json", reference), QString());

    // init-model writes the same layout for the same sizes.
    const EncoderConfig& config = loaded.config();
    RandomModelOptions options;
    options.architecture = name;
    options.layers = config.numHiddenLayers;
    options.hidden = config.hiddenSize;
    options.heads = config.numAttentionHeads;
    options.intermediate = config.intermediateSize;
    options.pooler = name == "mpnet";  // MPNetModel has a pooler; the fixture keeps it
    test::TempFolder created;
    EmbeddingModel::createRandom(options, tokenizerOf(name)).save(created.path());
    QCOMPARE(tensorNames(created / "model.safetensors"), expectedTensorNames(reference));
    QCOMPARE(missingConfigKeys(created / "config.json", reference), QString());
    const EmbeddingModel reloaded = EmbeddingModel::load(created.path());
    QCOMPARE(reloaded.config().modelType, name);
    QCOMPARE(reloaded.encode({"a short text"}).size(), static_cast<std::size_t>(config.hiddenSize));
  }

  // transformers 5 writes ModernBERT's layer kinds and rotary bases as layer_types and
  // rope_parameters; both forms describe the same network.
  void modernBertConfigForms() {
    nlohmann::json legacy;
    std::ifstream(referenceFolder("modernbert") / "config.json") >> legacy;
    const EncoderConfig old = EncoderConfig::fromJson(legacy, "legacy");
    QCOMPARE(old.localLayers, (std::vector<bool>{false, true, true, false}));
    nlohmann::json modern = legacy;
    for (const char* key : {"global_rope_theta", "local_rope_theta", "global_attn_every_n_layers"})
      modern.erase(key);
    modern["layer_types"] = nlohmann::json::array(
        {"full_attention", "sliding_attention", "sliding_attention", "full_attention"});
    modern["rope_parameters"] = {
        {"full_attention", {{"rope_type", "default"}, {"rope_theta", 160000.0}}},
        {"sliding_attention", {{"rope_type", "default"}, {"rope_theta", 10000.0}}}};
    const EncoderConfig now = EncoderConfig::fromJson(modern, "modern");
    QCOMPARE(now.localLayers, old.localLayers);
    QCOMPARE(now.globalRopeTheta, old.globalRopeTheta);
    QCOMPARE(now.localRopeTheta, old.localRopeTheta);
    // Written back in the form it was read in.
    QVERIFY(now.toJson().contains("rope_parameters"));
    QVERIFY(!now.toJson().contains("global_rope_theta"));
    modern["rope_parameters"]["sliding_attention"]["rope_type"] = "yarn";
    QVERIFY_THROWS_EXCEPTION(InputError, EncoderConfig::fromJson(modern, "yarn"));
  }

  // MPNet's buckets at the distances where float32 rounding decides them (16, 32, 64), and the
  // reference's whole table.
  void mpnetBucketsMatchTheReference() {
    const nlohmann::json table = expected("mpnet")["relative_buckets_for_distance_key_minus_query"];
    std::vector<std::int64_t> distances;
    std::vector<std::int64_t> buckets;
    for (const auto& [distance, bucket] : table.items()) {
      distances.push_back(std::stoll(distance));
      buckets.push_back(bucket.get<std::int64_t>());
    }
    QVERIFY(distances.size() >= 79);  // -39 ... 39
    const torch::Tensor ours =
        relativePositionBucket(torch::tensor(distances, torch::kLong)).contiguous();
    for (std::size_t i = 0; i < distances.size(); ++i)
      QCOMPARE(ours[static_cast<std::int64_t>(i)].item<std::int64_t>(), buckets[i]);
  }

  void unsupportedArchitecturesAreNamed() {
    nlohmann::json config = {{"model_type", "deberta-v2"}};
    try {
      EncoderConfig::fromJson(config, "config.json");
      QFAIL("no error");
    } catch (const InputError& error) {
      const QString message = error.what();
      QVERIFY2(message.contains("deberta-v2") && message.contains("mpnet") &&
                   message.contains("modernbert"),
               qPrintable(message));
    }
  }
};

QTEST_GUILESS_MAIN(TestEncoderReferences)
#include "test_encoder_references.moc"
