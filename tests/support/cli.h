// embedlab-cli as the CLI tests run it, and paths as its arguments. Needs EMBEDLAB_CLI_PATH.
#pragma once

#include <QString>
#include <QStringList>
#include <filesystem>

#include "tests/support/process.h"

namespace embedlab::test {

/// Runs the built embedlab-cli with `arguments` (no shell, no standard input).
inline ProcessRun cli(const QStringList& arguments, int timeoutMs = 120000) {
  return runProcess(EMBEDLAB_CLI_PATH, arguments, QProcessEnvironment::systemEnvironment(),
                    timeoutMs);
}

/// A path as a command-line argument.
inline QString path(const std::filesystem::path& p) {
  return QString::fromStdString(p.string());
}

}  // namespace embedlab::test
