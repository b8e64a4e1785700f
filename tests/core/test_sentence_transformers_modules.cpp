// sentence-transformers modules around the encoder: a Dense projection (2_Dense) gives the
// embeddings make_fixtures.py computed independently, survives save and `train`; a module
// EmbedLab does not run is refused by name; prompts and default_prompt_name round-trip and stand
// in for instructions that were not given.
#include <QtTest/QtTest>

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/common/error.h"
#include "core/model/embedding_model.h"
#include "core/model/sentence_transformers_metadata.h"
#include "tests/support/cli.h"
#include "tests/support/errors.h"
#include "tests/support/files.h"

using namespace embedlab;
using namespace embedlab::model;

namespace {

const std::filesystem::path kDense = EMBEDLAB_SOURCE_DIR "/tests/data/pytorch-checkpoints/dense";
const std::filesystem::path kDemo = EMBEDLAB_SOURCE_DIR "/resources/demo";

nlohmann::json readJson(const std::filesystem::path& file) {
  std::ifstream in(file);
  return nlohmann::json::parse(in);
}

float largestDifference(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.size() != b.size()) return 1e9f;
  float largest = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    largest = std::max(largest, std::abs(a[i] - b[i]));
  return largest;
}

/// `train` from the dense fixture on the demo's first 16 queries into `folder`/run, with
/// `extra` arguments.
test::ProcessRun trainDense(const test::TempFolder& folder, const QStringList& extra) {
  std::ifstream demo(kDemo / "train.jsonl");
  std::string lines, line;
  for (int i = 0; i < 16 && std::getline(demo, line); ++i)
    lines += line + "\n";
  test::writeFile(folder / "train.jsonl", lines);
  return test::cli(QStringList{"--no-history", "train", "--model_name_or_path", test::path(kDense),
                               "--train_data", test::path(folder / "train.jsonl"), "--output_dir",
                               test::path(folder / "run"), "--per_device_train_batch_size", "4",
                               "--train_group_size", "2", "--passage_max_len", "32", "--progress",
                               "none"} +
                   extra);
}

}  // namespace

