// The legend row under the plots: entries side by side while they fit the plot's width, on more
// rows when they do not (never cut at the plot's edge), and no row at all while it is empty.
#include <qcustomplot.h>

#include <QtTest>

#include "widgets/plot_legend.h"

using embedlab::widgets::putLegendBelow;

namespace {

void addGraphs(QCustomPlot& plot, const QStringList& names) {
  for (const QString& name : names) {
    QCPGraph* graph = plot.addGraph();
    graph->setName(name);
    graph->setData(QVector<double>{0, 1}, QVector<double>{0, 1});
  }
}

// The legend items' rightmost pixel.
int legendRight(const QCustomPlot& plot) {
  int right = 0;
  for (int i = 0; i < plot.legend->itemCount(); ++i)
    if (const QCPAbstractLegendItem* item = plot.legend->item(i))
      right = std::max(right, item->outerRect().right());
  return right;
}

}  // namespace

class TestPlotLegend : public QObject {
  Q_OBJECT

 private slots:
  void wideEnoughPutsEntriesSideBySide() {
    QCustomPlot plot;
    plot.resize(1200, 400);
    putLegendBelow(&plot);
    addGraphs(plot,
              {"positives (mean 0.61)", "hard negatives (mean 0.12)", "in-batch (mean 0.05)"});
    plot.replot();
    QCOMPARE(plot.legend->rowCount(), 1);
    QCOMPARE(plot.legend->columnCount(), 3);
  }

  void tooNarrowWrapsInsteadOfCutting() {
    QCustomPlot plot;
    plot.resize(420, 400);
    plot.show();  // a hidden widget's resize (and the plot's viewport) waits for its showing
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    putLegendBelow(&plot);
    addGraphs(plot, {"Positive (Mittelwert 0,61)", "schwierige Negative (Mittelwert 0,12)",
                     "In-Batch-Negative (Mittelwert 0,05)"});
    plot.replot();
    QVERIFY2(plot.legend->rowCount() > 1, qPrintable(QString::number(plot.legend->rowCount())));
    QVERIFY2(legendRight(plot) <= plot.width(),
             qPrintable(QStringLiteral("%1 > %2").arg(legendRight(plot)).arg(plot.width())));
    // Widened, the entries go back to one row.
    plot.resize(1400, 400);
    QTRY_COMPARE(plot.viewport().width(), 1400);
    plot.replot();
    QCOMPARE(plot.legend->rowCount(), 1);
  }

  // Three entries in two columns leave an empty cell in the legend's grid; the next replot (every
  // redraw of a live plot) must skip it, and the row goes when the graphs are cleared.
  void aWrappedLegendSurvivesRedrawsAndClearing() {
    QCustomPlot plot;
    plot.resize(560, 400);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    putLegendBelow(&plot);
    addGraphs(plot,
              {"positives (mean 0.61)", "hard negatives (mean 0.12)", "in-batch (mean 0.05)"});
    plot.replot();
    QCOMPARE(plot.legend->columnCount(), 2);
    QVERIFY(plot.legend->itemCount() > plot.graphCount());  // the empty cell is there
    plot.replot();
    plot.replot();
    QCOMPARE(plot.legend->rowCount(), 2);
    plot.clearGraphs();
    plot.replot();
    QCOMPARE(plot.plotLayout()->rowCount(), 1);
    addGraphs(plot, {"loss"});
    plot.replot();
    QCOMPARE(plot.plotLayout()->rowCount(), 2);
  }

  void anEmptyLegendTakesNoRow() {
    QCustomPlot plot;
    plot.resize(600, 400);
    putLegendBelow(&plot);
    plot.replot();
    QCOMPARE(plot.plotLayout()->rowCount(), 1);
    addGraphs(plot, {"loss"});
    plot.replot();
    QCOMPARE(plot.plotLayout()->rowCount(), 2);
  }
};

QTEST_MAIN(TestPlotLegend)
#include "test_plot_legend.moc"
