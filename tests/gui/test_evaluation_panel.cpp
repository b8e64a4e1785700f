// The Evaluation panel, offscreen: two tiny models on the demo dev set through embedlab-cli eval;
// the metrics table holds both with the best of each column in bold, the same numbers as the
// CLI's JSON; the query-by-query view sorts by gain or loss and shows the relevant document.
#include <QtTest/QtTest>

#include <QHeaderView>

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTableWidget>

#include <qcustomplot.h>
#include <nlohmann/json.hpp>

#include "tests/support/files.h"
#include "tests/support/model_folders.h"
#include "tests/support/process.h"
#include "widgets/evaluation_panel.h"
#include "widgets/merge_sweep_view.h"

using namespace embedlab;
using widgets::EvaluationPanel;

namespace {

const std::filesystem::path kDemo = EMBEDLAB_SOURCE_DIR "/resources/demo";

int rankOf(const QTableWidgetItem* item) {
  return item->text().toInt();  // 0 for "not in the top k"
}

}  // namespace

class TestEvaluationPanel : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { qputenv("EMBEDLAB_CLI", EMBEDLAB_CLI_PATH); }

  void comparesTwoModelsQueryByQuery() {
    test::TempFolder workspace;
    test::makeTinyModel(workspace / "models/a", model::Pooling::Mean, 1);
    test::makeTinyModel(workspace / "models/b", model::Pooling::Mean, 2);
    std::filesystem::copy(kDemo / "dev", workspace / "dev",
                          std::filesystem::copy_options::recursive);
    EvaluationPanel panel;
    panel.resize(1400, 800);
    panel.setWorkspace(workspace.path());
    panel.bm25()->setChecked(false);  // two models alone (the BM25 row: the next test)
    panel.show();
    QSignalSpy evaluated(&panel, &EvaluationPanel::evaluated);
    panel.run();
    QVERIFY(evaluated.wait(180000));
    QVERIFY2(evaluated.first().at(0).toString().isEmpty(),
             qPrintable(evaluated.first().at(0).toString()));

    // A row per metric, in the CLI's order (MRR first), a column per model.
    QTableWidget* metrics = panel.metricsTable();
    QCOMPARE(metrics->columnCount(), 3);
    QCOMPARE(metrics->horizontalHeaderItem(1)->text(), QString("a"));
    QCOMPARE(metrics->horizontalHeaderItem(2)->text(), QString("b"));
    QCOMPARE(metrics->item(0, 0)->text(), QString("MRR@1"));
    int mrrRow = -1;
    for (int r = 0; r < metrics->rowCount(); ++r) {
      if (metrics->item(r, 0)->text() == "MRR@10") mrrRow = r;
    }
    QCOMPARE(mrrRow, 1);
    const double a = metrics->item(mrrRow, 1)->text().toDouble();
    const double b = metrics->item(mrrRow, 2)->text().toDouble();
    QVERIFY(a > 0 && b > 0);
    QCOMPARE(metrics->item(mrrRow, a >= b ? 1 : 2)->font().bold(), true);
    if (a != b) QCOMPARE(metrics->item(mrrRow, a >= b ? 2 : 1)->font().bold(), false);
    // Every metric in sight without scrolling.
    QVERIFY2(metrics->verticalHeader()->length() <= metrics->viewport()->height(),
             qPrintable(QString("%1 > %2")
                            .arg(metrics->verticalHeader()->length())
                            .arg(metrics->viewport()->height())));

    // 500 queries, "b against a", biggest gains first: the change never rises down the table.
    QTableWidget* queries = panel.perQueryTable();
    QCOMPARE(queries->rowCount(), 500);
    QCOMPARE(panel.firstModel()->currentText(), QString("a"));
    QCOMPARE(panel.secondModel()->currentText(), QString("b"));
    const auto gainAt = [&](int row) {
      const int before = rankOf(queries->item(row, 0));
      const int after = rankOf(queries->item(row, 1));
      return (before > 0 ? before : 1000000) - (after > 0 ? after : 1000000);
    };
    QVERIFY(gainAt(0) >= gainAt(250));
    QVERIFY(gainAt(250) >= gainAt(499));
    panel.order()->setCurrentIndex(1);  // biggest losses first
    QVERIFY(gainAt(0) <= gainAt(499));

    // The selected query with its relevant document, once the set is read.
    queries->setCurrentCell(0, 0);
    QTRY_VERIFY(!panel.queryDetail()->toPlainText().contains("reading the evaluation set"));
    const QString detail = panel.queryDetail()->toPlainText();
    QVERIFY2(detail.contains("Relevant:\n[") && detail.contains(queries->item(0, 3)->text()),
             qPrintable(detail));
    if (const char* shot = std::getenv("EMBEDLAB_SCREENSHOT_DIR"))
      panel.grab().save(QString(shot) + "/evaluation-panel.png");
  }

  void comparesWithAndWithoutTheInstruction() {
    test::TempFolder workspace;
    test::makeTinyModel(workspace / "models/a", model::Pooling::Mean, 1);
    std::filesystem::copy(kDemo / "dev", workspace / "dev",
                          std::filesystem::copy_options::recursive);
    EvaluationPanel panel;
    panel.setWorkspace(workspace.path());
    panel.instruction()->setText("query: ");
    panel.compareInstruction()->setChecked(true);
    QSignalSpy evaluated(&panel, &EvaluationPanel::evaluated);
    panel.run();
    QVERIFY(evaluated.wait(180000));
    QVERIFY2(evaluated.first().at(0).toString().isEmpty(),
             qPrintable(evaluated.first().at(0).toString()));
    QTableWidget* metrics = panel.metricsTable();
    // The model without, then with the instruction, then the BM25 baseline (on by default).
    QCOMPARE(metrics->columnCount(), 4);
    QStringList instructions{metrics->horizontalHeaderItem(1)->toolTip(),
                             metrics->horizontalHeaderItem(2)->toolTip()};
    instructions.sort();
    QCOMPARE(instructions, (QStringList{"Query instruction: none", "Query instruction: query: "}));
    QCOMPARE(metrics->horizontalHeaderItem(3)->text(), QString("BM25"));
    QCOMPARE(metrics->item(1, 0)->text(), QString("MRR@10"));
    // Keyword search is strong on the demo (package names in queries and descriptions).
    QVERIFY2(metrics->item(1, 3)->text().toDouble() > 0.8, qPrintable(metrics->item(1, 3)->text()));
    // The query view compares the two variants (the baseline is offered too).
    QCOMPARE(panel.firstModel()->count(), 3);
    QCOMPARE(panel.secondModel()->currentIndex(), 1);
  }

  void plotsAMergeSweepWithTheChosenWeight() {
    test::TempFolder workspace;
    test::makeTinyModel(workspace / "models/a", model::Pooling::Mean, 1);
    test::makeTinyModel(workspace / "models/b", model::Pooling::Mean, 2);
    std::filesystem::copy(kDemo / "dev", workspace / "dev",
                          std::filesystem::copy_options::recursive);
    const auto merge = test::runProcess(
        EMBEDLAB_CLI_PATH,
        {"--no-history", "merge", "--models",
         QString::fromStdString((workspace / "models/a").string()),
         QString::fromStdString((workspace / "models/b").string()), "--sweep", "0:1:0.5",
         "--eval-set", QString::fromStdString((workspace / "dev").string()), "--general-eval-set",
         QString::fromStdString((workspace / "dev").string()), "--max_len", "48", "--query_max_len",
         "16", "--output", QString::fromStdString((workspace / "models/merged").string())});
    QVERIFY2(merge.exitCode == 0, qPrintable(merge.err));
    EvaluationPanel panel;
    panel.resize(1400, 800);
    panel.setWorkspace(workspace.path());
    panel.show();
    widgets::MergeSweepView* sweep = panel.mergeSweep();
    QVERIFY(sweep->isVisible());
    QCOMPARE(sweep->sweepCount(), 1);
    QCOMPARE(sweep->plot()->graphCount(), 2);  // target and general set
    QCOMPARE(sweep->plot()->graph(0)->dataCount(), 3);
    const auto table =
        nlohmann::json::parse(test::readFile(workspace / "models/merged/merge_sweep.json"));
    QCOMPARE(sweep->chosenWeight(), table.at("chosen_weight").get<double>());
    QCOMPARE(sweep->plot()->itemCount(), 1);  // the chosen weight's line
    if (const char* shot = std::getenv("EMBEDLAB_SCREENSHOT_DIR"))
      panel.grab().save(QString(shot) + "/evaluation-merge-sweep.png");

    // A workspace without sweeps does not show the view.
    test::TempFolder plain;
    test::makeTinyModel(plain / "models/a");
    panel.setWorkspace(plain.path());
    QVERIFY(!sweep->isVisible());
  }

  void saysWhatIsMissing() {
    test::TempFolder workspace;
    EvaluationPanel panel;
    panel.setWorkspace(workspace.path());
    QVERIFY(panel.status()->text().contains("evaluation folder"));
    QSignalSpy evaluated(&panel, &EvaluationPanel::evaluated);
    panel.run();
    QCOMPARE(evaluated.count(), 1);
    QVERIFY(!evaluated.first().at(0).toString().isEmpty());
  }
};

QTEST_MAIN(TestEvaluationPanel)
#include "test_evaluation_panel.moc"
