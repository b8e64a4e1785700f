// The experiment history from the command line: every job records itself (and --no-history
// opts out), a failing job is recorded with its error, a job killed with SIGKILL shows as
// interrupted, and `runs` lists, shows, compares, notes, tags, deletes, exports and imports.
#include <signal.h>
#include <QtTest/QtTest>

#include <nlohmann/json.hpp>

#include "tests/support/cli.h"
#include "tests/support/files.h"
#include "tests/support/model_folders.h"
#include "tests/support/package_set.h"
#include "tests/support/process.h"

using embedlab::test::path;
using embedlab::test::runProcess;

class TestCliRuns : public QObject {
  Q_OBJECT

  QProcessEnvironment environment() const {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("XDG_CACHE_HOME", path(folder_ / "cache"));
    environment.insert("EMBEDLAB_HISTORY_DB", path(folder_ / "history.sqlite"));
    return environment;
  }
  embedlab::test::ProcessRun cli(const QStringList& arguments) {
    return runProcess(EMBEDLAB_CLI_PATH, arguments, environment(), 300000);
  }
  nlohmann::json runs(const QStringList& filters = {}) {
    const auto run = cli(QStringList{"runs", "list", "--format", "json"} + filters);
    if (run.exitCode != 0) qWarning("%s", qPrintable(run.err));
    return nlohmann::json::parse(run.out.toStdString());
  }
  QStringList train(const std::string& output, const QString& temperature) {
    return {"train",
            "--model_name_or_path",
            path(folder_ / "tiny"),
            "--train_data",
            path(folder_ / "train.jsonl"),
            "--output_dir",
            path(folder_ / output),
            "--per_device_train_batch_size",
            "4",
            "--train_group_size",
            "2",
            "--max_steps",
            "3",
            "--logging_steps",
            "1",
            "--save_steps",
            "0",
            "--query_max_len",
            "16",
            "--passage_max_len",
            "32",
            "--temperature",
            temperature,
            "--progress",
            "none"};
  }

 private slots:
  void initTestCase() {
    const auto run = cli(embedlab::test::initTinyModelArguments(folder_ / "tiny", 3));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    embedlab::test::writePackageSet(folder_.path());
  }

