#include "widgets/cli_job.h"

#include "core/common/job_events.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QStandardPaths>

#include <sys/types.h>
#include <csignal>

namespace embedlab::widgets {

namespace {

constexpr int kTailLines = 20;

}  // namespace

CliJob::CliJob(QObject* parent) : QObject(parent) {
  connect(&process_, &QProcess::readyReadStandardOutput, this, &CliJob::readOutput);
  connect(&process_, &QProcess::readyReadStandardError, this, &CliJob::readErrors);
  connect(&process_, &QProcess::finished, this, &CliJob::onFinished);
  connect(&process_, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
    if (error == QProcess::FailedToStart)
      emit finished(-1, tr("cannot start %1: %2").arg(process_.program(), process_.errorString()));
  });
}

CliJob::~CliJob() {
  // A detached job outlives this object (that is what it is for); a child process does not.
  if (!detached() && running()) {
    process_.terminate();
    if (!process_.waitForFinished(5000)) process_.kill();
    process_.waitForFinished();
  }
}

QString CliJob::cliPath() {
  const QString configured = qEnvironmentVariable("EMBEDLAB_CLI");
  if (!configured.isEmpty()) return configured;
  const QDir here(QCoreApplication::applicationDirPath());
  for (const QString& candidate : {here.filePath(QStringLiteral("embedlab-cli")),
                                   here.filePath(QStringLiteral("../cli/embedlab-cli")),
                                   here.filePath(QStringLiteral("../app/cli/embedlab-cli"))}) {
    if (QFileInfo(candidate).isExecutable()) return QDir::cleanPath(candidate);
  }
  const QString onPath = QStandardPaths::findExecutable(QStringLiteral("embedlab-cli"));
  return onPath.isEmpty() ? QStringLiteral("embedlab-cli") : onPath;
}

void CliJob::resetState() {
  pendingOut_.clear();
  pendingErr_.clear();
  stderrTail_.clear();
  errorLine_.clear();
  done_ = total_ = 0;
  unit_.clear();
  stopping_ = false;
  sawDone_ = false;
  sawStopped_ = false;
  outRead_ = errRead_ = 0;
  clock_.start();
}

void CliJob::followFiles() {
  if (follow_ == nullptr) {
    follow_ = new QTimer(this);
    follow_->setInterval(150);
    connect(follow_, &QTimer::timeout, this, &CliJob::followDetached);
  }
  follow_->start();
}

void CliJob::start(const QStringList& arguments) {
  resetState();
  process_.start(cliPath(),
                 arguments + QStringList{QStringLiteral("--progress"), QStringLiteral("json")});
  process_.closeWriteChannel();
}

void CliJob::startDetached(const QStringList& arguments, const QString& folder) {
  resetState();
  QDir().mkpath(folder);
  outFile_ = QDir(folder).filePath(QStringLiteral("job.jsonl"));
  errFile_ = QDir(folder).filePath(QStringLiteral("job.log"));
  QFile::remove(outFile_);
  QFile::remove(errFile_);
  QProcess launcher;
  launcher.setProgram(cliPath());
  launcher.setArguments(arguments +
                        QStringList{QStringLiteral("--progress"), QStringLiteral("json")});
  launcher.setStandardOutputFile(outFile_);
  launcher.setStandardErrorFile(errFile_);
  launcher.setStandardInputFile(QProcess::nullDevice());
  qint64 pid = 0;
  if (!launcher.startDetached(&pid) || pid <= 0) {
    emit finished(-1, tr("cannot start %1").arg(cliPath()));
    return;
  }
  detachedPid_ = pid;
  // The pid lets a later EmbedLab follow the job again (attach()).
  QFile pidFile(QDir(folder).filePath(QStringLiteral("job.pid")));
  if (pidFile.open(QIODevice::WriteOnly | QIODevice::Truncate))
    pidFile.write(QByteArray::number(pid));
  followFiles();
}

bool CliJob::attach(const QString& folder) {
  outFile_ = QDir(folder).filePath(QStringLiteral("job.jsonl"));
  errFile_ = QDir(folder).filePath(QStringLiteral("job.log"));
  if (!QFileInfo::exists(outFile_)) return false;
  QFile pidFile(QDir(folder).filePath(QStringLiteral("job.pid")));
  qint64 pid = 0;
  if (pidFile.open(QIODevice::ReadOnly)) pid = pidFile.readAll().trimmed().toLongLong();
  // Only our own job: a pid reused by another program since must not be followed.
  QFile command(QStringLiteral("/proc/%1/cmdline").arg(pid));
  const bool ours = pid > 0 && command.open(QIODevice::ReadOnly) &&
                    command.readAll().contains(QByteArrayLiteral("embedlab-cli"));
  resetState();
  detachedPid_ = ours ? pid : -1;  // -1: read what it wrote, then report how it ended
  followFiles();
  return true;
}

bool CliJob::running() const {
  if (detachedPid_ < 0) return false;
  if (detachedPid_ > 0) return ::kill(static_cast<pid_t>(detachedPid_), 0) == 0;
  return process_.state() != QProcess::NotRunning;
}

