// core/data LineIndex and IndexedLineFile: the right line for random lines of a 100k-line file,
// edge cases of line ends, the on-disk cache and its invalidation, cancellation.
#include <QtTest/QtTest>

#include <random>

#include "core/data/line_index.h"
#include "tests/support/files.h"

using namespace embedlab;

namespace {

class CountingProgress : public ProgressObserver {
 public:
  void onProgress(std::uint64_t done, std::uint64_t total, std::string_view) override {
    ++calls;
    lastDone = done;
    lastTotal = total;
  }
  int calls = 0;
  std::uint64_t lastDone = 0;
  std::uint64_t lastTotal = 0;
};

class CancelAfterFirstChunk : public ProgressObserver {
 public:
  explicit CancelAfterFirstChunk(CancellationToken& token) : token_(token) {}
  void onProgress(std::uint64_t, std::uint64_t, std::string_view) override { token_.cancel(); }

 private:
  CancellationToken& token_;
};

LineIndexOptions cacheIn(const std::filesystem::path& folder) {
  LineIndexOptions options;
  options.cacheDirectory = folder / "cache";
  return options;
}

}  // namespace

class TestLineIndex : public QObject {
  Q_OBJECT

 private slots:
  void randomLinesOfAHundredThousandLineFile() {
    test::TempFolder folder;
    std::mt19937_64 random(1234);
    std::vector<std::string> expected;
    std::string content;
    for (int i = 0; i < 100000; ++i) {
      const std::size_t length = random() % 7 == 0 ? 0 : random() % 300;
      std::string line =
          "{\"n\":" + std::to_string(i) + ",\"t\":\"" + std::string(length, 'a' + i % 26) + "\"}";
      if (length == 0 && i % 2 == 0) line.clear();  // blank lines are lines too
      expected.push_back(line);
      content += line;
      content += (i % 5 == 0) ? "\r\n" : "\n";  // mixed line ends
    }
    const auto path = test::writeFile(folder / "big.jsonl", content);
    CountingProgress progress;
    const IndexedLineFile file(path, cacheIn(folder.path()), &progress);
    QCOMPARE(file.lineCount(), std::uint64_t{100000});
    QCOMPARE(progress.lastDone, std::uint64_t(content.size()));
    QCOMPARE(progress.lastTotal, std::uint64_t(content.size()));
    for (int probe = 0; probe < 2000; ++probe) {
      const std::uint64_t i = random() % expected.size();
      QCOMPARE(file.line(i), expected[i]);
    }
    QCOMPARE(file.line(0), expected.front());
    QCOMPARE(file.line(99999), expected.back());
    const auto page = file.lines(54321, 100);
    QCOMPARE(page.size(), std::size_t{100});
    for (std::size_t k = 0; k < page.size(); ++k) {
      QCOMPARE(page[k], expected[54321 + k]);
    }
    QCOMPARE(file.lines(99990, 100).size(), std::size_t{10});  // clamped at the end
    QVERIFY(file.index().memoryBytes() <= 16 * file.lineCount() + 1024);
  }

