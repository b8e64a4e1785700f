#include "widgets/training_panel.h"

#include <qcustomplot.h>

#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSplitter>
#include <QVBoxLayout>
#include <cmath>

#include "core/data/dataset_discovery.h"
#include "core/model/model_discovery.h"
#include "core/store/history.h"
#include "widgets/cli_job.h"
#include "widgets/plot_export.h"
#include "widgets/training_option_form.h"

namespace embedlab::widgets {

namespace {

const QColor kLoss(0x2b, 0x57, 0x97);
const QColor kRate(0xe0, 0x9a, 0x1e);
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

double number(const nlohmann::json& record, const char* key) {
  const auto found = record.find(key);
  return found != record.end() && found->is_number() ? found->get<double>() : 0.0;
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

  progress_ = new QProgressBar;
  progress_->setRange(0, 1000);
  status_ = new QLabel;
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  curves_ = new QCustomPlot;
  curves_->setMinimumHeight(220);
  curves_->legend->setVisible(true);
  curves_->yAxis2->setVisible(true);
  curves_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  addExportMenu(curves_, QStringLiteral("training-curves.png"));
  similarities_ = new QCustomPlot;
  similarities_->setMinimumHeight(200);
  similarities_->legend->setVisible(true);
  similarities_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
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

  auto* sliderRow = new QHBoxLayout;
  sliderRow->addWidget(stepLabel_);
  sliderRow->addWidget(stepSlider_, 1);
  auto* right = new QWidget;
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->setContentsMargins(0, 0, 0, 0);
  rightLayout->addWidget(progress_);
  rightLayout->addWidget(status_);
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
    resumeButton_->setToolTip(tr("Continue the last run from its latest checkpoint"));
    curves_->xAxis->setLabel(tr("step"));
    curves_->yAxis->setLabel(tr("loss"));
    curves_->yAxis2->setLabel(tr("learning rate"));
    similarities_->xAxis->setLabel(tr("cosine similarity to the query"));
    similarities_->yAxis->setLabel(tr("share (%)"));
    if (records_.empty() && !running())
      status_->setText(
          tr("Set the options and launch: the run's curves appear here as it "
             "trains. It keeps running if the window closes."));
    redrawCurves();
    showSimilarities(stepSlider_->value());
  });
  updateButtons();
}

void TrainingPanel::changeEvent(QEvent* event) {
  translations_.handle(event);
  QWidget::changeEvent(event);
}

