// The Thresholds panel, offscreen: labelled pairs scored by a tiny model through embedlab-cli
// threshold; the suggested threshold is the CLI's best F1; moving the threshold line changes the
// counts exactly as core's evaluateThreshold counts the pairs it read; a drag in the plot moves it.
#include <QtTest/QtTest>

#include <qcustomplot.h>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <nlohmann/json.hpp>

#include "core/model/reranker_model.h"
#include "tests/support/files.h"
#include "tests/support/hub_cache.h"
#include "tests/support/marking_translator.h"
#include "tests/support/model_folders.h"
#include "tests/support/package_set.h"
#include "widgets/job_controls.h"
#include "widgets/thresholds_panel.h"

using namespace embedlab;
using widgets::ThresholdsPanel;

class TestThresholdsPanel : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { qputenv("EMBEDLAB_CLI", EMBEDLAB_CLI_PATH); }

  // The model pickers offer the workspace's models, then those of the Hugging Face cache by id.
  void pickersListTheHuggingFaceCache() {
    test::TempFolder folder;
    test::makeTinyModel(folder / "workspace" / "models" / "mine");
    test::makeTinyModel(folder / "cached");
    test::cacheModel(folder / "hub", "org/tiny", folder / "cached", "abcd");
    test::writeRef(folder / "hub", "models--org--tiny", "main", "abcd");
    qputenv("HF_HUB_CACHE", QByteArray::fromStdString((folder / "hub").string()));
    ThresholdsPanel panel;
    panel.setWorkspace(folder / "workspace");
    qunsetenv("HF_HUB_CACHE");
    QComboBox* models = panel.modelChoice();
    QCOMPARE(models->count(), 2);
    QCOMPARE(models->itemText(0), QString("models/mine"));
    QCOMPARE(models->itemText(1), QString("org/tiny"));
    QVERIFY(models->itemData(1).toString().endsWith("snapshots/abcd"));
  }

  // The job controls every job panel shares: a job that fails says why, with the CLI's own
  // error, and the buttons come back.
  void jobControlsReportAFailureAndComeBack() {
    widgets::JobControls controls;
    controls.setFailureText(QStringLiteral("Scoring failed: %1"));
    QSignalSpy finished(&controls, &widgets::JobControls::finished);
    controls.start({QStringLiteral("threshold"), QStringLiteral("--config"),
                    QStringLiteral("/nonexistent/options.json")},
                   QStringLiteral("Scoring..."));
    QVERIFY(controls.running());
    QVERIFY(!controls.runButton()->isEnabled());
    QVERIFY(!controls.stopButton()->isHidden());
    QVERIFY(finished.wait(30000));
    QVERIFY(finished.last().at(0).toInt() != 0);
    const QString status = controls.status()->text();
    QVERIFY2(status.startsWith("Scoring failed: ") && status.contains("--config"),
             qPrintable(status));
    QVERIFY(controls.runButton()->isEnabled());
    QVERIFY(controls.stopButton()->isHidden());
    QVERIFY(controls.progressBar()->isHidden());
    // Options that could not be written start nothing and say so.
    controls.start({}, QStringLiteral("Cannot write the options"));
    QVERIFY(!controls.running());
    QCOMPARE(controls.status()->text(), QStringLiteral("Cannot write the options"));
  }

  void aRerankersLogitsOrSigmoidScores() {
    test::TempFolder workspace;
    model::RandomModelOptions options;
    options.layers = 1;
    options.hidden = 32;
    options.heads = 2;
    options.intermediate = 64;
    model::RerankerModel::createRandom(options, test::kTestData / "bert-base-uncased")
        .save(workspace / "models/reranker");
    test::makeTinyModel(workspace / "models/bi");
    std::string tsv = "text_a\ttext_b\tlabel\n";
    const std::size_t n = std::size(test::kPackages);
    for (std::size_t i = 0; i < n; ++i) {
      tsv += std::string(test::kPackages[i][0]) + "\t" + test::kPackages[i][1] + "\t1\n";
      tsv += std::string(test::kPackages[i][0]) + "\t" + test::kPackages[(i + 3) % n][1] + "\t0\n";
    }
    test::writeFile(workspace / "pairs.tsv", tsv);
    ThresholdsPanel panel;
    panel.setWorkspace(workspace.path());
    panel.setPairs(workspace / "pairs.tsv");
    panel.setModel(workspace / "models/bi");
    QVERIFY(!panel.sigmoidScores()->isEnabled());  // a bi-encoder has cosines only
    panel.setModel(workspace / "models/reranker");
    QVERIFY(panel.sigmoidScores()->isEnabled());
    for (const bool sigmoid : {false, true}) {
      panel.sigmoidScores()->setChecked(sigmoid);
      QSignalSpy analysed(&panel, &ThresholdsPanel::analysed);
      panel.run();
      QVERIFY(analysed.wait(120000));
      QVERIFY2(analysed.first().at(0).toString().isEmpty(),
               qPrintable(analysed.first().at(0).toString()));
      QCOMPARE(panel.distributionPlot()->xAxis->label(),
               QString(sigmoid ? "reranker score, sigmoid(logit)" : "reranker logit"));
      QVERIFY(panel.bestF1Threshold().has_value());
      if (sigmoid) QVERIFY(*panel.bestF1Threshold() > 0 && *panel.bestF1Threshold() < 1);
      QCOMPARE(panel.threshold(), *panel.bestF1Threshold());
    }
  }

  void theThresholdLineMovesTheCounts() {
    test::TempFolder workspace;
    test::makeTinyModel(workspace / "models/tiny");
    // Each package's synopsis with its description (similar) and another one's (dissimilar).
    std::string tsv = "text_a\ttext_b\tlabel\n";
    const std::size_t n = std::size(test::kPackages);
    for (std::size_t i = 0; i < n; ++i) {
      tsv += std::string(test::kPackages[i][0]) + "\t" + test::kPackages[i][1] + "\t1\n";
      tsv += std::string(test::kPackages[i][0]) + "\t" + test::kPackages[(i + 3) % n][1] + "\t0\n";
      tsv += std::string(test::kPackages[i][0]) + "\t" + test::kPackages[(i + 7) % n][1] + "\t0\n";
    }
    test::writeFile(workspace / "pairs.tsv", tsv);
    ThresholdsPanel panel;
    panel.resize(1300, 800);
    panel.setWorkspace(workspace.path());
    panel.setPairs(workspace / "pairs.tsv");
    panel.show();
    QSignalSpy analysed(&panel, &ThresholdsPanel::analysed);
    panel.run();
    QVERIFY(analysed.wait(120000));
    QVERIFY2(analysed.first().at(0).toString().isEmpty(),
             qPrintable(analysed.first().at(0).toString()));
    QCOMPARE(panel.distributionPlot()->graphCount(), 2);  // similar and dissimilar
    QCOMPARE(panel.curvePlot()->graphCount(), 3);         // precision, recall, F1
    QVERIFY(panel.bestF1Threshold().has_value());
    QCOMPARE(panel.threshold(), *panel.bestF1Threshold());  // the suggestion, at first

    // Every pair once, in one part or the other.
    const auto all = [&] {
      const eval::ThresholdPoint a = panel.heldOutCounts(), b = panel.fitCounts();
      return a.truePositives + a.falsePositives + a.falseNegatives + a.trueNegatives +
             b.truePositives + b.falsePositives + b.falseNegatives + b.trueNegatives;
    };
    QCOMPARE(all(), std::uint64_t{3 * n});
    // A threshold below every score calls everything similar; above every score, nothing.
    panel.setThreshold(-1.0);
    QCOMPARE(panel.heldOutCounts().trueNegatives + panel.fitCounts().trueNegatives,
             std::uint64_t{0});
    QCOMPARE(panel.heldOutCounts().truePositives + panel.fitCounts().truePositives,
             std::uint64_t{n});
    QVERIFY(panel.countsLabel()->text().contains("false positives"));
    const QString below = panel.countsLabel()->text();
    panel.setThreshold(1.01);
    QCOMPARE(panel.heldOutCounts().truePositives + panel.fitCounts().truePositives,
             std::uint64_t{0});
    QVERIFY(panel.countsLabel()->text() != below);

    // A click in the distribution plot moves the line to the score under the mouse.
    QCustomPlot* plot = panel.distributionPlot();
    const double target = (plot->xAxis->range().lower + plot->xAxis->range().upper) / 2;
    const QPoint at(static_cast<int>(plot->xAxis->coordToPixel(target)), plot->height() / 2);
    QTest::mouseClick(plot, Qt::LeftButton, {}, at);
    QVERIFY(std::abs(panel.threshold() - target) < 0.01 * plot->xAxis->range().size() + 1e-6);
    if (const char* shot = std::getenv("EMBEDLAB_SCREENSHOT_DIR")) {
      panel.setThreshold(*panel.bestF1Threshold());
      panel.grab().save(QString(shot) + "/thresholds-panel.png");
    }
  }

  void pairsAreCheckedAndResultsFollowLanguageAndWorkspace() {
    // The workspace's mined file is the default (raw training data often has no dissimilar
    // pair); a file without one is refused before anything is scored; the summary follows a
    // language change; another workspace clears the results.
    test::TempFolder workspace;
    test::makeTinyModel(workspace / "models/tiny");
    std::string raw, mined;
    const std::size_t n = std::size(test::kPackages);
    for (std::size_t i = 0; i < n; ++i) {
      const nlohmann::json query = test::kPackages[i][0];
      const nlohmann::json pos = nlohmann::json::array({test::kPackages[i][1]});
      const nlohmann::json neg = nlohmann::json::array({test::kPackages[(i + 3) % n][1]});
      raw +=
          nlohmann::json{{"query", query}, {"pos", pos}, {"neg", nlohmann::json::array()}}.dump() +
          "\n";
      mined += nlohmann::json{{"query", query}, {"pos", pos}, {"neg", neg}}.dump() + "\n";
    }
    test::writeFile(workspace / "train.jsonl", raw);
    test::writeFile(workspace / "train.mined.jsonl", mined);
    ThresholdsPanel panel;
    panel.setWorkspace(workspace.path());
    QVERIFY2(panel.pairsChoice()->currentData().toString().endsWith("train.mined.jsonl"),
             qPrintable(panel.pairsChoice()->currentData().toString()));

    QSignalSpy analysed(&panel, &ThresholdsPanel::analysed);
    panel.setPairs(workspace / "train.jsonl");
    QElapsedTimer clock;
    clock.start();
    panel.run();
    QCOMPARE(analysed.count(), 1);  // at once: nothing was scored
    QVERIFY2(analysed.first().at(0).toString().contains("no dissimilar pairs"),
             qPrintable(analysed.first().at(0).toString()));
    QVERIFY(panel.status()->text().contains("Mine negatives first"));

    panel.setPairs(workspace / "train.mined.jsonl");
    panel.run();
    QVERIFY(analysed.wait(120000));
    QVERIFY2(analysed.last().at(0).toString().isEmpty(),
             qPrintable(analysed.last().at(0).toString()));
    QVERIFY(panel.summaryLabel()->text().startsWith("Fitted on"));
    QVERIFY(panel.distributionPlot()->legend->visible());
    test::MarkingTranslator marking;
    QCoreApplication::installTranslator(&marking);
    QTRY_VERIFY2(panel.summaryLabel()->text().startsWith("«Fitted on"),
                 qPrintable(panel.summaryLabel()->text()));
    QCoreApplication::removeTranslator(&marking);
    QTRY_VERIFY(panel.summaryLabel()->text().startsWith("Fitted on"));

    test::TempFolder other;
    panel.setWorkspace(other.path());
    QVERIFY(panel.summaryLabel()->text().isEmpty());
    QVERIFY(panel.countsLabel()->text().isEmpty());
    QCOMPARE(panel.distributionPlot()->graphCount(), 0);
    QVERIFY(!panel.distributionPlot()->legend->visible());
    QVERIFY(!panel.bestF1Threshold().has_value());
  }
};

QTEST_MAIN(TestThresholdsPanel)
#include "test_thresholds_panel.moc"
