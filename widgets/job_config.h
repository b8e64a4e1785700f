// How a panel starts a job: its typed options (a core options struct's toJson()) written to a
// temporary file, and `embedlab-cli --db HISTORY JOB --config FILE`, so that the panel declares no
// flag of its own and the job runs exactly as the struct says.
#pragma once

#include <QString>
#include <QStringList>
#include <filesystem>
#include <memory>

#include <nlohmann/json.hpp>

class QTemporaryFile;

namespace embedlab::widgets {

/// Writes `options` to a new temporary file, kept in `file` until the next job replaces it (the
/// CLI reads it as it starts), and returns the CLI arguments that run `job` from it, recorded in
/// `workspace`'s history. Returns an empty list when the file cannot be written.
QStringList jobArguments(const QString& job, const nlohmann::json& options,
                         const std::filesystem::path& workspace,
                         std::unique_ptr<QTemporaryFile>& file);

}  // namespace embedlab::widgets
