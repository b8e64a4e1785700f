// The embedlab binary as scripts/run.sh starts it: without a display it says so and prints the
// demo data's validation report; --screenshot renders the window offscreen to a PNG.
#include <QtTest/QtTest>

#include <QImage>

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
};

QTEST_GUILESS_MAIN(TestGuiBinary)
#include "test_gui_binary.moc"
