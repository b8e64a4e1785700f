// The Statistics tab of the dataset browser, offscreen, on the demo data with the real
// bert-base-uncased tokenizer: counted in the background, the truncation lines follow the limits
// without counting again, an evaluation set counts its queries and its corpus.
#include <QtTest/QtTest>

#include <QSpinBox>

#include <qcustomplot.h>
#include <QComboBox>
#include <QLabel>
#include <QSettings>

#include "core/text/tokenizer.h"
#include "tests/support/files.h"
#include "widgets/token_statistics_view.h"

using namespace embedlab;
using widgets::TokenStatisticsView;

namespace {

const std::filesystem::path kDemo = EMBEDLAB_SOURCE_DIR "/resources/demo";
const std::filesystem::path kTokenizer = EMBEDLAB_SOURCE_DIR "/tests/data/bert-base-uncased";

// The bars of a length plot: [0] kept whole, [1] truncated; their number of bins.
int bins(QCustomPlot* plot, int which) {
  auto* bars = qobject_cast<QCPBars*>(plot->plottable(which));
  return bars == nullptr ? -1 : bars->data()->size();
}

// The passage_max_len box's value.
int passageLimit(const embedlab::widgets::TokenStatisticsView& view) {
  return view.findChild<QSpinBox*>("passageMaxLength")->value();
}

}  // namespace

