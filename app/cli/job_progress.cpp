#include "app/cli/job_progress.h"

#include "core/common/job_events.h"

#include <fmt/format.h>

#include <cstdio>

namespace embedlab::cli {

JobProgress::JobProgress(const std::string& label, const std::string& mode, bool quiet)
    : json_(mode == "json"), talks_(!quiet && mode == "bar"), quiet_(quiet), bar_(label, talks_) {}

void JobProgress::onProgress(std::uint64_t done, std::uint64_t total, std::string_view unit) {
  if (!json_) {
    bar_.onProgress(done, total, unit);
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  if (now - lastEmit_ < std::chrono::milliseconds(100) && done < total) return;
  lastEmit_ = now;
  emit(ProgressEvent{std::string(unit), done, total}.toJson());
}

void JobProgress::finish() {
  bar_.finish();
}

void JobProgress::emit(const nlohmann::json& line) {
  fmt::print("{}\n", jobEventLine(line));
  std::fflush(stdout);
}

void JobProgress::noteWarnings(const std::string& what, const std::vector<Problem>& warnings) {
  if (warnings.empty() || !talks_) return;
  bar_.finish();
  fmt::print(stderr, "{} warnings in {} (first: line {}: {}); 'embedlab-cli validate' lists them\n",
             warnings.size(), what, warnings.front().line, warnings.front().message);
}

}  // namespace embedlab::cli
