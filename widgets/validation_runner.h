// Runs dataset validation (core/data) on a worker thread for the GUI: progress at most every
// 100 ms through a timer (never one signal per line), cancellation through core's token, and the
// result or the error carried back to the GUI thread.
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>
#include <atomic>
#include <memory>
#include <vector>

#include "core/common/progress.h"
#include "core/data/dataset_discovery.h"
#include "core/data/validation.h"

namespace embedlab::widgets {

/// The outcome of validating one dataset (a file, or the files of an evaluation folder).
struct ValidationOutcome {
  std::vector<ValidationReport> reports;
  QString error;  ///< set when validation could not run (unreadable file, unknown kind)
  bool cancelled = false;
};

class ValidationRunner : public QObject {
  Q_OBJECT

 public:
  explicit ValidationRunner(QObject* parent = nullptr);
  ~ValidationRunner() override;

  /// Starts validating `entry` (cancelling a run in progress). Emits progress, then finished.
  void start(const DatasetEntry& entry);
  /// Asks the running validation to stop at its next check point; finished follows.
  void cancel();
  bool running() const;

 signals:
  void progressChanged(int percent);
  void finished(const embedlab::widgets::ValidationOutcome& outcome);

 private:
  // Receives core's progress on the worker thread; the GUI thread polls it.
  void onWorkerFinished();

  QFutureWatcher<ValidationOutcome> watcher_;
  QTimer pollTimer_;
  std::shared_ptr<PercentProgress> progress_;
  std::shared_ptr<CancellationToken> cancel_;
};

}  // namespace embedlab::widgets

Q_DECLARE_METATYPE(embedlab::widgets::ValidationOutcome)
