// core/data dataset discovery: what a workspace folder holds, as the GUI lists it.
#include <QtTest/QtTest>

#include "core/data/dataset_discovery.h"
#include "tests/support/files.h"

using namespace embedlab;

class TestDatasetDiscovery : public QObject {
  Q_OBJECT

 private slots:
  void findsFilesAndEvaluationFolders() {
    test::TempFolder folder;
    test::writeFile(folder / "train.jsonl", "{\"query\":\"q\",\"pos\":[\"p\"],\"neg\":[]}\n");
    test::writeFile(folder / "pools/pool.jsonl", "{\"text\":\"t\"}\n");
    test::writeFile(folder / "dev/corpus.jsonl", "{\"_id\":\"d\",\"title\":\"\",\"text\":\"t\"}\n");
    test::writeFile(folder / "dev/queries.jsonl", "{\"_id\":\"q\",\"text\":\"t\"}\n");
    test::writeFile(folder / "dev/qrels/test.tsv", "q\td\t1\n");
    test::writeFile(folder / "notes.txt", "not data");
    test::writeFile(folder / ".hidden/secret.jsonl", "{\"text\":\"t\"}\n");
    test::writeFile(folder / "odd.jsonl", "{\"something\":1}\n");

    const auto entries = discoverDatasets(folder.path());
    QCOMPARE(entries.size(), std::size_t{4});
    QCOMPARE(entries[0].name, std::string("dev"));
    QVERIFY(entries[0].evalFolder);
    QCOMPARE(entries[1].name, std::string("odd.jsonl"));
    QVERIFY(!entries[1].kind.has_value());  // listed; validating it will ask for the kind
    QCOMPARE(entries[2].name, std::string("pools/pool.jsonl"));
    QCOMPARE(*entries[2].kind, DataKind::Pool);
    QCOMPARE(entries[3].name, std::string("train.jsonl"));
    QCOMPARE(*entries[3].kind, DataKind::Training);
  }

  void runOutputsAndModelFoldersAreNotDatasets() {
    // What a user would train or evaluate on, not what jobs wrote: the runs/ folder (job logs,
    // metrics, scores, per-query tables), run folders elsewhere and model folders.
    test::TempFolder folder;
    test::writeFile(folder / "train.mined.jsonl", "{\"query\":\"q\",\"pos\":[\"p\"],\"neg\":[]}\n");
    test::writeFile(folder / "runs/first/job.jsonl", "{\"event\":\"start\"}\n");
    test::writeFile(folder / "runs/first/metrics.jsonl", "{\"step\":1}\n");
    test::writeFile(folder / "runs/threshold-1.scores.jsonl", "{\"score\":0.5}\n");
    test::writeFile(folder / "runs/eval-1.per_query.tsv", "query\tmodel\n");
    test::writeFile(folder / "elsewhere/run/training_options.json", "{}");
    test::writeFile(folder / "elsewhere/run/metrics.jsonl", "{\"step\":1}\n");
    test::writeFile(folder / "models/base/config.json", "{}");
    test::writeFile(folder / "models/base/extra.jsonl", "{\"text\":\"t\"}\n");
    test::writeFile(folder / "data/more/pool.jsonl", "{\"text\":\"t\"}\n");
    const auto entries = discoverDatasets(folder.path());
    QCOMPARE(entries.size(), std::size_t{2});
    QCOMPARE(entries[0].name, std::string("data/more/pool.jsonl"));
    QCOMPARE(entries[1].name, std::string("train.mined.jsonl"));
  }

  void anEvaluationFolderIsItsOwnWorkspace() {
    test::TempFolder folder;
    test::writeFile(folder / "corpus.jsonl", "{\"_id\":\"d\",\"title\":\"\",\"text\":\"t\"}\n");
    test::writeFile(folder / "queries.jsonl", "{\"_id\":\"q\",\"text\":\"t\"}\n");
    const auto entries = discoverDatasets(folder.path());
    QCOMPARE(entries.size(), std::size_t{1});
    QVERIFY(entries[0].evalFolder);
  }

  void missingFolderIsAnError() {
    QVERIFY_THROWS_EXCEPTION(IoError, discoverDatasets("/nonexistent/workspace"));
  }
};

QTEST_GUILESS_MAIN(TestDatasetDiscovery)
#include "test_dataset_discovery.moc"
