// The experiment history: every job (train, mine, eval, merge, threshold) as a row of `runs`
// with its resolved options, inputs with content hashes, outputs and lineage, and what it
// measured: metric series per logging step, similarity histograms, evaluation results and
// summaries (mining statistics, chosen thresholds). One SQLite file (WAL: the job writes while
// the GUI and other processes read), schema versioned with PRAGMA user_version and migrated
// forward on open. A job that died (kill -9, power loss) is found on the next open: a run still
// "running" whose process is gone from this host, or whose heartbeat is older than two minutes,
// becomes "interrupted".
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace embedlab::store {

enum class RunStatus { Running, Finished, Failed, Stopped, Interrupted };
std::string_view runStatusName(RunStatus status);
std::optional<RunStatus> parseRunStatus(std::string_view name);

/// The jobs the history records (Run::kind holds their names: "train", "train-reranker", ...).
enum class RunKind { Train, TrainReranker, Pretrain, Mine, Eval, Threshold, Merge };
/// Every kind, in the order filters list them.
inline constexpr RunKind kRunKinds[] = {RunKind::Train, RunKind::TrainReranker, RunKind::Pretrain,
                                        RunKind::Mine,  RunKind::Eval,          RunKind::Threshold,
                                        RunKind::Merge};
std::string_view runKindName(RunKind kind);
std::optional<RunKind> parseRunKind(std::string_view name);

struct RunInput {
  std::string path;
  std::string contentHash;  ///< hex xxh3 of the file's content (empty when unreadable)
};

/// What a job says about itself when it starts.
struct NewRun {
  std::string kind;  ///< runKindName(): train, train-reranker, mine, eval, threshold, merge
  std::string name;  ///< a label for people (default: kind and output name)
  nlohmann::json options = nlohmann::json::object();  ///< the resolved options
  std::vector<RunInput> inputs;
  std::string outputPath;
  std::string parentModel;  ///< the model it started from (lineage)
  std::vector<std::string> tags;
  std::optional<double> startedAt;  ///< seconds since the epoch (default: now; imports set it)
  /// A run this job continues (a training resumed from its checkpoint): that run is running
  /// again, its metrics go on, and no new run is made. Its options become these.
  std::optional<std::int64_t> continues;
  std::int64_t continuesFromStep = 0;  ///< the step `continues` resumes at
};

struct Run {
  std::int64_t id = 0;
  std::string name;
  std::string kind;
  RunStatus status = RunStatus::Running;
  double startedAt = 0;  ///< seconds since the epoch
  std::optional<double> endedAt;
  double heartbeatAt = 0;
  std::string host;
  std::int64_t pid = 0;
  std::string version;  ///< EmbedLab's version that ran it
  nlohmann::json options;
  std::string outputPath;
  std::string parentModel;
  std::string notes;
  std::string error;  ///< why it failed
  std::vector<std::string> tags;
  std::vector<RunInput> inputs;
};

struct RunFilter {
  std::optional<std::string> kind;
  std::optional<RunStatus> status;
  std::optional<std::string> tag;
  std::optional<double> since;  ///< started at or after (seconds since the epoch)
  std::size_t limit = 0;        ///< 0: all
};

struct MetricPoint {
  std::int64_t step = 0;
  std::string name;
  double value = 0;
};

/// Equal-width bins over [low, high].
struct HistogramRecord {
  std::int64_t step = 0;
  std::string kind;  ///< positives, hard_negatives, in_batch_negatives, ...
  double low = 0;
  double high = 0;
  std::vector<std::uint64_t> counts;
};

struct EvalResult {
  std::string model;
  std::string dataset;
  std::string metric;
  double value = 0;
};

class History {
 public:
  /// $XDG_DATA_HOME/embedlab/history.sqlite (~/.local/share/embedlab/history.sqlite).
  static std::filesystem::path defaultPath();
  /// The database a front end uses: `explicitPath` (--db) when given, else $EMBEDLAB_HISTORY_DB,
  /// else the workspace's own history.sqlite when it has one, else defaultPath().
  static std::filesystem::path resolvePath(const std::filesystem::path& explicitPath,
                                           const std::filesystem::path& workspace = {});
  /// The schema version this build writes.
  static int schemaVersion();

  /// Opens or creates the database, migrates it to schemaVersion() (refusing a newer one) and
  /// marks dead runs interrupted. Throws StoreError.
  explicit History(const std::filesystem::path& path);
  ~History();
  History(History&&) noexcept;
  History& operator=(History&&) noexcept;

  const std::filesystem::path& path() const;

  // --- writing (the job's process) ---
  /// A new run, status running, heartbeat now, this host and process.
  std::int64_t startRun(const NewRun& run);
  /// `run` running again from this host and process (a training resumed from a checkpoint):
  /// its options and status updated, its end and error cleared, and the step it resumed at
  /// appended to its "resumed" summary. Throws UsageError when there is no such run.
  void continueRun(std::int64_t run, const nlohmann::json& options, std::int64_t fromStep);
  void heartbeat(std::int64_t run);
  /// `endedAt`: seconds since the epoch (default: now; imports set it).
  void finishRun(std::int64_t run, RunStatus status, const std::string& error = {},
                 std::optional<double> endedAt = std::nullopt);
  /// Each call is one transaction; a point that repeats (run, name, step) replaces the old one.
  void addMetrics(std::int64_t run, const std::vector<MetricPoint>& points);
  void addHistograms(std::int64_t run, const std::vector<HistogramRecord>& histograms);
  void addEvalResults(std::int64_t run, const std::vector<EvalResult>& results);
  /// A named JSON document of the run ("mining_statistics", "thresholds", ...), replaced.
  void setSummary(std::int64_t run, const std::string& key, const nlohmann::json& value);
  void setOutputPath(std::int64_t run, const std::string& outputPath);

  // --- editing ---
  void setNote(std::int64_t run, const std::string& text);
  void addTag(std::int64_t run, const std::string& tag);
  void removeTag(std::int64_t run, const std::string& tag);
  /// Removes the run and everything recorded for it (never any file).
  void deleteRun(std::int64_t run);

  // --- reading ---
  /// Newest first.
  std::vector<Run> listRuns(const RunFilter& filter = {});
  std::optional<Run> findRun(std::int64_t run);
  /// Throws UsageError naming the id when there is no such run.
  Run run(std::int64_t run);
  std::vector<std::string> metricNames(std::int64_t run);
  /// (step, value) in step order.
  std::vector<std::pair<std::int64_t, double>> metricSeries(std::int64_t run,
                                                            const std::string& name);
  /// The last value of each metric series, then each evaluation result as "dataset/metric"
  /// (prefixed by the model when the run evaluated several).
  std::map<std::string, double> finalMetrics(std::int64_t run);
  std::vector<HistogramRecord> histograms(std::int64_t run, const std::string& kind = {});
  std::vector<EvalResult> evalResults(std::int64_t run);
  /// {key: value} of every summary.
  nlohmann::json summaries(std::int64_t run);

  /// Marks running runs whose process is gone interrupted; returns how many. Done on open.
  std::size_t markInterruptedRuns();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Metric points and histograms of one metrics.jsonl record (the trainer's logging record): every
/// numeric field but "step" is a metric; "similarities" holds the histograms.
void splitTrainingRecord(const nlohmann::json& record, std::vector<MetricPoint>& points,
                         std::vector<HistogramRecord>& histograms);

/// Hex xxh3-128 of a file's content (empty when it cannot be read); a folder hashes its files'
/// names and contents (a model folder, an evaluation set).
std::string contentHash(const std::filesystem::path& path);

}  // namespace embedlab::store
