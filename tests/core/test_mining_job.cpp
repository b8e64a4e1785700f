// The mining job as a typed core job: its options go to JSON and back typed (the range as two
// numbers, unset margins as null), wrong types and unknown names are usage errors naming the
// option, validate() refuses what the CLI refuses, and the preview the Mining panel shows chooses
// exactly the negatives the whole job writes for the sampled queries.
#include <QtTest/QtTest>

#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "core/common/error.h"
#include "core/data/training_data.h"
#include "core/mine/mining_job.h"
#include "core/mine/mining_options.h"
#include "core/mine/mining_preview.h"
#include "core/model/embedding_model.h"
#include "tests/support/errors.h"
#include "tests/support/files.h"
#include "tests/support/model_folders.h"

using namespace embedlab;

namespace {

const std::filesystem::path kDemoTrain = EMBEDLAB_SOURCE_DIR "/resources/demo/train.jsonl";

// The first `lines` lines of the demo's training data.
void copyLines(const std::filesystem::path& to, int lines) {
  std::ifstream in(kDemoTrain);
  std::ofstream out(to);
  std::string line;
  for (int i = 0; i < lines && std::getline(in, line); ++i)
    out << line << '\n';
}

// The message of the UsageError `call` throws ("" when it throws none).
QString usageError(const std::function<void()>& call) {
  const std::string message = test::errorOf(call);
  return message == "(no error)" ? QString() : QString::fromStdString(message);
}

}  // namespace

class TestMiningJob : public QObject {
  Q_OBJECT

 private slots:
  void optionsGoToJsonAndBackTyped() {
    mine::MiningOptions options;
    options.modelNameOrPath = "models/base";
    options.selection.rangeStart = 2;
    options.selection.rangeEnd = 60;
    options.selection.negativeNumber = 7;
    options.selection.sampling = mine::Sampling::Top;
    options.selection.relativeMargin = 0.05;
    options.encoding.maxLength = 64;
    const nlohmann::json json = options.toJson();
    QCOMPARE(json["range_for_sampling"], nlohmann::json({2, 60}));
    QVERIFY(json["negative_number"].is_number_integer());
    QCOMPARE(json["relative_margin"].get<double>(), 0.05);
    QVERIFY(json["absolute_margin"].is_null());
    QCOMPARE(json["sampling"].get<std::string>(), std::string("top"));
    QCOMPARE(json["max_len"].get<int>(), 64);

    const mine::MiningOptions back = mine::MiningOptions::fromJson(json, "test");
    QCOMPARE(back.toJson(), json);
    QVERIFY(!back.selection.absoluteMargin);
    QCOMPARE(*back.selection.relativeMargin, 0.05);

    // The CLI's "A-B" form is read too; a default struct is what an empty object gives.
    const auto fromString = mine::MiningOptions::fromJson({{"range_for_sampling", "3-30"}}, "f");
    QCOMPARE(fromString.selection.rangeStart, std::size_t{3});
    QCOMPARE(fromString.selection.rangeEnd, std::size_t{30});
    QCOMPARE(mine::MiningOptions::fromJson(nlohmann::json::object(), "f").toJson(),
             mine::MiningOptions{}.toJson());
  }

  void badJsonNamesTheOption() {
    QVERIFY(usageError([] {
              mine::MiningOptions::fromJson({{"negative_number", "7"}}, "c.json");
            }).contains("c.json: option \"negative_number\" must be a whole number >= 0"));
    QVERIFY(usageError([] {
              mine::MiningOptions::fromJson({{"range_for_samplin", "2-60"}}, "c.json");
            }).contains("unknown option \"range_for_samplin\""));
    QVERIFY(usageError([] {
              mine::MiningOptions::fromJson({{"range_for_sampling", {1, 2, 3}}}, "c.json");
            }).contains("[A, B]"));
    QVERIFY(usageError([] {
              mine::MiningOptions::fromJson({{"sampling", "best"}}, "c.json");
            }).contains("random or top"));
    QVERIFY(usageError([] {
              mine::MiningOptions::fromJson({{"relative_margin", true}}, "c.json");
            }).contains("must be a number"));
  }

  void validateRefusesWhatTheCliRefuses() {
    mine::MiningOptions options;
    options.modelNameOrPath = "m";
    options.inputFile = "in.jsonl";
    options.outputFile = "out.jsonl";
    mine::validate(options);
    auto refused = [&](auto change, const char* words) {
      mine::MiningOptions changed = options;
      change(changed);
      const QString message = usageError([&] { mine::validate(changed); });
      QVERIFY2(message.contains(words), qPrintable(message));
      if (message.contains("relative_margin") || message.contains("range_for_sampling") ||
          message.contains("absolute_margin") || message.contains("negative_number")) {
        // The selection rules alone (what the preview checks) refuse it too.
        QVERIFY(!usageError([&] { mine::validateSelection(changed.selection); }).isEmpty());
      }
    };
    refused([](auto& o) { o.selection.relativeMargin = 1.0; }, "--relative_margin");
    refused([](auto& o) { o.selection.absoluteMargin = -0.1; }, "--absolute_margin");
    refused([](auto& o) { o.selection.rangeStart = o.selection.rangeEnd; }, "--range_for_sampling");
    refused([](auto& o) { o.selection.negativeNumber = 0; }, "--negative_number");
    refused([](auto& o) { o.writeScores = "all"; }, "--write_scores");
    refused([](auto& o) { o.index = "lsh"; }, "--index");
    refused([](auto& o) { o.encoding.batchSize = 0; }, "--batch_size");
    refused([](auto& o) { o.encoding.int8 = o.encoding.bf16 = true; }, "--int8 excludes");
    refused([](auto& o) { o.outputFile.clear(); }, "--output_file is required");
    refused([](auto& o) { o.searchBatchSize = 0; }, "--search_batch_size must be at least 1");
    refused([](auto& o) { o.queryMaxLength = 1; }, "--embedder_query_max_length must be in");
    refused([](auto& o) { o.passageMaxLength = 100000; }, "--embedder_passage_max_length");
  }

