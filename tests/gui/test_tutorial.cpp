// The README's tutorial ("Five minutes with the demo"), step by step as a user follows it, in
// the main window on a fresh user's copy of the demo workspace: paths typed as the README types
// them (relative to the workspace), the panels' own defaults (the demo workspace's settings), and
// the figures the README states checked against what the panels show: 3 000 valid training
// lines, 188 training steps with the loss falling from about 4.7 to about 0.4, MRR@10 from about
// 0.14 to about 0.43, a threshold fitted on the mined pairs. When the README's figures change,
// this test says which.
#include <QtTest/QtTest>

#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QSpinBox>
#include <QTableWidget>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "app/gui/main_window.h"
#include "app/gui/workspace_location.h"
#include "core/data/training_data.h"
#include "core/store/history.h"
#include "tests/support/files.h"
#include "widgets/datasets_panel.h"
#include "widgets/evaluation_panel.h"
#include "widgets/mining_panel.h"
#include "widgets/thresholds_panel.h"
#include "widgets/token_statistics_view.h"
#include "widgets/training_option_form.h"
#include "widgets/training_panel.h"

using namespace embedlab;
using gui::MainWindow;

namespace {

// The metrics table's value of `name` (a row) for `model` (a column).
double metric(QTableWidget* table, const QString& model, const QString& name) {
  int column = -1;
  for (int c = 1; c < table->columnCount(); ++c) {
    if (table->horizontalHeaderItem(c)->text() == model) column = c;
  }
  for (int row = 0; row < table->rowCount(); ++row) {
    if (table->item(row, 0)->text() == name && column > 0)
      return table->item(row, column)->text().toDouble();
  }
  return NAN;
}

}  // namespace

