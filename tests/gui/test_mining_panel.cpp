// The Mining panel, offscreen, over real core with a tiny model and the demo training data:
// the sample is searched once, and moving the range or a margin re-selects without searching
// (or encoding) again; the ranking marks positives, chosen and dropped candidates; "Mine all"
// runs embedlab-cli mine with the panel's settings and reports back.
#include <QtTest/QtTest>

#include <qcustomplot.h>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QTableWidget>
#include <fstream>
#include <set>

#include "core/data/training_data.h"
#include "core/store/history.h"
#include "tests/support/files.h"
#include "tests/support/model_folders.h"
#include "widgets/mining_panel.h"

using namespace embedlab;
using widgets::MiningPanel;

namespace {

const std::filesystem::path kDemo = EMBEDLAB_SOURCE_DIR "/resources/demo";

// The candidates chosen for every sampled query, as one set of (query, candidate) pairs.
std::set<std::pair<std::size_t, std::size_t>> chosen(const mine::Selection& selection) {
  std::set<std::pair<std::size_t, std::size_t>> pairs;
  for (std::size_t q = 0; q < selection.perQuery.size(); ++q)
    for (const std::size_t candidate : selection.perQuery[q].candidates)
      pairs.emplace(q, candidate);
  return pairs;
}

// The "relative_margin:" check box (the panel has others: bf16 and the other margins).
QCheckBox* relativeMarginBox(const MiningPanel& panel) {
  for (QCheckBox* box : panel.findChildren<QCheckBox*>())
    if (box->text().contains("relative_margin")) return box;
  return nullptr;
}

}  // namespace

