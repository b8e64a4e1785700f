// core/data token statistics (the dataset browser's Statistics tab) and core/model model-folder
// discovery, with the real bert-base-uncased tokenizer.
#include <QtTest/QtTest>

#include "core/data/token_statistics.h"
#include "core/model/model_discovery.h"
#include "core/text/tokenizer.h"
#include "tests/support/files.h"

using namespace embedlab;

namespace {

std::filesystem::path tokenizerFolder() {
  return std::filesystem::path(EMBEDLAB_SOURCE_DIR) / "tests/data/bert-base-uncased";
}

}  // namespace

class TestTokenStatistics : public QObject {
  Q_OBJECT

 private slots:
  void countsTokensAsTheModelSeesThem() {
    const text::Tokenizer tokenizer = text::Tokenizer::load(tokenizerFolder());
    test::TempFolder folder;
    // "hello world" is [CLS] hello world [SEP]: 4 tokens; the instruction adds "query :" (2).
    test::writeFile(folder / "train.jsonl",
                    "{\"query\":\"hello world\",\"pos\":[\"a b c\"],\"neg\":[\"d\",\"e f\"]}\n"
                    "not json\n"
                    "\n"
                    "{\"query\":\"hello world\",\"pos\":[\"d\"],\"neg\":[],\"prompt\":\"\"}\n");
    TokenStatisticsOptions options;
    options.queryInstruction = "query: ";
    const TokenStatistics statistics =
        computeTokenStatistics(folder / "train.jsonl", DataKind::Training, tokenizer, options);
    QVERIFY(statistics.complete);
    QCOMPARE(statistics.records, std::uint64_t{2});
    QCOMPARE(statistics.skippedLines, std::uint64_t{1});  // the blank line is not counted
    QCOMPARE(statistics.queryTokens.count(), std::uint64_t{2});
    QCOMPARE(statistics.queryTokens.max(), std::uint64_t{6});  // [CLS] query : hello world [SEP]
    QCOMPARE(statistics.queryTokens.min(), std::uint64_t{4});  // its own empty prompt
    QCOMPARE(statistics.passageTokens.count(), std::uint64_t{4});
    QCOMPARE(statistics.passageTokens.max(), std::uint64_t{5});
    QCOMPARE(statistics.negativesPerQuery.max(), std::uint64_t{2});
    QCOMPARE(statistics.negativesPerQuery.min(), std::uint64_t{0});
    QCOMPARE(statistics.duplicateQueries, std::uint64_t{1});
    QCOMPARE(statistics.duplicatePassages, std::uint64_t{1});  // "d" again
    QCOMPARE(statistics.distinctPassages, std::uint64_t{3});
    QVERIFY(statistics.duplicatesExact);

    // Passages of 5, 3, 4 and 3 tokens.
    QCOMPARE(truncatedShare(statistics.passageTokens, 3), 0.5);
    QCOMPARE(truncatedShare(statistics.passageTokens, 4), 0.25);
    QCOMPARE(truncatedShare(statistics.passageTokens, 5), 0.0);
    QCOMPARE(truncatedShare(IntegerDistribution{}, 5), 0.0);
  }

  void statisticsOfTwoFilesAddUp() {
    TokenStatistics total;
    total.complete = true;
    TokenStatistics queries;
    queries.records = 2;
    queries.complete = true;
    queries.queryTokens.add(5, 2);
    queries.duplicateQueries = 1;
    TokenStatistics corpus;
    corpus.records = 3;
    corpus.passageTokens.add(9, 3);
    corpus.duplicatesExact = false;
    addStatistics(total, queries);
    QVERIFY(total.complete);
    addStatistics(total, corpus);
    QVERIFY(!total.complete);  // the corpus was not read to its end
    QCOMPARE(total.records, std::uint64_t{5});
    QCOMPARE(total.queryTokens.count(), std::uint64_t{2});
    QCOMPARE(total.passageTokens.median(), std::uint64_t{9});
    QCOMPARE(total.duplicateQueries, std::uint64_t{1});
    QVERIFY(!total.duplicatesExact);
  }

