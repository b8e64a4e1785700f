#include "core/common/job_events.h"

#include "core/common/json_read.h"

namespace embedlab {

namespace {

constexpr JobEvent kEvents[] = {JobEvent::Progress, JobEvent::Start,      JobEvent::Log,
                                JobEvent::Note,     JobEvent::Checkpoint, JobEvent::Evaluation,
                                JobEvent::Result,   JobEvent::SweepPoint, JobEvent::Stopped,
                                JobEvent::Done};

}  // namespace

std::string_view jobEventName(JobEvent event) {
  switch (event) {
    case JobEvent::Progress: return "progress";
    case JobEvent::Start: return "start";
    case JobEvent::Log: return "log";
    case JobEvent::Note: return "note";
    case JobEvent::Checkpoint: return "checkpoint";
    case JobEvent::Evaluation: return "evaluation";
    case JobEvent::Result: return "result";
    case JobEvent::SweepPoint: return "sweep_point";
    case JobEvent::Stopped: return "stopped";
    case JobEvent::Done: return "done";
  }
  return "note";
}

std::optional<JobEvent> parseJobEvent(std::string_view name) {
  for (const JobEvent event : kEvents) {
    if (jobEventName(event) == name) return event;
  }
  return std::nullopt;
}

nlohmann::json jobEvent(JobEvent event, nlohmann::json payload) {
  if (!payload.is_object()) payload = nlohmann::json::object();
  payload["event"] = std::string(jobEventName(event));
  return payload;
}

std::optional<JobEvent> jobEventOf(const nlohmann::json& line) {
  if (!line.is_object()) return std::nullopt;
  const auto found = line.find("event");
  if (found == line.end() || !found->is_string()) return std::nullopt;
  return parseJobEvent(found->get<std::string>());
}

nlohmann::json ProgressEvent::toJson() const {
  return jobEvent(JobEvent::Progress, {{"unit", unit}, {"done", done}, {"total", total}});
}
ProgressEvent ProgressEvent::fromJson(const nlohmann::json& line) {
  return {fieldOr(line, "unit", std::string()), fieldOr(line, "done", std::uint64_t{0}),
          fieldOr(line, "total", std::uint64_t{0})};
}

nlohmann::json StartEvent::toJson() const {
  return jobEvent(JobEvent::Start, {{"total_steps", totalSteps}, {"first_step", firstStep}});
}
StartEvent StartEvent::fromJson(const nlohmann::json& line) {
  return {fieldOr(line, "total_steps", std::int64_t{0}),
          fieldOr(line, "first_step", std::int64_t{0})};
}

nlohmann::json NoteEvent::toJson() const {
  return jobEvent(JobEvent::Note, {{"message", message}});
}
NoteEvent NoteEvent::fromJson(const nlohmann::json& line) {
  return {fieldOr(line, "message", std::string())};
}

nlohmann::json CheckpointEvent::toJson() const {
  return jobEvent(JobEvent::Checkpoint, {{"step", step}, {"path", path}});
}
CheckpointEvent CheckpointEvent::fromJson(const nlohmann::json& line) {
  return {fieldOr(line, "step", std::int64_t{0}), fieldOr(line, "path", std::string())};
}

nlohmann::json StoppedEvent::toJson() const {
  return jobEvent(JobEvent::Stopped, {{"step", step}, {"checkpoint", checkpoint}});
}
StoppedEvent StoppedEvent::fromJson(const nlohmann::json& line) {
  return {fieldOr(line, "step", std::int64_t{-1}), fieldOr(line, "checkpoint", std::string())};
}

std::string jobEventLine(const nlohmann::json& event) {
  return event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace embedlab
