#include "widgets/validation_runner.h"

#include <QtConcurrent/QtConcurrentRun>

#include "core/common/error.h"

namespace embedlab::widgets {

namespace {

ValidationOutcome validateEntry(const DatasetEntry& entry, ProgressObserver* progress,
                                const CancellationToken* cancel) {
  ValidationOutcome outcome;
  try {
    if (entry.evalFolder) {
      outcome.reports = validateEvalFolder(entry.path, {}, {}, progress, cancel);
    } else {
      const DataKind kind = entry.kind ? *entry.kind : detectDataKind(entry.path);
      outcome.reports.push_back(validateFile(entry.path, kind, {}, progress, cancel));
    }
  } catch (const CancelledError&) {
    outcome.cancelled = true;
  } catch (const std::exception& error) {
    outcome.error = QString::fromStdString(error.what());
  }
  return outcome;
}

}  // namespace

ValidationRunner::ValidationRunner(QObject* parent) : QObject(parent) {
  qRegisterMetaType<ValidationOutcome>();
  pollTimer_.setInterval(100);
  connect(&pollTimer_, &QTimer::timeout, this,
          [this] { emit progressChanged(progress_ ? progress_->percent() : 0); });
  connect(&watcher_, &QFutureWatcher<ValidationOutcome>::finished, this,
          &ValidationRunner::onWorkerFinished);
}

ValidationRunner::~ValidationRunner() {
  cancel();
  watcher_.waitForFinished();
}

void ValidationRunner::start(const DatasetEntry& entry) {
  if (running()) {
    cancel();
    watcher_.waitForFinished();
  }
  // The worker owns shared copies, so nothing it touches dies with a cancelled run.
  progress_ = std::make_shared<PercentProgress>();
  cancel_ = std::make_shared<CancellationToken>();
  auto progress = progress_;
  auto token = cancel_;
  watcher_.setFuture(QtConcurrent::run(
      [entry, progress, token] { return validateEntry(entry, progress.get(), token.get()); }));
  pollTimer_.start();
  emit progressChanged(0);
}

void ValidationRunner::cancel() {
  if (cancel_) {
    cancel_->cancel();
  }
}

bool ValidationRunner::running() const {
  return watcher_.isRunning();
}

void ValidationRunner::onWorkerFinished() {
  pollTimer_.stop();
  const ValidationOutcome outcome = watcher_.result();
  emit progressChanged(100);
  emit finished(outcome);
}

}  // namespace embedlab::widgets