  void corpusTitlesCountWithTheirText() {
    const text::Tokenizer tokenizer = text::Tokenizer::load(tokenizerFolder());
    test::TempFolder folder;
    test::writeFile(folder / "corpus.jsonl",
                    "{\"_id\":\"1\",\"title\":\"alpha\",\"text\":\"beta gamma\"}\n"
                    "{\"_id\":\"2\",\"title\":\"\",\"text\":\"beta\"}\n");
    const TokenStatistics statistics =
        computeTokenStatistics(folder / "corpus.jsonl", DataKind::Corpus, tokenizer);
    QCOMPARE(statistics.passageTokens.max(), std::uint64_t{5});
    QCOMPARE(statistics.passageTokens.min(), std::uint64_t{3});
    QVERIFY(statistics.queryTokens.empty());
  }

  void snapshotsArriveWhileReadingAndCancelStops() {
    const text::Tokenizer tokenizer = text::Tokenizer::load(tokenizerFolder());
    test::TempFolder folder;
    std::string lines;
    for (int i = 0; i < 20000; ++i) {
      lines += "{\"text\":\"passage number " + std::to_string(i) + "\"}\n";
    }
    test::writeFile(folder / "pool.jsonl", lines);
    TokenStatisticsOptions options;
    options.snapshotSeconds = 0;
    std::vector<std::uint64_t> seen;
    options.onSnapshot = [&](const TokenStatistics& partial) {
      QVERIFY(!partial.complete);
      seen.push_back(partial.passageTokens.count());
    };
    const TokenStatistics statistics =
        computeTokenStatistics(folder / "pool.jsonl", DataKind::Pool, tokenizer, options);
    QVERIFY(seen.size() > 10);
    QVERIFY(std::is_sorted(seen.begin(), seen.end()));
    QCOMPARE(statistics.passageTokens.count(), std::uint64_t{20000});
    QCOMPARE(statistics.duplicatePassages, std::uint64_t{0});

    // Only 100 distinct texts tracked: duplicates become a lower bound, and say so.
    options.maxTrackedTexts = 100;
    options.onSnapshot = nullptr;
    QVERIFY(!computeTokenStatistics(folder / "pool.jsonl", DataKind::Pool, tokenizer, options)
                 .duplicatesExact);

    CancellationToken cancel;
    cancel.cancel();
    QVERIFY_THROWS_EXCEPTION(
        CancelledError, computeTokenStatistics(folder / "pool.jsonl", DataKind::Pool, tokenizer, {},
                                               nullptr, &cancel));
    QVERIFY_THROWS_EXCEPTION(
        UsageError, computeTokenStatistics(folder / "pool.jsonl", DataKind::Qrels, tokenizer));
  }

  void findsModelFoldersInAWorkspace() {
    test::TempFolder folder;
    test::writeFile(folder / "models/base/tokenizer.json", "{}");
    test::writeFile(folder / "models/base/model.safetensors", "");
    test::writeFile(folder / "models/base/nested/vocab.txt", "x");  // inside a model: not listed
    test::writeFile(folder / "runs/r1/model/vocab.txt", "x");
    test::writeFile(folder / ".cache/m/vocab.txt", "x");
    test::writeFile(folder / "train.jsonl", "{}");
    const auto found = model::discoverModelFolders(folder.path());
    QCOMPARE(found.size(), std::size_t{2});
    QCOMPARE(found[0].name, std::string("models/base"));
    QVERIFY(found[0].hasWeights);
    QCOMPARE(found[1].name, std::string("runs/r1/model"));
    QVERIFY(!found[1].hasWeights);
    QVERIFY(model::hasTokenizer(folder / "runs/r1/model"));
    QVERIFY(!model::hasTokenizer(folder.path()));
  }
};

QTEST_GUILESS_MAIN(TestTokenStatistics)
#include "test_token_statistics.moc"
