// Mining pays: on the demo workspace, a tiny model warmed up on random negatives is trained one
// more epoch (3 negatives per query) either on random negatives again or on hard negatives it
// mined itself (with the positive-aware margin against false negatives). The mined run must reach a
// higher dev MRR@10 with the same training budget. Slow (about 40 seconds on two cores).
#include <QtTest/QtTest>

#include "core/data/eval_set.h"
#include "core/data/training_data.h"
#include "core/eval/retrieval_evaluator.h"
#include "core/mine/candidate_search.h"
#include "core/mine/negative_selection.h"
#include "core/model/embedding_model.h"
#include "core/train/trainer.h"
#include "tests/support/files.h"
#include "tests/support/model_folders.h"

using namespace embedlab;

namespace {

const std::filesystem::path kDemo = EMBEDLAB_SOURCE_DIR "/resources/demo";

double devMrrAt10(const std::filesystem::path& modelFolder) {
  const EvalSet dev = loadBeirEvalSet(kDemo / "dev", "test");
  const model::EmbeddingModel model = model::EmbeddingModel::load(modelFolder);
  eval::RetrievalEvalOptions options;
  options.k = 10;
  options.passageMaxLength = 64;
  options.queryMaxLength = 32;
  options.metrics.mrr = {10};
  options.metrics.recall = {10};
  options.metrics.ndcg = {10};
  options.metrics.map = {10};
  const eval::RetrievalEvaluator evaluator(model, dev, options);
  return evaluator.run("").metrics.value("MRR@10");
}

train::TrainingOptions oneEpoch(const std::filesystem::path& model,
                                const std::filesystem::path& data,
                                const std::filesystem::path& output, int groupSize) {
  train::TrainingOptions options;
  options.modelNameOrPath = model.string();
  options.trainData = {data.string()};
  options.outputDir = output.string();
  options.perDeviceTrainBatchSize = 32;
  options.trainGroupSize = groupSize;
  options.queryMaxLen = 32;
  options.passageMaxLen = 64;
  options.learningRate = 1e-3;
  options.warmupRatio = 0.1;
  options.numTrainEpochs = 1;
  options.temperature = 0.05;
  options.loggingSteps = 20;
  options.saveSteps = 0;
  options.seed = 11;
  return options;
}

}  // namespace

class TestMineDemo : public QObject {
  Q_OBJECT

 private slots:
  void minedNegativesBeatRandomOnesAtTheSameBudget() {
    test::TempFolder folder;
    test::makeDemoSizedModel(folder / "untrained");
    const auto train = kDemo / "train.jsonl";
    QCOMPARE(train::runTraining(oneEpoch(folder / "untrained", train, folder / "warm", 2)).status,
             train::TrainingStatus::Finished);

    // Mine with the warmed-up model: ranks 2-100 of the 3 000 training passages, 15 per query,
    // dropping candidates above 95% of the positive's score.
    std::vector<TrainingExample> examples = readTrainingData(train);
    const model::EmbeddingModel warm = model::EmbeddingModel::load(folder / "warm");
    mine::CandidateSearchOptions search;
    search.depth = 100;
    search.maxLength = 64;
    search.batchSize = 128;
    const mine::CandidateSearch found =
        mine::searchCandidates(warm, examples, mine::candidateTexts(examples, nullptr), search);
    mine::SelectionOptions selection;
    selection.rangeStart = 2;
    selection.rangeEnd = 100;
    selection.negativeNumber = 15;
    selection.relativeMargin = 0.05;
    const mine::Selection chosen = mine::selectNegatives(found, examples, selection);
    qInfo("mining: %llu candidates in range, %llu dropped by the margin, %zu queries short",
          static_cast<unsigned long long>(chosen.statistics.candidatesInRange),
          static_cast<unsigned long long>(chosen.statistics.droppedByRelativeMargin),
          chosen.statistics.queriesShort);
    // Some queries have many near-duplicates above the margin; the trainer tiles their few.
    QVERIFY(chosen.statistics.queriesShort < examples.size() / 5);
    mine::applySelection(examples, found, chosen, mine::ScoreFields::Negatives);
    writeTrainingData(folder / "mined.jsonl", examples);

    QCOMPARE(train::runTraining(oneEpoch(folder / "warm", train, folder / "random", 4)).status,
             train::TrainingStatus::Finished);
    QCOMPARE(
        train::runTraining(oneEpoch(folder / "warm", folder / "mined.jsonl", folder / "mined", 4))
            .status,
        train::TrainingStatus::Finished);

    const double warmMrr = devMrrAt10(folder / "warm");
    const double randomMrr = devMrrAt10(folder / "random");
    const double minedMrr = devMrrAt10(folder / "mined");
    qInfo(
        "dev MRR@10: warm-up %.4f; one more epoch with random negatives %.4f, with mined "
        "negatives %.4f",
        warmMrr, randomMrr, minedMrr);
    QVERIFY2(minedMrr > randomMrr,
             qPrintable(QString("mined %1 <= random %2").arg(minedMrr).arg(randomMrr)));
  }
};

QTEST_GUILESS_MAIN(TestMineDemo)
#include "test_mine_demo.moc"
