// The README's main job, headless: scripts/demo-pipeline.sh runs init-model, eval, mine, train
// and eval through embedlab-cli on a copy of the demo workspace, prints the before/after table
// with the tuned model ahead, and records every job in the workspace's history. Slow (about a
// minute on two cores).
#include <QtTest/QtTest>

#include <QRegularExpression>

#include "tests/support/files.h"
#include "tests/support/process.h"

using namespace embedlab;

namespace {

// MRR@10 (the second number) of the table row that starts with `model`.
double mrrAt10(const QString& table, const QString& model) {
  const QRegularExpression row(
      "^" + QRegularExpression::escape(model) + "\\s+([0-9.]+)\\s+([0-9.]+)",
      QRegularExpression::MultilineOption);
  const auto match = row.match(table);
  return match.hasMatch() ? match.captured(2).toDouble() : -1;
}

}  // namespace

class TestDemoPipeline : public QObject {
  Q_OBJECT

 private slots:
  void runsEndToEndAndRecordsEveryJob() {
    test::TempFolder folder;
    const auto workspace = folder / "demo workspace";  // a space in the path
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.insert("EMBEDLAB_DEMO_WORKSPACE", QString::fromStdString(workspace.string()));
    environment.insert("EMBEDLAB_CLI", EMBEDLAB_CLI_PATH);
    environment.insert("XDG_CACHE_HOME", QString::fromStdString((folder / "cache").string()));
    const auto run = test::runProcess("bash", {EMBEDLAB_SOURCE_DIR "/scripts/demo-pipeline.sh"},
                                      environment, 900000);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err.right(3000)));

    // The last table compares the base model with the run it trained.
    const qsizetype last = run.out.lastIndexOf("model ");
    QVERIFY(last >= 0);
    const QString table = run.out.mid(last);
    const QRegularExpression tuned("^(demo-\\d{8}-\\d{6})\\s", QRegularExpression::MultilineOption);
    const auto name = tuned.match(table);
    QVERIFY2(name.hasMatch(), qPrintable(table));
    const double before = mrrAt10(table, "base");
    const double after = mrrAt10(table, name.captured(1));
    qInfo("dev MRR@10 %.4f -> %.4f", before, after);
    QVERIFY(before > 0 && before < 0.3);
    QVERIFY2(after > before + 0.15, qPrintable(table));

    // Every job is in the workspace's history.
    QVERIFY(std::filesystem::exists(workspace / "history.sqlite"));
    const auto runs = test::runProcess(
        EMBEDLAB_CLI_PATH,
        {"--db", QString::fromStdString((workspace / "history.sqlite").string()), "runs", "list"});
    QCOMPARE(runs.exitCode, 0);
    QCOMPARE(runs.out.count(QRegularExpression("\\beval\\s+finished")), 2);
    QCOMPARE(runs.out.count(QRegularExpression("\\bmine\\s+finished")), 1);
    QCOMPARE(runs.out.count(QRegularExpression("\\btrain\\s+finished")), 1);
    QVERIFY(std::filesystem::exists(workspace / "models/base/config.json"));
    QVERIFY(std::filesystem::exists(workspace / "train.mined.jsonl"));
    // The tutorial's settings go with the workspace (run.sh --no-demo opens this one in the GUI).
    QVERIFY(std::filesystem::exists(workspace / "embedlab-workspace.json"));
  }

  void pretrainAlsoFineTunesThePretrainedModel() {
    test::TempFolder folder;
    const auto workspace = folder / "workspace";
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.insert("EMBEDLAB_DEMO_WORKSPACE", QString::fromStdString(workspace.string()));
    environment.insert("EMBEDLAB_CLI", EMBEDLAB_CLI_PATH);
    environment.insert("EMBEDLAB_DEMO_PRETRAIN_STEPS", "20");  // the demo's 1000 take minutes
    environment.insert("XDG_CACHE_HOME", QString::fromStdString((folder / "cache").string()));
    const auto run =
        test::runProcess("bash", {EMBEDLAB_SOURCE_DIR "/scripts/demo-pipeline.sh", "--pretrain"},
                         environment, 900000);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err.right(3000)));
    QVERIFY(std::filesystem::exists(workspace / "models/pretrained/config.json"));
    // The last table has the base model, the run tuned from it and the one tuned from the
    // pre-trained model, all measured.
    const QString table = run.out.mid(run.out.lastIndexOf("model "));
    const QRegularExpression tuned("^(demo-\\d{8}-\\d{6})\\s", QRegularExpression::MultilineOption);
    const auto name = tuned.match(table);
    QVERIFY2(name.hasMatch(), qPrintable(table));
    QVERIFY2(mrrAt10(table, name.captured(1) + "-pretrained") > 0, qPrintable(table));
    QVERIFY2(mrrAt10(table, "base") > 0, qPrintable(table));
    QVERIFY(run.err.contains("pretrain: pre-training on") || run.out.contains("1b. pretrain"));
    QVERIFY2(!run.out.contains("unknown argument"), qPrintable(run.out));
    QCOMPARE(
        test::runProcess("bash", {EMBEDLAB_SOURCE_DIR "/scripts/demo-pipeline.sh", "--pretrian"},
                         environment)
            .exitCode,
        2);  // a misspelt option is refused
  }
};

QTEST_GUILESS_MAIN(TestDemoPipeline)
#include "test_demo_pipeline.moc"
