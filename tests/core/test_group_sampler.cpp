// core/train's sampling and options: groups are drawn as the reference draws them, the same for
// any number of workers, resumable by (epoch, batch); options round-trip through JSON and
// impossible values are refused before any work.
#include <QtTest/QtTest>

#include <set>

#include "core/common/error.h"
#include "core/train/group_sampler.h"
#include "core/train/training_options.h"

using namespace embedlab;
using namespace embedlab::train;

namespace {

TrainingExample example(std::string query, std::vector<std::string> pos,
                        std::vector<std::string> neg) {
  TrainingExample e;
  e.query = std::move(query);
  e.positives = std::move(pos);
  e.negatives = std::move(neg);
  return e;
}

std::vector<TrainingExample> examples(std::size_t count, std::size_t negatives) {
  std::vector<TrainingExample> result;
  for (std::size_t i = 0; i < count; ++i) {
    std::vector<std::string> neg;
    for (std::size_t k = 0; k < negatives; ++k)
      neg.push_back("neg " + std::to_string(i) + "." + std::to_string(k));
    result.push_back(example("query " + std::to_string(i),
                             {"pos " + std::to_string(i) + ".a", "pos " + std::to_string(i) + ".b"},
                             neg));
  }
  return result;
}

}  // namespace

class TestGroupSampler : public QObject {
  Q_OBJECT

 private slots:
  void groupsHoldAPositiveThenDistinctNegatives() {
    SamplerOptions options;
    options.groupSize = 4;
    options.globalBatchSize = 5;
    GroupSampler sampler(examples(20, 6), options);
    QCOMPARE(sampler.batchesPerEpoch(), std::size_t{4});
    std::set<std::size_t> seen;
    for (std::size_t b = 0; b < 4; ++b) {
      for (const TrainingGroup& group : sampler.batch(0, b)) {
        seen.insert(group.example);
        QCOMPARE(group.passages.size(), std::size_t{4});
        const std::string id = group.query.substr(6);
        QVERIFY(group.passages[0].rfind("pos " + id + ".", 0) == 0);
        const std::set<std::string> negatives(group.passages.begin() + 1, group.passages.end());
        QCOMPARE(negatives.size(), std::size_t{3});  // without replacement
        for (const std::string& n : negatives)
          QVERIFY(n.rfind("neg " + id + ".", 0) == 0);
      }
    }
    QCOMPARE(seen.size(), std::size_t{20});  // every query once per epoch
  }

  void deterministicAndDifferentAcrossEpochs() {
    SamplerOptions options;
    options.groupSize = 3;
    options.globalBatchSize = 4;
    GroupSampler a(examples(12, 5), options);
    GroupSampler b(examples(12, 5), options);
    QCOMPARE(a.batch(1, 2)[0].passages, b.batch(1, 2)[0].passages);
    QVERIFY(a.batch(0, 0)[0].query != a.batch(1, 0)[0].query ||
            a.batch(0, 0)[0].passages != a.batch(1, 0)[0].passages);
    options.seed = 7;
    GroupSampler c(examples(12, 5), options);
    bool different = false;
    for (std::size_t i = 0; i < 3; ++i)
      different = different || c.batch(0, i)[0].query != a.batch(0, i)[0].query;
    QVERIFY(different);
  }

  void tooFewNegativesAreTiled() {
    SamplerOptions options;
    options.groupSize = 6;  // 5 negatives from 2
    options.globalBatchSize = 1;
    GroupSampler sampler({example("q", {"p"}, {"n1", "n2"})}, options);
    const auto group = sampler.batch(0, 0)[0];
    QCOMPARE(group.passages.size(), std::size_t{6});
    QCOMPARE(std::count(group.passages.begin(), group.passages.end(), std::string("n1")) +
                 std::count(group.passages.begin(), group.passages.end(), std::string("n2")),
             std::ptrdiff_t{5});
  }

  void emptyNegativesComeFromTheCorpusButNeverTheOwnPositives() {
    std::vector<TrainingExample> data = examples(10, 0);
    SamplerOptions options;
    options.groupSize = 5;
    options.globalBatchSize = 10;
    GroupSampler sampler(data, options);
    QCOMPARE(sampler.corpusSize(), std::size_t{20});
    for (const TrainingGroup& group : sampler.batch(0, 0)) {
      const std::string id = group.query.substr(6);
      const std::set<std::string> negatives(group.passages.begin() + 1, group.passages.end());
      QCOMPARE(negatives.size(), std::size_t{4});
      for (const std::string& n : negatives)
        QVERIFY2(n.rfind("pos " + id + ".", 0) != 0, n.c_str());
    }
    options.groupSize = 40;  // more negatives than the corpus has
    QVERIFY_THROWS_EXCEPTION(UsageError, GroupSampler(data, options));
  }

