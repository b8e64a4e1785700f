// The History panel over a history database the test fills: rows, search and kind filters, tags
// and notes edited in place and stored, live refresh while another writer adds a run, Compare
// with the differing options, the best metric in bold and overlaid curves, and plot export.
#include <QtTest/QtTest>

#include <qcustomplot.h>
#include <QComboBox>
#include <QDateTime>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTableWidget>

#include "core/store/history.h"
#include "tests/support/files.h"
#include "tests/support/marking_translator.h"
#include "widgets/history_panel.h"
#include "widgets/run_comparison_view.h"
#include "widgets/run_table_model.h"

using namespace embedlab;

namespace {

// Seconds since the epoch, `minutes` ago.
double minutesAgo(int minutes) {
  return static_cast<double>(QDateTime::currentSecsSinceEpoch() - 60 * minutes);
}

std::int64_t addTrainRun(store::History& history, const std::string& name, double temperature,
                         double finalLoss, double startedAt) {
  store::NewRun run;
  run.kind = "train";
  run.name = name;
  run.options = {{"temperature", temperature},
                 {"learning_rate", 1e-5},
                 {"seed", 42},
                 {"output_dir", (history.path().parent_path() / "runs" / name).string()}};
  run.startedAt = startedAt;
  const std::int64_t id = history.startRun(run);
  std::vector<store::MetricPoint> loss;
  for (int step = 1; step <= 20; ++step)
    loss.push_back({step, "loss", finalLoss + 2.0 / step});
  history.addMetrics(id, loss);
  history.finishRun(id, store::RunStatus::Finished);
  return id;
}

}  // namespace

class TestHistoryPanel : public QObject {
  Q_OBJECT

 private slots:
  void showsFiltersEditsAndCompares() {
    test::TempFolder folder;
    const auto database = folder / "history.sqlite";
    std::int64_t cold = 0, warm = 0;
    {
      store::History history(database);
      cold = addTrainRun(history, "cold", 0.01, 0.30, minutesAgo(40));
      warm = addTrainRun(history, "warm", 0.05, 0.25, minutesAgo(30));
      store::NewRun eval;
      eval.kind = "eval";
      eval.name = "eval base, best on dev";
      eval.startedAt = minutesAgo(20);
      const auto id = history.startRun(eval);
      history.addEvalResults(id,
                             {{"best", "dev", "MRR@10", 0.41}, {"base", "dev", "MRR@10", 0.14}});
      history.finishRun(id, store::RunStatus::Finished);
    }
    widgets::HistoryPanel panel;
    panel.resize(1200, 800);
    panel.setDatabase(database);
    QCOMPARE(panel.model()->rowCount(), 3);
    QCOMPARE(panel.filter()->rowCount(), 3);
    // Newest first; key metrics in the table.
    const QModelIndex first = panel.filter()->index(0, widgets::RunTableModel::Name);
    QCOMPARE(first.data().toString(), QString("eval base, best on dev"));
    // An evaluation of several models shows each one's figure, in the order they were evaluated
    // (the first model alone hid what the comparison was run for).
    QCOMPARE(panel.filter()->index(0, widgets::RunTableModel::KeyMetrics).data().toString(),
             QString("MRR@10 best 0.41 / base 0.14"));
    QVERIFY(panel.filter()
                ->index(1, widgets::RunTableModel::KeyOptions)
                .data()
                .toString()
                .contains("T 0.05"));

    panel.searchField()->setText("warm");
    QCOMPARE(panel.filter()->rowCount(), 1);
    panel.searchField()->clear();
    panel.kindFilter()->setCurrentIndex(panel.kindFilter()->findData("train"));
    QCOMPARE(panel.filter()->rowCount(), 2);
    panel.kindFilter()->setCurrentIndex(0);

    // Tags and notes are edited in place and land in the database.
    const int coldRow = panel.model()->rowOf(cold);
    QVERIFY(panel.model()->setData(panel.model()->index(coldRow, widgets::RunTableModel::Notes),
                                   "too cold"));
    QVERIFY(panel.model()->setData(panel.model()->index(coldRow, widgets::RunTableModel::Tags),
                                   "sweep, baseline"));
    {
      store::History check(database);
      QCOMPARE(check.run(cold).notes, std::string("too cold"));
      QCOMPARE(check.run(cold).tags, (std::vector<std::string>{"baseline", "sweep"}));
    }
    panel.searchField()->setText("baseline");
    QCOMPARE(panel.filter()->rowCount(), 1);
    panel.searchField()->clear();

    // Another process writes a run: the panel follows within a few seconds.
    {
      store::History writer(database);
      addTrainRun(writer, "late", 0.02, 0.5, minutesAgo(10));
    }
    QTRY_COMPARE_WITH_TIMEOUT(panel.model()->rowCount(), 4, 5000);

    // Compare: differing options only, the best final loss in bold, two curves.
    panel.compareRuns({cold, warm});
    widgets::RunComparisonView* view = panel.comparison();
    QCOMPARE(view->optionsTable()->rowCount(), 2);  // seed and lr are equal
    QCOMPARE(view->optionsTable()->item(0, 0)->text(), QString("output_dir"));
    QCOMPARE(view->optionsTable()->item(1, 0)->text(), QString("temperature"));
    // Paths inside the history's folder read relative to it, without JSON quotes; the tooltip
    // keeps the stored value.
    QCOMPARE(view->optionsTable()->item(0, 1)->text(), QString("runs/cold"));
    QVERIFY(view->optionsTable()->item(0, 1)->toolTip().contains(
        QString::fromStdString((folder / "runs" / "cold").string())));
    view->differencesOnly()->setChecked(false);
    QCOMPARE(view->optionsTable()->rowCount(), 4);
    QCOMPARE(view->metricsTable()->rowCount(), 1);
    QCOMPARE(view->metricsTable()->item(0, 0)->text(), QString("loss"));
    QVERIFY(!view->metricsTable()->item(0, 1)->font().bold());
    QVERIFY(view->metricsTable()->item(0, 2)->font().bold());  // warm: 0.35 < 0.40
    QCOMPARE(view->metricChooser()->currentText(), QString("loss"));
    QCOMPARE(view->plot()->graphCount(), 2);
    QCOMPARE(view->plot()->graph(0)->data()->size(), 20);
    const auto png = folder / "curves.png";
    QVERIFY(view->exportPlot(QString::fromStdString(png.string())));
    QVERIFY(std::filesystem::file_size(png) > 1000);
    QVERIFY(view->exportPlot(QString::fromStdString((folder / "curves.pdf").string())));
    QVERIFY(std::filesystem::file_size(folder / "curves.pdf") > 1000);
    QVERIFY(view->exportPlot(QString::fromStdString((folder / "curves.svg").string())));
    const std::string svg = test::readFile(folder / "curves.svg");
    QVERIFY(svg.find("<svg") != std::string::npos);
    QVERIFY(svg.find("</svg>") != std::string::npos);

    const QImage image = panel.grab().toImage();
    QVERIFY(!image.isNull());
    if (const char* shot = std::getenv("EMBEDLAB_SCREENSHOT_DIR"))
      image.save(QString(shot) + "/history-panel.png");
  }

