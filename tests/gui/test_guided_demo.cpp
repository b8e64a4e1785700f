// The demo run in the panels (Help > Run the Demo, `embedlab --run-demo`), offscreen, on a small
// demo-shaped workspace: each of the five steps starts in order, every panel ends up holding its
// results (mined file, finished run, metrics of both models, threshold counts), each panel is
// captured, and every job is in the workspace's history. A workspace without the demo's inputs
// is refused with the missing one named.
#include <QtTest/QtTest>

#include <QTimer>

#include <QPushButton>

#include <QMessageBox>

#include <QLabel>
#include <QTabWidget>
#include <QTableWidget>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "app/gui/guided_demo.h"
#include "app/gui/main_window.h"
#include "core/data/training_data.h"
#include "core/store/history.h"
#include "tests/support/files.h"
#include "tests/support/model_folders.h"
#include "widgets/evaluation_panel.h"
#include "widgets/thresholds_panel.h"
#include "widgets/training_panel.h"

using namespace embedlab;
using gui::GuidedDemo;
using gui::MainWindow;

namespace {

const std::filesystem::path kDemo = EMBEDLAB_SOURCE_DIR "/resources/demo";

// The demo's layout with a tenth of its training file, so that the test takes seconds. As the
// user's copy of the installed demo, it has the tokenizer but no base model yet.
void makeDemoWorkspace(const std::filesystem::path& workspace) {
  std::filesystem::copy(EMBEDLAB_SOURCE_DIR "/tests/data/bert-base-uncased",
                        workspace / "tokenizer", std::filesystem::copy_options::recursive);
  store::History own(workspace / "history.sqlite");  // as demo-pipeline.sh --prepare-only leaves
  std::filesystem::copy(kDemo / "dev", workspace / "dev", std::filesystem::copy_options::recursive);
  std::ifstream in(kDemo / "train.jsonl");
  std::ofstream out(workspace / "train.jsonl");
  std::string line;
  for (int i = 0; i < 300 && std::getline(in, line); ++i)
    out << line << '\n';
}

}  // namespace

