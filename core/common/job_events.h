// The events a job writes as JSON lines on stdout with `--progress json` (one object per line,
// its kind in "event"), read by the GUI's panels and by scripts. The names are declared here
// once; every CLI job writes its lines through jobEventLine, so that a text from a user's file
// with invalid UTF-8 is replaced (U+FFFD), not fatal to the job.
#pragma once

#include <cstdint>
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
  Evaluation,  ///< training: a dev-set evaluation (train::EvaluationRecord)
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

// The payloads of the small events, each a pair toJson (with "event" set) and fromJson (a
// missing or mistyped field reads as its default: lines come from another process, and an event
// the reader cannot use is skipped rather than fatal). Log is train::TrainingLogRecord, Done and
// Result are each job's report.

struct ProgressEvent {
  std::string unit;        ///< what is counted: "texts", "steps", "queries"...
  std::uint64_t done = 0;  ///< how many so far
  std::uint64_t total = 0;
  nlohmann::json toJson() const;
  static ProgressEvent fromJson(const nlohmann::json& line);
};

struct StartEvent {
  std::int64_t totalSteps = 0;
  std::int64_t firstStep = 0;  ///< the step a resumed run starts after
  nlohmann::json toJson() const;
  static StartEvent fromJson(const nlohmann::json& line);
};

struct NoteEvent {
  std::string message;
  nlohmann::json toJson() const;
  static NoteEvent fromJson(const nlohmann::json& line);
};

struct CheckpointEvent {
  std::int64_t step = 0;
  std::string path;  ///< the checkpoint folder
  nlohmann::json toJson() const;
  static CheckpointEvent fromJson(const nlohmann::json& line);
};

struct StoppedEvent {
  std::int64_t step = -1;  ///< the step it stopped at (-1: not said)
  std::string checkpoint;  ///< the checkpoint written as it stopped ("": none)
  nlohmann::json toJson() const;
  static StoppedEvent fromJson(const nlohmann::json& line);
};

/// `event` as one line of JSON (no newline), invalid UTF-8 in its strings replaced by U+FFFD.
std::string jobEventLine(const nlohmann::json& event);

}  // namespace embedlab
