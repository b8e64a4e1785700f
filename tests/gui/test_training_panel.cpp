// The Training panel, offscreen, launching real `embedlab-cli train` runs of a tiny model on the
// demo data: options are checked before launch; a run streams its records into the curves and
// the similarity histograms; Stop ends it with a checkpoint (and the trainer's note on how to
// resume is shown) and Resume finishes it; a failing run shows its error and log; a reranker
// run shows sigmoid scores and the note that its start model is random; the UI thread never
// blocks 100 ms while records stream in at one per step; presets round-trip.
#include <QCheckBox>
#include <QComboBox>
#include <QtTest/QtTest>

#include <qcustomplot.h>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>

#include "core/train/training_options.h"
#include "tests/support/files.h"
#include "tests/support/latency_probe.h"
#include "tests/support/marking_translator.h"
#include "tests/support/model_folders.h"
#include "widgets/training_option_form.h"
#include "widgets/training_panel.h"

using namespace embedlab;
using widgets::TrainingPanel;

namespace {

const std::filesystem::path kDemo = EMBEDLAB_SOURCE_DIR "/resources/demo";

}  // namespace

class TestTrainingPanel : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { qputenv("EMBEDLAB_CLI", EMBEDLAB_CLI_PATH); }

  void launchesStreamsStopsAndResumes() {
    test::TempFolder workspace;
    test::makeTinyModel(workspace / "models/tiny");
    std::filesystem::copy_file(kDemo / "train.jsonl", workspace / "train.jsonl");
    TrainingPanel panel;
    panel.resize(1400, 900);
    panel.setWorkspace(workspace.path());
    panel.show();
    nlohmann::json options = panel.form()->values();
    // The workspace's model and training file, shown as the user would type them.
    QCOMPARE(options["model_name_or_path"].get<std::string>(), std::string("models/tiny"));
    QCOMPARE(options["train_data"][0].get<std::string>(), std::string("train.jsonl"));

    // Invalid options are refused before anything starts.
    options["train_group_size"] = 0;
    panel.form()->setValues(options);
    QVERIFY(!panel.launch());
    QVERIFY2(panel.status()->text().contains("train_group_size"),
             qPrintable(panel.status()->text()));

    // A run folder with a space and a non-ASCII character.
    const auto output = workspace / "runs/erster Lauf ü";
    options["train_group_size"] = 2;
    options["output_dir"] = output.string();
    options["max_steps"] = 400;
    options["per_device_train_batch_size"] = 4;
    options["query_max_len"] = 16;
    options["passage_max_len"] = 32;
    options["logging_steps"] = 1;  // a record per step: the UI must keep up
    options["save_steps"] = 0;
    options["learning_rate"] = 1e-3;
    panel.form()->setValues(options);
    QSignalSpy arrived(&panel, &TrainingPanel::recordArrived);
    QSignalSpy ended(&panel, &TrainingPanel::runEnded);
    test::LatencyProbe probe;
    QVERIFY(panel.launch());
    QVERIFY(panel.running());
    QTRY_VERIFY_WITH_TIMEOUT(arrived.count() >= 30, 120000);
    const qint64 worst = probe.worstMs();
    qInfo("%d records streamed; longest UI block %lld ms of CPU (%lld ms wall-clock)",
          static_cast<int>(arrived.count()), worst, probe.worstWallMs());
    QVERIFY2(worst < 100, qPrintable(QString("UI blocked %1 ms").arg(worst)));
    panel.redrawNow();
    QVERIFY(panel.curvePlot()->graphCount() == 2);
    QVERIFY(panel.curvePlot()->graph(0)->data()->size() >= 30);
    QCOMPARE(panel.similarityPlot()->graphCount(), 3);  // positives, hard and in-batch negatives
    QVERIFY(panel.stepSlider()->maximum() >= 29);
    panel.stepSlider()->setValue(0);  // look back at the first step
    QVERIFY(panel.similarityPlot()->graphCount() == 3);

    // Stop: a checkpoint, and the run can be resumed to its end.
    panel.stop();
    QVERIFY(ended.wait(120000));
    QCOMPARE(ended.last().at(1).toString(), QString("stopped"));
    bool checkpoint = false;
    for (const auto& entry : std::filesystem::directory_iterator(output))
      checkpoint = checkpoint || entry.path().filename().string().rfind("checkpoint-", 0) == 0;
    QVERIFY(checkpoint);
    // The trainer's notes (here: how to resume) are shown under the status.
    const auto* notes = panel.findChild<QLabel*>("trainingNotes");
    QVERIFY(notes != nullptr);
    QVERIFY(notes->isVisible());
    QVERIFY2(notes->text().contains("stopped at step"), qPrintable(notes->text()));
    const int before = panel.recordsSeen();
    QVERIFY(panel.resume());
    QVERIFY(ended.wait(300000));
    QVERIFY2(ended.last().at(1).toString().isEmpty(), qPrintable(ended.last().at(1).toString()));
    QVERIFY(std::filesystem::exists(output / "config.json"));  // the final model
    QCOMPARE(panel.recordsSeen(), 400);
    QVERIFY(panel.recordsSeen() > before);
    QVERIFY(panel.status()->text().contains("Finished"));
    if (const char* shot = std::getenv("EMBEDLAB_SCREENSHOT_DIR"))
      panel.grab().save(QString(shot) + "/training-panel.png");
  }

  void severalRunsAtOnceAndFollowedAgainByANewWindow() {
    test::TempFolder workspace;
    test::makeTinyModel(workspace / "models/tiny");
    std::filesystem::copy_file(kDemo / "train.jsonl", workspace / "train.jsonl");
    const auto options = [&](const std::string& name) {
      nlohmann::json o;
      o["output_dir"] = (workspace / "runs" / name).string();
      o["max_steps"] = 120;
      o["per_device_train_batch_size"] = 4;
      o["train_group_size"] = 2;
      o["query_max_len"] = 16;
      o["passage_max_len"] = 32;
      o["logging_steps"] = 5;
      o["save_steps"] = 0;
      return o;
    };
    {
      TrainingPanel panel;
      panel.setWorkspace(workspace.path());
      panel.form()->setValues(options("first"));
      QVERIFY(panel.launch());
      panel.form()->setValues(options("second"));
      QVERIFY(!panel.launch());  // one at a time unless allowed
      QVERIFY(panel.status()->text().contains("allow several"));
      panel.allowSeveralRuns(true);
      QVERIFY(panel.launch());
      QCOMPARE(panel.runCount(), 2);
      QVERIFY(panel.running());
      QTRY_VERIFY_WITH_TIMEOUT(panel.recordsSeen() > 0, 60000);
      // The window closes with both runs going: they go on.
    }
    TrainingPanel again;
    QSignalSpy ended(&again, &TrainingPanel::runEnded);
    again.setWorkspace(workspace.path());
    QCOMPARE(again.runCount(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(ended.count() == 2, 300000);
    for (const auto& end : ended)
      QVERIFY2(end.at(1).toString().isEmpty(), qPrintable(end.at(1).toString()));
    for (const char* name : {"first", "second"})
      QVERIFY(std::filesystem::exists(workspace / "runs" / name / "config.json"));
    again.selectRun(0);
    QCOMPARE(again.recordsSeen(), 24);  // every record, including those before the new window
    QVERIFY(again.runList()->item(0)->text().contains("finished"));
  }

  void relativePathsAreTheWorkspaces() {
    // As the README's tutorial types them: relative to the workspace, never to the GUI's
    // working directory; an input that does not exist is refused before launching.
    test::TempFolder workspace;
    test::makeTinyModel(workspace / "models/tiny");
    std::filesystem::copy_file(kDemo / "train.jsonl", workspace / "train.jsonl");
    std::filesystem::copy(kDemo / "dev", workspace / "dev",
                          std::filesystem::copy_options::recursive);
    TrainingPanel panel;
    panel.setWorkspace(workspace.path());
    nlohmann::json options = panel.form()->values();
    options["model_name_or_path"] = "models/tiny";
    options["train_data"] = {"no such file.jsonl"};
    options["eval_data"] = "dev";  // the dev set, relative to the workspace too
    options["eval_steps"] = 1;
    options["output_dir"] = "runs/first";
    options["max_steps"] = 2;
    options["per_device_train_batch_size"] = 2;
    options["train_group_size"] = 2;
    options["query_max_len"] = 16;
    options["passage_max_len"] = 16;
    options["save_steps"] = 0;
    panel.form()->setValues(options);
    QVERIFY(!panel.launch());
    QVERIFY2(panel.status()->text().contains("train_data") &&
                 panel.status()->text().contains(
                     QString::fromStdString((workspace / "no such file.jsonl").string())),
             qPrintable(panel.status()->text()));
    QCOMPARE(panel.runCount(), 0);

    options["train_data"] = {"train.jsonl"};
    panel.form()->setValues(options);
    QSignalSpy ended(&panel, &TrainingPanel::runEnded);
    QVERIFY2(panel.launch(), qPrintable(panel.status()->text()));
    QVERIFY(ended.wait(120000));
    QCOMPARE(ended.last().at(0).toString(),
             QString::fromStdString((workspace / "runs/first").string()));
    QVERIFY2(ended.last().at(1).toString().isEmpty(), qPrintable(ended.last().at(1).toString()));
    QVERIFY(std::filesystem::exists(workspace / "runs/first/config.json"));
    QVERIFY(!std::filesystem::exists(std::filesystem::current_path() / "runs/first"));
    // The dev metric beside the loss: the base model's row and steps 1 and 2, the best point
    // marked, the base model's value as a line.
    QStringList graphs;
    const QCPGraph* dev = nullptr;
    for (int i = 0; i < panel.curvesPlot()->graphCount(); ++i) {
      graphs << panel.curvesPlot()->graph(i)->name();
      if (graphs.back() == "dev MRR@10") dev = panel.curvesPlot()->graph(i);
    }
    QVERIFY2(dev != nullptr, qPrintable(graphs.join(", ")));
    QCOMPARE(dev->dataCount(), 3);
    QVERIFY2(graphs.filter(QRegularExpression("^best \\(step [0-2]\\)$")).size() == 1 &&
                 graphs.filter(QRegularExpression("^base model 0\\.[0-9]{3}$")).size() == 1,
             qPrintable(graphs.join(", ")));
    // The next run's suggested folder is the workspace's too.
    const std::string next = panel.form()->values()["output_dir"].get<std::string>();
    QVERIFY2(next.rfind("runs/run-", 0) == 0, next.c_str());
    // Its field's tooltip says which folder that is.
    QVERIFY2(panel.form()
                 ->editor("output_dir")
                 ->toolTip()
                 .contains(QString::fromStdString((workspace / next).string())),
             qPrintable(panel.form()->editor("output_dir")->toolTip()));
    // The run's state is the interface's text: it follows a language change.
    const auto* bar = panel.findChild<QProgressBar*>();
    test::MarkingTranslator marking;
    QCoreApplication::installTranslator(&marking);
    QTRY_VERIFY2(bar->format().startsWith("«finished"), qPrintable(bar->format()));
    QTRY_VERIFY2(panel.runList()->item(0)->text().contains("«finished"),
                 qPrintable(panel.runList()->item(0)->text()));
    QCoreApplication::removeTranslator(&marking);
  }

  void runStateIsTruthful() {
    // A run stopped as the close dialog stops it, seen by a new window: "stopped at" the step
    // of its checkpoint (not the last logged step, nor "failed"); Resume only where there is
    // something to resume; the bar never shows another run's steps.
    test::TempFolder workspace;
    test::makeTinyModel(workspace / "models/tiny");
    std::filesystem::copy_file(kDemo / "train.jsonl", workspace / "train.jsonl");
    nlohmann::json options;
    options["max_steps"] = 2000;
    options["per_device_train_batch_size"] = 2;
    options["train_group_size"] = 2;
    options["query_max_len"] = 16;
    options["passage_max_len"] = 16;
    options["logging_steps"] = 7;
    options["save_steps"] = 0;
    options["output_dir"] = (workspace / "runs/stopped").string();
    {
      TrainingPanel panel;
      panel.setWorkspace(workspace.path());
      panel.form()->setValues(options);
      QSignalSpy ended(&panel, &TrainingPanel::runEnded);
      QVERIFY(panel.launch());
      QTRY_VERIFY_WITH_TIMEOUT(panel.recordsSeen() >= 2, 120000);
      panel.stopAll();  // what "Stop it" in the close dialog does
      QVERIFY(ended.wait(120000));
    }
    int checkpoint = -1;
    for (const auto& entry : std::filesystem::directory_iterator(workspace / "runs/stopped")) {
      const std::string name = entry.path().filename().string();
      if (name.rfind("checkpoint-", 0) == 0) checkpoint = std::stoi(name.substr(11));
    }
    QVERIFY(checkpoint > 0);
    TrainingPanel again;
    QSignalSpy ended(&again, &TrainingPanel::runEnded);
    again.setWorkspace(workspace.path());
    QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 30000);
    QCOMPARE(ended.last().at(1).toString(), QString("stopped"));
    const QString item = again.runList()->item(0)->text();
    QVERIFY2(item.contains(QString("stopped at step %1").arg(checkpoint)), qPrintable(item));
    QVERIFY2(again.status()->text().contains(QString("Stopped at step %1").arg(checkpoint)),
             qPrintable(again.status()->text()));
    auto* resume = again.findChild<QPushButton*>("resumeButton");
    QVERIFY(resume != nullptr && resume->isEnabled());
    const auto* bar = again.findChild<QProgressBar*>();
    QVERIFY2(bar->format().contains(QString("stopped at step %1").arg(checkpoint)),
             qPrintable(bar->format()));

    // A finished run cannot be resumed; a new run that fails shows its own state on the bar.
    nlohmann::json finished = options;
    finished["max_steps"] = 2;
    finished["output_dir"] = (workspace / "runs/finished").string();
    again.form()->setValues(finished);
    QVERIFY(again.launch());
    QVERIFY(ended.wait(120000));
    QVERIFY(ended.last().at(1).toString().isEmpty());
    QVERIFY(!resume->isEnabled());
    QVERIFY(!again.resume());
    QVERIFY2(bar->format().contains("finished"), qPrintable(bar->format()));
    test::writeFile(workspace / "broken.jsonl", "{not json\n");
    nlohmann::json failing = finished;
    failing["train_data"] = {(workspace / "broken.jsonl").string()};
    failing["output_dir"] = (workspace / "runs/failing").string();
    again.form()->setValues(failing);
    QVERIFY(again.launch());
    QVERIFY(ended.wait(120000));
    QVERIFY(!ended.last().at(1).toString().isEmpty());
    QVERIFY2(!bar->format().contains("step 2 of 2") && bar->format().contains("failed"),
             qPrintable(bar->format()));
    QVERIFY(!resume->isEnabled());  // nothing to resume from
  }

  void aFailedRunShowsItsErrorAndLog() {
    test::TempFolder workspace;
    test::writeFile(workspace / "train.jsonl", "{\"query\":\"q\",\"pos\":[\"p\"],\"neg\":[]}\n");
    test::writeFile(workspace / "not a model/config.json", "{broken");
    TrainingPanel panel;
    panel.setWorkspace(workspace.path());
    nlohmann::json options = panel.form()->values();
    options["model_name_or_path"] = (workspace / "not a model").string();
    options["output_dir"] = (workspace / "runs/failing").string();
    panel.form()->setValues(options);
    QSignalSpy ended(&panel, &TrainingPanel::runEnded);
    QVERIFY(panel.launch());
    QVERIFY(ended.wait(120000));
    const QString error = ended.first().at(1).toString();
    QVERIFY2(error.contains("config.json"), qPrintable(error));
    QVERIFY(!panel.failure()->isHidden());
    QVERIFY(!panel.failure()->toPlainText().isEmpty());
  }

  void aRerankerRunShowsItsScoresAndNotes() {
    test::TempFolder workspace;
    test::makeTinyModel(workspace / "models/tiny");  // random weights, from init-model's code
    std::filesystem::copy_file(kDemo / "train.jsonl", workspace / "train.jsonl");
    TrainingPanel panel;
    panel.setWorkspace(workspace.path());
    nlohmann::json options = panel.form()->values();
    options["task"] = "reranker";
    options["output_dir"] = (workspace / "runs/reranker").string();
    options["max_steps"] = 4;
    options["train_group_size"] = 2;
    options["per_device_train_batch_size"] = 2;
    options["query_max_len"] = 16;
    options["passage_max_len"] = 16;
    options["logging_steps"] = 1;
    options["save_steps"] = 0;
    panel.form()->setValues(options);
    QCOMPARE(panel.form()->values()["task"].get<std::string>(), std::string("reranker"));
    QSignalSpy ended(&panel, &TrainingPanel::runEnded);
    QVERIFY(panel.launch());
    QVERIFY(ended.wait(120000));
    QVERIFY2(ended.last().at(1).toString().isEmpty(), qPrintable(ended.last().at(1).toString()));
    const auto* notes = panel.findChild<QLabel*>("trainingNotes");
    QVERIFY(notes != nullptr && !notes->isHidden());
    QVERIFY2(notes->text().contains("init-model"), qPrintable(notes->text()));
    panel.stepSlider()->setValue(panel.stepSlider()->maximum());
    QVERIFY2(panel.similarityPlot()->xAxis->label().contains("sigmoid"),
             qPrintable(panel.similarityPlot()->xAxis->label()));
    QCOMPARE(panel.similarityPlot()->graphCount(), 2);  // positives and hard negatives
  }

  void aPretrainingRunStartsFromThePanel() {
    test::TempFolder workspace;
    test::makeTinyModel(workspace / "models/tiny");
    std::filesystem::copy_file(kDemo / "train.jsonl", workspace / "train.jsonl");
    TrainingPanel panel;
    panel.setWorkspace(workspace.path());
    auto* task = qobject_cast<QComboBox*>(panel.form()->editor("task"));
    QVERIFY(task != nullptr);
    task->setCurrentIndex(task->findData(QStringLiteral("pretrain")));
    // Pre-training's options open, the fine-tuning ones grey out and are not sent.
    for (const char* name : {"method", "max_seq_length", "mlm_probability", "whole_word_mask"})
      QVERIFY2(panel.form()->editor(name)->isEnabled(), name);
    for (const char* name : {"temperature", "train_group_size", "query_max_len", "passage_max_len",
                             "query_instruction_for_retrieval", "knowledge_distillation"}) {
      QVERIFY2(!panel.form()->editor(name)->isEnabled(), name);
      QVERIFY2(!panel.form()->values().contains(name), name);
    }
    nlohmann::json options = panel.form()->values();
    options["method"] = "retromae";
    options["output_dir"] = (workspace / "runs/pretrained").string();
    options["max_steps"] = 3;
    options["per_device_train_batch_size"] = 2;
    options["max_seq_length"] = 32;
    options["logging_steps"] = 1;
    options["save_steps"] = 0;
    panel.form()->setValues(options);
    QSignalSpy ended(&panel, &TrainingPanel::runEnded);
    QVERIFY(panel.launch());
    QVERIFY(ended.wait(120000));
    QVERIFY2(ended.last().at(1).toString().isEmpty(), qPrintable(ended.last().at(1).toString()));
    QCOMPARE(panel.recordsSeen(), 3);
    const auto config =
        nlohmann::json::parse(test::readFile(workspace / "runs/pretrained/config.json"));
    QCOMPARE(config["architectures"][0].get<std::string>(), std::string("BertForMaskedLM"));
    if (const char* shot = std::getenv("EMBEDLAB_SCREENSHOT_DIR"))
      panel.grab().save(QString(shot) + "/training-panel-pretrain.png");
  }

  void distillationOptionsFollowTheirSwitch() {
    widgets::TrainingOptionForm form;
    auto* distil = qobject_cast<QCheckBox*>(form.editor("knowledge_distillation"));
    QVERIFY(distil != nullptr && !distil->isChecked());  // opt-in, as in the reference
    for (const char* name : {"kd_loss_type", "teacher_temperature", "distill_weight"})
      QVERIFY2(!form.editor(name)->isEnabled(), name);
    distil->setChecked(true);
    for (const char* name : {"kd_loss_type", "teacher_temperature", "distill_weight"})
      QVERIFY2(form.editor(name)->isEnabled(), name);
    QCOMPARE(form.values()["knowledge_distillation"].get<bool>(), true);
    QVERIFY(!form.editor("gc_chunk_size")->isEnabled());
  }

  void theFormComesFromCoresTableAndFollowsTheTask() {
    widgets::TrainingOptionForm form;
    // Every option of core's table has an editor, with the help --help prints as its tooltip.
    for (const OptionDescription& row : train::TrainingOptions::table()) {
      QWidget* editor = form.editor(row.info.name);
      QVERIFY2(editor != nullptr, row.info.name);
      QVERIFY2(editor->toolTip().startsWith(QString::fromUtf8(row.info.help).left(20)),
               qPrintable(editor->toolTip()));
    }
    auto* task = qobject_cast<QComboBox*>(form.editor("task"));
    QVERIFY(task != nullptr);
    QVERIFY(form.editor("temperature")->isEnabled());
    QVERIFY(form.values().contains("temperature"));
    task->setCurrentIndex(task->findData(QStringLiteral("reranker")));
    // A reranker has no temperature: greyed out, and not sent (the CLI would refuse it).
    for (const char* name : {"temperature", "sentence_pooling_method", "normalized", "grad_cache",
                             "gc_chunk_size", "use_inbatch_neg", "negatives_cross_device"}) {
      QVERIFY2(!form.editor(name)->isEnabled(), name);
      QVERIFY2(!form.values().contains(name), name);
    }
    QVERIFY(form.editor("learning_rate")->isEnabled());
    nlohmann::json values = form.values();
    values["model_name_or_path"] = "m";
    values["train_data"] = {"t.jsonl"};
    values["output_dir"] = "run";
    QVERIFY2(widgets::TrainingOptionForm::problemOf(values).isEmpty(),
             qPrintable(widgets::TrainingOptionForm::problemOf(values)));
  }

  void presetsRoundTrip() {
    test::TempFolder folder;
    widgets::TrainingOptionForm form;
    nlohmann::json options = form.values();
    options["temperature"] = 0.05;
    options["train_data"] = {"a file.jsonl", "b.jsonl"};
    options["query_instruction_for_retrieval"] = "query: ";
    form.setValues(options);
    const QString preset = QString::fromStdString((folder / "preset.json").string());
    QVERIFY(form.savePreset(preset));
    widgets::TrainingOptionForm other;
    QVERIFY(other.loadPreset(preset).isEmpty());
    QCOMPARE(other.values(), form.values());
    QCOMPARE(other.values()["query_instruction_for_retrieval"].get<std::string>(),
             std::string("query: "));
    QVERIFY(
        !other.loadPreset(QString::fromStdString((folder / "missing.json").string())).isEmpty());
  }
};

QTEST_MAIN(TestTrainingPanel)
#include "test_training_panel.moc"
