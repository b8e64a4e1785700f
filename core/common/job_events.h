// The events a job writes as JSON lines on stdout with `--progress json` (one object per line,
// its kind in "event"), read by the GUI's panels and by scripts. The names are declared here
// once; every CLI job writes its lines through jobEventLine, so that a text from a user's file
// with invalid UTF-8 is replaced (U+FFFD), not fatal to the job.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace embedlab {

enum class JobEvent {
  Progress,    ///< {"unit", "done", "total"}: a phase's progress, at most ten a second
  Start,       ///< training: {"total_steps", "first_step"}
  Log,         ///< training: a metrics record (training_log.h)
  Note,        ///< {"message"}: a warning or hint for the user
  Checkpoint,  ///< training: {"step", "path"}
  Result,      ///< evaluation: one row, {"model", "tag", "query_instruction", "metrics"}
  SweepPoint,  ///< merge --sweep: {"weight", "target", "general"}
  Stopped,     ///< the job stopped on request, {"step", ...}
  Done,        ///< the job's report, last
};

std::string_view jobEventName(JobEvent event);
std::optional<JobEvent> parseJobEvent(std::string_view name);

/// `payload` (an object, or null) with "event" set to `event`'s name.
nlohmann::json jobEvent(JobEvent event, nlohmann::json payload = nlohmann::json::object());
/// The kind of a line read back; nullopt for a line without a known "event".
std::optional<JobEvent> jobEventOf(const nlohmann::json& line);

/// `event` as one line of JSON (no newline), invalid UTF-8 in its strings replaced by U+FFFD.
std::string jobEventLine(const nlohmann::json& event);

}  // namespace embedlab
