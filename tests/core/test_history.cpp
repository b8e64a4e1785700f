// The experiment history: every query on a database the test fills, user text stored as given,
// the schema version, a writer process and a reader at once, and a writer killed with SIGKILL in
// the middle of its inserts leaving a consistent database with the run marked interrupted.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <QtTest/QtTest>

#include <sqlite3.h>

#include "core/store/history.h"
#include "core/store/history_schema.h"
#include "core/store/run_comparison.h"
#include "core/store/run_recorder.h"
#include "core/store/run_transfer.h"
#include "core/store/sqlite_database.h"
#include "tests/support/errors.h"
#include "tests/support/files.h"

using namespace embedlab;
using namespace embedlab::store;

namespace {

NewRun trainRun(const std::string& name, double startedAt) {
  NewRun run;
  run.kind = "train";
  run.name = name;
  run.options = {{"temperature", 0.02}, {"learning_rate", 1e-5}};
  run.inputs = {{"train.jsonl", "abc123"}};
  run.outputPath = "runs/" + name;
  run.parentModel = "bge-small";
  run.startedAt = startedAt;
  return run;
}

std::string pragma(const std::filesystem::path& path, const char* sql) {
  SqliteDatabase database(path);
  Statement query(database, sql);
  return query.step() ? query.text(0) : std::string();
}

}  // namespace