  void statusesAndKeyMetricsFollowTheLanguage() {
    // Statuses and key metrics are the interface's text, not the database's words; the status
    // filter still works on the database's names.
    test::TempFolder folder;
    const auto database = folder / "history.sqlite";
    {
      store::History history(database);
      addTrainRun(history, "finished one", 0.02, 0.3, minutesAgo(20));
      store::NewRun mine;
      mine.kind = "mine";
      mine.name = "mined";
      const std::int64_t id = history.startRun(mine);
      history.setSummary(id, "mining_statistics", {{"negatives_chosen", 70}, {"queries_short", 1}});
      history.finishRun(id, store::RunStatus::Stopped);
    }
    widgets::HistoryPanel panel;
    panel.setDatabase(database);
    test::MarkingTranslator marking;
    QCoreApplication::installTranslator(&marking);
    const auto cells = [&](int column) {
      QStringList texts;
      for (int row = 0; row < panel.table()->model()->rowCount(); ++row)
        texts << panel.table()->model()->index(row, column).data().toString();
      texts.sort();
      return texts;
    };
    QTRY_COMPARE(cells(widgets::RunTableModel::Status), (QStringList{"«finished»", "«stopped»"}));
    QTRY_VERIFY2(cells(widgets::RunTableModel::KeyMetrics).join("|").contains("«70 negatives, 1 "),
                 qPrintable(cells(widgets::RunTableModel::KeyMetrics).join("|")));
    QComboBox* status = nullptr;
    for (QComboBox* box : panel.findChildren<QComboBox*>()) {
      if (box->findData("stopped") >= 0) status = box;
    }
    QVERIFY(status != nullptr);
    status->setCurrentIndex(status->findData("stopped"));
    QCOMPARE(panel.table()->model()->rowCount(), 1);
    QCOMPARE(status->currentText(), QString("«stopped»"));
    QCoreApplication::removeTranslator(&marking);
    QTRY_COMPARE(cells(widgets::RunTableModel::Status), QStringList{"stopped"});
  }

