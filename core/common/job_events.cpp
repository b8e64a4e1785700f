#include "core/common/job_events.h"

namespace embedlab {

namespace {

constexpr JobEvent kEvents[] = {JobEvent::Progress,   JobEvent::Start,      JobEvent::Log,
                                JobEvent::Note,       JobEvent::Checkpoint, JobEvent::Result,
                                JobEvent::SweepPoint, JobEvent::Stopped,    JobEvent::Done};

}  // namespace

std::string_view jobEventName(JobEvent event) {
  switch (event) {
    case JobEvent::Progress: return "progress";
    case JobEvent::Start: return "start";
    case JobEvent::Log: return "log";
    case JobEvent::Note: return "note";
    case JobEvent::Checkpoint: return "checkpoint";
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

std::string jobEventLine(const nlohmann::json& event) {
  return event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace embedlab