class TestHistory : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void createsTheSchemaInWalModeWithItsVersion() {
    test::TempFolder folder;
    const auto path = folder / "sub" / "history.sqlite";
    { History history(path); }
    QVERIFY(std::filesystem::exists(path));
    QCOMPARE(pragma(path, "PRAGMA user_version"), std::to_string(History::schemaVersion()));
    QCOMPARE(pragma(path, "PRAGMA journal_mode"), std::string("wal"));
    QCOMPARE(pragma(path, "PRAGMA integrity_check"), std::string("ok"));
    QVERIFY(History::defaultPath().string().find("embedlab/history.sqlite") != std::string::npos);
  }

  void refusesADatabaseFromANewerEmbedLab() {
    test::TempFolder folder;
    const auto path = folder / "history.sqlite";
    {
      SqliteDatabase database(path);
      database.setUserVersion(History::schemaVersion() + 1);
    }
    const std::string message = test::errorOf([&] { History history(path); });
    QVERIFY2(message.find("newer than this EmbedLab") != std::string::npos, message.c_str());
  }

  void recordsARunWithEverythingItSays() {
    test::TempFolder folder;
    History history(folder / "h.sqlite");
    NewRun started = trainRun("it's \"quoted\"; DROP TABLE runs; --", 1000);
    started.tags = {"baseline"};
    const std::int64_t id = history.startRun(started);
    Run run = history.run(id);
    QCOMPARE(run.name, started.name);  // user text is bound, never spliced into SQL
    QCOMPARE(run.kind, std::string("train"));
    QCOMPARE(run.status, RunStatus::Running);
    QCOMPARE(run.startedAt, 1000.0);
    QCOMPARE(run.pid, static_cast<std::int64_t>(getpid()));
    QVERIFY(!run.host.empty() && !run.version.empty());
    QCOMPARE(run.options["temperature"].get<double>(), 0.02);
    QCOMPARE(run.inputs.size(), std::size_t{1});
    QCOMPARE(run.inputs[0].contentHash, std::string("abc123"));
    QCOMPARE(run.parentModel, std::string("bge-small"));
    QCOMPARE(run.tags, std::vector<std::string>{"baseline"});

    history.addMetrics(id, {{10, "loss", 2.0}, {20, "loss", 1.5}, {10, "learning_rate", 1e-5}});
    history.addMetrics(id, {{20, "loss", 1.25}});  // a repeated point replaces the old one
    history.addHistograms(
        id, {{10, "positives", -1, 1, {1, 2, 3}}, {20, "positives", -1, 1, {0, 5, 1}}});
    history.addEvalResults(id, {{"runs/x", "dev", "MRR@10", 0.4}});
    history.setSummary(id, "mining_statistics", {{"queries", 3}});
    history.finishRun(id, RunStatus::Finished);

    run = history.run(id);
    QCOMPARE(run.status, RunStatus::Finished);
    QVERIFY(run.endedAt.has_value());
    QCOMPARE(history.metricNames(id), (std::vector<std::string>{"learning_rate", "loss"}));
    const auto loss = history.metricSeries(id, "loss");
    QCOMPARE(loss.size(), std::size_t{2});
    QCOMPARE(loss[1].second, 1.25);
    const auto finals = history.finalMetrics(id);
    QCOMPARE(finals.at("loss"), 1.25);
    QCOMPARE(finals.at("learning_rate"), 1e-5);
    QCOMPARE(finals.at("dev/MRR@10"), 0.4);
    QCOMPARE(history.histograms(id, "positives").size(), std::size_t{2});
    QCOMPARE(history.histograms(id)[1].counts, (std::vector<std::uint64_t>{0, 5, 1}));
    QCOMPARE(history.summaries(id)["mining_statistics"]["queries"].get<int>(), 3);
  }

  void listsAndFiltersNewestFirst() {
    test::TempFolder folder;
    History history(folder / "h.sqlite");
    const auto a = history.startRun(trainRun("a", 100));
    const auto b = history.startRun(trainRun("b", 200));
    NewRun mine = trainRun("c", 300);
    mine.kind = "mine";
    const auto c = history.startRun(mine);
    history.finishRun(a, RunStatus::Finished);
    history.finishRun(b, RunStatus::Failed, "out of memory");
    history.addTag(b, "lr-sweep");
    history.addTag(b, "lr-sweep");  // once is enough
    history.addTag(c, "lr-sweep");

    auto ids = [](const std::vector<Run>& runs) {
      std::vector<std::int64_t> result;
      for (const Run& run : runs)
        result.push_back(run.id);
      return result;
    };
    QCOMPARE(ids(history.listRuns()), (std::vector<std::int64_t>{c, b, a}));
    RunFilter filter;
    filter.kind = "train";
    QCOMPARE(ids(history.listRuns(filter)), (std::vector<std::int64_t>{b, a}));
    filter.status = RunStatus::Failed;
    QCOMPARE(ids(history.listRuns(filter)), (std::vector<std::int64_t>{b}));
    QCOMPARE(history.listRuns(filter)[0].error, std::string("out of memory"));
    RunFilter tagged;
    tagged.tag = "lr-sweep";
    QCOMPARE(ids(history.listRuns(tagged)), (std::vector<std::int64_t>{c, b}));
    QCOMPARE(history.listRuns(tagged)[1].tags, std::vector<std::string>{"lr-sweep"});
    RunFilter recent;
    recent.since = 150;
    recent.limit = 1;
    QCOMPARE(ids(history.listRuns(recent)), (std::vector<std::int64_t>{c}));

    history.removeTag(b, "lr-sweep");
    QCOMPARE(ids(history.listRuns(tagged)), (std::vector<std::int64_t>{c}));
    history.setNote(a, "baseline, λ = 0.1 — keep");
    QCOMPARE(history.run(a).notes, std::string("baseline, λ = 0.1 — keep"));
  }

  void deletingARunRemovesWhatItRecorded() {
    test::TempFolder folder;
    History history(folder / "h.sqlite");
    const auto id = history.startRun(trainRun("gone", 1));
    history.addMetrics(id, {{1, "loss", 1}});
    history.addTag(id, "x");
    history.deleteRun(id);
    QVERIFY(!history.findRun(id).has_value());
    QVERIFY(history.metricSeries(id, "loss").empty());
    QCOMPARE(pragma(folder / "h.sqlite", "SELECT COUNT(*) FROM run_tags"), std::string("0"));
    const std::string message = test::errorOf([&] { history.deleteRun(id); });
    QVERIFY2(message.find("no run") != std::string::npos, message.c_str());
  }

  void comparesOptionsAndMarksTheBestMetric() {
    Run a, b;
    a.options = {{"temperature", 0.02}, {"seed", 1}, {"nested", {{"x", 1}}}};
    b.options = {{"temperature", 0.05}, {"seed", 1}, {"extra", true}};
    const std::vector<OptionRow> rows = compareOptions({a, b});
    std::map<std::string, OptionRow> byName;
    for (const OptionRow& row : rows)
      byName[row.name] = row;
    QCOMPARE(rows.size(), std::size_t{4});  // extra, nested.x, seed, temperature
    QVERIFY(byName.at("temperature").differs);
    QVERIFY(!byName.at("seed").differs);
    QVERIFY(byName.at("extra").differs);
    QCOMPARE(byName.at("nested.x").values, (std::vector<std::string>{"1", ""}));

    const std::vector<MetricRow> metrics = compareMetrics(
        {{{"loss", 0.5}, {"dev/MRR@10", 0.4}, {"learning_rate", 1e-5}, {"dev/Recall@1", 0.2}},
         {{"loss", 0.7}, {"dev/MRR@10", 0.45}, {"learning_rate", 2e-5}, {"dev/Recall@1", 0.2}},
         {{"loss", 0.6}}});
    std::map<std::string, MetricRow> metric;
    for (const MetricRow& row : metrics)
      metric[row.name] = row;
    QCOMPARE(metric.at("loss").best.value(), std::size_t{0});        // lower is better
    QCOMPARE(metric.at("dev/MRR@10").best.value(), std::size_t{1});  // higher is better
    QVERIFY(!metric.at("learning_rate").best.has_value());           // no direction
    QVERIFY(!metric.at("dev/Recall@1").best.has_value());            // a tie
    QVERIFY(!metric.at("dev/MRR@10").values[2].has_value());
  }

  void exportsCsvWithQuotedText() {
    test::TempFolder folder;
    History history(folder / "h.sqlite");
    NewRun started = trainRun("r", 1);
    started.kind = "eval";
    const auto id = history.startRun(started);
    history.addMetrics(id, {{3, "loss", 0.25}});
    history.addEvalResults(id, {{"model, \"quoted\"", "dev", "MRR@10", 0.5}});
    const std::string csv = exportRunCsv(history, id);
    QCOMPARE(csv, std::string("run_id,kind,step,name,value,model,dataset\n" + std::to_string(id) +
                              ",eval,3,loss,0.25,,\n" + std::to_string(id) +
                              ",eval,,MRR@10,0.5,\"model, \"\"quoted\"\"\",dev\n"));
    const nlohmann::json json = exportRunJson(history, id);
    QCOMPARE(json["run"]["kind"].get<std::string>(), std::string("eval"));
    QCOMPARE(json["metrics"]["loss"][0][1].get<double>(), 0.25);
  }

  void splitsATrainingRecordIntoMetricsAndHistograms() {
    const nlohmann::json record = nlohmann::json::parse(R"({
      "step": 50, "total_steps": 94, "loss": 2.5, "learning_rate": 0.001, "epoch": 0.5,
      "similarities": {"bin_range": [-1.0, 1.0],
        "positives": {"bins": [0, 2, 1], "count": 3, "mean": 0.6},
        "hard_negatives": {"bins": [1, 1, 0], "count": 2, "mean": 0.1}}})");
    std::vector<MetricPoint> points;
    std::vector<HistogramRecord> histograms;
    splitTrainingRecord(record, points, histograms);
    std::map<std::string, double> byName;
    for (const MetricPoint& point : points) {
      QCOMPARE(point.step, std::int64_t{50});
      byName[point.name] = point.value;
    }
    QCOMPARE(byName.size(), std::size_t{5});  // loss, learning_rate, epoch, two means
    QCOMPARE(byName.at("positives_mean"), 0.6);
    QCOMPARE(histograms.size(), std::size_t{2});
    QCOMPARE(histograms[1].kind, std::string("positives"));
    QCOMPARE(histograms[1].low, -1.0);
  }

  void contentHashFollowsTheContent() {
    test::TempFolder folder;
    const auto file = test::writeFile(folder / "a.jsonl", "one\n");
    const std::string before = contentHash(file);
    QCOMPARE(before.size(), std::size_t{16});
    test::writeFile(folder / "a.jsonl", "two\n");
    QVERIFY(contentHash(file) != before);
    test::writeFile(folder / "model" / "config.json", "{}");
    const std::string model = contentHash(folder / "model");
    test::writeFile(folder / "model" / "1_Pooling" / "config.json", "{}");
    QVERIFY(contentHash(folder / "model") != model);
    QVERIFY(contentHash(folder / "missing").empty());
  }

  void aRecorderDestroyedWithoutFinishingRecordsAFailure() {
    test::TempFolder folder;
    std::int64_t id = 0;
    {
      RunRecorder recorder(folder / "h.sqlite", trainRun("r", 5));
      id = recorder.id();
      recorder.addTrainingRecord({{"step", 1}, {"loss", 3.0}});
      recorder.addMetric(2, "loss", 2.0);
    }
    History history(folder / "h.sqlite");
    QCOMPARE(history.run(id).status, RunStatus::Failed);
    QCOMPARE(history.metricSeries(id, "loss").size(), std::size_t{2});  // flushed at the end
  }

  void aDeadWritersRunIsInterruptedAndItsCommittedRowsAreKept() {
    test::TempFolder folder;
    const auto path = folder / "h.sqlite";
    { History create(path); }
    int pipeFds[2];
    QCOMPARE(pipe(pipeFds), 0);
    const pid_t child = fork();
    if (child == 0) {
      // The writer: batches of 100 points, each in one transaction, then "committed N".
      close(pipeFds[0]);
      History history(path);
      const std::int64_t id = history.startRun(trainRun("killed", 7));
      for (std::int64_t batch = 0;; ++batch) {
        std::vector<MetricPoint> points;
        for (std::int64_t i = 0; i < 100; ++i)
          points.push_back(
              {batch * 100 + i, "loss", 1.0 / static_cast<double>(batch * 100 + i + 1)});
        history.addMetrics(id, points);
        const std::string line =
            std::to_string(id) + " " + std::to_string((batch + 1) * 100) + "\n";
        if (write(pipeFds[1], line.data(), line.size()) < 0) _exit(1);
      }
    }
    close(pipeFds[1]);
    // The reader, at the same time: read runs and series while the writer commits.
    FILE* reports = fdopen(pipeFds[0], "r");
    long long run = 0, committed = 0;
    std::size_t reads = 0;
    History reader(path);
    while (committed < 3000 && std::fscanf(reports, "%lld %lld", &run, &committed) == 2) {
      const auto series = reader.metricSeries(run, "loss");
      QVERIFY(series.size() % 100 == 0);  // never half a batch
      QVERIFY(static_cast<long long>(series.size()) >= committed);
      ++reads;
    }
    QVERIFY(reader.run(run).status == RunStatus::Running);  // its process still lives
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    // Batches reported after the last read may have committed too.
    while (std::fscanf(reports, "%lld %lld", &run, &committed) == 2) {
    }
    std::fclose(reports);
    QVERIFY(WIFSIGNALED(status));
    QVERIFY(reads > 10);

    History after(path);  // opening marks the dead run
    QCOMPARE(pragma(path, "PRAGMA integrity_check"), std::string("ok"));
    const Run killed = after.run(run);
    QCOMPARE(killed.status, RunStatus::Interrupted);
    QVERIFY(!killed.error.empty());
    const auto series = after.metricSeries(run, "loss");
    QVERIFY2(static_cast<long long>(series.size()) >= committed,
             qPrintable(QString("%1 rows, %2 committed").arg(series.size()).arg(committed)));
    QVERIFY(series.size() % 100 == 0);
    for (std::size_t i = 0; i < series.size(); ++i)
      QCOMPARE(series[i].first, static_cast<std::int64_t>(i));
  }

  void aFullDiskIsAClearErrorAndTheDatabaseStaysReadable() {
    test::TempFolder folder;
    const auto path = folder / "h.sqlite";
    History history(path);
    const auto id = history.startRun(trainRun("full", 1));
    history.addMetrics(id, {{0, "loss", 1.0}});
    {
      // Cap the file at its current pages: the next growth fails as a full disk does.
      SqliteDatabase raw(path);
      raw.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    SqliteDatabase capped(path);
    Statement pages(capped, "PRAGMA page_count");
    pages.step();
    capped.execute("PRAGMA max_page_count=" + std::to_string(pages.integer(0)));
    std::vector<MetricPoint> many;
    for (std::int64_t i = 1; i < 20000; ++i)
      many.push_back({i, "loss", 0.5});
    const std::string message = test::errorOf([&] {
      Transaction transaction(capped);
      Statement insert(capped,
                       "INSERT INTO metrics (run_id, name, step, value) VALUES (?, ?, ?, ?)");
      for (const MetricPoint& point : many)
        insert.bind(1, id).bind(2, point.name).bind(3, point.step).bind(4, point.value).run();
      transaction.commit();
    });
    QVERIFY2(message.find("disk is full") != std::string::npos, message.c_str());
    QCOMPARE(history.metricSeries(id, "loss").size(), std::size_t{1});  // rolled back, readable
    QCOMPARE(pragma(path, "PRAGMA integrity_check"), std::string("ok"));
  }
};

QTEST_GUILESS_MAIN(TestHistory)
#include "test_history.moc"