class TestTutorial : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    qputenv("EMBEDLAB_CLI", EMBEDLAB_CLI_PATH);
    // A fresh user: the demo copy is made where a first start makes it.
    qputenv("XDG_DATA_HOME", QByteArray::fromStdString(home_.path().string()));
    QCoreApplication::setOrganizationName("EmbedLabTests");
    QCoreApplication::setApplicationName("test_tutorial");
  }

  void followsTheReadmesTutorial() {
    QString error;
    const QString copy = gui::userDemoWorkspace(&error);
    QVERIFY2(!copy.isEmpty(), qPrintable(error));
    const std::filesystem::path workspace = copy.toStdString();
    MainWindow window("BLAS: test", "");
    window.resize(1024, 700);
    window.openWorkspace(copy);
    window.show();

    // 1. Look at the data: train.jsonl is valid and holds 3 000 lines; the Statistics tab's
    //    limits are the demo's 32 and 64 tokens.
    auto* list = window.datasetsPanel()->findChild<QListWidget*>();
    const auto trainEntry = [&] {
      for (int row = 0; row < list->count(); ++row) {
        if (list->item(row)->text().startsWith("train.jsonl")) return list->item(row)->text();
      }
      return QString();
    };
    QTRY_VERIFY_WITH_TIMEOUT(trainEntry().contains("valid"), 120000);
    QVERIFY2(trainEntry().contains("3000 record"), qPrintable(trainEntry()));
    const auto* passageLimit =
        window.datasetsPanel()->statistics()->findChild<QSpinBox*>("passageMaxLength");
    QCOMPARE(passageLimit->value(), 64);

    // 2. Tune the mining range: models/base, train.jsonl, max length 64; the range 2-60 and 7
    //    negatives are the demo's; Mine all writes train.mined.jsonl.
    widgets::MiningPanel* mining = window.miningPanel();
    window.showPanel("mining");
    const mine::SelectionOptions selection = mining->selectionOptions();
    QCOMPARE(selection.rangeStart, std::size_t{2});
    QCOMPARE(selection.rangeEnd, std::size_t{60});
    QCOMPARE(selection.negativeNumber, std::size_t{7});
    QSignalSpy ready(mining, &widgets::MiningPanel::previewReady);
    mining->preview();
    QVERIFY(ready.wait(120000));
    QCOMPARE(mining->currentPreview()->sample.size(), std::size_t{50});
    QSignalSpy mined(mining, &widgets::MiningPanel::mined);
    mining->mineAll(workspace / "train.mined.jsonl");
    QVERIFY(mined.wait(300000));
    QVERIFY2(mined.first().at(1).toString().isEmpty(), qPrintable(mined.first().at(1).toString()));
    QCOMPARE(readTrainingData(workspace / "train.mined.jsonl").size(), std::size_t{3000});

    // 3. Train: the paths as the README types them, the demo's options already in the form.
    widgets::TrainingPanel* training = window.trainingPanel();
    window.showPanel("training");
    nlohmann::json options = training->form()->values();
    QCOMPARE(options["train_data"][0].get<std::string>(),
             std::string("train.mined.jsonl"));  // offered after mining
    for (const auto& [name, value] : std::map<std::string, int>{{"per_device_train_batch_size", 32},
                                                                {"train_group_size", 4},
                                                                {"query_max_len", 32},
                                                                {"passage_max_len", 64}})
      QCOMPARE(options[name].get<int>(), value);
    QCOMPARE(options["learning_rate"].get<double>(), 1e-3);
    QCOMPARE(options["temperature"].get<double>(), 0.05);
    options["model_name_or_path"] = "models/base";
    options["train_data"] = {"train.mined.jsonl"};
    options["output_dir"] = "runs/first";
    training->form()->setValues(options);
    QSignalSpy ended(training, &widgets::TrainingPanel::runEnded);
    QVERIFY2(training->launch(), qPrintable(training->status()->text()));
    QVERIFY(ended.wait(600000));
    QVERIFY2(ended.last().at(1).toString().isEmpty(), qPrintable(ended.last().at(1).toString()));
    QCOMPARE(ended.last().at(0).toString(),
             QString::fromStdString((workspace / "runs/first").string()));
    std::vector<nlohmann::json> records;      // the training log
    std::vector<nlohmann::json> evaluations;  // the dev set's, every 50 steps (the settings')
    {
      std::istringstream in(test::readFile(workspace / "runs/first/metrics.jsonl"));
      for (std::string line; std::getline(in, line);) {
        nlohmann::json record = nlohmann::json::parse(line);
        (record.value("kind", "") == "evaluation" ? evaluations : records).push_back(record);
      }
    }
    // "from the base model's 0.14 (the dotted line) to about 0.43"
    QVERIFY(evaluations.size() >= 4);
    QCOMPARE(evaluations.front()["step"].get<int>(), 0);
    const double devBefore = evaluations.front()["eval_MRR@10"].get<double>();
    const double devAfter = evaluations.back()["eval_MRR@10"].get<double>();
    QVERIFY2(std::abs(devBefore - 0.14) < 0.03, qPrintable(QString::number(devBefore)));
    QVERIFY2(std::abs(devAfter - 0.43) < 0.08, qPrintable(QString::number(devAfter)));
    QCOMPARE(records.back()["step"].get<int>(), 188);  // "in 188 steps"
    const double first = records.front()["loss"].get<double>();
    const double last = records.back()["loss"].get<double>();
    QVERIFY2(std::abs(first - 4.7) < 0.4, qPrintable(QString::number(first)));  // "about 4.7"
    QVERIFY2(last < 0.6, qPrintable(QString::number(last)));                    // "to 0.4"

    // 4. Compare runs: models/base and runs/first on dev: MRR@10 from about 0.14 to about 0.43.
    widgets::EvaluationPanel* evaluation = window.evaluationPanel();
    window.showPanel("evaluation");
    evaluation->setWorkspace(workspace);  // lists runs/first (the window does it after a run)
    evaluation->setModels({workspace / "models/base", workspace / "runs/first"});
    evaluation->setEvaluationSet(workspace / "dev");
    QSignalSpy evaluated(evaluation, &widgets::EvaluationPanel::evaluated);
    evaluation->run();
    QVERIFY(evaluated.wait(300000));
    QVERIFY2(evaluated.first().at(0).toString().isEmpty(),
             qPrintable(evaluated.first().at(0).toString()));
    const double before = metric(evaluation->metricsTable(), "base", "MRR@10");
    const double after = metric(evaluation->metricsTable(), "first", "MRR@10");
    QVERIFY2(std::abs(before - 0.14) < 0.02, qPrintable(QString::number(before)));
    QVERIFY2(std::abs(after - 0.43) < 0.03, qPrintable(QString::number(after)));
    // The training's last dev evaluation is the model eval scores (same lengths and set).
    QVERIFY2(std::abs(after - devAfter) < 1e-3,
             qPrintable(QString("%1 against %2").arg(after).arg(devAfter)));
    // "The BM25 baseline column ... about 0.86 here"
    const double bm25 = metric(evaluation->metricsTable(), "BM25", "MRR@10");
    QVERIFY2(std::abs(bm25 - 0.86) < 0.02, qPrintable(QString::number(bm25)));

    // 5. Pick a threshold: runs/first on the mined pairs (the panel's default pairs).
    widgets::ThresholdsPanel* thresholds = window.thresholdsPanel();
    window.showPanel("thresholds");
    QVERIFY(thresholds->pairsChoice()->currentData().toString().endsWith("train.mined.jsonl"));
    thresholds->setModel(workspace / "runs/first");
    QSignalSpy analysed(thresholds, &widgets::ThresholdsPanel::analysed);
    thresholds->run();
    QVERIFY(analysed.wait(300000));
    QVERIFY2(analysed.first().at(0).toString().isEmpty(),
             qPrintable(analysed.first().at(0).toString()));
    QVERIFY(thresholds->bestF1Threshold().has_value());

    // Every step was a job in the workspace's history: one mining, one training (finished),
    // one evaluation, one threshold fit.
    store::History history(workspace / "history.sqlite");
    std::multiset<std::string> kinds;
    for (const store::Run& run : history.listRuns()) {
      kinds.insert(run.kind);
      QCOMPARE(run.status, store::RunStatus::Finished);
    }
    QCOMPARE(kinds, (std::multiset<std::string>{"eval", "mine", "threshold", "train"}));
  }

 private:
  test::TempFolder home_;
};

QTEST_MAIN(TestTutorial)
#include "test_tutorial.moc"
