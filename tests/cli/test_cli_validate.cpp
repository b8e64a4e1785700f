// embedlab-cli as a user runs it: `validate` output and exit codes (0 valid, 1 invalid, 2 usage),
// --version, and the reference-BLAS warning on stderr.
#include <QtTest/QtTest>

#include "tests/support/files.h"
#include "tests/support/process.h"

namespace {

using Run = embedlab::test::ProcessRun;

Run runCli(const QStringList& arguments,
           const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment()) {
  return embedlab::test::runProcess(EMBEDLAB_CLI_PATH, arguments, environment);
}

QString demo(const QString& relative) {
  return QStringLiteral(EMBEDLAB_SOURCE_DIR "/resources/demo/") + relative;
}

}  // namespace

class TestCliValidate : public QObject {
  Q_OBJECT

 private slots:
  void version() {
    const Run run = runCli({"--version"});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.startsWith("embedlab-cli "));
  }

  void demoWorkspaceIsValid() {
    const Run run = runCli({"validate", demo("train.jsonl"), demo("dev")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QCOMPARE(run.out.count("Result: VALID"), 4);  // train, corpus, queries, qrels
    QVERIFY(run.out.contains("positives per query"));
  }

  void invalidFileListsProblemsWithLines() {
    embedlab::test::TempFolder folder;
    const auto path =
        embedlab::test::writeFile(folder / "bad.jsonl",
                                  "{\"query\":\"q\",\"pos\":[\"p\"]}\n{\"query\":\"q\",\"pos\":[]}"
                                  "\n{\"query\":\"q\",\"pos\":[\"p\"],}\n");
    const Run run = runCli({"validate", QString::fromStdString(path.string())});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.out.contains("bad.jsonl:2: error [empty-pos]"), qPrintable(run.out));
    QVERIFY2(run.out.contains("bad.jsonl:3: error [invalid-json]"), qPrintable(run.out));
    QVERIFY(run.out.contains("Result: INVALID (2 errors, 0 warnings)"));
  }

  void limitsProblemsShownButCountsAll() {
    embedlab::test::TempFolder folder;
    std::string content;
    for (int i = 0; i < 50; ++i)
      content += "{\"query\":\"\",\"pos\":[\"p\"]}\n";
    const auto path = embedlab::test::writeFile(folder / "many.jsonl", content);
    const Run run =
        runCli({"validate", "--max-problems", "5", QString::fromStdString(path.string())});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.out.count("error [empty-query]"), 5);
    QVERIFY(run.out.contains("and 45 more problems"));
    QVERIFY(run.out.contains(QRegularExpression("empty-query\\s+50 errors")));
  }

  void jsonFormat() {
    const Run run = runCli({"validate", "--format", "json", demo("train.jsonl")});
    QCOMPARE(run.exitCode, 0);
    const QJsonDocument document = QJsonDocument::fromJson(run.out.toUtf8());
    QVERIFY(document.isObject());
    QCOMPARE(document.object().value("valid").toBool(), true);
    QCOMPARE(document.object().value("kind").toString(), QString("train"));
  }

  void usageErrorsExitWithTwo() {
    QCOMPARE(runCli({"validate", "/nonexistent/file.jsonl"}).exitCode, 2);
    QCOMPARE(runCli({"validate", "--kind", "nonsense", demo("train.jsonl")}).exitCode, 2);
    QCOMPARE(runCli({"validate"}).exitCode, 2);
    QCOMPARE(runCli({"no-such-command"}).exitCode, 2);
    embedlab::test::TempFolder folder;
    const auto unknown = embedlab::test::writeFile(folder / "x.jsonl", "{\"a\":1}\n");
    const Run run = runCli({"validate", QString::fromStdString(unknown.string())});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains("--kind"));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("EMBEDLAB_THREADS", "lots");
    QCOMPARE(runCli({"validate", demo("train.jsonl")}, environment).exitCode, 2);
  }

  void warnsAboutTheReferenceBlas() {
    const QString referenceBlas = "/usr/lib/x86_64-linux-gnu/blas";
    if (!QFileInfo::exists(referenceBlas + "/libblas.so.3")) {
      QSKIP("the reference BLAS (libblas3) is not installed");
    }
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("LD_LIBRARY_PATH", referenceBlas);  // LibTorch now loads netlib's BLAS
    const Run slow = runCli({"validate", demo("dev/queries.jsonl")}, environment);
    QCOMPARE(slow.exitCode, 0);
    QVERIFY2(slow.err.contains("warning: LibTorch is using the slow reference BLAS"),
             qPrintable(slow.err));
    const Run fast = runCli({"validate", demo("dev/queries.jsonl")});
    QVERIFY2(!fast.err.contains("reference BLAS"), qPrintable(fast.err));
  }
};

QTEST_GUILESS_MAIN(TestCliValidate)
#include "test_cli_validate.moc"
