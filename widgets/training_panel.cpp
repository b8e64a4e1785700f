#include "widgets/training_panel.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSplitter>
#include <QVBoxLayout>
#include <cmath>

#include "core/common/job_events.h"
#include "core/data/dataset_discovery.h"
#include "core/model/hub_cache.h"
#include "core/model/model_discovery.h"
#include "core/store/history.h"
#include "widgets/cli_job.h"
#include "widgets/path_choices.h"
#include "widgets/plot_export.h"
#include "widgets/plot_legend.h"
#include "widgets/training_option_form.h"

namespace embedlab::widgets {

namespace {

const QColor kLoss(0x2b, 0x57, 0x97);
const QColor kRate(0xe0, 0x9a, 0x1e);
const QColor kDev(0x7b, 0x3f, 0xa0);
const QColor kPositives(0x2e, 0x9e, 0x4f);
const QColor kHard(0xd9, 0x53, 0x4f);
const QColor kInBatch(0x88, 0x88, 0x88);

QString duration(double seconds) {
  if (seconds < 0 || !std::isfinite(seconds)) return QStringLiteral("?");
  const auto s = static_cast<qint64>(std::llround(seconds));
  if (s < 60) return QStringLiteral("%1 s").arg(s);
  if (s < 3600) return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60);
  return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

// The task the run in `outputDir` was launched with (its launch_options.json).
std::string launchedTask(const std::filesystem::path& outputDir) {
  QFile file(QString::fromStdString((outputDir / "launch_options.json").string()));
  if (!file.open(QIODevice::ReadOnly)) return "embedding";
  const auto json = nlohmann::json::parse(file.readAll().toStdString(), nullptr, false);
  return json.is_object() ? json.value("task", "embedding") : "embedding";
}

}  // namespace

TrainingPanel::TrainingPanel(QWidget* parent) : QWidget(parent) {
  form_ = new TrainingOptionForm;
  auto* scroll = new QScrollArea;
  scroll->setWidget(form_);
  scroll->setWidgetResizable(true);
  scroll->setMinimumWidth(460);

  auto* loadPreset = new QPushButton;
  auto* savePreset = new QPushButton;
  launchButton_ = new QPushButton;
  stopButton_ = new QPushButton;
  resumeButton_ = new QPushButton;
  resumeButton_->setObjectName(QStringLiteral("resumeButton"));
  connect(loadPreset, &QPushButton::clicked, this, [this] {
    const QString file = QFileDialog::getOpenFileName(this, tr("Load training options"),
                                                      QString::fromStdString(workspace_.string()),
                                                      tr("Training options (*.json)"));
    if (file.isEmpty()) return;
    const QString error = form_->loadPreset(file);
    if (!error.isEmpty()) QMessageBox::warning(this, tr("Load training options"), error);
  });
  connect(savePreset, &QPushButton::clicked, this, [this] {
    const QString file = QFileDialog::getSaveFileName(
        this, tr("Save training options"),
        QString::fromStdString((workspace_ / "training-preset.json").string()),
        tr("Training options (*.json)"));
    if (!file.isEmpty() && !form_->savePreset(file))
      QMessageBox::warning(this, tr("Save training options"), tr("Could not write %1.").arg(file));
  });
  connect(launchButton_, &QPushButton::clicked, this, &TrainingPanel::launch);
  connect(stopButton_, &QPushButton::clicked, this, &TrainingPanel::stop);
  connect(resumeButton_, &QPushButton::clicked, this, &TrainingPanel::resume);
  auto* presetRow = new QHBoxLayout;
  presetRow->addWidget(loadPreset);
  presetRow->addWidget(savePreset);
  allowSeveral_ = new QCheckBox;
  connect(allowSeveral_, &QCheckBox::toggled, this, &TrainingPanel::updateButtons);
  auto* runRow = new QHBoxLayout;
  runRow->addWidget(launchButton_, 2);
  runRow->addWidget(stopButton_, 1);
  runRow->addWidget(resumeButton_, 1);
  auto* left = new QWidget;
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(0, 0, 0, 0);
  leftLayout->addLayout(presetRow);
  leftLayout->addWidget(scroll, 1);
  leftLayout->addLayout(runRow);
  leftLayout->addWidget(allowSeveral_);

  progress_ = new QProgressBar;
  progress_->setRange(0, 1000);
  status_ = new QLabel;
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  notes_ = new QLabel;
  notes_->setObjectName(QStringLiteral("trainingNotes"));
  notes_->setWordWrap(true);
  notes_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  notes_->setStyleSheet(
      QStringLiteral("QLabel { background: #eef3fb; color: #1d2b45; "
                     "border: 1px solid #b8c8e8; padding: 4px; }"));
  notes_->hide();
  curves_ = new QCustomPlot;
  curves_->setMinimumHeight(220);
  putLegendBelow(curves_);
  curves_->yAxis2->setVisible(true);
  devAxis_ = curves_->axisRect()->addAxis(QCPAxis::atRight);
  devAxis_->setVisible(false);
  curves_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  addExportMenu(curves_, QStringLiteral("training-curves.png"));
  similarities_ = new QCustomPlot;
  similarities_->setMinimumHeight(200);
  putLegendBelow(similarities_);
  addExportMenu(similarities_, QStringLiteral("similarities.png"));
  stepSlider_ = new QSlider(Qt::Horizontal);
  stepSlider_->setEnabled(false);
  stepLabel_ = new QLabel;
  connect(stepSlider_, &QSlider::valueChanged, this, &TrainingPanel::showSimilarities);
  redraw_.setSingleShot(true);
  redraw_.setInterval(100);
  connect(&redraw_, &QTimer::timeout, this, &TrainingPanel::redrawNow);
  failure_ = new QPlainTextEdit;
  failure_->setReadOnly(true);
  failure_->setMaximumHeight(140);
  failure_->hide();

  runList_ = new QListWidget;
  runList_->setMaximumHeight(90);
  connect(runList_, &QListWidget::currentRowChanged, this, &TrainingPanel::selectRun);

  auto* sliderRow = new QHBoxLayout;
  sliderRow->addWidget(stepLabel_);
  sliderRow->addWidget(stepSlider_, 1);
  auto* right = new QWidget;
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->setContentsMargins(0, 0, 0, 0);
  rightLayout->addWidget(runList_);
  rightLayout->addWidget(progress_);
  rightLayout->addWidget(status_);
  rightLayout->addWidget(notes_);
  rightLayout->addWidget(failure_);
  rightLayout->addWidget(curves_, 3);
  rightLayout->addWidget(similarities_, 2);
  rightLayout->addLayout(sliderRow);
  auto* splitter = new QSplitter;
  splitter->addWidget(left);
  splitter->addWidget(right);
  splitter->setStretchFactor(1, 2);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(splitter);

  translations_.add([=] {
    loadPreset->setText(tr("Load options..."));
    loadPreset->setToolTip(tr("A preset, a --config file or a run folder's training_options.json"));
    savePreset->setText(tr("Save options..."));
    launchButton_->setText(tr("&Launch"));
    stopButton_->setText(tr("Stop"));
    stopButton_->setToolTip(tr("Stop at the next batch, with a checkpoint"));
    resumeButton_->setText(tr("Resume"));
    resumeButton_->setToolTip(tr("Continue the selected run from its latest checkpoint"));
    allowSeveral_->setText(tr("Allow several runs at once"));
    allowSeveral_->setToolTip(tr("Launch while another run is going (they share the CPU or GPUs)"));
    for (const auto& run : runs_)
      updateRunItem(*run);
    curves_->xAxis->setLabel(tr("step"));
    curves_->yAxis->setLabel(tr("loss"));
    curves_->yAxis2->setLabel(tr("learning rate"));
    similarities_->yAxis->setLabel(tr("share (%)"));
    showStatus();
    redrawCurves();
    showSimilarities(stepSlider_->value());
  });
  updateButtons();
}

void TrainingPanel::changeEvent(QEvent* event) {
  translations_.handle(event);
  QWidget::changeEvent(event);
}

TrainingPanel::~TrainingPanel() = default;

TrainingPanel::Run* TrainingPanel::current() const {
  return current_ >= 0 && current_ < static_cast<int>(runs_.size())
             ? runs_[static_cast<std::size_t>(current_)].get()
             : nullptr;
}

int TrainingPanel::recordsSeen() const {
  const Run* run = current();
  return run == nullptr ? 0 : static_cast<int>(run->records.size());
}

bool TrainingPanel::running() const {
  return std::any_of(runs_.begin(), runs_.end(),
                     [](const auto& run) { return run->job->running(); });
}

void TrainingPanel::allowSeveralRuns(bool allow) {
  allowSeveral_->setChecked(allow);
}

bool TrainingPanel::launch() {
  return start(false);
}

bool TrainingPanel::resume() {
  return start(true);
}

TrainingPanel::Run& TrainingPanel::addRun(const std::filesystem::path& outputDir) {
  auto run = std::make_unique<Run>();
  run->outputDir = outputDir;
  run->job = new CliJob(this);
  Run* raw = run.get();
  connect(raw->job, &CliJob::record, this, [this, raw](const QJsonObject& line) {
    onRecord(*raw,
             nlohmann::json::parse(QJsonDocument(line).toJson(QJsonDocument::Compact).toStdString(),
                                   nullptr, false));
  });
  connect(raw->job, &CliJob::finished, this,
          [this, raw](int exitCode, const QString& error) { onFinished(*raw, exitCode, error); });
  runs_.push_back(std::move(run));
  auto* item = new QListWidgetItem;
  item->setToolTip(QString::fromStdString(outputDir.string()));
  runList_->addItem(item);
  updateRunItem(*raw);
  return *raw;
}

void TrainingPanel::setWorkspace(const std::filesystem::path& workspace) {
  workspace_ = workspace;
  form_->setBaseFolder(workspace);
  nlohmann::json values = nlohmann::json::object();
  for (const model::ModelFolder& folder : model::discoverModelFolders(workspace)) {
    if (folder.hasWeights && folder.name.rfind("runs", 0) != 0) {
      values["model_name_or_path"] = shownInWorkspace(workspace, folder.path);
      break;
    }
  }
  try {
    for (const DatasetEntry& entry : discoverDatasets(workspace)) {
      if (entry.kind == DataKind::Training) {
        values["train_data"] = {shownInWorkspace(workspace, entry.path)};
        // A mined file is the better default: it has hard negatives.
        if (entry.name.find("mined") != std::string::npos) break;
      }
    }
  } catch (const std::exception&) {
    // An unreadable workspace: the user chooses the files.
  }
  values["output_dir"] =
      (std::filesystem::path("runs") /
       ("run-" + QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss").toStdString()))
          .string();
  // The workspace's training settings (the demo's are the tutorial's); paths stay the above.
  const WorkspaceSettings settings = workspaceSettings(workspace);
  for (const auto& [name, value] : settings.job("train").items()) {
    if (name != "model_name_or_path" && name != "train_data" && name != "output_dir")
      values[name] = value;
  }
  form_->setValues(values);

  // The runs launched from this workspace before, oldest first: replayed, and followed when
  // they are still going.
  std::vector<std::filesystem::path> folders;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(workspace / "runs", error)) {
    if (std::filesystem::exists(entry.path() / "job.jsonl")) folders.push_back(entry.path());
  }
  // Oldest first (a file that vanished meanwhile sorts first; attach() then skips it).
  const auto written = [](const std::filesystem::path& folder) {
    std::error_code ignored;
    return std::filesystem::last_write_time(folder / "job.jsonl", ignored);
  };
  std::sort(folders.begin(), folders.end(),
            [&](const auto& a, const auto& b) { return written(a) < written(b); });
  for (const std::filesystem::path& folder : folders) {
    const bool known = std::any_of(runs_.begin(), runs_.end(),
                                   [&](const auto& run) { return run->outputDir == folder; });
    if (known) continue;
    Run& run = addRun(folder);
    run.task = launchedTask(folder);
    run.job->attach(QString::fromStdString(folder.string()));
  }
  if (current_ < 0 && !runs_.empty()) runList_->setCurrentRow(static_cast<int>(runs_.size()) - 1);
  updateButtons();
}

void TrainingPanel::setTrainingFile(const std::filesystem::path& file) {
  form_->setValues({{"train_data", nlohmann::json::array({shownInWorkspace(workspace_, file)})}});
}

bool TrainingPanel::start(bool resuming) {
  Run* selected = current();
  if (resuming && (selected == nullptr || !canResume(*selected))) return false;
  if (!resuming && running() && !allowSeveral_->isChecked()) {
    status_->setText(tr("A run is going: stop it first, or allow several runs at once."));
    return false;
  }
  nlohmann::json options = form_->values();
  if (resuming) {
    // The run's own options, from its folder, so that the form can hold the next run's.
    QFile saved(QString::fromStdString((selected->outputDir / "launch_options.json").string()));
    if (saved.open(QIODevice::ReadOnly)) {
      const auto json = nlohmann::json::parse(saved.readAll().toStdString(), nullptr, false);
      if (json.is_object()) options = json;
    }
    options["output_dir"] = selected->outputDir.string();
    options["resume_from_checkpoint"] = "latest";
  }
  QString problem = TrainingOptionForm::problemOf(options);
  if (problem.isEmpty()) options = launchOptions(options, problem);
  if (!problem.isEmpty()) {
    status_->setText(tr("Cannot launch: %1").arg(problem));
    return false;
  }
  const std::filesystem::path outputDir =
      std::filesystem::absolute(options["output_dir"].get<std::string>());
  options["output_dir"] = outputDir.string();
  if (!resuming) {
    const bool busy = std::any_of(runs_.begin(), runs_.end(), [&](const auto& run) {
      return run->outputDir == outputDir && run->job->running();
    });
    if (busy) {
      status_->setText(tr("A run is going in %1: choose another output_dir.")
                           .arg(QString::fromStdString(outputDir.string())));
      return false;
    }
    // The job refuses a folder that holds files without overwrite_output_dir; the panel asks
    // here, before it writes launch_options.json there, and then tells the job to go on.
    std::error_code listing;
    const bool taken = std::filesystem::is_directory(outputDir, listing) &&
                       std::filesystem::directory_iterator(outputDir, listing) !=
                           std::filesystem::directory_iterator();
    if (taken && !options.value("overwrite_output_dir", false)) {
      status_->setText(tr("%1 already holds files: choose another output_dir, or tick "
                          "overwrite_output_dir.")
                           .arg(QString::fromStdString(outputDir.string())));
      return false;
    }
    options["overwrite_output_dir"] = true;
  }
  std::error_code error;
  std::filesystem::create_directories(outputDir, error);
  const QString config = QString::fromStdString((outputDir / "launch_options.json").string());
  QFile file(config);
  const std::string text = options.dump(2) + "\n";
  if (error || !file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
      file.write(text.data(), static_cast<qint64>(text.size())) !=
          static_cast<qint64>(text.size())) {
    status_->setText(tr("Cannot write %1.").arg(config));
    return false;
  }
  file.close();
  Run* run = resuming ? selected : nullptr;
  if (run == nullptr) {
    // A run folder used before (a finished run launched again) keeps its list entry.
    for (const auto& known : runs_) {
      if (known->outputDir == outputDir) run = known.get();
    }
  }
  if (run == nullptr) run = &addRun(outputDir);
  if (!resuming) {
    run->records.clear();
    run->evaluations.clear();
    run->notes.clear();
    run->totalSteps = 0;
  }
  run->stoppedAt = -1;
  run->task = options.value("task", "embedding");
  run->ended = false;
  run->error.clear();
  const QString database =
      QString::fromStdString(store::History::resolvePath({}, workspace_).string());
  run->job->startDetached({QStringLiteral("--db"), database, QStringLiteral("train"),
                           QStringLiteral("--config"), config},
                          QString::fromStdString(outputDir.string()));
  for (std::size_t i = 0; i < runs_.size(); ++i) {
    if (runs_[i].get() == run) runList_->setCurrentRow(static_cast<int>(i));
  }
  if (!resuming) {
    // The next launch gets a new run folder by default.
    nlohmann::json next = nlohmann::json::object();
    next["output_dir"] = shownInWorkspace(
        workspace_,
        outputDir.parent_path() /
            ("run-" + QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss-zzz").toStdString()));
    form_->setValues(next);
  }
  updateRunItem(*run);
  failure_->hide();
  showStatus();
  updateButtons();
  return true;
}

nlohmann::json TrainingPanel::launchOptions(nlohmann::json options, QString& problem) const {
  const auto resolve = [&](const nlohmann::json& value) {
    return inWorkspace(workspace_, value.get<std::string>()).string();
  };
  // A folder in the workspace, else a hub id in the Hugging Face cache ("BAAI/bge-small-en").
  const std::string typedModel = options["model_name_or_path"].get<std::string>();
  options["model_name_or_path"] = resolve(options["model_name_or_path"]);
  if (std::error_code missing;
      !std::filesystem::is_directory(options["model_name_or_path"].get<std::string>(), missing) &&
      model::isHubId(typedModel)) {
    try {
      options["model_name_or_path"] = model::resolveModelFolder(typedModel).string();
    } catch (const std::exception& notCached) {
      problem = QString::fromStdString(notCached.what());
      return {};
    }
  }
  options["output_dir"] = resolve(options["output_dir"]);
  for (auto& file : options["train_data"])
    file = resolve(file);
  const std::string resumeFrom = options.value("resume_from_checkpoint", "");
  if (!resumeFrom.empty() && resumeFrom != "latest")
    options["resume_from_checkpoint"] = resolve(options["resume_from_checkpoint"]);
  for (const char* name : {"eval_data", "eval_corpus"}) {  // a dev set in the workspace
    if (options.contains(name) && !options[name].get<std::string>().empty())
      options[name] = resolve(options[name]);
  }
  // Inputs are checked now, not by a job that fails a second later with a log to read.
  std::error_code error;
  const std::string model = options["model_name_or_path"].get<std::string>();
  if (!std::filesystem::is_directory(model, error)) {
    problem = tr("model_name_or_path: %1 is not a folder.").arg(QString::fromStdString(model));
    return {};
  }
  for (const auto& file : options["train_data"]) {
    if (!std::filesystem::is_regular_file(file.get<std::string>(), error)) {
      problem =
          tr("train_data: %1 does not exist.").arg(QString::fromStdString(file.get<std::string>()));
      return {};
    }
  }
  const std::string evalData = options.value("eval_data", "");
  if (!evalData.empty() && !std::filesystem::exists(evalData, error)) {
    problem = tr("eval_data: %1 does not exist.").arg(QString::fromStdString(evalData));
    return {};
  }
  return options;
}

bool TrainingPanel::canResume(const Run& run) const {
  if (!run.ended || run.job->running() || run.error.isEmpty()) return false;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(run.outputDir, error)) {
    if (entry.is_directory() && entry.path().filename().string().rfind("checkpoint-", 0) == 0)
      return true;
  }
  return false;
}

void TrainingPanel::stop() {
  Run* run = current();
  if (run == nullptr || !run->job->running()) return;
  run->job->stop();
  status_->setText(tr("Stopping at the next batch, with a checkpoint..."));
}

void TrainingPanel::stopAll() {
  for (const auto& run : runs_)
    run->job->stop();
}

void TrainingPanel::selectRun(int index) {
  if (index < 0 || index >= static_cast<int>(runs_.size())) return;
  current_ = index;
  {
    const QSignalBlocker blocker(runList_);
    runList_->setCurrentRow(index);
  }
  {
    const QSignalBlocker blocker(stepSlider_);
    stepSlider_->setValue(0);
    stepSlider_->setMaximum(0);
  }
  failure_->setVisible(!current()->error.isEmpty() &&
                       current()->error != QStringLiteral("stopped"));
  failure_->setPlainText(current()->job->stderrTail().join('\n'));
  showStatus();
  redrawNow();
  updateButtons();
}

void TrainingPanel::updateRunItem(const Run& run) {
  for (std::size_t i = 0; i < runs_.size(); ++i) {
    if (runs_[i].get() != &run) continue;
    const std::int64_t step = run.records.empty() ? 0 : run.records.back().step;
    QString state;
    if (run.job->running()) {
      state = tr("running, step %1 of %2").arg(step).arg(run.totalSteps);
    } else if (!run.ended) {
      state = tr("starting");
    } else if (run.error.isEmpty()) {
      state = tr("finished, %1 steps").arg(step);
    } else if (run.error == QStringLiteral("stopped")) {
      state = tr("stopped at step %1").arg(run.stoppedAt >= 0 ? run.stoppedAt : step);
    } else {
      state = tr("failed");
    }
    runList_->item(static_cast<int>(i))
        ->setText(QString::fromStdString(run.outputDir.filename().string()) + " · " + state);
  }
}

void TrainingPanel::showStatus() {
  const Run* run = current();
  notes_->setVisible(run != nullptr && !run->notes.isEmpty());
  if (run != nullptr) notes_->setText(run->notes.join(QStringLiteral("\n\n")));
  // The bar always says what the shown run did: never a previous run's "step 188 of 188".
  const auto bar = [this](std::int64_t done, std::int64_t total, const QString& format) {
    progress_->setValue(total > 0 ? static_cast<int>(1000 * std::min(done, total) / total) : 0);
    progress_->setFormat(format);
  };
  if (run == nullptr) {
    status_->setText(
        tr("Set the options and launch: the run's curves appear here as it "
           "trains. It keeps running if the window closes."));
    bar(0, 0, QString());
    return;
  }
  const QString folder = QString::fromStdString(shownInWorkspace(workspace_, run->outputDir));
  const std::int64_t step = run->records.empty() ? 0 : run->records.back().step;
  if (run->ended) {
    if (run->error.isEmpty()) {
      status_->setText(tr("Finished: the model is in %1.").arg(folder));
      bar(1, 1, tr("finished, %1 steps").arg(step));
    } else if (run->error == QStringLiteral("stopped")) {
      const std::int64_t at = run->stoppedAt >= 0 ? run->stoppedAt : step;
      status_->setText(
          tr("Stopped at step %1 with a checkpoint; Resume continues from it.").arg(at));
      bar(at, run->totalSteps, tr("stopped at step %1 of %2").arg(at).arg(run->totalSteps));
    } else {
      status_->setText(tr("The run failed: %1").arg(run->error));
      bar(step, run->totalSteps,
          run->records.empty() ? tr("failed")
                               : tr("failed at step %1 of %2").arg(step).arg(run->totalSteps));
    }
    return;
  }
  if (run->records.empty()) {
    status_->setText(tr("Starting %1...").arg(folder));
    bar(0, 0, tr("starting"));
    return;
  }
  const train::TrainingLogRecord& record = run->records.back();
  bar(step, run->totalSteps, tr("step %1 of %2").arg(step).arg(run->totalSteps));
  status_->setText(tr("Step %1 of %2 · epoch %3 · loss %4 · %5 samples/s · %6 left")
                       .arg(step)
                       .arg(run->totalSteps)
                       .arg(record.epoch, 0, 'f', 2)
                       .arg(record.loss, 0, 'f', 4)
                       .arg(record.samplesPerSecond, 0, 'f', 1)
                       .arg(duration(record.etaSeconds)));
}

void TrainingPanel::onRecord(Run& run, const nlohmann::json& record) {
  if (!record.is_object()) return;
  const std::optional<JobEvent> event = jobEventOf(record);
  if (event == JobEvent::Start) {
    run.totalSteps = StartEvent::fromJson(record).totalSteps;
    return;
  }
  if (event == JobEvent::Stopped) {
    run.stoppedAt = StoppedEvent::fromJson(record).step;
    return;
  }
  if (event == JobEvent::Note) {
    run.notes << QString::fromStdString(NoteEvent::fromJson(record).message);
    if (&run == current()) showStatus();
    return;
  }
  if (event == JobEvent::Evaluation) {
    train::EvaluationRecord evaluated = train::EvaluationRecord::fromJson(record);
    while (!run.evaluations.empty() && run.evaluations.back().step >= evaluated.step)
      run.evaluations.pop_back();  // launched again in the same folder
    run.evaluations.push_back(std::move(evaluated));
    if (&run == current() && !redraw_.isActive()) redraw_.start();
    return;
  }
  if (event != JobEvent::Log) return;
  train::TrainingLogRecord logged = train::TrainingLogRecord::fromJson(record);
  const std::int64_t step = logged.step;
  while (!run.records.empty() && run.records.back().step >= step)
    run.records.pop_back();  // a run launched again in the same folder starts over
  run.totalSteps = std::max(run.totalSteps, logged.totalSteps);
  run.records.push_back(std::move(logged));
  updateRunItem(run);
  if (&run != current()) return;
  showStatus();
  // Plots are redrawn at most every 100 ms: a run logging every step must not keep the UI busy.
  if (!redraw_.isActive()) redraw_.start();
  emit recordArrived(static_cast<int>(step));
}

void TrainingPanel::onFinished(Run& run, int exitCode, const QString& error) {
  run.ended = true;
  run.error = exitCode == 0 ? QString() : (error.isEmpty() ? tr("failed") : error);
  updateRunItem(run);
  updateButtons();
  if (&run == current()) {
    redrawNow();  // the last records
    showStatus();
    const bool failed = !run.error.isEmpty() && run.error != QStringLiteral("stopped");
    failure_->setPlainText(run.job->stderrTail().join('\n'));
    failure_->setVisible(failed);
  }
  emit runEnded(QString::fromStdString(run.outputDir.string()), run.error);
}

void TrainingPanel::redrawNow() {
  redraw_.stop();
  redrawCurves();
  const int records = recordsSeen();
  const bool following = stepSlider_->value() >= stepSlider_->maximum();
  const QSignalBlocker blocker(stepSlider_);
  stepSlider_->setEnabled(records > 0);
  stepSlider_->setRange(0, std::max(0, records - 1));
  if (following) stepSlider_->setValue(stepSlider_->maximum());  // stay at the latest step
  showSimilarities(stepSlider_->value());
}

void TrainingPanel::redrawCurves() {
  const Run* run = current();
  static const std::vector<train::TrainingLogRecord> kNone;
  const std::vector<train::TrainingLogRecord>& records = run != nullptr ? run->records : kNone;
  const std::int64_t totalSteps = run != nullptr ? run->totalSteps : 0;
  curves_->legend->setVisible(!records.empty());  // no empty legend box before a run
  // The graphs go on from what they show when it is still the start of this run's records.
  const bool continues = run == plottedRun_ && curves_->graphCount() >= 2 &&
                         plottedRecords_ <= records.size() && plottedRecords_ > 0 &&
                         records[plottedRecords_ - 1].step == plottedLastStep_;
  if (!continues) {
    curves_->clearGraphs();
    plottedRun_ = run;
    plottedRecords_ = 0;
    if (records.empty()) {
      redrawEvaluations();
      curves_->replot();
      return;
    }
    QCPGraph* loss = curves_->addGraph(curves_->xAxis, curves_->yAxis);
    loss->setName(tr("loss"));
    loss->setPen(QPen(kLoss, 2));
    QCPGraph* rate = curves_->addGraph(curves_->xAxis, curves_->yAxis2);
    rate->setName(tr("learning rate"));
    rate->setPen(QPen(kRate, 1.5, Qt::DashLine));
  }
  QCPGraph* loss = curves_->graph(0);
  QCPGraph* rate = curves_->graph(1);
  for (std::size_t i = plottedRecords_; i < records.size(); ++i) {
    const auto step = static_cast<double>(records[i].step);
    loss->addData(step, records[i].loss);
    rate->addData(step, records[i].learningRate);
  }
  plottedRecords_ = records.size();
  plottedLastStep_ = records.back().step;
  curves_->xAxis->setRange(0, std::max<double>(static_cast<double>(totalSteps),
                                               static_cast<double>(records.back().step)));
  loss->rescaleValueAxis(false, true);
  curves_->yAxis->setRangeLower(0);
  rate->rescaleValueAxis(false, true);
  curves_->yAxis2->setRangeLower(0);
  redrawEvaluations();
  curves_->replot();
}

void TrainingPanel::redrawEvaluations() {
  while (curves_->graphCount() > 2)
    curves_->removeGraph(curves_->graphCount() - 1);
  const Run* run = current();
  const bool shown = run != nullptr && !run->evaluations.empty();
  devAxis_->setVisible(shown);
  if (!shown) return;
  const std::vector<train::EvaluationRecord>& evaluations = run->evaluations;
  const std::string metric = evaluations.back().bestMetric;
  if (curves_->graphCount() == 0) curves_->legend->setVisible(true);  // evaluations before steps
  QVector<double> steps, values;
  for (const train::EvaluationRecord& record : evaluations) {
    steps << static_cast<double>(record.step);
    values << record.value(metric).value_or(0.0);
  }
  QCPGraph* dev = curves_->addGraph(curves_->xAxis, devAxis_);
  dev->setName(tr("dev %1").arg(QString::fromStdString(metric)));
  dev->setPen(QPen(kDev, 2));
  dev->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
  dev->setData(steps, values, true);
  const train::EvaluationRecord& last = evaluations.back();
  QCPGraph* best = curves_->addGraph(curves_->xAxis, devAxis_);
  best->setName(tr("best (step %1)").arg(last.bestStep));
  best->setLineStyle(QCPGraph::lsNone);
  best->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssStar, QPen(kDev, 2), kDev, 14));
  best->addData(static_cast<double>(last.bestStep), last.bestValue);
  if (run->records.empty()) {
    curves_->xAxis->setRange(0,
                             std::max<double>(static_cast<double>(run->totalSteps), steps.back()));
  }
  // A little room right of the last step: its evaluation's marker is not cut in half.
  curves_->xAxis->setRangeUpper(curves_->xAxis->range().upper * 1.02 + 0.5);
  if (evaluations.front().step == 0) {  // the base model's row: a line to beat
    const double base = evaluations.front().value(metric).value_or(0.0);
    const double end = std::max(curves_->xAxis->range().upper, steps.back());
    QCPGraph* baseLine = curves_->addGraph(curves_->xAxis, devAxis_);
    baseLine->setName(tr("base model %1").arg(base, 0, 'f', 3));
    baseLine->setPen(QPen(kDev, 1, Qt::DotLine));
    baseLine->setData({0.0, end}, {base, base}, true);
  }
  dev->rescaleValueAxis(false, true);
  devAxis_->setRangeLower(0);
  devAxis_->setRangeUpper(std::max(devAxis_->range().upper, last.bestValue) * 1.05 + 1e-9);
  devAxis_->setLabel(tr("dev %1").arg(QString::fromStdString(metric)));
}

void TrainingPanel::showSimilarities(int index) {
  static const std::vector<train::TrainingLogRecord> kNone;
  const std::vector<train::TrainingLogRecord>& records =
      current() != nullptr ? current()->records : kNone;
  similarities_->clearGraphs();
  const std::string task = current() != nullptr ? current()->task : "embedding";
  similarities_->xAxis->setLabel(
      task == "reranker"   ? tr("reranker score, sigmoid(logit)")
      : task == "pretrain" ? tr("pre-training has no similarities: its loss shows the progress")
                           : tr("cosine similarity to the query"));
  similarities_->legend->setVisible(index >= 0 && index < static_cast<int>(records.size()));
  if (index < 0 || index >= static_cast<int>(records.size())) {
    stepLabel_->setText(tr("step"));
    similarities_->replot();
    return;
  }
  const train::TrainingLogRecord& record = records[static_cast<std::size_t>(index)];
  stepLabel_->setText(tr("step %1").arg(record.step));
  const double low = train::ScoreDistribution::kLowest;
  const double high = train::ScoreDistribution::kHighest;
  double tallest = 0;
  double shownLow = high;  // the part of [low, high] that holds any similarity
  double shownHigh = low;
  const auto curve = [&](const train::ScoreDistribution& scores, QColor color,
                         const QString& name) {
    if (scores.count() == 0) return;  // e.g. a reranker's in-batch negatives
    const auto& bins = scores.histogram();
    const auto count = static_cast<double>(scores.count());
    const double width = (high - low) / static_cast<double>(bins.size());
    QVector<double> x, y;
    for (std::size_t i = 0; i < bins.size(); ++i) {
      x << low + width * static_cast<double>(i);
      y << 100.0 * static_cast<double>(bins[i]) / count;
      if (bins[i] > 0) {
        shownLow = std::min(shownLow, x.back());
        shownHigh = std::max(shownHigh, x.back() + width);
      }
    }
    x << high;
    y << y.back();
    tallest = std::max(tallest, *std::max_element(y.begin(), y.end()));
    QCPGraph* graph = similarities_->addGraph();
    graph->setName(tr("%1 (mean %2)").arg(name).arg(scores.mean(), 0, 'f', 3));
    graph->setLineStyle(QCPGraph::lsStepLeft);
    graph->setPen(QPen(color, 2));
    color.setAlpha(40);
    graph->setBrush(color);
    graph->setData(x, y, true);
  };
  curve(record.similarities.positives, kPositives, tr("positives"));
  curve(record.similarities.hardNegatives, kHard, tr("hard negatives"));
  curve(record.similarities.inBatchNegatives, kInBatch, tr("in-batch negatives"));
  if (shownLow < shownHigh) {
    const double margin = 0.15 * (shownHigh - shownLow) + 0.02;
    similarities_->xAxis->setRange(std::max(low, shownLow - margin),
                                   std::min(high, shownHigh + margin));
  } else {
    similarities_->xAxis->setRange(low, high);
  }
  similarities_->yAxis->setRange(0, std::max(1.0, tallest * 1.15));
  similarities_->replot();
}

void TrainingPanel::updateButtons() {
  const Run* run = current();
  const bool selectedRunning = run != nullptr && run->job->running();
  launchButton_->setEnabled(!running() || allowSeveral_->isChecked());
  stopButton_->setEnabled(selectedRunning);
  resumeButton_->setEnabled(run != nullptr && canResume(*run));
}

}  // namespace embedlab::widgets