  void everyJobRecordsItself() {
    auto run = cli(train("first", "0.05"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli({"mine", "--model_name_or_path", path(folder_ / "first"), "--input_file",
               path(folder_ / "train.jsonl"), "--output_file", path(folder_ / "mined.jsonl"),
               "--range_for_sampling", "1-8", "--negative_number", "3", "--max_len", "32"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli({"eval", "--models", path(folder_ / "tiny"), path(folder_ / "first"), "--data",
               path(folder_ / "beir"), "--max_len", "32", "--k", "10"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli({"threshold", "--model", path(folder_ / "first"), "--pairs",
               path(folder_ / "mined.jsonl"), "--max_len", "32"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    // --no-history (a global option, before or after the subcommand) records nothing.
    run = cli({"--no-history", "eval", "--model", path(folder_ / "tiny"), "--data",
               path(folder_ / "beir"), "--max_len", "32", "--k", "10"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    const nlohmann::json list = runs();
    QCOMPARE(list.size(), std::size_t{4});
    QCOMPARE(list[0]["kind"].get<std::string>(), std::string("threshold"));
    QCOMPARE(list[3]["kind"].get<std::string>(), std::string("train"));
    for (const auto& item : list)
      QCOMPARE(item["status"].get<std::string>(), std::string("finished"));
    QCOMPARE(list[3]["options"]["temperature"].get<double>(), 0.05);
    QCOMPARE(list[3]["parent_model"].get<std::string>(), (folder_ / "tiny").string());
    // Typed options: the range as two numbers (it was the string "1-8").
    QCOMPARE(list[2]["options"]["range_for_sampling"], nlohmann::json({1, 8}));
    QVERIFY(list[2]["options"]["negative_number"].is_number_integer());
    QVERIFY(!list[3]["inputs"][1]["content_hash"].get<std::string>().empty());

    // The training run's metric series, step by step; the evaluation's results.
    const auto trained = nlohmann::json::parse(
        cli({"runs", "export", QString::number(list[3]["id"].get<int>())}).out.toStdString());
    QCOMPARE(trained["metrics"]["loss"].size(), std::size_t{3});
    QCOMPARE(trained["metrics"]["loss"][2][0].get<int>(), 3);
    QVERIFY(!trained["histograms"].empty());
    const auto evaluated = nlohmann::json::parse(
        cli({"runs", "export", QString::number(list[1]["id"].get<int>())}).out.toStdString());
    // Two models x 8 metrics (with --k 10, MRR@100, Recall@100 and R_cap@100 become @10 and
    // merge).
    QCOMPARE(evaluated["eval_results"].size(), std::size_t{2 * 8});
    const auto mined = nlohmann::json::parse(
        cli({"runs", "export", QString::number(list[2]["id"].get<int>())}).out.toStdString());
    QCOMPARE(mined["summaries"]["mining_statistics"]["queries"].get<int>(), 12);
    const QString csv =
        cli({"runs", "export", QString::number(list[1]["id"].get<int>()), "--format", "csv"}).out;
    QVERIFY(csv.startsWith("run_id,kind,step,name,value,model,dataset\n"));
    QVERIFY(csv.contains(",MRR@10,"));

    const QString shown = cli({"runs", "show", QString::number(list[3]["id"].get<int>())}).out;
    QVERIFY2(shown.contains("status    finished") && shown.contains("final metrics:"),
             qPrintable(shown));
  }

  void aFailingJobIsRecordedWithItsError() {
    embedlab::test::writeFile(folder_ / "broken.jsonl",
                              "{\"query\":\"a\",\"pos\":[\"b\"]}\n{\"query\":1}\n");
    const auto run =
        cli({"mine", "--model_name_or_path", path(folder_ / "tiny"), "--input_file",
             path(folder_ / "broken.jsonl"), "--output_file", path(folder_ / "never.jsonl")});
    QCOMPARE(run.exitCode, 1);
    const nlohmann::json failed = runs({"--status", "failed"});
    QCOMPARE(failed.size(), std::size_t{1});
    QVERIFY2(failed[0]["error"].get<std::string>().find("broken.jsonl:2") != std::string::npos,
             failed[0]["error"].dump().c_str());
  }

  void aKilledJobShowsAsInterrupted() {
    QProcess process;
    process.setProcessEnvironment(environment());
    QStringList arguments = train("killed", "0.05");
    arguments[arguments.indexOf("--max_steps") + 1] = "100000";
    process.start(EMBEDLAB_CLI_PATH, arguments);
    QVERIFY(process.waitForStarted());
    // Wait until the run is recorded and has logged a step.
    bool running = false;
    for (int attempt = 0; attempt < 200 && !running; ++attempt) {
      QTest::qWait(100);
      for (const auto& item : runs({"--status", "running"}))
        running = running || item["name"].get<std::string>() == "killed";
    }
    QVERIFY(running);
    kill(static_cast<pid_t>(process.processId()), SIGKILL);
    process.waitForFinished();
    const nlohmann::json interrupted = runs({"--status", "interrupted"});
    QCOMPARE(interrupted.size(), std::size_t{1});
    QCOMPARE(interrupted[0]["name"].get<std::string>(), std::string("killed"));
  }

  void compareNotesTagsAndDeletes() {
    QCOMPARE(cli(train("second", "0.02")).exitCode, 0);
    const nlohmann::json trains = runs({"--kind", "train", "--status", "finished"});
    QCOMPARE(trains.size(), std::size_t{2});
    const QString second = QString::number(trains[0]["id"].get<int>());
    const QString first = QString::number(trains[1]["id"].get<int>());

    const QString all = cli({"runs", "compare", first, second}).out;
    const QString differing = cli({"runs", "compare", first, second, "--diff-only"}).out;
    QVERIFY2(differing.contains("* temperature") && differing.contains("* output_dir"),
             qPrintable(differing));
    QVERIFY(all.contains("seed") && !differing.contains("seed"));
    QVERIFY2(differing.contains("final metric") && differing.contains("loss"),
             qPrintable(differing));
    QCOMPARE(cli({"runs", "compare", first}).exitCode, 2);

    QCOMPARE(cli({"runs", "note", first, "baseline; don't \"touch\""}).exitCode, 0);
    QCOMPARE(cli({"runs", "tag", first, "keep"}).exitCode, 0);
    QCOMPARE(runs({"--tag", "keep"}).size(), std::size_t{1});
    QCOMPARE(runs({"--tag", "keep"})[0]["notes"].get<std::string>(),
             std::string("baseline; don't \"touch\""));
    QCOMPARE(cli({"runs", "tag", first, "keep", "--remove"}).exitCode, 0);
    QCOMPARE(runs({"--tag", "keep"}).size(), std::size_t{0});

    // Delete asks first; with no answer nothing goes.
    auto run = cli({"runs", "delete", second});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(runs({"--kind", "train", "--status", "finished"}).size(), std::size_t{2});
    run = cli({"runs", "delete", second, "--yes"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(std::filesystem::exists(folder_ / "second" / "model.safetensors"));  // files kept
    QCOMPARE(runs({"--kind", "train", "--status", "finished"}).size(), std::size_t{1});
    QCOMPARE(cli({"runs", "delete", first, "--yes", "--with-files"}).exitCode, 0);
    QVERIFY(!std::filesystem::exists(folder_ / "first"));
    QCOMPARE(cli({"runs", "show", "9999"}).exitCode, 2);
  }

  void importsARunFolderOnce() {
    QCOMPARE(cli(QStringList{"--no-history"} + train("elsewhere", "0.05")).exitCode, 0);
    auto run = cli({"runs", "import", path(folder_ / "elsewhere")});
    QVERIFY2(run.exitCode == 0 && run.out.contains("imported as run"), qPrintable(run.out));
    const nlohmann::json imported = runs({"--tag", "imported"});
    QCOMPARE(imported.size(), std::size_t{1});
    QCOMPARE(imported[0]["status"].get<std::string>(), std::string("finished"));
    run = cli({"runs", "export", QString::number(imported[0]["id"].get<int>())});
    QCOMPARE(nlohmann::json::parse(run.out.toStdString())["metrics"]["loss"].size(),
             std::size_t{3});
    run = cli({"runs", "import", path(folder_ / "elsewhere")});
    QVERIFY2(run.out.contains("already in the history"), qPrintable(run.out));
    run = cli({"runs", "import", path(folder_ / "beir")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("training_options.json"), qPrintable(run.err));
  }

 private:
  embedlab::test::TempFolder folder_;
};

QTEST_GUILESS_MAIN(TestCliRuns)
#include "test_cli_runs.moc"
