// core/common: UTF-8 checks, the integer distribution behind every summary, file fingerprints.
#include <fcntl.h>
#include <sys/stat.h>
#include <QtTest/QtTest>

#include "core/common/file_fingerprint.h"
#include "core/common/integer_distribution.h"
#include "core/common/job_events.h"
#include "core/common/read_ahead_file.h"
#include "core/common/utf8.h"
#include "tests/support/files.h"

using namespace embedlab;

class TestCommon : public QObject {
  Q_OBJECT

 private slots:
  // Every job writes its JSON lines through one writer: a note quoting a user's file with
  // invalid UTF-8 is replaced (U+FFFD), where the training job's own writer used to throw.
  void jobEventsAreNamedOnceAndSurviveInvalidUtf8() {
    for (const JobEvent event :
         {JobEvent::Progress, JobEvent::Start, JobEvent::Log, JobEvent::Note, JobEvent::Checkpoint,
          JobEvent::Result, JobEvent::SweepPoint, JobEvent::Stopped, JobEvent::Done}) {
      QCOMPARE(parseJobEvent(jobEventName(event)), std::optional<JobEvent>(event));
      QCOMPARE(jobEventOf(jobEvent(event)), std::optional<JobEvent>(event));
    }
    QVERIFY(!parseJobEvent("finished"));
    QVERIFY(!jobEventOf(nlohmann::json{{"event", 3}}));
    const nlohmann::json note =
        jobEvent(JobEvent::Note, {{"message", std::string("line 7: caf\xc3 latte")}});
    const std::string line = jobEventLine(note);
    QVERIFY(line.find('\n') == std::string::npos);
    const nlohmann::json back = nlohmann::json::parse(line);
    QCOMPARE(back["event"].get<std::string>(), std::string("note"));
    QCOMPARE(back["message"].get<std::string>(), std::string("line 7: caf\xef\xbf\xbd latte"));
  }

  void utf8AcceptsValidText() {
    QVERIFY(!utf8::firstInvalidByte("plain ascii").has_value());
    QVERIFY(!utf8::firstInvalidByte("caf\xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x98\x80").has_value());
    QVERIFY(!utf8::firstInvalidByte("").has_value());
  }

  void utf8FindsTheFirstBadByte_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("offset");
    QTest::newRow("latin-1 e-acute") << QByteArray("caf\xE9!") << 3;
    QTest::newRow("overlong slash") << QByteArray("ab\xC0\xAF") << 2;
    QTest::newRow("utf-16 surrogate") << QByteArray("x\xED\xA0\x80") << 1;
    QTest::newRow("above U+10FFFF") << QByteArray("\xF4\x90\x80\x80") << 0;
    QTest::newRow("truncated sequence") << QByteArray("ok\xE4\xB8") << 2;
    QTest::newRow("lone continuation") << QByteArray("\xC3\xA9\x80") << 2;
  }
  void utf8FindsTheFirstBadByte() {
    QFETCH(QByteArray, text);
    QFETCH(int, offset);
    const auto bad = utf8::firstInvalidByte(std::string_view(text.constData(), text.size()));
    QVERIFY(bad.has_value());
    QCOMPARE(static_cast<int>(*bad), offset);
  }

  void utf8CountsCodePoints() {
    QCOMPARE(utf8::codePointCount("abc"), std::size_t{3});
    QCOMPARE(utf8::codePointCount("caf\xC3\xA9"), std::size_t{4});
    QCOMPARE(utf8::codePointCount("\xF0\x9F\x98\x80"), std::size_t{1});
  }

  void distributionMedianAndQuantiles() {
    IntegerDistribution d;
    QVERIFY(d.empty());
    QCOMPARE(d.median(), std::uint64_t{0});
    for (std::uint64_t v : {5, 1, 3, 3, 100})
      d.add(v);
    QCOMPARE(d.count(), std::uint64_t{5});
    QCOMPARE(d.min(), std::uint64_t{1});
    QCOMPARE(d.max(), std::uint64_t{100});
    QCOMPARE(d.median(), std::uint64_t{3});
    QCOMPARE(d.quantile(0.8), std::uint64_t{5});
    QCOMPARE(d.quantile(1.0), std::uint64_t{100});
    QCOMPARE(d.mean(), 22.4);
    d.add(7, 1000);  // weighted add
    QCOMPARE(d.median(), std::uint64_t{7});
  }

  void fingerprintChangesWithContent() {
    test::TempFolder folder;
    const auto path = test::writeFile(folder / "f.jsonl", std::string(200000, 'a'));
    const FileFingerprint before = fingerprintFile(path);
    QCOMPARE(before.size, std::uint64_t{200000});
    QVERIFY(before == fingerprintFile(path));

    // Same size, same modification time, different first byte: the head hash tells.
    struct stat info {};
    QCOMPARE(::stat(path.c_str(), &info), 0);
    std::string changed(200000, 'a');
    changed[0] = 'b';
    test::writeFile(path, changed);
    const struct timespec times[2] = {info.st_atim, info.st_mtim};
    QCOMPARE(::utimensat(AT_FDCWD, path.c_str(), times, 0), 0);
    QVERIFY(before != fingerprintFile(path));

    test::writeFile(path, changed + "more\n");
    QCOMPARE(fingerprintFile(path).size, std::uint64_t{200005});
  }

  void readAheadDeliversTheWholeFileInOrder() {
    test::TempFolder folder;
    std::string content;
    for (int i = 0; i < 200000; ++i)
      content += std::to_string(i) + ",";
    const auto path = test::writeFile(folder / "r.txt", content);
    ReadAheadFile file(path, 4096, 3);
    std::string read;
    for (std::string_view chunk = file.next(); !chunk.empty(); chunk = file.next()) {
      read.append(chunk);
    }
    QCOMPARE(read.size(), content.size());
    QVERIFY(read == content);
    QVERIFY(file.next().empty());  // stays at the end
  }

  void readAheadStopsEarlyAndReportsMissingFiles() {
    test::TempFolder folder;
    const auto path = test::writeFile(folder / "big.txt", std::string(4 << 20, 'x'));
    {
      ReadAheadFile file(path, 4096, 2);
      QCOMPARE(file.next().size(), std::size_t{4096});
    }  // destroyed with the reader blocked on a full ring: must not hang
    QVERIFY_THROWS_EXCEPTION(IoError, ReadAheadFile(folder / "missing.txt"));
    const auto empty = test::writeFile(folder / "empty.txt", "");
    ReadAheadFile file(empty);
    QVERIFY(file.next().empty());
  }

  void contentHashIgnoresLocation() {
    test::TempFolder folder;
    const auto a = test::writeFile(folder / "a.txt", "same bytes");
    const auto b = test::writeFile(folder / "sub/b.txt", "same bytes");
    const auto c = test::writeFile(folder / "c.txt", "other bytes");
    QCOMPARE(hashFileContent(a), hashFileContent(b));
    QVERIFY(hashFileContent(a) != hashFileContent(c));
  }
};

QTEST_GUILESS_MAIN(TestCommon)
#include "test_common.moc"
