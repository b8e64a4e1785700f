// The controls of a panel that runs an embedlab-cli job (Mining's "Mine all", Evaluation,
// Thresholds): the run button, a Stop button while the job runs, a progress bar with the phase
// and the time left, and a status line that, when the job fails, holds the CLI's error and the
// last lines it wrote to stderr. The panel builds the job's options (jobArguments) and reads its
// results; these controls run it through a CliJob and keep the buttons in step with it.
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QWidget>

#include "widgets/translations.h"

class QLabel;
class QProgressBar;
class QPushButton;

namespace embedlab::widgets {

class CliJob;

class JobControls : public QWidget {
  Q_OBJECT

 public:
  explicit JobControls(QWidget* parent = nullptr);

  /// The run button's text (the panel's, translated by it).
  void setRunText(const QString& text);
  /// How a failure reads: `text` with %1 for the CLI's error, e.g. tr("Mining failed: %1").
  void setFailureText(const QString& text) { failureText_ = text; }

  /// Starts `embedlab-cli ARGUMENTS` and shows `status`; an empty `arguments` (the options could
  /// not be written) shows `status` as the reason and starts nothing. Ignored while a job runs.
  void start(const QStringList& arguments, const QString& status);
  /// Asks the running job to stop; finished() follows.
  void stop();
  bool running() const;

  void setStatus(const QString& text);
  QLabel* status() const { return status_; }
  QPushButton* runButton() const { return runButton_; }
  QPushButton* stopButton() const { return stopButton_; }
  QProgressBar* progressBar() const { return progress_; }

 signals:
  /// The run button was clicked: the panel checks its inputs and calls start().
  void runClicked();
  /// Every JSON line of the job but progress: the "done" report, evaluation rows...
  void record(const QJsonObject& line);
  /// The job ended and the controls are back at rest: `exitCode` 0, or the error (the status
  /// line already says it, with the stderr tail).
  void finished(int exitCode, const QString& error);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void showRunning(bool running);
  void onProgress(qint64 done, qint64 total, const QString& unit);
  void onFinished(int exitCode, const QString& error);

  Translations translations_;
  CliJob* job_ = nullptr;
  QPushButton* runButton_ = nullptr;
  QPushButton* stopButton_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* status_ = nullptr;
  QString failureText_ = QStringLiteral("%1");
};

}  // namespace embedlab::widgets