void TrainingPanel::setWorkspace(const std::filesystem::path& workspace) {
  workspace_ = workspace;
  nlohmann::json values = nlohmann::json::object();
  for (const model::ModelFolder& folder : model::discoverModelFolders(workspace)) {
    if (folder.hasWeights && folder.name.rfind("runs", 0) != 0) {
      values["model_name_or_path"] = folder.path.string();
      break;
    }
  }
  try {
    for (const DatasetEntry& entry : discoverDatasets(workspace)) {
      if (entry.kind == DataKind::Training) {
        values["train_data"] = {entry.path.string()};
        // A mined file is the better default: it has hard negatives.
        if (entry.name.find("mined") != std::string::npos) break;
      }
    }
  } catch (const std::exception&) {
    // An unreadable workspace: the user chooses the files.
  }
  values["output_dir"] =
      (workspace / "runs" /
       ("run-" + QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss").toStdString()))
          .string();
  form_->setValues(values);
}

bool TrainingPanel::running() const {
  return job_ != nullptr && job_->running();
}

bool TrainingPanel::launch() {
  return start(false);
}

bool TrainingPanel::resume() {
  return start(true);
}

bool TrainingPanel::start(bool resuming) {
  if (running()) return false;
  nlohmann::json options = form_->values();
  if (resuming) {
    if (outputDir_.empty()) return false;
    options["output_dir"] = outputDir_.string();
    options["resume_from_checkpoint"] = "latest";
  }
  const QString problem = TrainingOptionForm::problemOf(options);
  if (!problem.isEmpty()) {
    status_->setText(tr("Cannot launch: %1").arg(problem));
    return false;
  }
  outputDir_ = std::filesystem::absolute(options["output_dir"].get<std::string>());
  options["output_dir"] = outputDir_.string();
  std::error_code error;
  std::filesystem::create_directories(outputDir_, error);
  const QString config = QString::fromStdString((outputDir_ / "launch_options.json").string());
  QFile file(config);
  const std::string text = options.dump(2) + "\n";
  if (error || !file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
      file.write(text.data(), static_cast<qint64>(text.size())) !=
          static_cast<qint64>(text.size())) {
    status_->setText(tr("Cannot write %1.").arg(config));
    return false;
  }
  file.close();
  if (!resuming) {
    records_.clear();
    totalSteps_ = 0;
  }
  if (job_ == nullptr) {
    job_ = new CliJob(this);
    connect(job_, &CliJob::record, this, [this](const QJsonObject& line) {
      onRecord(nlohmann::json::parse(
          QJsonDocument(line).toJson(QJsonDocument::Compact).toStdString(), nullptr, false));
    });
    connect(job_, &CliJob::finished, this, &TrainingPanel::onFinished);
  }
  failure_->hide();
  progress_->setValue(0);
  status_->setText(resuming
                       ? tr("Resuming %1...").arg(QString::fromStdString(outputDir_.string()))
                       : tr("Starting %1...").arg(QString::fromStdString(outputDir_.string())));
  const QString database =
      QString::fromStdString(store::History::resolvePath({}, workspace_).string());
  job_->startDetached({QStringLiteral("--db"), database, QStringLiteral("train"),
                       QStringLiteral("--config"), config},
                      QString::fromStdString(outputDir_.string()));
  updateButtons();
  return true;
}

void TrainingPanel::stop() {
  if (!running()) return;
  job_->stop();
  status_->setText(tr("Stopping at the next batch, with a checkpoint..."));
}

void TrainingPanel::onRecord(const nlohmann::json& record) {
  if (!record.is_object()) return;
  const std::string event = record.value("event", "");
  if (event == "start") {
    totalSteps_ = record.value("total_steps", std::int64_t{0});
    return;
  }
  if (event == "checkpoint") {
    status_->setText(status_->text() + "\n" +
                     tr("Checkpoint at step %1.").arg(record.value("step", std::int64_t{0})));
    return;
  }
  if (event != "log") return;
  const auto step = record.value("step", std::int64_t{0});
  while (!records_.empty() && records_.back().value("step", std::int64_t{0}) >= step)
    records_.pop_back();  // a resumed run repeats nothing, but a restarted one starts over
  records_.push_back(record);
  totalSteps_ = std::max<std::int64_t>(totalSteps_, record.value("total_steps", std::int64_t{0}));
  progress_->setValue(totalSteps_ > 0 ? static_cast<int>(1000 * step / totalSteps_) : 0);
  progress_->setFormat(tr("step %1 of %2").arg(step).arg(totalSteps_));
  status_->setText(tr("Step %1 of %2 · epoch %3 · loss %4 · %5 samples/s · %6 left")
                       .arg(step)
                       .arg(totalSteps_)
                       .arg(number(record, "epoch"), 0, 'f', 2)
                       .arg(number(record, "loss"), 0, 'f', 4)
                       .arg(number(record, "samples_per_second"), 0, 'f', 1)
                       .arg(duration(number(record, "eta_seconds"))));
  // Plots are redrawn at most every 100 ms: a run logging every step must not keep the UI busy.
  if (!redraw_.isActive()) redraw_.start();
  emit recordArrived(static_cast<int>(step));
}

void TrainingPanel::onFinished(int exitCode, const QString& error) {
  updateButtons();
  redrawNow();  // the last records
  if (exitCode == 0) {
    progress_->setValue(1000);
    status_->setText(
        tr("Finished: the model is in %1.").arg(QString::fromStdString(outputDir_.string())));
    emit runEnded(QString::fromStdString(outputDir_.string()), QString());
    return;
  }
  if (error == QStringLiteral("stopped")) {
    status_->setText(tr("Stopped with a checkpoint; Resume continues from it."));
  } else {
    status_->setText(tr("The run failed: %1").arg(error));
    failure_->setPlainText(job_->stderrTail().join('\n'));
    failure_->show();
  }
  emit runEnded(QString::fromStdString(outputDir_.string()), error);
}

void TrainingPanel::redrawNow() {
  redraw_.stop();
  redrawCurves();
  const bool following = stepSlider_->value() >= stepSlider_->maximum();
  const QSignalBlocker blocker(stepSlider_);
  stepSlider_->setEnabled(!records_.empty());
  stepSlider_->setRange(0, std::max(0, static_cast<int>(records_.size()) - 1));
  if (following) stepSlider_->setValue(stepSlider_->maximum());  // stay at the latest step
  showSimilarities(stepSlider_->value());
}

void TrainingPanel::redrawCurves() {
  curves_->clearGraphs();
  curves_->legend->setVisible(!records_.empty());  // no empty legend box before a run
  if (records_.empty()) {
    curves_->replot();
    return;
  }
  QVector<double> steps, losses, rates;
  for (const nlohmann::json& record : records_) {
    steps << number(record, "step");
    losses << number(record, "loss");
    rates << number(record, "learning_rate");
  }
  QCPGraph* loss = curves_->addGraph(curves_->xAxis, curves_->yAxis);
  loss->setName(tr("loss"));
  loss->setPen(QPen(kLoss, 2));
  loss->setData(steps, losses, true);
  QCPGraph* rate = curves_->addGraph(curves_->xAxis, curves_->yAxis2);
  rate->setName(tr("learning rate"));
  rate->setPen(QPen(kRate, 1.5, Qt::DashLine));
  rate->setData(steps, rates, true);
  curves_->xAxis->setRange(0, std::max<double>(static_cast<double>(totalSteps_), steps.back()));
  loss->rescaleValueAxis(false, true);
  curves_->yAxis->setRangeLower(0);
  rate->rescaleValueAxis(false, true);
  curves_->yAxis2->setRangeLower(0);
  curves_->replot();
}

void TrainingPanel::showSimilarities(int index) {
  similarities_->clearGraphs();
  similarities_->legend->setVisible(index >= 0 && index < static_cast<int>(records_.size()));
  if (index < 0 || index >= static_cast<int>(records_.size())) {
    stepLabel_->setText(tr("step"));
    similarities_->replot();
    return;
  }
  const nlohmann::json& record = records_[static_cast<std::size_t>(index)];
  stepLabel_->setText(tr("step %1").arg(record.value("step", std::int64_t{0})));
  const nlohmann::json& histograms = record.value("similarities", nlohmann::json::object());
  const auto range = histograms.value("bin_range", nlohmann::json::array({-1.0, 1.0}));
  const double low = range.size() == 2 ? range[0].get<double>() : -1.0;
  const double high = range.size() == 2 ? range[1].get<double>() : 1.0;
  double tallest = 0;
  double shownLow = high;  // the part of [low, high] that holds any similarity
  double shownHigh = low;
  const auto curve = [&](const char* key, QColor color, const QString& name) {
    const auto found = histograms.find(key);
    if (found == histograms.end() || !found->contains("bins")) return;
    const auto& bins = (*found)["bins"];
    const double count = std::max(1.0, number(*found, "count"));
    if (bins.empty()) return;
    const double width = (high - low) / static_cast<double>(bins.size());
    QVector<double> x, y;
    for (std::size_t i = 0; i < bins.size(); ++i) {
      x << low + width * static_cast<double>(i);
      y << 100.0 * bins[i].get<double>() / count;
      if (bins[i].get<double>() > 0) {
        shownLow = std::min(shownLow, x.back());
        shownHigh = std::max(shownHigh, x.back() + width);
      }
    }
    x << high;
    y << y.back();
    tallest = std::max(tallest, *std::max_element(y.begin(), y.end()));
    QCPGraph* graph = similarities_->addGraph();
    graph->setName(tr("%1 (mean %2)").arg(name).arg(number(*found, "mean"), 0, 'f', 3));
    graph->setLineStyle(QCPGraph::lsStepLeft);
    graph->setPen(QPen(color, 2));
    color.setAlpha(40);
    graph->setBrush(color);
    graph->setData(x, y, true);
  };
  curve("positives", kPositives, tr("positives"));
  curve("hard_negatives", kHard, tr("hard negatives"));
  curve("in_batch_negatives", kInBatch, tr("in-batch negatives"));
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
  const bool busy = running();
  launchButton_->setEnabled(!busy);
  stopButton_->setEnabled(busy);
  resumeButton_->setEnabled(!busy && !outputDir_.empty());
}

}  // namespace embedlab::widgets
