#include "widgets/job_controls.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "widgets/cli_job.h"

namespace embedlab::widgets {

namespace {
constexpr qsizetype kStderrLinesShown = 5;
}

JobControls::JobControls(QWidget* parent) : QWidget(parent) {
  runButton_ = new QPushButton;
  stopButton_ = new QPushButton;
  stopButton_->hide();
  progress_ = new QProgressBar;
  progress_->setRange(0, 1000);
  progress_->hide();
  status_ = new QLabel;
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  status_->setMinimumHeight(2 * status_->fontMetrics().lineSpacing());
  status_->setAlignment(Qt::AlignTop | Qt::AlignLeft);

  auto* buttons = new QHBoxLayout;
  buttons->addWidget(runButton_, 1);
  buttons->addWidget(stopButton_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(buttons);
  layout->addWidget(progress_);
  layout->addWidget(status_);

  job_ = new CliJob(this);
  connect(job_, &CliJob::progress, this, &JobControls::onProgress);
  connect(job_, &CliJob::record, this, &JobControls::record);
  connect(job_, &CliJob::finished, this, &JobControls::onFinished);
  connect(runButton_, &QPushButton::clicked, this, &JobControls::runClicked);
  connect(stopButton_, &QPushButton::clicked, this, &JobControls::stop);
  translations_.add([this] { stopButton_->setText(tr("Stop")); });
}

void JobControls::changeEvent(QEvent* event) {
  translations_.handle(event);
  QWidget::changeEvent(event);
}

void JobControls::setRunText(const QString& text) {
  runButton_->setText(text);
}

void JobControls::setStatus(const QString& text) {
  status_->setText(text);
}

bool JobControls::running() const {
  return job_->running();
}

void JobControls::start(const QStringList& arguments, const QString& status) {
  if (job_->running()) return;
  status_->setText(status);
  if (arguments.isEmpty()) return;
  progress_->setValue(0);
  progress_->setFormat(QStringLiteral("%p%"));
  showRunning(true);
  job_->start(arguments);
}

void JobControls::stop() {
  if (job_->running()) job_->stop();
}

void JobControls::showRunning(bool running) {
  progress_->setVisible(running);
  stopButton_->setVisible(running);
  runButton_->setEnabled(!running);
}

void JobControls::onProgress(qint64 done, qint64 total, const QString& unit) {
  progress_->setValue(total > 0 ? static_cast<int>(1000 * std::min(done, total) / total) : 0);
  const double eta = job_->etaSeconds();
  progress_->setFormat(eta < 0 ? unit + QStringLiteral(": %p%")
                               : tr("%1: %p%, about %2 s left").arg(unit).arg(std::ceil(eta)));
}

void JobControls::onFinished(int exitCode, const QString& error) {
  showRunning(false);
  if (exitCode != 0) {
    const QStringList tail = job_->stderrTail();
    const QStringList last = tail.mid(std::max<qsizetype>(0, tail.size() - kStderrLinesShown));
    QString text = failureText_.arg(error);
    // The error line is usually the tail's last line: do not say it twice.
    QStringList context;
    for (const QString& line : last) {
      if (!line.trimmed().isEmpty() && !error.contains(line.trimmed())) context << line;
    }
    if (!context.isEmpty()) text += QLatin1Char('\n') + context.join(QLatin1Char('\n'));
    status_->setText(text);
  }
  emit finished(exitCode, error);
}

}  // namespace embedlab::widgets