class TestTokenStatisticsView : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QCoreApplication::setOrganizationName("EmbedLabTests");
    QCoreApplication::setApplicationName("test_token_statistics_view");
    QSettings().clear();
  }

  void countsTheTrainingFileAndMovesTheLimits() {
    TokenStatisticsView view;
    view.resize(1400, 600);
    view.setWorkspace(kDemo);  // no model folder there: a hint, no counting
    QCOMPARE(view.tokenizerChooser()->count(), 1);
    QVERIFY(view.tokenizerChooser()->currentData().toString().isEmpty());
    view.setInputs({{kDemo / "train.jsonl", DataKind::Training}});
    view.setMaxLengths(16, 128);
    view.show();
    QVERIFY(!view.computing());

    QSignalSpy computed(&view, &TokenStatisticsView::computed);
    view.setTokenizerFolder(kTokenizer);
    QVERIFY(view.computing());
    QVERIFY(computed.wait(60000));
    const TokenStatistics& statistics = view.statistics();
    QVERIFY(statistics.complete);
    QCOMPARE(statistics.records, std::uint64_t{3000});
    QCOMPARE(statistics.queryTokens.count(), std::uint64_t{3000});
    QVERIFY(statistics.passageTokens.count() >= 3000);  // a positive or more, no negatives
    QCOMPARE(statistics.negativesPerQuery.max(), std::uint64_t{0});

    // The same counts as the core gives, and the truncated share the label shows.
    const auto tokenizer = text::Tokenizer::load(kTokenizer);
    const TokenStatistics direct =
        computeTokenStatistics(kDemo / "train.jsonl", DataKind::Training, tokenizer);
    QCOMPARE(statistics.passageTokens.counts(), direct.passageTokens.counts());
    QCOMPARE(statistics.duplicateQueries, direct.duplicateQueries);
    const double cut = truncatedShare(direct.passageTokens, 128);
    QVERIFY(cut > 0.01 && cut < 0.99);  // the demo's descriptions straddle 128 tokens
    const QString expected = QLocale().toString(100.0 * cut, 'f', 1) + "%";
    QVERIFY2(view.passageTruncation()->text().contains(expected),
             qPrintable(view.passageTruncation()->text() + " / " + expected));
    QVERIFY(bins(view.passagePlot(), 0) > 0);
    QVERIFY(bins(view.passagePlot(), 1) > 0);  // red bars past 128

    // A limit past the longest passage: nothing truncated, no red bars, no recount.
    const int longest = static_cast<int>(direct.passageTokens.max());
    view.setMaxLengths(16, longest);
    QVERIFY(!view.computing());
    QVERIFY2(view.passageTruncation()->text().contains(QLocale().toString(0.0, 'f', 1) + "%"),
             qPrintable(view.passageTruncation()->text()));
    QCOMPARE(bins(view.passagePlot(), 1), 0);
    QVERIFY(view.summary()->text().contains("3,000") || view.summary()->text().contains("3000"));

    // The limit line is a handle: dragging it sets passage_max_len (the README's tutorial says
    // so); a drag elsewhere pans the plot instead.
    view.setMaxLengths(16, 128);
    QCustomPlot* plot = view.passagePlot();
    const QCPRange before = plot->xAxis->range();
    const auto pixel = [&](double x) {
      return QPoint(static_cast<int>(std::lround(plot->xAxis->coordToPixel(x))),
                    plot->axisRect()->center().y());
    };
    const auto send = [&](QEvent::Type type, QPoint at, Qt::MouseButtons buttons) {
      QMouseEvent event(type, at, plot->mapToGlobal(at),
                        type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton, buttons,
                        Qt::NoModifier);
      QCoreApplication::sendEvent(plot, &event);
    };
    send(QEvent::MouseButtonPress, pixel(128.5), Qt::LeftButton);
    send(QEvent::MouseMove, pixel(96.5), Qt::LeftButton);
    send(QEvent::MouseMove, pixel(64.5), Qt::LeftButton);
    send(QEvent::MouseButtonRelease, pixel(64.5), Qt::NoButton);
    QVERIFY2(view.findChildren<QSpinBox*>().size() >= 2, "the limit boxes");
    const int dragged = view.statistics().passageTokens.empty() ? 0 : passageLimit(view);
    QVERIFY2(std::abs(dragged - 64) <= 2, qPrintable(QString::number(dragged)));
    QCOMPARE(plot->xAxis->range().lower, before.lower);  // not panned
    QVERIFY2(view.passageTruncation()->text().contains(QString("longer than %1").arg(dragged)),
             qPrintable(view.passageTruncation()->text()));

    if (const char* shot = std::getenv("EMBEDLAB_SCREENSHOT_DIR")) {
      view.setMaxLengths(32, 128);
      view.grab().save(QString(shot) + "/statistics.png");
    }
    // The folder is remembered for the next time.
    TokenStatisticsView next;
    next.setWorkspace(kDemo);
    QCOMPARE(next.tokenizerChooser()->currentData().toString(),
             QString::fromStdString(kTokenizer.string()));
  }

  void anEvaluationSetCountsQueriesAndCorpus() {
    TokenStatisticsView view;
    view.setTokenizerFolder(kTokenizer);
    view.setInputs({{kDemo / "dev/queries.jsonl", DataKind::Queries},
                    {kDemo / "dev/corpus.jsonl", DataKind::Corpus}});
    QSignalSpy computed(&view, &TokenStatisticsView::computed);
    view.show();
    QVERIFY(computed.wait(60000));
    QCOMPARE(view.statistics().records, std::uint64_t{2508});
    QCOMPARE(view.statistics().queryTokens.count(), std::uint64_t{500});
    QCOMPARE(view.statistics().passageTokens.count(), std::uint64_t{2008});
    QVERIFY(view.statistics().negativesPerQuery.empty());
  }

  void aTokenizerThatCannotBeReadIsSaid() {
    test::TempFolder folder;
    test::writeFile(folder / "tokenizer.json", "{not json");
    TokenStatisticsView view;
    view.setInputs({{kDemo / "train.jsonl", DataKind::Training}});
    view.show();
    QSignalSpy computed(&view, &TokenStatisticsView::computed);
    view.setTokenizerFolder(folder.path());
    QVERIFY(computed.wait(30000));
    QVERIFY2(view.summary()->text().contains("tokenizer.json"), qPrintable(view.summary()->text()));
    QCOMPARE(view.statistics().records, std::uint64_t{0});
  }
};

QTEST_MAIN(TestTokenStatisticsView)
#include "test_token_statistics_view.moc"
