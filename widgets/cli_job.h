// One embedlab-cli job run from the GUI as a child process: started with an argument list (never
// through a shell, so paths with spaces, quotes or non-ASCII characters pass as they are) and
// `--progress json`, whose stdout lines become signals. Stopping sends SIGTERM, which the CLI
// treats as Ctrl-C (it stops at a safe point, training with a checkpoint). A job that fails
// reports the CLI's error line and the last lines it wrote to stderr.
//
// A detached job (training) is not a child of the GUI: its stdout and stderr go to files in a
// folder, which the job object follows, so the job keeps running (and recording its history)
// when the window closes. Its exit status is read from what it wrote: the "done" event, the
// "stopped" event (a run stopped, by this window or another, with a checkpoint), else the CLI's
// error line, else it ended without saying how.
#pragma once

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTimer>

namespace embedlab::widgets {

class CliJob : public QObject {
  Q_OBJECT

 public:
  explicit CliJob(QObject* parent = nullptr);
  ~CliJob() override;

  /// The embedlab-cli to run: $EMBEDLAB_CLI, else the one next to this program, else the build
  /// tree's app/cli/, else the one on PATH.
  static QString cliPath();

  /// Starts `embedlab-cli ARGUMENTS --progress json` (the subcommand first in `arguments`; global
  /// options before it are fine).
  void start(const QStringList& arguments);
  /// Starts the job detached, writing `folder`/job.jsonl (stdout), `folder`/job.log (stderr) and
  /// `folder`/job.pid.
  void startDetached(const QStringList& arguments, const QString& folder);
  /// Follows a detached job started earlier (by this or another EmbedLab) in `folder`: what it
  /// wrote is replayed as signals, then it is followed while it runs; a job that has ended
  /// reports how. False when `folder` holds no job.
  bool attach(const QString& folder);
  /// Asks the job to stop (SIGTERM); finished() follows.
  void stop();
  bool running() const;
  bool detached() const { return detachedPid_ != 0; }

  /// Seconds left at the current rate, or -1 when not known yet.
  double etaSeconds() const;
  /// The last lines the job wrote to stderr.
  QStringList stderrTail() const { return stderrTail_; }

 signals:
  void progress(qint64 done, qint64 total, const QString& unit);
  /// Every other JSON line: the "done" report, training records...
  void record(const QJsonObject& line);
  /// `exitCode` 0 on success; otherwise `error` says why (the CLI's "error:" line, or how it
  /// ended), and stderrTail() holds the context.
  void finished(int exitCode, const QString& error);

 private:
  void readOutput();
  void readErrors();
  void onFinished(int exitCode, QProcess::ExitStatus status);
  void resetState();   // before a job starts or is attached to
  void followFiles();  // polls a detached job's files
  void parseOutput();
  void parseErrors();
  /// `statusKnown`: false for a detached job, whose exit status nobody saw.
  void finishWithError(int exitCode, bool statusKnown);
  void followDetached();

  QProcess process_;
  QByteArray pendingOut_;
  QByteArray pendingErr_;
  QStringList stderrTail_;
  QString errorLine_;
  QElapsedTimer clock_;
  qint64 done_ = 0;
  qint64 total_ = 0;
  QString unit_;
  qint64 unitStartedMs_ = 0;
  qint64 unitStartedDone_ = 0;
  bool stopping_ = false;
  // Detached jobs.
  qint64 detachedPid_ = 0;
  QTimer* follow_ = nullptr;
  QString outFile_;
  QString errFile_;
  qint64 outRead_ = 0;
  qint64 errRead_ = 0;
  bool sawDone_ = false;
  bool sawStopped_ = false;
};

}  // namespace embedlab::widgets
