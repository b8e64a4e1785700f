// core/data LineReader: line numbering, BOM, CRLF, last line without newline, and lines longer
// than the limit reported without being read into memory.
#include <QtTest/QtTest>

#include "core/data/line_reader.h"
#include "tests/support/files.h"

using namespace embedlab;

namespace {

struct Seen {
  std::uint64_t number;
  std::uint64_t offset;
  std::string text;
  std::uint64_t length;
  bool tooLong;
  bool crlf;
};

std::vector<Seen> readAll(const std::filesystem::path& path, LineReaderOptions options = {}) {
  LineReader reader(path, options);
  std::vector<Seen> lines;
  TextLine line;
  while (reader.next(line)) {
    lines.push_back({line.number, line.offset, std::string(line.text), line.length, line.tooLong,
                     line.carriageReturn});
  }
  return lines;
}

}  // namespace

class TestLineReader : public QObject {
  Q_OBJECT

 private slots:
  void numbersLinesLikeAnEditor() {
    test::TempFolder folder;
    const auto lines = readAll(test::writeFile(folder / "a.txt", "one\n\ntwo\nlast"));
    QCOMPARE(lines.size(), std::size_t{4});
    QCOMPARE(lines[0].text, std::string("one"));
    QCOMPARE(lines[1].text, std::string(""));
    QCOMPARE(lines[2].number, std::uint64_t{3});
    QCOMPARE(lines[2].offset, std::uint64_t{5});
    QCOMPARE(lines[3].text, std::string("last"));
  }

  void emptyFileHasNoLines() {
    test::TempFolder folder;
    QVERIFY(readAll(test::writeFile(folder / "e.txt", "")).empty());
    QCOMPARE(readAll(test::writeFile(folder / "n.txt", "\n")).size(), std::size_t{1});
  }

  void stripsBomAndCarriageReturns() {
    test::TempFolder folder;
    const auto path = test::writeFile(folder / "b.txt", "\xEF\xBB\xBF{\"a\":1}\r\n{\"b\":2}\r\n");
    LineReader reader(path);
    TextLine line;
    QVERIFY(reader.next(line));
    QVERIFY(reader.hadBom());
    QCOMPARE(std::string(line.text), std::string("{\"a\":1}"));
    QCOMPARE(line.offset, std::uint64_t{3});
    QVERIFY(line.carriageReturn);
    QVERIFY(reader.next(line));
    QCOMPARE(std::string(line.text), std::string("{\"b\":2}"));
    QVERIFY(!reader.next(line));
    QCOMPARE(reader.bytesConsumed(), reader.fileSize());
  }

  void linesLongerThanTheChunkAreWhole() {
    test::TempFolder folder;
    const std::string longLine(100000, 'x');
    LineReaderOptions options;
    options.chunkBytes = 4096;
    const auto lines =
        readAll(test::writeFile(folder / "l.txt", "a\n" + longLine + "\nb\n"), options);
    QCOMPARE(lines.size(), std::size_t{3});
    QCOMPARE(lines[1].text, longLine);
    QCOMPARE(lines[2].text, std::string("b"));
    QCOMPARE(lines[2].offset, std::uint64_t{2 + 100000 + 1});
  }

  void hugeLineIsReportedNotLoaded() {
    test::TempFolder folder;
    LineReaderOptions options;
    options.chunkBytes = 4096;
    options.maxLineBytes = 10000;
    const std::string huge(1000000, 'y');  // 100x the limit, 244 chunks
    const auto lines =
        readAll(test::writeFile(folder / "h.txt", "{\"ok\":1}\n" + huge + "\n{\"ok\":2}\n" + huge),
                options);
    QCOMPARE(lines.size(), std::size_t{4});
    QVERIFY(lines[1].tooLong);
    QVERIFY(lines[1].text.empty());
    QCOMPARE(lines[1].length, std::uint64_t{1000000});
    QCOMPARE(lines[2].text, std::string("{\"ok\":2}"));
    QCOMPARE(lines[2].number, std::uint64_t{3});
    QVERIFY(lines[3].tooLong);  // the last line, without a newline
    QCOMPARE(lines[3].length, std::uint64_t{1000000});
  }

  void missingFileIsAnIoError() {
    QVERIFY_THROWS_EXCEPTION(IoError, LineReader("/nonexistent/file.jsonl"));
  }
};

QTEST_GUILESS_MAIN(TestLineReader)
#include "test_line_reader.moc"