  void aThresholdRunShowsItsFitNotAnEvaluation() {
    // Threshold runs keep their fits among the evaluation results; the table shows the fitted
    // threshold and F1 (a table reading only retrieval metrics there showed nothing).
    test::TempFolder folder;
    const auto database = folder / "history.sqlite";
    {
      store::History history(database);
      store::NewRun threshold;
      threshold.kind = "threshold";
      threshold.name = "threshold on pairs.jsonl";
      const std::int64_t id = history.startRun(threshold);
      history.addEvalResults(id, {{"first", "pairs.jsonl", "best_f1_threshold", 0.476},
                                  {"first", "pairs.jsonl", "best_f1_held_out", 0.867}});
      history.finishRun(id, store::RunStatus::Finished);
    }
    widgets::HistoryPanel panel;
    panel.setDatabase(database);
    QCOMPARE(panel.filter()->index(0, widgets::RunTableModel::KeyMetrics).data().toString(),
             QString("threshold 0.476, F1 0.867"));
  }

  // Every kind of run shows its key options: a reranker's training ones (it showed none), and
  // mining's range as the CLI writes it although the history holds it typed ([2, 60]).
  void everyKindShowsItsKeyOptionsAndIsFiltered() {
    test::TempFolder folder;
    const auto database = folder / "history.sqlite";
    {
      store::History history(database);
      store::NewRun reranker;
      reranker.kind = store::runKindName(store::RunKind::TrainReranker);
      reranker.name = "reranker";
      reranker.options = {{"learning_rate", 2e-5}, {"train_group_size", 8}};
      history.finishRun(history.startRun(reranker), store::RunStatus::Finished);
      store::NewRun mine;
      mine.kind = store::runKindName(store::RunKind::Mine);
      mine.name = "mine train.mined.jsonl";
      mine.options = {
          {"range_for_sampling", {2, 60}}, {"negative_number", 7}, {"relative_margin", nullptr}};
      history.finishRun(history.startRun(mine), store::RunStatus::Finished);
    }
    widgets::HistoryPanel panel;
    panel.setDatabase(database);
    QStringList options;
    for (int row = 0; row < panel.filter()->rowCount(); ++row)
      options << panel.filter()->index(row, widgets::RunTableModel::KeyOptions).data().toString();
    QVERIFY2(options.contains("lr 2e-05, G 8"), qPrintable(options.join(" | ")));
    QVERIFY2(options.contains("range 2-60, N 7"), qPrintable(options.join(" | ")));
    // The kind filter offers every kind, train-reranker included, and filters by it.
    QComboBox* kinds = panel.kindFilter();
    QCOMPARE(kinds->count(), 1 + static_cast<int>(std::size(store::kRunKinds)));
    kinds->setCurrentIndex(kinds->findData(QStringLiteral("train-reranker")));
    QCOMPARE(panel.filter()->rowCount(), 1);
  }

  // At 1024 pixels a long run name and option list pushed the key metrics past the table's edge.
  void theKeyMetricsStayInSightBesideLongNames() {
    test::TempFolder folder;
    const auto database = folder / "history.sqlite";
    {
      store::History history(database);
      const std::string longName(90, 'n');
      addTrainRun(history, "eval base, " + longName + " on dev", 0.05, 0.25, minutesAgo(5));
    }
    widgets::HistoryPanel panel;
    panel.resize(1000, 600);
    panel.setDatabase(database);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QTableView* table = panel.table();
    const int metricsLeft = table->columnViewportPosition(widgets::RunTableModel::KeyMetrics);
    QVERIFY2(metricsLeft >= 0 && metricsLeft < table->viewport()->width() * 3 / 4,
             qPrintable(QStringLiteral("key metrics start at %1 of %2")
                            .arg(metricsLeft)
                            .arg(table->viewport()->width())));
    const QModelIndex name = table->model()->index(0, widgets::RunTableModel::Name);
    QVERIFY(!name.data(Qt::ToolTipRole).toString().isEmpty());
    const QModelIndex options = table->model()->index(0, widgets::RunTableModel::KeyOptions);
    QCOMPARE(options.data(Qt::ToolTipRole).toString(), options.data().toString());
  }

  void anUnopenableDatabaseIsShownNotThrown() {
    test::TempFolder folder;
    test::writeFile(folder / "not-a-db.sqlite", std::string(4096, 'x'));
    widgets::HistoryPanel panel;
    panel.setDatabase(folder / "not-a-db.sqlite");
    QCOMPARE(panel.model()->rowCount(), 0);
  }
};

QTEST_MAIN(TestHistoryPanel)
#include "test_history_panel.moc"
