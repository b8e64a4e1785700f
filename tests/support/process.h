// Running a built binary (embedlab-cli, embedlab) as a user would, for integration tests.
#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace embedlab::test {

struct ProcessRun {
  int exitCode = -1;  ///< -1 when it crashed or did not finish within the time limit
  QString out;
  QString err;
};

inline ProcessRun runProcess(
    const QString& program, const QStringList& arguments,
    const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment(),
    int timeoutMs = 120000) {
  QProcess process;
  process.setProcessEnvironment(environment);
  process.start(program, arguments);
  process.closeWriteChannel();  // no standard input, as in CI: a prompt reads end-of-file
  if (!process.waitForFinished(timeoutMs)) {
    process.kill();
    process.waitForFinished();
    return {};
  }
  return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
          QString::fromUtf8(process.readAllStandardOutput()),
          QString::fromUtf8(process.readAllStandardError())};
}

}  // namespace embedlab::test
