// How a job records itself in the history: opened when the job starts (status running), fed
// metrics as it goes, finished with its status. Metric points and histograms are buffered and
// written in one transaction at most every two seconds (a 10 000-step run costs a few hundred
// small transactions), and a background thread writes a heartbeat every ten seconds so that a
// job killed with SIGKILL is recognised as interrupted. A recorder destroyed without finish()
// (the job threw) records the run as failed.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/store/history.h"

namespace embedlab::store {

class RunRecorder {
 public:
  RunRecorder(const std::filesystem::path& database, const NewRun& run);
  ~RunRecorder();
  RunRecorder(const RunRecorder&) = delete;
  RunRecorder& operator=(const RunRecorder&) = delete;

  std::int64_t id() const { return id_; }

  void addMetric(std::int64_t step, const std::string& name, double value);
  /// A trainer logging record (see splitTrainingRecord).
  void addTrainingRecord(const nlohmann::json& record);
  void addEvalResults(const std::vector<EvalResult>& results);
  void setSummary(const std::string& key, const nlohmann::json& value);
  /// Writes what is buffered now.
  void flush();
  /// Flushes, then records the final status (and the error message of a failed run).
  void finish(RunStatus status, const std::string& error = {});

 private:
  void flushLocked();
  void beat();

  History history_;
  std::int64_t id_ = 0;
  std::mutex mutex_;
  std::vector<MetricPoint> points_;
  std::vector<HistogramRecord> histograms_;
  std::chrono::steady_clock::time_point lastFlush_ = std::chrono::steady_clock::now();
  bool finished_ = false;
  bool stopping_ = false;
  std::condition_variable wake_;
  std::thread heartbeat_;
};

}  // namespace embedlab::store
