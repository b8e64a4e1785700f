// core/train's sampling and options: groups are drawn as the reference draws them, the same for
// any number of workers, resumable by (epoch, batch); every batch is full and every query trains
// once per epoch, with deduplication too, whose epochs differ in length; steps map to epochs
// through their own lengths; options round-trip through JSON and impossible values are refused
// before any work.
#include <QtTest/QtTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "core/common/error.h"
#include "core/train/batch_padding.h"
#include "core/train/epoch_schedule.h"
#include "core/train/group_sampler.h"
#include "core/train/instruction_format.h"
#include "core/train/learning_rate_schedule.h"
#include "core/train/training_files.h"
#include "core/train/training_options.h"
#include "tests/support/files.h"

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
    QCOMPARE(sampler.batchCount(0), std::size_t{4});
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
    QCOMPARE(filled.batchCount(0), std::size_t{3});
    QCOMPARE(filled.batch(0, 2).size(), std::size_t{4});
    options.dropLast = true;
    GroupSampler dropped(examples(10, 0), options);
    QCOMPARE(dropped.batchCount(0), std::size_t{2});
    options.globalBatchSize = 64;
    QVERIFY_THROWS_EXCEPTION(UsageError, GroupSampler(examples(10, 0), options).batchCount(0));
  }

  void sameDatasetBatchesHoldOneFileAndTrainEveryQuery() {
    // Three files of 10, 7 and 5 queries (in that order in the examples).
    std::vector<TrainingExample> all = examples(22, 0);
    std::vector<std::size_t> datasets;
    for (std::size_t i = 0; i < all.size(); ++i)
      datasets.push_back(i < 10 ? 0 : i < 17 ? 1 : 2);
    for (const bool deduplicate : {false, true}) {
      SamplerOptions options;
      options.groupSize = 1;
      options.globalBatchSize = 4;
      options.sameDataset = true;
      options.deduplicate = deduplicate;
      GroupSampler sampler(all, options, datasets);
      for (std::uint64_t epoch = 0; epoch < 2; ++epoch) {
        QCOMPARE(sampler.batchCount(epoch), std::size_t{3 + 2 + 2});  // each file's own batches
        std::set<std::size_t> trained;
        std::set<std::size_t> firstFiles;
        for (std::size_t b = 0; b < sampler.batchCount(epoch); ++b) {
          const std::vector<TrainingGroup> batch = sampler.batch(epoch, b);
          QCOMPARE(batch.size(), std::size_t{4});
          std::set<std::size_t> files;
          for (const TrainingGroup& group : batch) {
            files.insert(datasets[group.example]);
            trained.insert(group.example);
          }
          QVERIFY2(files.size() == 1, qPrintable(QString("batch %1 mixes files").arg(b)));
          if (b < 3) firstFiles.insert(*files.begin());
        }
        QCOMPARE(trained.size(), all.size());  // every query once (and some again, as fills)
        QVERIFY(firstFiles.size() > 1);        // the batches of the files are shuffled together
        QCOMPARE(sampler.summary(epoch).queriesTrained, all.size());
      }
    }
    // Without the option, batches mix the files.
    SamplerOptions mixed;
    mixed.groupSize = 1;
    mixed.globalBatchSize = 4;
    GroupSampler sampler(all, mixed, datasets);
    bool mixes = false;
    for (std::size_t b = 0; b < sampler.batchCount(0); ++b) {
      std::set<std::size_t> files;
      for (const TrainingGroup& group : sampler.batch(0, b))
        files.insert(datasets[group.example]);
      mixes = mixes || files.size() > 1;
    }
    QVERIFY(mixes);
  }

  void groupByLengthBatchesSimilarLengthsAndStillTrainsEveryQueryOnce() {
    // 160 queries whose passages are 10 to 999 bytes long, in no order.
    std::vector<TrainingExample> data;
    for (std::size_t i = 0; i < 160; ++i) {
      const std::size_t length = 10 + (i * 367) % 990;
      data.push_back(example("q" + std::to_string(i), {std::string(length, 'p')},
                             {std::string(length / 2, 'n'), std::string(length / 3, 'm')}));
    }
    // What the batches cost: per batch, its size times its longest passage (what it pads to).
    const auto paddedBytes = [](const GroupSampler& sampler, std::uint64_t epoch) {
      std::size_t total = 0;
      for (std::size_t b = 0; b < sampler.batchCount(epoch); ++b) {
        std::size_t longest = 0;
        const std::vector<TrainingGroup> batch = sampler.batch(epoch, b);
        for (const TrainingGroup& group : batch) {
          for (const std::string& passage : group.passages)
            longest = std::max(longest, passage.size());
        }
        total += longest * batch.size();
      }
      return total;
    };
    SamplerOptions options;
    options.groupSize = 3;
    options.globalBatchSize = 8;
    const GroupSampler plain(data, options);
    options.groupByLength = true;
    const GroupSampler grouped(data, options);
    const GroupSampler again(data, options);
    for (std::uint64_t epoch = 0; epoch < 2; ++epoch) {
      QCOMPARE(grouped.batchCount(epoch), plain.batchCount(epoch));
      std::map<std::size_t, int> trained;
      std::vector<std::size_t> longestPositive;  // per batch
      for (std::size_t b = 0; b < grouped.batchCount(epoch); ++b) {
        longestPositive.push_back(0);
        for (const TrainingGroup& group : grouped.batch(epoch, b)) {
          ++trained[group.example];
          longestPositive.back() = std::max(longestPositive.back(), group.passages[0].size());
        }
        QCOMPARE(again.batch(epoch, b)[3].passages, grouped.batch(epoch, b)[3].passages);
      }
      QCOMPARE(trained.size(), data.size());  // every query once
      QVERIFY(std::all_of(trained.begin(), trained.end(),
                          [](const auto& entry) { return entry.second == 1; }));
      QCOMPARE(*std::max_element(longestPositive.begin(), longestPositive.end()),
               longestPositive.front());  // the longest batch first
      QVERIFY(!std::is_sorted(longestPositive.rbegin(), longestPositive.rend()));  // shuffled
      // Sorted within one window of 50 batches (all 20 here): each batch spans ~1/20 of the
      // lengths (expected cost 0.59 of unsorted batches, which pad to near the maximum).
      const std::size_t groupedCost = paddedBytes(grouped, epoch);
      const std::size_t plainCost = paddedBytes(plain, epoch);
      QVERIFY2(
          groupedCost * 10 < plainCost * 7,
          qPrintable(QString("padded bytes %1 grouped, %2 not").arg(groupedCost).arg(plainCost)));
    }
    // Not the same batches in every epoch: the epoch's shuffle decides ties and the batch order.
    QVERIFY(grouped.batch(0, 1)[0].query != grouped.batch(1, 1)[0].query ||
            grouped.batch(0, 2)[0].query != grouped.batch(1, 2)[0].query);
  }

  void trainDataFolderStandsForItsJsonlFiles() {
    test::TempFolder temp;
    const std::filesystem::path folder = temp.path() / "data";
    std::filesystem::create_directories(folder / "nested");
    for (const char* name : {"b.jsonl", "a.jsonl", "notes.txt", "nested/c.jsonl"})
      test::writeFile(folder / name, "");
    QCOMPARE(trainingDataFiles({folder.string(), "other.jsonl"}),
             (std::vector<std::string>{(folder / "a.jsonl").string(), (folder / "b.jsonl").string(),
                                       "other.jsonl"}));
    std::filesystem::create_directories(temp.path() / "empty");
    const std::string error = [&] {
      try {
        trainingDataFiles({(temp.path() / "empty").string()});
      } catch (const UsageError& e) {
        return std::string(e.what());
      }
      return std::string();
    }();
    QVERIFY2(error.find("is a folder without .jsonl files") != std::string::npos, error.c_str());
  }

  void instructionFormatsJoinInstructionAndText() {
    QCOMPARE(parseInstructionFormat("{}{}", "f").apply("Represent: ", "q"),
             std::string("Represent: q"));
    QCOMPARE(parseInstructionFormat("<instruct>{}\\n<query>{}", "f").apply("find", "cats"),
             std::string("<instruct>find\n<query>cats"));
    QCOMPARE(parseInstructionFormat("{{{}}}: {}", "f").apply("i", "t"), std::string("{i}: t"));
    QCOMPARE(parseInstructionFormat("<i>{}<q>{}", "f").apply("", "t"), std::string("t"));
    for (const char* bad : {"{}", "{}{}{}", "{0}{1}", "{}{name}", "{}}{"}) {
      try {
        parseInstructionFormat(bad, "--query_instruction_format");
        QFAIL(bad);
      } catch (const UsageError& error) {
        QVERIFY2(
            std::string(error.what())
                        .find("--query_instruction_format \"" + std::string(bad) + "\"") == 0 &&
                std::string(error.what()).find("exactly two {}") != std::string::npos,
            error.what());
      }
    }
  }

  void paddingRoundsUpToTheMultiple() {
    std::vector<text::Encoding> encodings(2);
    for (int i = 0; i < 13; ++i)
      encodings[0].push(1, "a", {0, 0}, 0, 0, false);
    encodings[1].push(1, "a", {0, 0}, 0, 0, false);
    QCOMPARE(paddedLength(encodings, 0), std::size_t{13});
    QCOMPARE(paddedLength(encodings, 1), std::size_t{13});
    QCOMPARE(paddedLength(encodings, 8), std::size_t{16});
    QCOMPARE(paddedLength(encodings, 13), std::size_t{13});
    text::padEncodings(encodings, 0, paddedLength(encodings, 8));
    QCOMPARE(encodings[1].size(), std::size_t{16});
    QCOMPARE(encodings[0].attentionMask[12], std::int64_t{1});
    QCOMPARE(encodings[0].attentionMask[13], std::int64_t{0});  // the rounding is masked
  }

  void learningRateSchedulesHaveHuggingFacesShapes() {
    // 10 steps, 2 of warm-up, base rate 1.
    const auto rate = [](const char* type, std::int64_t step) {
      return scheduleRate(type, 1.0, step, 2, 10);
    };
    for (const char* type : {"linear", "cosine", "constant_with_warmup"}) {
      QCOMPARE(rate(type, 0), 0.0);
      QCOMPARE(rate(type, 1), 0.5);
      QCOMPARE(rate(type, 2), 1.0);
    }
    QCOMPARE(rate("linear", 6), 0.5);
    QCOMPARE(rate("linear", 10), 0.0);
    QVERIFY(std::abs(rate("cosine", 4) - 0.5 * (1 + std::cos(M_PI * 0.25))) < 1e-12);
    QVERIFY(std::abs(rate("cosine", 6) - 0.5) < 1e-12);
    QVERIFY(std::abs(rate("cosine", 8) - 0.5 * (1 + std::cos(M_PI * 0.75))) < 1e-12);
    QVERIFY(std::abs(rate("cosine", 10)) < 1e-12);
    for (const std::int64_t step : {0, 1, 5, 9})
      QCOMPARE(rate("constant", step), 1.0);  // no warm-up
    for (const std::int64_t step : {2, 5, 9})
      QCOMPARE(rate("constant_with_warmup", step), 1.0);
    for (std::int64_t step = 0; step <= 10; ++step)
      QCOMPARE(rate("linear", step), linearScheduleRate(1.0, step, 2, 10));
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
      for (std::size_t b = 0; b < sampler.batchCount(0); ++b) {
        int shared = 0;
        for (const TrainingGroup& group : sampler.batch(0, b))
          shared += group.passages[0] == "shared";
        QVERIFY(shared <= 1);
      }
    }
  }

  void deduplicatedEpochsAreFullAndTrainEveryQueryOnce() {
    // Texts shared between queries (positives in threes, negatives in sevens): with
    // deduplication each epoch's shuffle packs its batches differently. Every batch must still
    // hold the whole global batch (equal, non-empty slices for the workers), every query must
    // train in every epoch, and only fills may repeat a query.
    std::vector<TrainingExample> data;
    for (int i = 0; i < 45; ++i) {
      data.push_back(example("q" + std::to_string(i), {"shared positive " + std::to_string(i / 3)},
                             {"shared negative " + std::to_string(i % 7),
                              "n" + std::to_string(i) + "a", "n" + std::to_string(i) + "b"}));
    }
    SamplerOptions options;
    options.groupSize = 3;
    options.globalBatchSize = 6;
    options.deduplicate = true;
    GroupSampler sampler(data, options);
    std::set<std::size_t> counts;
    for (std::uint64_t epoch = 0; epoch < 6; ++epoch) {
      const EpochPlanSummary summary = sampler.summary(epoch);
      counts.insert(sampler.batchCount(epoch));
      std::map<std::size_t, int> trained;
      for (std::size_t b = 0; b < sampler.batchCount(epoch); ++b) {
        const auto batch = sampler.batch(epoch, b);
        QCOMPARE(batch.size(), std::size_t{6});
        std::set<std::string> texts;
        std::size_t passages = 0;
        for (const TrainingGroup& group : batch) {
          ++trained[group.example];
          texts.insert(group.passages.begin(), group.passages.end());
          passages += group.passages.size();
        }
        QCOMPARE(texts.size(), passages);  // no text twice in a batch
      }
      QCOMPARE(trained.size(), data.size());  // every query, every epoch
      int repeats = 0;
      for (const auto& [example, times] : trained)
        repeats += times - 1;
      QCOMPARE(static_cast<std::size_t>(repeats), summary.repeats);
      QCOMPARE(summary.queriesTrained, data.size());
      QCOMPARE(summary.clashingFills, std::size_t{0});
      QCOMPARE(summary.batches * 6, data.size() + summary.repeats);
      QVERIFY(summary.describe(epoch).find("all 45 queries trained once") != std::string::npos);
    }
    QVERIFY2(counts.size() > 1, "the data should give epochs of different lengths");
  }

  void dropLastWithDeduplicationLeavesOutOnlyShortBatches() {
    std::vector<TrainingExample> data;
    for (int i = 0; i < 30; ++i)
      data.push_back(example("q" + std::to_string(i), {"p" + std::to_string(i % 10)}, {"n"}));
    SamplerOptions options;
    options.groupSize = 1;
    options.globalBatchSize = 4;
    options.deduplicate = true;
    options.dropLast = true;
    GroupSampler sampler(data, options);
    const EpochPlanSummary summary = sampler.summary(0);
    QCOMPARE(summary.queriesTrained + summary.dropped, data.size());
    QCOMPARE(summary.repeats, std::size_t{0});
    std::set<std::size_t> trained;
    for (std::size_t b = 0; b < sampler.batchCount(0); ++b) {
      const auto batch = sampler.batch(0, b);
      QCOMPARE(batch.size(), std::size_t{4});
      for (const TrainingGroup& group : batch)
        QVERIFY(trained.insert(group.example).second);
    }
    QCOMPARE(trained.size(), summary.queriesTrained);
  }

  void aBatchThatCannotAvoidATextStillFills() {
    // Every query has the same positive: deduplication cannot keep batches free of it, and
    // says so instead of making batches of one.
    std::vector<TrainingExample> data;
    for (int i = 0; i < 5; ++i)
      data.push_back(example("q" + std::to_string(i), {"the answer"}, {"n" + std::to_string(i)}));
    SamplerOptions options;
    options.groupSize = 2;
    options.globalBatchSize = 2;
    options.deduplicate = true;
    GroupSampler sampler(data, options);
    QCOMPARE(sampler.batchCount(0), std::size_t{5});
    for (std::size_t b = 0; b < 5; ++b)
      QCOMPARE(sampler.batch(0, b).size(), std::size_t{2});
    QCOMPARE(sampler.summary(0).clashingFills, std::size_t{5});
    QVERIFY(sampler.summary(0).describe(0).find("share a text") != std::string::npos);
  }

  void stepsMapToEpochsOfTheirOwnLength() {
    const std::vector<std::size_t> lengths{3, 5, 4, 4};
    int asked = 0;
    EpochSchedule schedule([&](std::uint64_t epoch) {
      ++asked;
      return lengths.at(epoch);
    });
    QCOMPARE(schedule.stepsFor(1), std::int64_t{3});
    QCOMPARE(schedule.stepsFor(3), std::int64_t{12});
    QCOMPARE(schedule.stepsFor(2.5), std::int64_t{10});  // 3 + 5 + half of 4
    QCOMPARE(schedule.stepsFor(0.1), std::int64_t{1});
    const auto at = [&](std::int64_t step) {
      const auto p = schedule.position(step);
      return std::make_tuple(p.epoch, p.batch, p.batches);
    };
    QCOMPARE(at(0), std::make_tuple(std::uint64_t{0}, std::size_t{0}, std::size_t{3}));
    QCOMPARE(at(2), std::make_tuple(std::uint64_t{0}, std::size_t{2}, std::size_t{3}));
    QCOMPARE(at(3), std::make_tuple(std::uint64_t{1}, std::size_t{0}, std::size_t{5}));
    QCOMPARE(at(7), std::make_tuple(std::uint64_t{1}, std::size_t{4}, std::size_t{5}));
    QCOMPARE(at(8), std::make_tuple(std::uint64_t{2}, std::size_t{0}, std::size_t{4}));
    QCOMPARE(at(15), std::make_tuple(std::uint64_t{3}, std::size_t{3}, std::size_t{4}));
    QCOMPARE(schedule.epochsAfter(2), 1.0);
    QCOMPARE(schedule.epochsAfter(5), 1.6);
    QCOMPARE(asked, 4);  // each epoch's length asked once
  }

  void trainingStepsDoNotReplanEpochs() {
    // The trainer's access pattern: the run's length first, then every step's batch. An epoch
    // is planned when its length is first counted and when its batches are first read, never
    // per step.
    std::vector<TrainingExample> data;
    for (int i = 0; i < 60; ++i)
      data.push_back(example("q" + std::to_string(i), {"p" + std::to_string(i % 20)}, {"n"}));
    SamplerOptions options;
    options.groupSize = 2;
    options.globalBatchSize = 4;
    options.deduplicate = true;
    GroupSampler sampler(data, options);
    EpochSchedule schedule([&](std::uint64_t epoch) { return sampler.batchCount(epoch); });
    const std::int64_t steps = schedule.stepsFor(3);
    for (std::int64_t step = 0; step < steps; ++step) {
      const auto at = schedule.position(step);
      QCOMPARE(sampler.batch(at.epoch, at.batch).size(), std::size_t{4});
    }
    QVERIFY2(sampler.plansMade() <= 6, qPrintable(QString::number(sampler.plansMade())));
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
    QCOMPARE(TrainingOptions::fromJson({{"normalize_embeddings", false}}, "test").normalized,
             false);
    QVERIFY_THROWS_EXCEPTION(UsageError,
                             TrainingOptions::fromJson({{"learning_rat", 1e-5}}, "test"));
    // A value of the wrong type names the file and the option (nlohmann would turn 1 into true).
    for (const nlohmann::json& wrong :
         {nlohmann::json{{"temperature", "cold"}}, nlohmann::json{{"bf16", 1}},
          nlohmann::json{{"train_data", "one.jsonl"}}, nlohmann::json{{"seed", -3}},
          nlohmann::json{{"max_steps", 2.5}}, nlohmann::json{{"normlized", "yes"}}}) {
      try {
        TrainingOptions::fromJson(wrong, "config.json");
        QFAIL(qPrintable(QString::fromStdString(wrong.dump())));
      } catch (const UsageError& error) {
        const std::string message = error.what();
        QVERIFY2(
            message.rfind("config.json: option \"" + wrong.begin().key() + "\" must be", 0) == 0,
            error.what());
      }
    }
    QCOMPARE(TrainingOptions::fromJson({{"max_steps", 8.0}}, "form").maxSteps, std::int64_t{8});
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
    QVERIFY(refused([](TrainingOptions& o) { o.kdLossType = "m3_kd_loss"; }, "--kd_loss_type"));
    QVERIFY(refused([](TrainingOptions& o) { o.teacherTemperature = 0; }, "--teacher_temperature"));
    QVERIFY(refused([](TrainingOptions& o) { o.queryInstructionFormat = "<q>{}"; },
                    "--query_instruction_format \"<q>{}\": it has 1 {}; expected a format"));
    QVERIFY(refused([](TrainingOptions& o) { o.passageInstructionFormat = "{}{}{}"; },
                    "--passage_instruction_format"));
    QVERIFY(refused(
        [](TrainingOptions& o) {
          o.evalData = "dev";
          o.queryInstruction = "find";
          o.queryInstructionFormat = "{}: {}.";
        },
        "must end with the text's {}"));
    QVERIFY(refused([](TrainingOptions& o) { o.gradientAccumulationSteps = 0; },
                    "--gradient_accumulation_steps must be at least 1"));
    QVERIFY(refused([](TrainingOptions& o) { o.padToMultipleOf = -8; }, "--pad_to_multiple_of"));
    QVERIFY(refused([](TrainingOptions& o) { o.lrSchedulerType = "polynomial"; },
                    "--lr_scheduler_type must be linear, cosine"));
    // The reference's spelling of last-token pooling, and ours.
    for (const char* spelling : {"last_token", "lasttoken"}) {
      TrainingOptions lastToken = options;
      lastToken.pooling = spelling;
      validate(lastToken);
    }
  }
};

QTEST_GUILESS_MAIN(TestGroupSampler)
#include "test_group_sampler.moc"