class TestSentenceTransformersModules : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void denseModuleGivesTheIndependentEmbeddings() {
    const nlohmann::json expected = readJson(kDense / "expected.json");
    const auto texts = expected.at("texts").get<std::vector<std::string>>();
    std::vector<float> rows;
    for (const auto& row : expected.at("embeddings"))
      for (const auto& value : row)
        rows.push_back(value.get<float>());
    const EmbeddingModel model = EmbeddingModel::load(kDense);
    QCOMPARE(model.dimension(), std::size_t{8});  // the Dense layer's out_features, not 16
    const std::vector<float> embeddings = model.encode(texts);
    QVERIFY2(largestDifference(embeddings, rows) < 1e-5f,
             qPrintable(QString::number(largestDifference(embeddings, rows))));
  }

  void denseModuleSurvivesSaving() {
    test::TempFolder folder;
    const EmbeddingModel model = EmbeddingModel::load(kDense);
    model.save(folder / "saved");
    const nlohmann::json modules = readJson(folder / "saved" / "modules.json");
    QCOMPARE(modules.size(), std::size_t{4});
    QCOMPARE(modules[2]["type"].get<std::string>(),
             std::string("sentence_transformers.models.Dense"));
    QCOMPARE(modules[2]["path"].get<std::string>(), std::string("2_Dense"));
    QCOMPARE(modules[3]["type"].get<std::string>(),
             std::string("sentence_transformers.models.Normalize"));
    QCOMPARE(readJson(folder / "saved" / "2_Dense" / "config.json"),
             readJson(kDense / "2_Dense" / "config.json"));
    QVERIFY(std::filesystem::is_regular_file(folder / "saved" / "2_Dense" / "model.safetensors"));
    const std::vector<std::string> texts = {"a dog ran", "hello world"};
    QCOMPARE(EmbeddingModel::load(folder / "saved").encode(texts), model.encode(texts));
  }

  void trainingKeepsAndTrainsTheDenseLayer() {
    test::TempFolder folder;
    const auto run =
        trainDense(folder, {"--max_steps", "3", "--learning_rate", "1e-2", "--save_steps", "0"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const EmbeddingModel tuned = EmbeddingModel::load(folder / "run");
    QCOMPARE(tuned.dimension(), std::size_t{8});
    // The Dense weights were trained: the base saved the same way holds other bytes.
    const EmbeddingModel base = EmbeddingModel::load(kDense);
    base.save(folder / "base");
    QVERIFY(test::readFile(folder / "base" / "2_Dense" / "model.safetensors") !=
            test::readFile(folder / "run" / "2_Dense" / "model.safetensors"));
  }

  void anUnknownModuleIsRefusedByName() {
    test::TempFolder folder;
    std::filesystem::copy(kDense, folder / "m", std::filesystem::copy_options::recursive);
    nlohmann::json modules = readJson(folder / "m" / "modules.json");
    modules.insert(modules.begin() + 3,
                   nlohmann::json::object({{"idx", 3},
                                           {"name", "3"},
                                           {"path", "3_LayerNorm"},
                                           {"type", "sentence_transformers.models.LayerNorm"}}));
    test::writeFile(folder / "m" / "modules.json", modules.dump());
    const std::string error = test::errorOf([&] { EmbeddingModel::load(folder / "m"); });
    QVERIFY2(error.find("sentence_transformers.models.LayerNorm, which EmbedLab does not run") !=
                 std::string::npos,
             error.c_str());
    // An activation it does not know is refused too.
    std::filesystem::copy(kDense, folder / "a", std::filesystem::copy_options::recursive);
    test::writeFile(folder / "a" / "2_Dense" / "config.json",
                    R"({"in_features": 16, "out_features": 8, "bias": true,
                        "activation_function": "torch.nn.modules.activation.Softsign"})");
    const std::string activation = test::errorOf([&] { EmbeddingModel::load(folder / "a"); });
    QVERIFY2(activation.find("Softsign") != std::string::npos, activation.c_str());
  }

  void promptsAndDefaultPromptNameRoundTrip() {
    test::TempFolder folder;
    std::filesystem::copy(kDense, folder / "m", std::filesystem::copy_options::recursive);
    nlohmann::json config = readJson(folder / "m" / "config_sentence_transformers.json");
    config["default_prompt_name"] = "passage";
    test::writeFile(folder / "m" / "config_sentence_transformers.json", config.dump());
    EmbeddingModel model = EmbeddingModel::load(folder / "m");
    QCOMPARE(model.prompts().at("query"), std::string("query : "));
    QCOMPARE(model.defaultPromptName(), std::string("passage"));
    model.save(folder / "saved");
    const EmbeddingModel again = EmbeddingModel::load(folder / "saved");
    QCOMPARE(again.prompts(), model.prompts());
    QCOMPARE(again.defaultPromptName(), std::string("passage"));
    QCOMPARE(readJson(folder / "saved" / "config_sentence_transformers.json")["default_prompt_name"]
                 .get<std::string>(),
             std::string("passage"));
  }

  void jobsUseTheModelsPromptsWhenGivenNoInstructions() {
    test::TempFolder folder;
    // eval: the dense fixture's prompts ("query : ", "passage : ") are the instructions.
    auto run = test::cli({"--no-history", "eval", "--model", test::path(kDense), "--data",
                          test::path(kDemo / "dev"), "--max_len", "32", "--no_cache", "--progress",
                          "none", "--output", test::path(folder / "eval.json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const nlohmann::json result = readJson(folder / "eval.json")["results"][0];
    QCOMPARE(result["query_instruction"].get<std::string>(), std::string("query : "));
    QCOMPARE(result["passage_instruction"].get<std::string>(), std::string("passage : "));
    // train: an instruction given is trained with and saved as the prompt; the one not given
    // is the model's prompt, saved unchanged.
    run = trainDense(folder, {"--max_steps", "1", "--query_instruction_for_retrieval", "a : "});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.err.contains("--passage_instruction is the model's sentence-transformers prompt"),
             qPrintable(run.err));
    const nlohmann::json prompts =
        readJson(folder / "run" / "config_sentence_transformers.json")["prompts"];
    QCOMPARE(prompts["query"].get<std::string>(), std::string("a : "));
    QCOMPARE(prompts["passage"].get<std::string>(), std::string("passage : "));
  }

  void promptsStandInForMissingInstructions() {
    const std::map<std::string, std::string> prompts = {
        {"query", "q: "}, {"document", "d: "}, {"other", "o: "}};
    QCOMPARE(promptFor(prompts, "", PromptRole::Query), std::string("q: "));
    QCOMPARE(promptFor(prompts, "", PromptRole::Passage), std::string("d: "));
    QCOMPARE(promptFor({{"passage", "p: "}, {"document", "d: "}}, "", PromptRole::Passage),
             std::string("p: "));
    QCOMPARE(promptFor({{"other", "o: "}}, "other", PromptRole::Passage), std::string("o: "));
    QCOMPARE(promptFor({{"other", "o: "}}, "", PromptRole::Query), std::string());
  }
};

QTEST_GUILESS_MAIN(TestSentenceTransformersModules)
#include "test_sentence_transformers_modules.moc"