  // The reference's hn_mine flags: the embedder's name, pooling, the query's and the
  // candidates' own lengths, and how many queries each search call takes.
  void referenceFlagsChangeWhatTheyShould() {
    const mine::MiningOptions named = mine::MiningOptions::fromJson(
        {{"embedder_name_or_path", "m/"}, {"embedder_query_max_length", 16}, {"batch_size", 8}},
        "j");
    QCOMPARE(named.modelNameOrPath, std::string("m/"));
    QCOMPARE(named.queryMaxLength.value_or(0), std::size_t{16});
    QVERIFY(!named.passageMaxLength);
    QCOMPARE(named.encoding.batchSize, std::size_t{8});
    QVERIFY(usageError([] {
              mine::MiningOptions::fromJson({{"pooling_method", "max"}}, "j");
            }).contains("pooling_method"));

    test::TempFolder folder;
    test::makeTinyModel(folder / "model");
    copyLines(folder / "train.jsonl", 40);
    const auto mined = [&](const std::function<void(mine::MiningOptions&)>& change) {
      mine::MiningOptions options;
      options.modelNameOrPath = (folder / "model").string();
      options.inputFile = (folder / "train.jsonl").string();
      options.outputFile = (folder / "mined.jsonl").string();
      options.selection.rangeStart = 0;
      options.selection.rangeEnd = 20;
      options.selection.negativeNumber = 3;
      options.encoding.maxLength = 48;
      options.encoding.noCache = true;
      change(options);
      mine::runMining(options);
      return test::readFile(folder / "mined.jsonl");
    };
    const std::string plain = mined([](mine::MiningOptions&) {});
    // FAISS scores a few queries without BLAS: the same negatives, scores equal to rounding.
    const auto negatives = [](const std::string& lines) {
      std::vector<nlohmann::json> chosen;
      std::istringstream in(lines);
      for (std::string line; std::getline(in, line);)
        chosen.push_back(nlohmann::json::parse(line)["neg"]);
      return chosen;
    };
    QCOMPARE(negatives(mined([](mine::MiningOptions& o) { o.searchBatchSize = 1; })),
             negatives(plain));
    QCOMPARE(negatives(mined([](mine::MiningOptions& o) { o.searchBatchSize = 7; })),
             negatives(plain));
    QCOMPARE(mined([](mine::MiningOptions& o) { o.queryMaxLength = 48; }), plain);
    QVERIFY(mined([](mine::MiningOptions& o) { o.pooling = "cls"; }) != plain);
    QVERIFY(mined([](mine::MiningOptions& o) { o.queryMaxLength = 4; }) != plain);
    QVERIFY(mined([](mine::MiningOptions& o) { o.passageMaxLength = 6; }) != plain);
  }

  // What the Mining panel previews for a sample of queries is what "Mine all" writes for them.
  void thePreviewChoosesWhatTheJobWrites() {
    test::TempFolder folder;
    test::makeTinyModel(folder / "model");
    copyLines(folder / "train.jsonl", 300);

    mine::MiningOptions options;
    options.modelNameOrPath = (folder / "model").string();
    options.inputFile = (folder / "train.jsonl").string();
    options.outputFile = (folder / "mined.jsonl").string();
    options.selection.rangeStart = 2;
    options.selection.rangeEnd = 40;
    options.selection.negativeNumber = 5;
    options.selection.seed = 11;
    options.selection.absoluteMargin = 0.001;
    options.encoding.maxLength = 48;
    options.encoding.noCache = true;
    const mine::MiningResult result = mine::runMining(options);
    QCOMPARE(result.linesWritten, std::size_t{300});
    QVERIFY(result.statistics.negativesChosen > 0);
    const std::vector<TrainingExample> written = readTrainingData(options.outputFile);
    std::map<std::size_t, const TrainingExample*> byLine;
    for (const TrainingExample& example : written)
      byLine[example.line] = &example;

    // The panel's preview: the job's encoding settings, a sample of 25 queries.
    const model::EmbeddingModel model = model::EmbeddingModel::load(options.modelNameOrPath);
    mine::PreviewOptions previewOptions;
    previewOptions.sampleSize = 25;
    previewOptions.seed = 3;
    previewOptions.search.maxLength = options.encoding.maxLength;
    const mine::MiningPreview preview =
        mine::buildMiningPreview(model, options.inputFile, {}, previewOptions);
    const mine::Selection selection =
        mine::selectNegatives(preview.search, preview.sample, options.selection);
    QCOMPARE(preview.sample.size(), std::size_t{25});
    std::size_t compared = 0;
    for (std::size_t q = 0; q < preview.sample.size(); ++q) {
      std::vector<std::string> previewed;
      for (const std::size_t candidate : selection.perQuery[q].candidates)
        previewed.push_back(preview.search.candidates[candidate]);
      const TrainingExample* mined = byLine.at(preview.sample[q].line);
      QCOMPARE(mined->query, preview.sample[q].query);
      QCOMPARE(mined->negatives, previewed);
      compared += previewed.size();
    }
    QVERIFY(compared > 25);
  }
};

QTEST_MAIN(TestMiningJob)
#include "test_mining_job.moc"
