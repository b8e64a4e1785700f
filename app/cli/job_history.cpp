#include "app/cli/job_history.h"

#include <fmt/format.h>

#include <memory>

#include "core/common/error.h"

namespace embedlab::cli {

std::filesystem::path historyDatabasePath(const GlobalOptions& global) {
  return store::History::resolvePath(global.database);
}

std::string absolutePath(const std::string& path) {
  if (path.empty()) return path;
  return std::filesystem::absolute(path).lexically_normal().string();
}

store::RunInput runInput(const std::filesystem::path& path) {
  return {path.string(), store::contentHash(path)};
}

int runRecorded(const GlobalOptions& global, const store::NewRun& run,
                const std::function<int(store::RunRecorder*)>& job) {
  std::unique_ptr<store::RunRecorder> recorder;
  if (!global.noHistory) {
    try {
      recorder = std::make_unique<store::RunRecorder>(historyDatabasePath(global), run);
    } catch (const std::exception& error) {
      fmt::print(stderr, "embedlab-cli: warning: not recorded in the history: {}\n", error.what());
    }
  }
  const auto finish = [&recorder](store::RunStatus status, const std::string& error) {
    if (!recorder) return;
    try {
      recorder->finish(status, error);
    } catch (const std::exception& failure) {
      fmt::print(stderr, "embedlab-cli: warning: the history did not take the run's end: {}\n",
                 failure.what());
    }
  };
  try {
    const int code = job(recorder.get());
    finish(code == kExitOk ? store::RunStatus::Finished
           : code == 130   ? store::RunStatus::Stopped
                           : store::RunStatus::Failed,
           code == kExitOk || code == 130 ? "" : fmt::format("exit status {}", code));
    return code;
  } catch (const CancelledError&) {
    finish(store::RunStatus::Stopped, "cancelled");
    throw;
  } catch (const std::exception& error) {
    finish(store::RunStatus::Failed, error.what());
    throw;
  }
}

}  // namespace embedlab::cli
