// core/data AtomicFileWriter and JsonlWriter: an interrupted, failing or abandoned writer leaves
// the old file intact; a committed one replaces it completely with the old permissions.
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <QtTest/QtTest>

#include "core/data/atomic_file.h"
#include "core/data/jsonl_writer.h"
#include "core/data/training_data.h"
#include "tests/support/files.h"

using namespace embedlab;

namespace {

std::vector<std::filesystem::path> filesIn(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    files.push_back(entry.path().filename());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

class TestAtomicFile : public QObject {
  Q_OBJECT

 private slots:
  void commitReplacesTheFileAndKeepsItsMode() {
    test::TempFolder folder;
    const auto target = test::writeFile(folder / "out.jsonl", "old\n");
    QCOMPARE(::chmod(target.c_str(), 0640), 0);
    writeFileAtomically(target, "new content\n");
    QCOMPARE(test::readFile(target), std::string("new content\n"));
    struct stat info {};
    QCOMPARE(::stat(target.c_str(), &info), 0);
    QCOMPARE(info.st_mode & 0777, 0640u);
    QCOMPARE(filesIn(folder.path()).size(), std::size_t{1});  // no temporary left behind
  }

  void abandonedWriterLeavesTheOldFile() {
    test::TempFolder folder;
    const auto target = test::writeFile(folder / "out.jsonl", "old\n");
    try {
      AtomicFileWriter writer(target);
      writer.write(std::string(3 << 20, 'x'));  // more than the buffer: bytes reach the disk
      QVERIFY(std::filesystem::exists(writer.temporaryPath()));
      throw std::runtime_error("the job failed half-way");
    } catch (const std::runtime_error&) {
    }
    QCOMPARE(test::readFile(target), std::string("old\n"));
    QCOMPARE(filesIn(folder.path()).size(), std::size_t{1});
  }

  void killedWriterLeavesTheOldFile() {
    test::TempFolder folder;
    const auto target = test::writeFile(folder / "train.jsonl", "{\"query\":\"old\"}\n");
    const pid_t child = ::fork();
    if (child == 0) {
      AtomicFileWriter writer(target);
      for (int i = 0; i < 100; ++i)
        writer.write(std::string(100000, 'y'));
      ::raise(SIGKILL);  // dies mid-write, before commit, as kill -9 or a power cut would
      ::_exit(0);
    }
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    QCOMPARE(test::readFile(target), std::string("{\"query\":\"old\"}\n"));
    // A later writer still works next to the dead one's temporary file.
    writeFileAtomically(target, "{\"query\":\"new\"}\n");
    QCOMPARE(test::readFile(target), std::string("{\"query\":\"new\"}\n"));
  }

  void writeFailureIsAClearErrorAndLeavesTheOldFile() {
    test::TempFolder folder;
    const auto target = test::writeFile(folder / "out.jsonl", "old\n");
    const pid_t child = ::fork();
    if (child == 0) {
      // A file-size limit makes write() fail with EFBIG, as a full disk fails with ENOSPC.
      ::signal(SIGXFSZ, SIG_IGN);
      const struct rlimit limit = {1 << 20, 1 << 20};
      ::setrlimit(RLIMIT_FSIZE, &limit);
      try {
        AtomicFileWriter writer(target);
        writer.write(std::string(4 << 20, 'z'));
        writer.commit();
      } catch (const IoError& error) {
        const std::string what = error.what();
        ::_exit(what.find("out.jsonl") != std::string::npos &&
                        what.find("previous file is left unchanged") != std::string::npos
                    ? 0
                    : 3);
      }
      ::_exit(4);
    }
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY(WIFEXITED(status));
    QCOMPARE(WEXITSTATUS(status), 0);
    QCOMPARE(test::readFile(target), std::string("old\n"));
    QCOMPARE(filesIn(folder.path()).size(), std::size_t{1});
  }

  void missingFolderIsAnIoError() {
    QVERIFY_THROWS_EXCEPTION(IoError, AtomicFileWriter("/nonexistent-folder/out.jsonl"));
  }

  void jsonlWriterRefusesRawNewlines() {
    test::TempFolder folder;
    JsonlWriter writer(folder / "x.jsonl");
    writer.writeLine("{\"a\":1}");
    QVERIFY_THROWS_EXCEPTION(Error, writer.writeLine("{\"a\":\n1}"));
    writer.commit();
    QCOMPARE(test::readFile(folder / "x.jsonl"), std::string("{\"a\":1}\n"));
  }

  void trainingDataRoundTripKeepsEveryField() {
    test::TempFolder folder;
    const std::string line =
        "{\"query\":\"caf\xC3\xA9 \\\"q\\\"\",\"pos\":[\"p1\",\"p2\"],\"neg\":[\"n\\nline\"],"
        "\"pos_scores\":[0.5,1],\"neg_scores\":[0.25],\"prompt\":\"Represent: \","
        "\"source\":{\"id\":7,\"tags\":[\"a\"]}}\n";
    const auto input = test::writeFile(folder / "in.jsonl", line);
    const auto examples = readTrainingData(input);
    QCOMPARE(examples.size(), std::size_t{1});
    QCOMPARE(examples[0].extraFields.size(), std::size_t{1});
    writeTrainingData(folder / "out.jsonl", examples);
    const auto again = readTrainingData(folder / "out.jsonl");
    QCOMPARE(again.size(), std::size_t{1});
    QCOMPARE(again[0].query, std::string("caf\xC3\xA9 \"q\""));
    QCOMPARE(again[0].positives, examples[0].positives);
    QCOMPARE(again[0].negatives[0], std::string("n\nline"));
    QCOMPARE(again[0].positiveScores, (std::vector<double>{0.5, 1.0}));
    QCOMPARE(again[0].negativeScores, (std::vector<double>{0.25}));
    QCOMPARE(*again[0].prompt, std::string("Represent: "));
    QCOMPARE(again[0].extraFields, examples[0].extraFields);
    QVERIFY(test::readFile(folder / "out.jsonl").find("\"source\":{\"id\":7,\"tags\":[\"a\"]}") !=
            std::string::npos);
  }
};

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "test_atomic_file.moc"