class TestMiningPanel : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    qputenv("EMBEDLAB_CLI", EMBEDLAB_CLI_PATH);
    // The jobs' history goes to a scratch database, not the user's.
    qputenv("EMBEDLAB_HISTORY_DB",
            QByteArray::fromStdString((history_ / "history.sqlite").string()));
  }

  void tunesTheRangeWithoutSearchingAgainAndMinesAll() {
    test::TempFolder workspace;
    test::makeTinyModel(workspace / "models/tiny");
    std::filesystem::copy_file(kDemo / "train.jsonl", workspace / "train.jsonl");
    MiningPanel panel;
    panel.resize(1400, 800);
    panel.setWorkspace(workspace.path());  // finds the model and the training file itself
    panel.show();

    QSignalSpy ready(&panel, &MiningPanel::previewReady);
    panel.preview();
    QVERIFY(panel.previewing());
    QVERIFY(ready.wait(120000));
    QCOMPARE(panel.searchesRun(), 1);
    const mine::MiningPreview* preview = panel.currentPreview();
    QVERIFY(preview != nullptr);
    QCOMPARE(preview->sample.size(), std::size_t{50});
    QCOMPARE(preview->examplesInFile, std::size_t{3000});
    // The encoder ran once over the candidates and the 50 sampled queries.
    const std::size_t encodedByPreview = preview->search.candidates.size() + 50;
    QCOMPARE(panel.textsEncoded(), encodedByPreview);
    QCOMPARE(panel.queryList()->count(), 50);
    QVERIFY(panel.rankingTable()->rowCount() >= 210);  // the selected query's ranking
    QCOMPARE(panel.scorePlot()->graphCount(), 2);      // positives, chosen negatives

    // Moving the range re-selects from the same search: other negatives, no new search.
    const auto before = chosen(panel.selection());
    QCOMPARE(before.size(), std::size_t{50 * 15});
    panel.setRange(0, 5);
    QCOMPARE(panel.searchesRun(), 1);
    QVERIFY(!panel.previewing());
    const auto top = chosen(panel.selection());
    QVERIFY(top != before);
    for (std::size_t q = 0; q < 50; ++q)
      QVERIFY(panel.selection().perQuery[q].candidates.size() <= 5);
    QCOMPARE(panel.textsEncoded(), encodedByPreview);  // nothing encoded again
    // Ranks 0-4 of the selected query: chosen ones are marked, the positive too when in the top.
    int marked = 0;
    for (int row = 0; row < 5; ++row) {
      const QString what = panel.rankingTable()->item(row, 2)->text();
      marked += what == "chosen negative" || what == "positive" ? 1 : 0;
    }
    QCOMPARE(marked, 5);

    // A margin drops probable false negatives; the plot gets their curve.
    panel.setRange(0, 100);
    const std::size_t chosenWithoutMargin = panel.selection().statistics.negativesChosen;
    if (const char* shot = std::getenv("EMBEDLAB_SCREENSHOT_DIR"))
      panel.grab().save(QString(shot) + "/mining-panel.png");

    auto* margin = relativeMarginBox(panel);
    QVERIFY(margin != nullptr && margin->text().contains("relative_margin"));
    margin->setChecked(true);
    QVERIFY(panel.selection().statistics.droppedByRelativeMargin > 0);
    QVERIFY(panel.selection().statistics.negativesChosen <= chosenWithoutMargin);
    bool droppedCurve = false;  // (a random model scores everything alike: few may be left)
    for (int i = 0; i < panel.scorePlot()->graphCount(); ++i)
      droppedCurve = droppedCurve || panel.scorePlot()->graph(i)->name().startsWith("dropped");
    QVERIFY(droppedCurve);
    QCOMPARE(panel.searchesRun(), 1);
    QCOMPARE(panel.textsEncoded(), encodedByPreview);

    // Previewing again (same model, file and sample) takes the embeddings from the cache.
    panel.preview();
    QVERIFY(ready.wait(120000));
    QCOMPARE(panel.searchesRun(), 2);
    QCOMPARE(panel.textsEncoded(), encodedByPreview);

    // Mine all: embedlab-cli mine with these settings, into a path with a space.
    QSignalSpy mined(&panel, &MiningPanel::mined);
    const auto output = workspace / "mined data.jsonl";
    panel.setRange(2, 60);
    margin->setChecked(false);
    panel.mineAll(output);
    QVERIFY(mined.wait(180000));
    QVERIFY2(mined.first().at(1).toString().isEmpty(), qPrintable(mined.first().at(1).toString()));
    QCOMPARE(mined.first().at(0).toString(), QString::fromStdString(output.string()));
    const auto examples = readTrainingData(output);
    QCOMPARE(examples.size(), std::size_t{3000});
    QCOMPARE(examples[0].negatives.size(), std::size_t{15});
    QVERIFY2(panel.jobStatus()->text().contains("negatives chosen"),
             qPrintable(panel.jobStatus()->text()));
    // The report, a figure per line, scrolls in its box instead of stretching the panel.
    QVERIFY(panel.jobReport()->isVisible());
    QVERIFY(panel.jobReport()->toPlainText().contains("negatives_chosen: "));
    QVERIFY(panel.minimumSizeHint().height() <= 700);
    // The job ran from the panel's typed options (mine --config): the history has them typed.
    store::History history(store::History::resolvePath({}, workspace.path()));
    std::vector<store::Run> runs = history.listRuns({});
    runs.erase(std::remove_if(runs.begin(), runs.end(),
                              [&](const store::Run& run) {
                                return run.outputPath != output.lexically_normal().string();
                              }),
               runs.end());
    QCOMPARE(runs.size(), std::size_t{1});
    QCOMPARE(runs[0].options["range_for_sampling"], nlohmann::json({2, 60}));
    QCOMPARE(runs[0].options["negative_number"], nlohmann::json(15));
    QVERIFY(runs[0].options["relative_margin"].is_null());
  }

  void saysWhereThePositiveRanksAndWhyAMarginLeavesNothing() {
    test::TempFolder workspace;
    test::makeTinyModel(workspace / "models/tiny");
    std::filesystem::copy_file(kDemo / "train.jsonl", workspace / "train.jsonl");
    MiningPanel panel;
    panel.resize(1024, 700);
    panel.setWorkspace(workspace.path());
    panel.show();
    QVERIFY(!panel.scorePlot()->legend->visible());  // no empty legend box before a search
    // ... and an empty plot keeps its axes as wide as the plot (an empty legend in the layout
    // squeezed them to a sliver).
    panel.scorePlot()->replot();
    panel.grab();
    QVERIFY2(panel.scorePlot()->axisRect()->width() > panel.scorePlot()->width() / 2,
             qPrintable(QString::number(panel.scorePlot()->axisRect()->width())));
    QSignalSpy ready(&panel, &MiningPanel::previewReady);
    panel.preview();
    QVERIFY(ready.wait(120000));
    QVERIFY(panel.scorePlot()->legend->visible());
    const mine::MiningPreview* preview = panel.currentPreview();
    auto* note = panel.findChild<QLabel*>("positiveNote");
    QVERIFY(note != nullptr);
    // A random model ranks most positives anywhere: find one deeper than the 300 listed.
    int deep = -1;
    for (int q = 0; q < panel.queryList()->count() && deep < 0; ++q) {
      panel.queryList()->setCurrentRow(q);
      bool listed = false;
      for (int row = 0; row < panel.rankingTable()->rowCount(); ++row)
        listed = listed || panel.rankingTable()->item(row, 2)->text() == "positive";
      QCOMPARE(note->isVisibleTo(&panel), !listed);
      if (!listed) deep = q;
    }
    QVERIFY2(deep >= 0, "every positive ranked in the top 300");
    const auto q = static_cast<std::size_t>(deep);
    const float positive = preview->search.positiveScores[q][0];
    std::size_t higher = 0;
    for (std::size_t c = 0; c < preview->search.candidates.size(); ++c)
      higher += preview->search.score(q, c) > positive ? 1 : 0;
    QVERIFY(higher + 1 > 300);
    QVERIFY2(note->text().contains(QString("rank %1 ").arg(higher + 1)), qPrintable(note->text()));
    // Switching queries keeps the Text column's header in sight.
    panel.queryList()->setCurrentRow(deep == 0 ? 1 : 0);
    QCOMPARE(panel.rankingTable()->horizontalHeaderItem(3)->text(), QString("Text"));
    // (A column as wide as its longest passage centred its header out of the viewport.)
    auto* header = panel.rankingTable()->horizontalHeader();
    QVERIFY2(
        header->sectionViewportPosition(3) + header->sectionSize(3) <= header->viewport()->width(),
        qPrintable(QString("%1 + %2 > %3")
                       .arg(header->sectionViewportPosition(3))
                       .arg(header->sectionSize(3))
                       .arg(header->viewport()->width())));

    // A margin that leaves no candidate says why.
    auto* margin = relativeMarginBox(panel);
    QVERIFY(margin != nullptr && margin->text().contains("relative_margin"));
    margin->setChecked(true);
    for (QDoubleSpinBox* box : panel.findChildren<QDoubleSpinBox*>()) {
      if (box->isEnabled()) box->setValue(0.99);  // the relative margin's box
    }
    QCOMPARE(panel.selection().statistics.eligible, std::uint64_t{0});
    QVERIFY2(panel.statisticsLabel()->text().contains("drops every candidate"),
             qPrintable(panel.statisticsLabel()->text()));

    // A margin `mine` refuses (R must be below 1) is refused by the preview too, not previewed.
    for (QDoubleSpinBox* box : panel.findChildren<QDoubleSpinBox*>()) {
      if (box->isEnabled()) box->setValue(1.0);
    }
    QVERIFY2(panel.statisticsLabel()->text().contains("cannot be mined") &&
                 panel.statisticsLabel()->text().contains("--relative_margin"),
             qPrintable(panel.statisticsLabel()->text()));
    QVERIFY(panel.selection().perQuery.empty());
    QCOMPARE(panel.queryList()->count(), 0);
    QCOMPARE(panel.scorePlot()->graphCount(), 0);  // no stale distribution beside the refusal
    // A language change redraws from the settings: the refusal again, no stale selection read.
    QEvent change(QEvent::LanguageChange);
    QCoreApplication::sendEvent(&panel, &change);
    QVERIFY(panel.statisticsLabel()->text().contains("cannot be mined"));
    QCOMPARE(panel.scorePlot()->graphCount(), 0);
  }

  void precisionBoxesReachTheJobAndExcludeEachOther() {
    // Unchecked by default, as `mine` without --bf16 or --int8; checked, the job's config says
    // so; checking one unchecks the other (the options exclude each other).
    MiningPanel panel;
    QVERIFY(!panel.bf16()->isChecked());
    QVERIFY(!panel.int8()->isChecked());
    QVERIFY(!panel.miningOptions("out.jsonl").encoding.bf16);
    panel.bf16()->setChecked(true);
    QVERIFY(panel.miningOptions("out.jsonl").encoding.bf16);
    QVERIFY(panel.miningOptions("out.jsonl").toJson().dump().find("\"bf16\":true") !=
            std::string::npos);
    QVERIFY(panel.bf16()->toolTip().contains("bfloat16"));

    panel.int8()->setChecked(true);
    QVERIFY(!panel.bf16()->isChecked());
    const mine::MiningOptions int8 = panel.miningOptions("out.jsonl");
    QVERIFY(int8.encoding.int8 && !int8.encoding.bf16);
    QVERIFY(int8.toJson().dump().find("\"int8\":true") != std::string::npos);
    QVERIFY(panel.int8()->toolTip().contains("VNNI"));
    panel.bf16()->setChecked(true);
    QVERIFY(!panel.int8()->isChecked());
  }

  void aFailingJobSaysWhy() {
    test::TempFolder workspace;
    test::writeFile(workspace / "train.jsonl", "{\"query\":\"q\",\"pos\":[\"p\"],\"neg\":[]}\n");
    MiningPanel panel;
    panel.setWorkspace(workspace.path());
    panel.setModel(workspace / "no such model");
    QSignalSpy mined(&panel, &MiningPanel::mined);
    panel.mineAll(workspace / "out.jsonl");
    QVERIFY(mined.wait(60000));
    const QString error = mined.first().at(1).toString();
    QVERIFY2(error.contains("no such model"), qPrintable(error));
    QVERIFY(panel.jobStatus()->text().contains("Mining failed"));
  }

 private:
  test::TempFolder history_;
};

QTEST_MAIN(TestMiningPanel)
#include "test_mining_panel.moc"
