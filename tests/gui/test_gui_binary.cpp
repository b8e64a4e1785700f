// The embedlab binary as scripts/run.sh starts it: without a display it says so and prints the
// demo data's validation report; --screenshot renders the window offscreen to a PNG.
#include <QtTest/QtTest>

#include <QImage>
#include <QRegularExpression>
#include <filesystem>

#include "tests/support/files.h"
#include "tests/support/process.h"

namespace {

using Run = embedlab::test::ProcessRun;

Run runGui(const QStringList& arguments, const QProcessEnvironment& environment) {
  return embedlab::test::runProcess(EMBEDLAB_GUI_PATH, arguments, environment);
}

QProcessEnvironment withoutDisplay() {
  QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
  environment.remove("DISPLAY");
  environment.remove("WAYLAND_DISPLAY");
  environment.remove("QT_QPA_PLATFORM");
  return environment;
}

}  // namespace

class TestGuiBinary : public QObject {
  Q_OBJECT

 private slots:
  void withoutADisplayItPrintsTheValidationReport() {
    const Run run =
        runGui({"--workspace", EMBEDLAB_SOURCE_DIR "/resources/demo"}, withoutDisplay());
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY(run.out.contains("no display found"));
    QCOMPARE(run.out.count("Result: VALID"), 4);
    QVERIFY(run.out.contains("train.jsonl: training data"));
  }

  // `embedlab DIR`, as a file manager or a user would start it, opens DIR (it was ignored).
  void aFolderArgumentIsTheWorkspace() {
    const Run run = runGui({EMBEDLAB_SOURCE_DIR "/resources/demo"}, withoutDisplay());
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QCOMPARE(run.out.count("Result: VALID"), 4);
    const Run two = runGui({EMBEDLAB_SOURCE_DIR "/resources/demo", "/tmp"}, withoutDisplay());
    QCOMPARE(two.exitCode, 2);
    QVERIFY2(two.err.contains("one workspace folder"), qPrintable(two.err));
  }

  void screenshotRendersOffscreen() {
    embedlab::test::TempFolder folder;
    const QString png = QString::fromStdString((folder / "shot.png").string());
    QProcessEnvironment environment = withoutDisplay();
    environment.insert("XDG_CONFIG_HOME", QString::fromStdString(folder.path().string()));
    const Run run = runGui({"--workspace", EMBEDLAB_SOURCE_DIR "/resources/demo", "--panel",
                            "datasets", "--screenshot", png},
                           environment);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 800);
    QCOMPARE(runGui({"--panel", "nonsense", "--screenshot", png}, environment).exitCode, 2);
  }

  void withoutAWorkspaceItOpensTheUsersCopyOfTheDemo() {
    embedlab::test::TempFolder folder;
    QProcessEnvironment environment = withoutDisplay();
    environment.insert("XDG_CONFIG_HOME", QString::fromStdString((folder / "config").string()));
    environment.insert("XDG_DATA_HOME", QString::fromStdString((folder / "data").string()));
    const QString png = QString::fromStdString((folder / "shot.png").string());
    const Run run = runGui({"--screenshot", png}, environment);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const std::filesystem::path copy = folder / "data" / "embedlab" / "demo-workspace";
    for (const char* file :
         {"train.jsonl", "dev/queries.jsonl", "tokenizer/vocab.txt", "tokenizer/tokenizer.json",
          "history.sqlite", "models/base/config.json", "models/base/model.safetensors"}) {
      QVERIFY2(std::filesystem::is_regular_file(copy / file), file);
    }
    QVERIFY(!std::filesystem::exists(folder / "data" / "embedlab" / ".demo-workspace.partial"));
    // The shipped demo is only read.
    QVERIFY(!std::filesystem::exists(EMBEDLAB_SOURCE_DIR "/resources/demo/history.sqlite"));
    // A second start opens the same copy (the user's runs stay).
    QFile marker(QString::fromStdString((copy / "runs-marker").string()));
    QVERIFY(marker.open(QIODevice::WriteOnly));
    marker.close();
    QCOMPARE(runGui({"--screenshot", png}, environment).exitCode, 0);
    QVERIFY(std::filesystem::exists(copy / "runs-marker"));
  }

  void theManPageDescribesEveryOption() {
    QProcessEnvironment environment = withoutDisplay();
    environment.insert("QT_QPA_PLATFORM", "offscreen");
    const Run help = runGui({"--help"}, environment);
    QCOMPARE(help.exitCode, 0);
    QFile file(EMBEDLAB_SOURCE_DIR "/packaging/embedlab.1");
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString page = QString::fromUtf8(file.readAll());
    const QRegularExpression longOption("--([a-z][a-z-]+)");
    int options = 0;
    for (auto match = longOption.globalMatch(help.out); match.hasNext();) {
      const QString name = match.next().captured(1);
      ++options;
      QVERIFY2(page.contains("\\fB\\-\\-" + QString(name).replace("-", "\\-") + "\\fR"),
               qPrintable("embedlab.1 does not describe --" + name));
    }
    QVERIFY(options >= 9);
  }
};

QTEST_GUILESS_MAIN(TestGuiBinary)
#include "test_gui_binary.moc"