  void lineEndsAtTheEdges_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QStringList>("lines");
    QTest::newRow("empty") << QByteArray("") << QStringList{};
    QTest::newRow("only newline") << QByteArray("\n") << QStringList{""};
    QTest::newRow("no final newline") << QByteArray("a\nb") << QStringList{"a", "b"};
    QTest::newRow("final newline") << QByteArray("a\nb\n") << QStringList{"a", "b"};
    QTest::newRow("blank lines") << QByteArray("\n\nx\n\n") << QStringList{"", "", "x", ""};
    QTest::newRow("bom only") << QByteArray("\xEF\xBB\xBF") << QStringList{};
    QTest::newRow("bom then lines")
        << QByteArray("\xEF\xBB\xBFone\r\ntwo") << QStringList{"one", "two"};
    QTest::newRow("crlf") << QByteArray("a\r\n\r\nb\r\n") << QStringList{"a", "", "b"};
  }
  void lineEndsAtTheEdges() {
    QFETCH(QByteArray, content);
    QFETCH(QStringList, lines);
    test::TempFolder folder;
    const auto path = test::writeFile(folder / "e.txt", content.toStdString());
    LineIndexOptions options;
    options.useCache = false;
    const IndexedLineFile file(path, options);
    QCOMPARE(file.lineCount(), std::uint64_t(lines.size()));
    for (int i = 0; i < lines.size(); ++i) {
      QCOMPARE(QString::fromStdString(file.line(i)), lines[i]);
    }
    QCOMPARE(file.lines(0, 100).size(), std::size_t(lines.size()));
  }

  void cacheIsReusedAndInvalidatedWhenTheFileChanges() {
    test::TempFolder folder;
    const auto path = test::writeFile(folder / "c.jsonl", "{\"a\":1}\n{\"a\":2}\n");
    const LineIndexOptions options = cacheIn(folder.path());
    const LineIndex first = LineIndex::open(path, options);
    QVERIFY(!first.loadedFromCache());
    QVERIFY(std::filesystem::exists(LineIndex::cachePath(path, options)));
    const LineIndex second = LineIndex::open(path, options);
    QVERIFY(second.loadedFromCache());
    QCOMPARE(second.lineCount(), std::uint64_t{2});

    test::writeFile(path, "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n");
    const IndexedLineFile changed(path, options);
    QVERIFY(!changed.index().loadedFromCache());
    QCOMPARE(changed.lineCount(), std::uint64_t{3});
    QCOMPARE(changed.line(2), std::string("{\"a\":3}"));
    QVERIFY(!changed.changedOnDisk());
    test::writeFile(path, "{\"a\":1}\n");
    QVERIFY(changed.changedOnDisk());
  }

  void corruptCacheIsRebuilt() {
    test::TempFolder folder;
    const auto path = test::writeFile(folder / "c.jsonl", "x\ny\nz\n");
    const LineIndexOptions options = cacheIn(folder.path());
    (void)LineIndex::open(path, options);
    const auto cache = LineIndex::cachePath(path, options);
    std::string bytes = test::readFile(cache);
    bytes[bytes.size() - 12] ^= 0x5A;  // flip bits inside the offsets
    test::writeFile(cache, bytes);
    const LineIndex rebuilt = LineIndex::open(path, options);
    QVERIFY(!rebuilt.loadedFromCache());
    QCOMPARE(rebuilt.lineCount(), std::uint64_t{3});
    test::writeFile(cache, "short");
    QCOMPARE(LineIndex::open(path, options).lineCount(), std::uint64_t{3});
  }

  void cacheNextToTheFile() {
    test::TempFolder folder;
    const auto path = test::writeFile(folder / "n.jsonl", "1\n2\n");
    LineIndexOptions options;
    options.cacheNextToFile = true;
    (void)LineIndex::open(path, options);
    QVERIFY(std::filesystem::exists(folder / ".n.jsonl.embedlab-lines"));
    QVERIFY(LineIndex::open(path, options).loadedFromCache());
  }

  void unwritableCacheFolderIsNotAnError() {
    test::TempFolder folder;
    const auto path = test::writeFile(folder / "u.jsonl", "1\n");
    test::writeFile(folder / "blocker", "a file where the cache folder should be");
    LineIndexOptions options;
    options.cacheDirectory = folder / "blocker" / "cache";
    QCOMPARE(LineIndex::open(path, options).lineCount(), std::uint64_t{1});
  }

  void buildingCanBeCancelled() {
    test::TempFolder folder;
    const auto path = test::writeFile(folder / "big.txt", std::string(12 << 20, '\n'));
    CancellationToken token;
    CancelAfterFirstChunk cancelAfterFirstChunk(token);
    QVERIFY_THROWS_EXCEPTION(CancelledError,
                             LineIndex::build(path, &cancelAfterFirstChunk, &token));
  }

  void outOfRangeAndTooLongLinesAreErrors() {
    test::TempFolder folder;
    const auto path = test::writeFile(folder / "r.txt", "short\n" + std::string(5000, 'z') + "\n");
    LineIndexOptions options;
    options.useCache = false;
    const IndexedLineFile file(path, options);
    QVERIFY_THROWS_EXCEPTION(Error, file.line(2));
    QVERIFY_THROWS_EXCEPTION(InputError, file.line(1, 1000));
    QCOMPARE(file.line(1).size(), std::size_t{5000});
  }
};

QTEST_GUILESS_MAIN(TestLineIndex)
#include "test_line_index.moc"
