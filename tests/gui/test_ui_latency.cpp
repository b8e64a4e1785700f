// The UI thread stays responsive while a 1 GB training file is indexed for the dataset browser:
// from open() until the whole file can be browsed, the UI thread never spends 100 ms of its own
// CPU time between two ticks of a 10 ms timer. (The wall-clock gap is reported, not checked: on
// 2 shared cores it also counts the time the scheduler gave to the indexing thread and to the
// other tests.) Slow (writes the 1 GB file first).
#include <QtTest/QtTest>

#include <QElapsedTimer>
#include <fstream>

#include "tests/support/files.h"
#include "tests/support/latency_probe.h"
#include "widgets/record_browser.h"
#include "widgets/record_table_model.h"

using namespace embedlab;

class TestUiLatency : public QObject {
  Q_OBJECT

 private slots:
  void indexingAGigabyteNeverBlocksTheEventLoop() {
    test::TempFolder folder;
    const auto file = folder / "big.jsonl";
    std::uint64_t lines = 0;
    {
      // About 1 MiB of ~300-byte lines, written 1024 times.
      std::string block;
      while (block.size() < (1U << 20)) {
        block += "{\"query\":\"synopsis of package " + std::to_string(lines % 3500) +
                 "\",\"pos\":[\"a long description of what the package does, " +
                 std::string(180, 'x') + "\"],\"neg\":[]}\n";
        ++lines;
      }
      std::ofstream out(file, std::ios::binary);
      for (int i = 0; i < 1024; ++i)
        out.write(block.data(), static_cast<std::streamsize>(block.size()));
      lines *= 1024;
    }
    QVERIFY(std::filesystem::file_size(file) >= (1ULL << 30));

    // The index cache of another run would make this instant: use a fresh cache folder.
    qputenv("XDG_CACHE_HOME", QByteArray::fromStdString((folder / "cache").string()));
    widgets::RecordBrowser browser;
    browser.resize(1000, 600);
    browser.show();
    QSignalSpy indexed(&browser, &widgets::RecordBrowser::indexed);
    QElapsedTimer clock;
    clock.start();
    test::LatencyProbe probe;
    browser.open(file);
    QVERIFY(browser.model()->rowCount() > 0);  // the first lines, at once
    QVERIFY(indexed.wait(120000));
    // A few more ticks after the switch to the whole file, with the view scrolled to its end.
    browser.goToLine(lines);
    QTest::qWait(200);
    probe.stop();
    const qint64 worst = probe.worstMs();
    qInfo("indexed %llu lines in %lld ms; longest UI block %lld ms of CPU (%lld ms wall-clock)",
          static_cast<unsigned long long>(lines), clock.elapsed(), worst, probe.worstWallMs());
    QCOMPARE(static_cast<std::uint64_t>(browser.model()->rowCount()), lines);
    QVERIFY2(worst < 100, qPrintable(QString("the UI thread was blocked for %1 ms").arg(worst)));
  }
};

QTEST_MAIN(TestUiLatency)
#include "test_ui_latency.moc"
