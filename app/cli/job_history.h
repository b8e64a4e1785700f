// Every CLI job records itself in the experiment history (core/store) unless --no-history:
// runRecorded() starts the run before the job's work, hands the job its recorder, and finishes
// the run with the job's outcome (finished, stopped on Ctrl-C, failed with the error message).
// The history never costs the job: a database that cannot be opened or written is a warning on
// stderr, and the job runs unrecorded.
#pragma once

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/cli/cli_app.h"
#include "core/store/run_recorder.h"

namespace embedlab::cli {

/// The database the CLI uses: --db, else $EMBEDLAB_HISTORY_DB, else History::defaultPath()
/// (History::resolvePath without a workspace).
std::filesystem::path historyDatabasePath(const GlobalOptions& global);

/// `path` made absolute and normal (empty stays empty): how runs name their outputs, so that a
/// run folder imported later is recognised.
std::string absolutePath(const std::string& path);

/// An input file or folder with its content hash.
store::RunInput runInput(const std::filesystem::path& path);

/// Runs `job` recorded as `run`; `job` gets nullptr when the history is off or unavailable.
/// Exceptions pass through after the run is finished as failed (or stopped when cancelled).
int runRecorded(const GlobalOptions& global, const store::NewRun& run,
                const std::function<int(store::RunRecorder*)>& job);

}  // namespace embedlab::cli