class TestGuidedDemo : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    qputenv("EMBEDLAB_CLI", EMBEDLAB_CLI_PATH);
    QCoreApplication::setOrganizationName("EmbedLabTests");  // keep the user's settings clean
    QCoreApplication::setApplicationName("test_guided_demo");
  }

  void runsEveryStepInThePanelsAndCapturesThem() {
    test::TempFolder workspace;
    makeDemoWorkspace(workspace.path());
    test::TempFolder shots;
    MainWindow window("BLAS: test", "");
    window.openWorkspace(QString::fromStdString(workspace.path().string()));
    window.show();
    GuidedDemo* demo = window.runDemo(QString::fromStdString(shots.path().string()));
    QVERIFY(demo != nullptr);
    QSignalSpy steps(demo, &GuidedDemo::stepStarted);
    QSignalSpy finished(demo, &GuidedDemo::finished);
    auto* tabs = window.findChild<QTabWidget*>();
    QStringList panelsSeen;
    connect(demo, &GuidedDemo::stepStarted, this,
            [&] { panelsSeen << tabs->tabText(tabs->currentIndex()); });
    QVERIFY(window.runDemo() == nullptr);  // one demo at a time
    QVERIFY(finished.wait(300000));
    QVERIFY2(finished.first().at(0).toString().isEmpty(),
             qPrintable(finished.first().at(0).toString()));
    QVERIFY(!demo->running());

    // The base model is made first (embedlab-cli init-model), then the five steps.
    QCOMPARE(steps.count(), 6);
    QVERIFY(steps.at(0).at(0).toString().contains("creating the base model"));
    QVERIFY(std::filesystem::is_regular_file(workspace / "models/base/model.safetensors"));
    QVERIFY(steps.at(1).at(0).toString().startsWith("Demo 1/5"));
    QVERIFY(steps.at(5).at(0).toString().startsWith("Demo 5/5"));
    // Each step is announced once its panel is in front (mining twice: preview, then mine all).
    QCOMPARE(panelsSeen.mid(1),
             (QStringList{"Mining", "Mining", "Training", "Evaluation", "Thresholds"}));

    // What each panel holds at the end.
    const auto examples = readTrainingData(workspace / "train.mined.jsonl");
    QCOMPARE(examples.size(), std::size_t{300});
    QCOMPARE(examples[0].negatives.size(), std::size_t{7});
    QCOMPARE(window.trainingPanel()->runCount(), 1);
    QVERIFY(!window.trainingPanel()->running());
    QTableWidget* metrics = window.evaluationPanel()->metricsTable();
    QCOMPARE(metrics->columnCount(), 4);  // the metric, the two models, the BM25 baseline
    QCOMPARE(metrics->horizontalHeaderItem(1)->text(), QString("base"));
    QVERIFY(metrics->horizontalHeaderItem(2)->text().startsWith("demo-"));
    QCOMPARE(metrics->horizontalHeaderItem(3)->text(), QString("BM25"));
    widgets::ThresholdsPanel* thresholds = window.thresholdsPanel();
    QVERIFY(thresholds->bestF1Threshold().has_value());
    QCOMPARE(thresholds->threshold(), *thresholds->bestF1Threshold());
    QVERIFY(thresholds->countsLabel()->text().contains("true positives"));

    for (const char* name : {"mining-panel.png", "training-panel.png", "evaluation-panel.png",
                             "thresholds-panel.png"}) {
      const QImage image(QString::fromStdString((shots / name).string()));
      QVERIFY2(!image.isNull(), name);
      QCOMPARE(image.size(), QSize(1280, 800));
    }

    // Every job went through embedlab-cli and into the workspace's history.
    store::History history(store::History::resolvePath({}, workspace.path()));
    std::multiset<std::string> kinds;
    QString listed;
    for (const store::Run& run : history.listRuns()) {
      kinds.insert(run.kind);
      listed += QString::fromStdString(run.kind + " ");
    }
    for (const char* kind : {"mine", "train", "eval", "threshold"})
      QVERIFY2(kinds.count(kind) == 1, qPrintable(kind + QString(" in ") + listed));
  }

  void pretrainsTheBaseModelFirstWhenAsked() {
    test::TempFolder workspace;
    makeDemoWorkspace(workspace.path());
    // The workspace's "pretrain" settings go over the demo's (here: a few steps, for the test).
    test::writeFile(workspace / "embedlab-workspace.json",
                    R"({"pretrain": {"max_steps": 6, "logging_steps": 2}})");
    test::TempFolder shots;
    MainWindow window("BLAS: test", "");
    window.openWorkspace(QString::fromStdString(workspace.path().string()));
    GuidedDemo* demo = window.runDemo(QString::fromStdString(shots.path().string()),
                                      MainWindow::ExistingMinedFile::Replace, true);
    QVERIFY(demo != nullptr);
    QSignalSpy steps(demo, &GuidedDemo::stepStarted);
    QSignalSpy finished(demo, &GuidedDemo::finished);
    QVERIFY(finished.wait(300000));
    QVERIFY2(finished.first().at(0).toString().isEmpty(),
             qPrintable(finished.first().at(0).toString()));
    QCOMPARE(steps.count(), 7);  // the base model, pre-training, then the five steps
    QVERIFY2(steps.at(1).at(0).toString().startsWith("Demo 1/6: pre-training the base model"),
             qPrintable(steps.at(1).at(0).toString()));
    QVERIFY(steps.at(1).at(0).toString().contains("6 steps"));
    QVERIFY(steps.at(5).at(0).toString().startsWith("Demo 5/6"));
    QVERIFY(steps.at(4).at(0).toString().contains("pre-trained model"));

    // The fine-tuning started from the pre-trained model, a masked-LM folder.
    QCOMPARE(window.trainingPanel()->runCount(), 2);
    std::filesystem::path pretrained, tuned;
    for (const auto& entry : std::filesystem::directory_iterator(workspace / "runs")) {
      const std::string name = entry.path().filename().string();
      if (name.rfind("demo-pretrained-", 0) == 0) {
        pretrained = entry.path();
      } else if (name.rfind("demo-", 0) == 0) {
        tuned = entry.path();
      }
    }
    QVERIFY(!pretrained.empty() && !tuned.empty());
    const auto config = nlohmann::json::parse(test::readFile(pretrained / "config.json"));
    QCOMPARE(config["architectures"][0].get<std::string>(), std::string("BertForMaskedLM"));
    const auto options = nlohmann::json::parse(test::readFile(tuned / "training_options.json"));
    QCOMPARE(options["task"].get<std::string>(), std::string("embedding"));
    QCOMPARE(std::filesystem::path(options["model_name_or_path"].get<std::string>()), pretrained);
    store::History history(store::History::resolvePath({}, workspace.path()));
    std::multiset<std::string> kinds;
    for (const store::Run& run : history.listRuns())
      kinds.insert(run.kind);
    QCOMPARE(kinds.count("pretrain"), std::size_t{1});
    QCOMPARE(kinds.count("train"), std::size_t{1});
  }

  void refusesAWorkspaceWithoutTheDemosInputs() {
    test::TempFolder workspace;
    std::filesystem::copy(kDemo / "dev", workspace / "dev",
                          std::filesystem::copy_options::recursive);
    test::writeFile(workspace / "train.jsonl", "");
    const QString problem = GuidedDemo::problemWith(workspace.path());
    QVERIFY2(problem.contains("models/base/config.json"), qPrintable(problem));
    QVERIFY(problem.contains("scripts/run.sh"));

    MainWindow window("BLAS: test", "");
    window.openWorkspace(QString::fromStdString(workspace.path().string()));
    GuidedDemo* demo = window.runDemo("unused", MainWindow::ExistingMinedFile::Replace);
    QSignalSpy finished(demo, &GuidedDemo::finished);
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.first().at(0).toString(), problem);
    QVERIFY(!std::filesystem::exists(workspace / "runs"));
  }

  void asksBeforeReplacingTheUsersMinedFile() {
    // A train.mined.jsonl in the workspace may be the user's own: the demo asks, and either
    // keeps it (mining beside it) or replaces it; cancelling starts nothing.
    test::TempFolder workspace;
    makeDemoWorkspace(workspace.path());
    test::writeFile(workspace / "train.mined.jsonl", "my own mining\n");
    test::TempFolder shots;  // (unattended: a cancelled demo shows no message box)
    const QString folder = QString::fromStdString(shots.path().string());
    const auto ask = MainWindow::ExistingMinedFile::Ask;
    MainWindow window("BLAS: test", "");
    window.openWorkspace(QString::fromStdString(workspace.path().string()));
    const auto answer = [&](const char* button) {
      QTimer::singleShot(0, [button] {
        for (QWidget* widget : QApplication::topLevelWidgets()) {
          auto* box = qobject_cast<QMessageBox*>(widget);
          if (box == nullptr || !box->isVisible()) continue;
          if (auto* chosen = box->findChild<QPushButton*>(button)) {
            chosen->click();
          } else {
            box->button(QMessageBox::Cancel)->click();
          }
        }
      });
    };
    answer("cancel");
    QVERIFY(window.runDemo(folder, ask) == nullptr);
    answer("keepBeside");
    GuidedDemo* demo = window.runDemo(folder, ask);
    QVERIFY(demo != nullptr);
    QCOMPARE(demo->minedFile(), workspace / "train.demo-mined.jsonl");
    demo->cancel();
    QCOMPARE(test::readFile(workspace / "train.mined.jsonl"), std::string("my own mining\n"));
    answer("replace");
    demo = window.runDemo(folder, ask);
    QVERIFY(demo != nullptr);
    QCOMPARE(demo->minedFile(), workspace / "train.mined.jsonl");
    demo->cancel();
  }
};

QTEST_MAIN(TestGuidedDemo)
#include "test_guided_demo.moc"
