#include "core/store/history.h"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>

#include "core/common/file_fingerprint.h"
#include "core/common/paths.h"
#include "core/common/version.h"
#include "core/store/history_schema.h"
#include "core/store/sqlite_database.h"

namespace embedlab::store {

namespace {

constexpr double kStaleHeartbeatSeconds = 120;

double now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string hostName() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "unknown";
  return name;
}

bool processAlive(std::int64_t pid) {
  if (pid <= 0) return false;
  return kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

constexpr const char* kRunColumns =
    "id, name, kind, status, started_at, ended_at, heartbeat_at, host, pid, version, options, "
    "output_path, parent_model, notes, error";

Run readRun(const Statement& row) {
  Run run;
  run.id = row.integer(0);
  run.name = row.text(1);
  run.kind = row.text(2);
  run.status = parseRunStatus(row.text(3)).value_or(RunStatus::Interrupted);
  run.startedAt = row.real(4);
  if (!row.isNull(5)) run.endedAt = row.real(5);
  run.heartbeatAt = row.real(6);
  run.host = row.text(7);
  run.pid = row.integer(8);
  run.version = row.text(9);
  run.options = nlohmann::json::parse(row.text(10), nullptr, false);
  if (run.options.is_discarded()) run.options = nlohmann::json::object();
  run.outputPath = row.text(11);
  run.parentModel = row.text(12);
  run.notes = row.text(13);
  run.error = row.text(14);
  return run;
}

}  // namespace

std::string_view runStatusName(RunStatus status) {
  switch (status) {
    case RunStatus::Running: return "running";
    case RunStatus::Finished: return "finished";
    case RunStatus::Failed: return "failed";
    case RunStatus::Stopped: return "stopped";
    case RunStatus::Interrupted: return "interrupted";
  }
  return "interrupted";
}

std::optional<RunStatus> parseRunStatus(std::string_view name) {
  for (const RunStatus status : {RunStatus::Running, RunStatus::Finished, RunStatus::Failed,
                                 RunStatus::Stopped, RunStatus::Interrupted}) {
    if (runStatusName(status) == name) return status;
  }
  return std::nullopt;
}

std::string_view runKindName(RunKind kind) {
  switch (kind) {
    case RunKind::Train: return "train";
    case RunKind::TrainReranker: return "train-reranker";
    case RunKind::Pretrain: return "pretrain";
    case RunKind::Mine: return "mine";
    case RunKind::Eval: return "eval";
    case RunKind::Threshold: return "threshold";
    case RunKind::Merge: return "merge";
  }
  return "train";
}

std::optional<RunKind> parseRunKind(std::string_view name) {
  for (const RunKind kind : kRunKinds) {
    if (runKindName(kind) == name) return kind;
  }
  return std::nullopt;
}

struct History::Impl {
  explicit Impl(const std::filesystem::path& path) : database(path) {}
  SqliteDatabase database;
  std::string host = hostName();
};

std::filesystem::path History::defaultPath() {
  return userDataDirectory() / "history.sqlite";
}

std::filesystem::path History::resolvePath(const std::filesystem::path& explicitPath,
                                           const std::filesystem::path& workspace) {
  if (!explicitPath.empty()) return explicitPath;
  if (const char* path = std::getenv("EMBEDLAB_HISTORY_DB"); path != nullptr && *path != '\0')
    return path;
  std::error_code error;
  if (!workspace.empty() && std::filesystem::is_regular_file(workspace / "history.sqlite", error))
    return workspace / "history.sqlite";
  return defaultPath();
}

int History::schemaVersion() {
  return kHistorySchemaVersion;
}

History::History(const std::filesystem::path& path) : impl_(std::make_unique<Impl>(path)) {
  migrateHistorySchema(impl_->database);
  markInterruptedRuns();
}

History::~History() = default;
History::History(History&&) noexcept = default;
History& History::operator=(History&&) noexcept = default;

const std::filesystem::path& History::path() const {
  return impl_->database.path();
}

std::int64_t History::startRun(const NewRun& run) {
  SqliteDatabase& db = impl_->database;
  Transaction transaction(db);
  const double started = run.startedAt.value_or(now());
  Statement insert(db,
                   "INSERT INTO runs (name, kind, status, started_at, heartbeat_at, host, pid, "
                   "version, options, output_path, parent_model) VALUES (?, ?, 'running', ?, ?, "
                   "?, ?, ?, ?, ?, ?)");
  insert.bind(1, run.name)
      .bind(2, run.kind)
      .bind(3, started)
      .bind(4, now())
      .bind(5, impl_->host)
      .bind(6, static_cast<std::int64_t>(getpid()))
      .bind(7, std::string_view(kVersion))
      .bind(8, run.options.dump())
      .bind(9, run.outputPath)
      .bind(10, run.parentModel)
      .run();
  const std::int64_t id = db.lastInsertId();
  Statement input(db, "INSERT INTO run_inputs (run_id, path, content_hash) VALUES (?, ?, ?)");
  for (const RunInput& item : run.inputs)
    input.bind(1, id).bind(2, item.path).bind(3, item.contentHash).run();
  Statement tag(db, "INSERT OR IGNORE INTO run_tags (run_id, tag) VALUES (?, ?)");
  for (const std::string& name : run.tags)
    tag.bind(1, id).bind(2, name).run();
  transaction.commit();
  return id;
}

void History::continueRun(std::int64_t run, const nlohmann::json& options, std::int64_t fromStep) {
  this->run(run);  // throws UsageError naming it when there is no such run
  nlohmann::json resumed = summaries(run).value("resumed", nlohmann::json::array());
  resumed.push_back({{"step", fromStep}, {"at", now()}});
  Statement(impl_->database,
            "UPDATE runs SET status = 'running', ended_at = NULL, error = '', heartbeat_at = ?, "
            "host = ?, pid = ?, version = ?, options = ? WHERE id = ?")
      .bind(1, now())
      .bind(2, impl_->host)
      .bind(3, static_cast<std::int64_t>(getpid()))
      .bind(4, std::string_view(kVersion))
      .bind(5, options.dump())
      .bind(6, run)
      .run();
  setSummary(run, "resumed", resumed);
}

void History::heartbeat(std::int64_t run) {
  Statement(impl_->database, "UPDATE runs SET heartbeat_at = ? WHERE id = ?")
      .bind(1, now())
      .bind(2, run)
      .run();
}

void History::finishRun(std::int64_t run, RunStatus status, const std::string& error,
                        std::optional<double> endedAt) {
  Statement(impl_->database,
            "UPDATE runs SET status = ?, ended_at = ?, heartbeat_at = ?, error = ? WHERE id = ?")
      .bind(1, runStatusName(status))
      .bind(2, endedAt.value_or(now()))
      .bind(3, endedAt.value_or(now()))
      .bind(4, error)
      .bind(5, run)
      .run();
}

void History::addMetrics(std::int64_t run, const std::vector<MetricPoint>& points) {
  if (points.empty()) return;
  Transaction transaction(impl_->database);
  Statement insert(
      impl_->database,
      "INSERT OR REPLACE INTO metrics (run_id, step, name, value) VALUES (?, ?, ?, ?)");
  for (const MetricPoint& point : points)
    insert.bind(1, run).bind(2, point.step).bind(3, point.name).bind(4, point.value).run();
  transaction.commit();
}

void History::addHistograms(std::int64_t run, const std::vector<HistogramRecord>& histograms) {
  if (histograms.empty()) return;
  Transaction transaction(impl_->database);
  Statement insert(impl_->database,
                   "INSERT OR REPLACE INTO histograms (run_id, step, kind, low, high, counts) "
                   "VALUES (?, ?, ?, ?, ?, ?)");
  for (const HistogramRecord& h : histograms) {
    insert.bind(1, run)
        .bind(2, h.step)
        .bind(3, h.kind)
        .bind(4, h.low)
        .bind(5, h.high)
        .bind(6, nlohmann::json(h.counts).dump())
        .run();
  }
  transaction.commit();
}

void History::addEvalResults(std::int64_t run, const std::vector<EvalResult>& results) {
  if (results.empty()) return;
  Transaction transaction(impl_->database);
  Statement insert(impl_->database,
                   "INSERT INTO eval_results (run_id, model, dataset, metric, value) "
                   "VALUES (?, ?, ?, ?, ?)");
  for (const EvalResult& r : results)
    insert.bind(1, run)
        .bind(2, r.model)
        .bind(3, r.dataset)
        .bind(4, r.metric)
        .bind(5, r.value)
        .run();
  transaction.commit();
}

void History::setSummary(std::int64_t run, const std::string& key, const nlohmann::json& value) {
  Statement(impl_->database,
            "INSERT OR REPLACE INTO run_summaries (run_id, key, value) VALUES (?, ?, ?)")
      .bind(1, run)
      .bind(2, key)
      .bind(3, value.dump())
      .run();
}

void History::setOutputPath(std::int64_t run, const std::string& outputPath) {
  Statement(impl_->database, "UPDATE runs SET output_path = ? WHERE id = ?")
      .bind(1, outputPath)
      .bind(2, run)
      .run();
}

void History::setNote(std::int64_t run, const std::string& text) {
  this->run(run);  // a clear error for an unknown id
  Statement(impl_->database, "UPDATE runs SET notes = ? WHERE id = ?")
      .bind(1, text)
      .bind(2, run)
      .run();
}

void History::addTag(std::int64_t run, const std::string& tag) {
  this->run(run);
  Statement(impl_->database, "INSERT OR IGNORE INTO run_tags (run_id, tag) VALUES (?, ?)")
      .bind(1, run)
      .bind(2, tag)
      .run();
}

void History::removeTag(std::int64_t run, const std::string& tag) {
  Statement(impl_->database, "DELETE FROM run_tags WHERE run_id = ? AND tag = ?")
      .bind(1, run)
      .bind(2, tag)
      .run();
}

void History::deleteRun(std::int64_t run) {
  this->run(run);
  Statement(impl_->database, "DELETE FROM runs WHERE id = ?").bind(1, run).run();  // cascades
}

std::vector<Run> History::listRuns(const RunFilter& filter) {
  std::string sql = fmt::format("SELECT {} FROM runs WHERE 1", kRunColumns);
  if (filter.kind) sql += " AND kind = ?1";
  if (filter.status) sql += " AND status = ?2";
  if (filter.tag) sql += " AND id IN (SELECT run_id FROM run_tags WHERE tag = ?3)";
  if (filter.since) sql += " AND started_at >= ?4";
  sql += " ORDER BY started_at DESC, id DESC";
  if (filter.limit > 0) sql += " LIMIT ?5";
  Statement query(impl_->database, sql);
  if (filter.kind) query.bind(1, *filter.kind);
  if (filter.status) query.bind(2, runStatusName(*filter.status));
  if (filter.tag) query.bind(3, *filter.tag);
  if (filter.since) query.bind(4, *filter.since);
  if (filter.limit > 0) query.bind(5, static_cast<std::int64_t>(filter.limit));
  std::vector<Run> runs;
  while (query.step())
    runs.push_back(readRun(query));
  // Tags and inputs of the listed runs, a pass each.
  Statement tags(impl_->database, "SELECT run_id, tag FROM run_tags ORDER BY tag");
  std::map<std::int64_t, std::vector<std::string>> byRun;
  while (tags.step())
    byRun[tags.integer(0)].push_back(tags.text(1));
  Statement inputs(impl_->database,
                   "SELECT run_id, path, content_hash FROM run_inputs ORDER BY rowid");
  std::map<std::int64_t, std::vector<RunInput>> inputsByRun;
  while (inputs.step())
    inputsByRun[inputs.integer(0)].push_back({inputs.text(1), inputs.text(2)});
  for (Run& run : runs) {
    if (const auto found = byRun.find(run.id); found != byRun.end()) run.tags = found->second;
    if (const auto found = inputsByRun.find(run.id); found != inputsByRun.end())
      run.inputs = found->second;
  }
  return runs;
}

std::optional<Run> History::findRun(std::int64_t id) {
  Statement query(impl_->database, fmt::format("SELECT {} FROM runs WHERE id = ?", kRunColumns));
  query.bind(1, id);
  if (!query.step()) return std::nullopt;
  Run run = readRun(query);
  Statement tags(impl_->database, "SELECT tag FROM run_tags WHERE run_id = ? ORDER BY tag");
  tags.bind(1, id);
  while (tags.step())
    run.tags.push_back(tags.text(0));
  Statement inputs(impl_->database,
                   "SELECT path, content_hash FROM run_inputs WHERE run_id = ? ORDER BY rowid");
  inputs.bind(1, id);
  while (inputs.step())
    run.inputs.push_back({inputs.text(0), inputs.text(1)});
  return run;
}

Run History::run(std::int64_t id) {
  std::optional<Run> found = findRun(id);
  if (!found) {
    throw UsageError(fmt::format("there is no run {} in {}", id, path().string()));
  }
  return std::move(*found);
}

std::vector<std::string> History::metricNames(std::int64_t run) {
  Statement query(impl_->database,
                  "SELECT DISTINCT name FROM metrics WHERE run_id = ? ORDER BY name");
  query.bind(1, run);
  std::vector<std::string> names;
  while (query.step())
    names.push_back(query.text(0));
  return names;
}

std::vector<std::pair<std::int64_t, double>> History::metricSeries(std::int64_t run,
                                                                   const std::string& name) {
  Statement query(impl_->database,
                  "SELECT step, value FROM metrics WHERE run_id = ? AND name = ? ORDER BY step");
  query.bind(1, run).bind(2, name);
  std::vector<std::pair<std::int64_t, double>> series;
  while (query.step())
    series.emplace_back(query.integer(0), query.real(1));
  return series;
}

std::map<std::string, double> History::finalMetrics(std::int64_t run) {
  std::map<std::string, double> result;
  Statement last(impl_->database,
                 "SELECT name, value FROM metrics AS m WHERE run_id = ?1 AND step = (SELECT "
                 "MAX(step) FROM metrics WHERE run_id = ?1 AND name = m.name)");
  last.bind(1, run);
  while (last.step())
    result[last.text(0)] = last.real(1);
  const std::vector<EvalResult> results = evalResults(run);
  std::vector<std::string> models;
  for (const EvalResult& r : results) {
    if (std::find(models.begin(), models.end(), r.model) == models.end()) models.push_back(r.model);
  }
  for (const EvalResult& r : results) {
    const std::string prefix = models.size() > 1 ? r.model + ":" : "";
    result[prefix + std::filesystem::path(r.dataset).filename().string() + "/" + r.metric] =
        r.value;
  }
  return result;
}

std::vector<HistogramRecord> History::histograms(std::int64_t run, const std::string& kind) {
  Statement query(impl_->database,
                  "SELECT step, kind, low, high, counts FROM histograms WHERE run_id = ?1 AND "
                  "(?2 = '' OR kind = ?2) ORDER BY step, kind");
  query.bind(1, run).bind(2, kind);
  std::vector<HistogramRecord> records;
  while (query.step()) {
    HistogramRecord record;
    record.step = query.integer(0);
    record.kind = query.text(1);
    record.low = query.real(2);
    record.high = query.real(3);
    record.counts = nlohmann::json::parse(query.text(4)).get<std::vector<std::uint64_t>>();
    records.push_back(std::move(record));
  }
  return records;
}

std::vector<EvalResult> History::evalResults(std::int64_t run) {
  Statement query(impl_->database,
                  "SELECT model, dataset, metric, value FROM eval_results WHERE run_id = ? "
                  "ORDER BY rowid");
  query.bind(1, run);
  std::vector<EvalResult> results;
  while (query.step())
    results.push_back({query.text(0), query.text(1), query.text(2), query.real(3)});
  return results;
}

nlohmann::json History::summaries(std::int64_t run) {
  Statement query(impl_->database,
                  "SELECT key, value FROM run_summaries WHERE run_id = ? ORDER BY key");
  query.bind(1, run);
  nlohmann::json result = nlohmann::json::object();
  while (query.step())
    result[query.text(0)] = nlohmann::json::parse(query.text(1), nullptr, false);
  return result;
}

std::size_t History::markInterruptedRuns() {
  SqliteDatabase& db = impl_->database;
  Statement running(db, "SELECT id, host, pid, heartbeat_at FROM runs WHERE status = 'running'");
  std::vector<std::int64_t> dead;
  const double current = now();
  while (running.step()) {
    // Another host's job is judged by its heartbeat alone; one of this host's also by its pid.
    const bool stale = current - running.real(3) > kStaleHeartbeatSeconds;
    const bool gone =
        stale || (running.text(1) == impl_->host && !processAlive(running.integer(2)));
    if (gone) dead.push_back(running.integer(0));
  }
  if (dead.empty()) return 0;
  Transaction transaction(db);
  Statement mark(db,
                 "UPDATE runs SET status = 'interrupted', ended_at = heartbeat_at, error = "
                 "'the job stopped without saying why (killed, crashed or the machine went "
                 "down); what it recorded until then is kept' WHERE id = ? AND status = 'running'");
  for (const std::int64_t id : dead)
    mark.bind(1, id).run();
  transaction.commit();
  return dead.size();
}

void splitTrainingRecord(const nlohmann::json& record, std::vector<MetricPoint>& points,
                         std::vector<HistogramRecord>& histograms) {
  const std::int64_t step = record.value("step", std::int64_t{0});
  for (const auto& [key, value] : record.items()) {
    if (key == "step" || key == "total_steps" || !value.is_number()) continue;
    points.push_back({step, key, value.get<double>()});
  }
  const auto similarities = record.find("similarities");
  if (similarities == record.end() || !similarities->is_object()) return;
  double low = -1, high = 1;
  if (const auto range = similarities->find("bin_range");
      range != similarities->end() && range->is_array() && range->size() == 2) {
    low = (*range)[0].get<double>();
    high = (*range)[1].get<double>();
  }
  for (const auto& [kind, summary] : similarities->items()) {
    if (!summary.is_object() || !summary.contains("bins")) continue;
    histograms.push_back(
        {step, kind, low, high, summary["bins"].get<std::vector<std::uint64_t>>()});
    if (summary.contains("mean") && summary["mean"].is_number())
      points.push_back({step, kind + "_mean", summary["mean"].get<double>()});
  }
}

std::string contentHash(const std::filesystem::path& path) {
  std::error_code error;
  try {
    if (std::filesystem::is_regular_file(path, error))
      return fmt::format("{:016x}", hashFileContent(path));
    if (!std::filesystem::is_directory(path, error)) return {};
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(path, error)) {
      if (entry.is_regular_file()) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    XXH3_state_t* state = XXH3_createState();
    XXH3_64bits_reset(state);
    for (const auto& file : files) {
      const std::string name = file.lexically_relative(path).generic_string();
      const std::uint64_t hash = hashFileContent(file);
      XXH3_64bits_update(state, name.data(), name.size() + 1);
      XXH3_64bits_update(state, &hash, sizeof hash);
    }
    const std::uint64_t hash = XXH3_64bits_digest(state);
    XXH3_freeState(state);
    return fmt::format("{:016x}", hash);
  } catch (const Error&) {
    return {};
  }
}

}  // namespace embedlab::store