  void workersSeeSlicesOfTheSameGlobalBatch() {
    // One worker with a batch of 8 and two workers with 4 each see the same global batches.
    SamplerOptions options;
    options.groupSize = 2;
    options.globalBatchSize = 8;
    GroupSampler sampler(examples(30, 3), options);
    const auto global = sampler.batch(2, 1);
    QCOMPARE(global.size(), std::size_t{8});
    GroupSampler again(examples(30, 3), options);
    QCOMPARE(again.batch(2, 1)[5].passages, global[5].passages);
  }

  void lastBatchIsFilledOrDropped() {
    SamplerOptions options;
    options.groupSize = 1;
    options.globalBatchSize = 4;
    GroupSampler filled(examples(10, 0), options);
    QCOMPARE(filled.batchesPerEpoch(), std::size_t{3});
    QCOMPARE(filled.batch(0, 2).size(), std::size_t{4});
    options.dropLast = true;
    GroupSampler dropped(examples(10, 0), options);
    QCOMPARE(dropped.batchesPerEpoch(), std::size_t{2});
    options.globalBatchSize = 64;
    QVERIFY_THROWS_EXCEPTION(UsageError, GroupSampler(examples(10, 0), options).batchesPerEpoch());
  }

  void deduplicationKeepsATextOutOfABatchThatHasIt() {
    // Queries 0 and 1 share a positive: with deduplication they never meet in one batch.
    std::vector<TrainingExample> data;
    for (int i = 0; i < 8; ++i)
      data.push_back(example("q" + std::to_string(i), {i < 2 ? "shared" : "p" + std::to_string(i)},
                             {"n" + std::to_string(i)}));
    SamplerOptions options;
    options.groupSize = 2;
    options.globalBatchSize = 4;
    options.deduplicate = true;
    for (std::uint64_t seed = 0; seed < 20; ++seed) {
      options.seed = seed;
      GroupSampler sampler(data, options);
      for (std::size_t b = 0; b < sampler.batchesPerEpoch(); ++b) {
        int shared = 0;
        for (const TrainingGroup& group : sampler.batch(0, b))
          shared += group.passages[0] == "shared";
        QVERIFY(shared <= 1);
      }
    }
  }

  void teacherScoresFollowThePassages() {
    TrainingExample e = example("q", {"p"}, {"a", "b", "c"});
    e.positiveScores = {0.9};
    e.negativeScores = {0.1, 0.2, 0.3};
    SamplerOptions options;
    options.groupSize = 3;
    options.globalBatchSize = 1;
    const auto group = GroupSampler({e}, options).batch(0, 0)[0];
    QCOMPARE(group.teacherScores.size(), std::size_t{3});
    QCOMPARE(group.teacherScores[0], 0.9);
    for (std::size_t k = 1; k < 3; ++k) {
      const double expected = group.passages[k] == "a" ? 0.1 : group.passages[k] == "b" ? 0.2 : 0.3;
      QCOMPARE(group.teacherScores[k], expected);
    }
  }

  void optionsRoundTripThroughJson() {
    TrainingOptions options;
    options.outputDir = "runs/a";
    options.trainData = {"x.jsonl", "y.jsonl"};
    options.temperature = 0.05;
    options.gradCache = true;
    const TrainingOptions back = TrainingOptions::fromJson(options.toJson(), "test");
    QCOMPARE(back.toJson(), options.toJson());
    QCOMPARE(TrainingOptions::fromJson({{"normlized", false}}, "test").normalized, false);
    QVERIFY_THROWS_EXCEPTION(InputError,
                             TrainingOptions::fromJson({{"learning_rat", 1e-5}}, "test"));
    QVERIFY_THROWS_EXCEPTION(InputError,
                             TrainingOptions::fromJson({{"temperature", "cold"}}, "test"));
  }

  void impossibleOptionsAreRefused() {
    TrainingOptions options;
    options.outputDir = "o";
    options.modelNameOrPath = "m";
    options.trainData = {"t"};
    validate(options);
    const auto refused = [&](auto change, const char* fragment) {
      TrainingOptions bad = options;
      change(bad);
      try {
        validate(bad);
      } catch (const UsageError& error) {
        return std::string(error.what()).find(fragment) != std::string::npos;
      }
      return false;
    };
    QVERIFY(
        refused([](TrainingOptions& o) { o.temperature = 0; }, "--temperature must be positive"));
    QVERIFY(refused([](TrainingOptions& o) { o.perDeviceTrainBatchSize = 0; },
                    "--per_device_train_batch_size"));
    QVERIFY(refused([](TrainingOptions& o) { o.trainGroupSize = 0; }, "--train_group_size"));
    QVERIFY(refused([](TrainingOptions& o) { o.fp16 = o.bf16 = true; }, "exclude each other"));
    QVERIFY(refused([](TrainingOptions& o) { o.trainData.clear(); }, "--train_data"));
    QVERIFY(refused([](TrainingOptions& o) { o.pooling = "max"; }, "--sentence_pooling_method"));
  }
};

QTEST_GUILESS_MAIN(TestGroupSampler)
#include "test_group_sampler.moc"
