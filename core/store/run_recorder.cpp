#include "core/store/run_recorder.h"

namespace embedlab::store {

namespace {

constexpr auto kFlushInterval = std::chrono::seconds(2);
constexpr auto kHeartbeatInterval = std::chrono::seconds(10);
constexpr std::size_t kMaxBuffered = 5000;

std::int64_t startOrContinue(History& history, const NewRun& run) {
  if (!run.continues) return history.startRun(run);
  history.continueRun(*run.continues, run.options, run.continuesFromStep);
  return *run.continues;
}

}  // namespace

RunRecorder::RunRecorder(const std::filesystem::path& database, const NewRun& run)
    : history_(database), id_(startOrContinue(history_, run)), heartbeat_([this] { beat(); }) {}

RunRecorder::~RunRecorder() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  heartbeat_.join();
  if (!finished_) {
    try {
      finish(RunStatus::Failed, "the job ended with an error before it could say which");
    } catch (...) {
      // The database went away (full disk, removed): the next open marks the run interrupted.
    }
  }
}

void RunRecorder::beat() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, kHeartbeatInterval, [this] { return stopping_; });
    if (stopping_ || finished_) break;
    try {
      flushLocked();
      history_.heartbeat(id_);
    } catch (...) {
      // A busy or full disk costs a heartbeat, not the job; the next one tries again.
    }
  }
}

void RunRecorder::addMetric(std::int64_t step, const std::string& name, double value) {
  std::lock_guard lock(mutex_);
  points_.push_back({step, name, value});
  if (points_.size() >= kMaxBuffered ||
      std::chrono::steady_clock::now() - lastFlush_ > kFlushInterval)
    flushLocked();
}

void RunRecorder::addTrainingRecord(const nlohmann::json& record) {
  std::lock_guard lock(mutex_);
  splitTrainingRecord(record, points_, histograms_);
  if (points_.size() >= kMaxBuffered ||
      std::chrono::steady_clock::now() - lastFlush_ > kFlushInterval)
    flushLocked();
}

void RunRecorder::addEvalResults(const std::vector<EvalResult>& results) {
  std::lock_guard lock(mutex_);
  history_.addEvalResults(id_, results);
}

void RunRecorder::setSummary(const std::string& key, const nlohmann::json& value) {
  std::lock_guard lock(mutex_);
  history_.setSummary(id_, key, value);
}

void RunRecorder::flush() {
  std::lock_guard lock(mutex_);
  flushLocked();
}

void RunRecorder::flushLocked() {
  lastFlush_ = std::chrono::steady_clock::now();
  if (!points_.empty()) {
    history_.addMetrics(id_, points_);
    points_.clear();
  }
  if (!histograms_.empty()) {
    history_.addHistograms(id_, histograms_);
    histograms_.clear();
  }
}

void RunRecorder::finish(RunStatus status, const std::string& error) {
  std::lock_guard lock(mutex_);
  if (finished_) return;
  flushLocked();
  history_.finishRun(id_, status, error);
  finished_ = true;
}

}  // namespace embedlab::store
