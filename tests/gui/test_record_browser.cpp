// The dataset browser's records over a generated 200 000-line training file: the first lines show
// at once, the whole file once the background index is ready, a line near the end reads right,
// going to a line selects it and shows the record in full, and invalid lines are marked.
#include <QtTest/QtTest>

#include <QLabel>
#include <QPlainTextEdit>
#include <QTableView>
#include <fstream>

#include "tests/support/files.h"
#include "widgets/record_browser.h"
#include "widgets/record_table_model.h"

using namespace embedlab;

namespace {

widgets::RecordQuery textQuery(const QString& text, bool regex, bool invalidOnly) {
  widgets::RecordQuery query;
  query.text = text;
  query.regex = regex;
  query.invalidOnly = invalidOnly;
  return query;
}

widgets::LengthRange lengths(std::uint64_t min, std::uint64_t max = UINT64_MAX) {
  widgets::LengthRange range;
  range.min = min;
  range.max = max;
  return range;
}

}  // namespace

class TestRecordBrowser : public QObject {
  Q_OBJECT

 private slots:
  void browsesALargeFileWhileItIsIndexed() {
    test::TempFolder folder;
    const auto file = folder / "big.jsonl";
    {
      std::ofstream out(file);
      for (int i = 0; i < 200000; ++i) {
        if (i == 5) {
          out << "{not json\n";
          continue;
        }
        if (i == 7) {
          out << "{\"query\":\"Paket\u00fcberwachung\",\"pos\":[\"\u00dcberwacht Pakete\"]}\n";
          continue;
        }
        out << "{\"query\":\"query " << i << "\",\"pos\":[\"a passage for " << i
            << "\"],\"neg\":[\"n1\",\"n2\"],\"source\":\"gen\"}\n";
      }
    }
    widgets::RecordBrowser browser;
    QSignalSpy indexed(&browser, &widgets::RecordBrowser::indexed);
    browser.open(file);
    // At once: the first lines, before the index exists.
    QCOMPARE(browser.model()->rowCount(), 200);
    QCOMPARE(browser.model()->record(0).text, QString("query 0"));
    QVERIFY(browser.model()->record(5).invalid);
    QVERIFY(indexed.wait(30000));
    QVERIFY(browser.model()->indexed());
    QCOMPARE(browser.model()->rowCount(), 200000);
    const widgets::RecordRow& late = browser.model()->record(199990);
    QCOMPARE(late.text, QString("query 199990"));
    QCOMPARE(late.line, std::uint64_t{199991});
    QCOMPARE(late.positives, 1);
    QCOMPARE(late.negatives, 2);
    QCOMPARE(browser.model()->index(199990, widgets::RecordTableModel::Length).data().toInt(), 12);

    browser.goToLine(199991);
    QCOMPARE(browser.table()->currentIndex().row(), 199990);
    const QString detail = browser.detail()->toPlainText();
    QVERIFY2(detail.contains("a passage for 199990") && detail.contains("neg [2]:") &&
                 detail.contains("source:"),
             qPrintable(detail));
    if (const char* shot = std::getenv("EMBEDLAB_SCREENSHOT_DIR")) {
      browser.resize(1200, 600);
      browser.grab().save(QString(shot) + "/record-browser.png");
    }
    // Scrolling back and forth reads pages again as needed.
    QCOMPARE(browser.model()->record(3).text, QString("query 3"));
    QCOMPARE(browser.model()->record(150000).text, QString("query 150000"));

    // Search in the background: the table then holds the matching lines only.
    QSignalSpy searched(&browser, &widgets::RecordBrowser::searched);
    browser.search(textQuery("QUERY 1999", false, false));  // 1999, 19990-19999, 199900-199999
    QVERIFY(searched.wait(30000));
    QCOMPARE(searched.takeFirst().at(0).toInt(), 111);
    QCOMPARE(browser.model()->rowCount(), 111);
    QCOMPARE(browser.model()->record(0).text, QString("query 1999"));
    QCOMPARE(browser.model()->record(110).line, std::uint64_t{200000});
    browser.search(textQuery("^query 4$", true, false));
    QVERIFY(searched.wait(30000));
    QCOMPARE(browser.model()->rowCount(), 1);
    browser.search(textQuery("", false, true));  // only invalid lines
    QVERIFY(searched.wait(30000));
    QCOMPARE(browser.model()->rowCount(), 1);
    QCOMPARE(browser.model()->record(0).line, std::uint64_t{6});
    browser.search(textQuery(QString::fromUtf8("\xc3\xbc"
                                               "berwacht"),
                             false, false));  // decoded, folded
    QVERIFY(searched.wait(30000));
    QCOMPARE(browser.model()->rowCount(), 1);
    QCOMPARE(browser.model()->record(0).line, std::uint64_t{8});
    browser.search(textQuery("(unclosed", true, false));  // refused at once, the matches stay
    QVERIFY(!browser.searching());
    QVERIFY(browser.status()->text().contains("invalid regular expression"));
    QCOMPARE(browser.model()->rowCount(), 1);
    browser.search(textQuery("", false, false));  // everything again
    QCOMPARE(browser.model()->totalRows(), 200000);
    QVERIFY(browser.model()->rowCount() < 200000);  // the views learn of the rows in steps
    QTRY_COMPARE(browser.model()->rowCount(), 200000);

    // Length ranges, in characters (code points, not bytes).
    QCOMPARE(browser.model()->record(199990).longestPassage, 20);  // "a passage for 199990"
    widgets::RecordQuery byLength;
    byLength.queryLength = lengths(12, 12);  // "query 100000" ... "query 199999"
    browser.search(byLength);
    QVERIFY(searched.wait(30000));
    QCOMPARE(browser.model()->rowCount(), 100000);
    byLength = {};
    byLength.passageLength = lengths(16, 16);  // "a passage for 10".."99", and line 8's
    browser.search(byLength);                  // 16-character (17-byte) positive
    QVERIFY(searched.wait(30000));
    QCOMPARE(browser.model()->rowCount(), 91);
    byLength.passageLength = lengths(21);  // no passage is that long
    browser.search(byLength);
    QVERIFY(searched.wait(30000));
    QCOMPARE(browser.model()->rowCount(), 0);
    byLength = textQuery("query 1", false, false);
    byLength.queryLength = lengths(0, 7);  // text and length together: "query 1" only
    browser.search(byLength);
    QVERIFY(searched.wait(30000));
    QCOMPARE(browser.model()->rowCount(), 1);
    QCOMPARE(browser.model()->record(0).line, std::uint64_t{2});
  }

  void aLineBeyondThePreviewIsSelectedOnceIndexed() {
    test::TempFolder folder;
    const auto file = folder / "lines.jsonl";
    {
      std::ofstream out(file);
      for (int i = 0; i < 5000; ++i)
        out << "{\"text\":\"text " << i << "\"}\n";
    }
    widgets::RecordBrowser browser;
    QSignalSpy indexed(&browser, &widgets::RecordBrowser::indexed);
    browser.open(file);
    browser.goToLine(4000);  // past the 200 preview lines: remembered
    QVERIFY(indexed.wait(30000));
    QCOMPARE(browser.table()->currentIndex().row(), 3999);
    QVERIFY(browser.detail()->toPlainText().contains("text 3999"));
  }
};

QTEST_MAIN(TestRecordBrowser)
#include "test_record_browser.moc"