void CliJob::followDetached() {
  const bool alive = running();  // before reading: what it wrote before exiting is then read
  QFile out(outFile_);
  if (out.open(QIODevice::ReadOnly) && out.size() > outRead_) {
    out.seek(outRead_);
    const QByteArray more = out.readAll();
    outRead_ += more.size();
    pendingOut_ += more;
    parseOutput();
  }
  QFile err(errFile_);
  if (err.open(QIODevice::ReadOnly) && err.size() > errRead_) {
    err.seek(errRead_);
    const QByteArray more = err.readAll();
    errRead_ += more.size();
    pendingErr_ += more;
    parseErrors();
  }
  if (alive) return;
  follow_->stop();
  detachedPid_ = 0;
  pendingErr_ += '\n';
  parseErrors();
  if (sawDone_) {
    emit finished(0, QString());
  } else if (sawStopped_) {
    emit finished(130, tr("stopped"));
  } else {
    finishWithError(stopping_ ? 130 : 1, false);
  }
}

void CliJob::stop() {
  if (!running()) return;
  stopping_ = true;
  if (detachedPid_ > 0) {
    ::kill(static_cast<pid_t>(detachedPid_), SIGTERM);
  } else {
    process_.terminate();
  }
}

double CliJob::etaSeconds() const {
  const qint64 elapsed = clock_.elapsed() - unitStartedMs_;
  const qint64 progressed = done_ - unitStartedDone_;
  if (total_ <= 0 || progressed <= 0 || elapsed < 500) return -1;
  return static_cast<double>(total_ - done_) * static_cast<double>(elapsed) / 1000.0 /
         static_cast<double>(progressed);
}

void CliJob::readOutput() {
  pendingOut_ += process_.readAllStandardOutput();
  parseOutput();
}

void CliJob::parseOutput() {
  qsizetype end = 0;
  while ((end = pendingOut_.indexOf('\n')) >= 0) {
    const QByteArray line = pendingOut_.left(end);
    pendingOut_.remove(0, end + 1);
    const QJsonDocument document = QJsonDocument::fromJson(line);
    if (!document.isObject()) continue;  // not ours: ignore rather than fail the job
    const QJsonObject object = document.object();
    const std::optional<JobEvent> event =
        parseJobEvent(object.value(QStringLiteral("event")).toString().toStdString());
    if (event == JobEvent::Progress) {
      const ProgressEvent progressed =
          ProgressEvent::fromJson(nlohmann::json::parse(line.toStdString(), nullptr, false));
      const QString unit = QString::fromStdString(progressed.unit);
      done_ = static_cast<qint64>(progressed.done);
      total_ = static_cast<qint64>(progressed.total);
      if (unit != unit_) {  // a new phase: the rate starts again
        unit_ = unit;
        unitStartedMs_ = clock_.elapsed();
        unitStartedDone_ = done_;
      }
      emit progress(done_, total_, unit);
    } else {
      sawDone_ = sawDone_ || event == JobEvent::Done;
      sawStopped_ = sawStopped_ || event == JobEvent::Stopped;
      emit record(object);
    }
  }
}

void CliJob::readErrors() {
  pendingErr_ += process_.readAllStandardError();
  parseErrors();
}

void CliJob::parseErrors() {
  qsizetype end = 0;
  while ((end = pendingErr_.indexOf('\n')) >= 0) {
    const QString line = QString::fromUtf8(pendingErr_.left(end)).trimmed();
    pendingErr_.remove(0, end + 1);
    if (line.isEmpty()) continue;
    if (line.contains(QStringLiteral(" error: "))) errorLine_ = line;
    stderrTail_ << line;
    while (stderrTail_.size() > kTailLines)
      stderrTail_.removeFirst();
  }
}

void CliJob::onFinished(int exitCode, QProcess::ExitStatus status) {
  readOutput();
  pendingErr_ += '\n';
  readErrors();
  if (status == QProcess::CrashExit && !stopping_) {
    emit finished(-1, tr("embedlab-cli crashed"));
  } else if (exitCode != 0) {
    finishWithError(exitCode, true);
  } else {
    emit finished(0, QString());
  }
}

void CliJob::finishWithError(int exitCode, bool statusKnown) {
  if (errorLine_.isEmpty()) {  // a usage error: CLI11 says what is wrong on its own line
    for (const QString& line : stderrTail_) {
      if (!line.startsWith(QStringLiteral("Run with --help"))) errorLine_ = line;
    }
  }
  QString error;
  if (stopping_) {
    error = tr("stopped");
  } else if (!errorLine_.isEmpty()) {
    error = errorLine_;
  } else if (!statusKnown) {
    // A detached job's exit status is not known: say so rather than invent one.
    error = tr("embedlab-cli ended without a result (was it killed?)");
  } else {
    error = tr("embedlab-cli exited with status %1").arg(exitCode);
  }
  emit finished(exitCode, error);
}

}  // namespace embedlab::widgets
