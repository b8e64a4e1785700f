#include "core/store/run_transfer.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <fstream>

#include "core/common/error.h"
#include "core/data/line_reader.h"

namespace embedlab::store {

namespace {

std::string csvField(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

double modifiedSeconds(const std::filesystem::path& path) {
  std::error_code error;
  const auto time = std::filesystem::last_write_time(path, error);
  if (error) return 0;
  const auto system = std::chrono::time_point_cast<std::chrono::system_clock::duration>(
      time - std::filesystem::file_time_type::clock::now() + std::chrono::system_clock::now());
  return std::chrono::duration<double>(system.time_since_epoch()).count();
}

}  // namespace

nlohmann::json toJson(const Run& run) {
  nlohmann::json json{{"id", run.id},
                      {"name", run.name},
                      {"kind", run.kind},
                      {"status", runStatusName(run.status)},
                      {"started_at", run.startedAt},
                      {"ended_at", run.endedAt ? nlohmann::json(*run.endedAt) : nlohmann::json()},
                      {"host", run.host},
                      {"pid", run.pid},
                      {"version", run.version},
                      {"options", run.options},
                      {"output_path", run.outputPath},
                      {"parent_model", run.parentModel},
                      {"notes", run.notes},
                      {"error", run.error},
                      {"tags", run.tags}};
  json["inputs"] = nlohmann::json::array();
  for (const RunInput& input : run.inputs)
    json["inputs"].push_back({{"path", input.path}, {"content_hash", input.contentHash}});
  return json;
}

nlohmann::json exportRunJson(History& history, std::int64_t id) {
  const Run run = history.run(id);
  nlohmann::json json{{"run", toJson(run)}};
  json["metrics"] = nlohmann::json::object();
  for (const std::string& name : history.metricNames(id)) {
    nlohmann::json series = nlohmann::json::array();
    for (const auto& [step, value] : history.metricSeries(id, name))
      series.push_back({step, value});
    json["metrics"][name] = series;
  }
  json["histograms"] = nlohmann::json::array();
  for (const HistogramRecord& h : history.histograms(id)) {
    json["histograms"].push_back({{"step", h.step},
                                  {"kind", h.kind},
                                  {"low", h.low},
                                  {"high", h.high},
                                  {"counts", h.counts}});
  }
  json["eval_results"] = nlohmann::json::array();
  for (const EvalResult& r : history.evalResults(id)) {
    json["eval_results"].push_back(
        {{"model", r.model}, {"dataset", r.dataset}, {"metric", r.metric}, {"value", r.value}});
  }
  json["summaries"] = history.summaries(id);
  return json;
}

std::string exportRunCsv(History& history, std::int64_t id) {
  const Run run = history.run(id);
  std::string csv = "run_id,kind,step,name,value,model,dataset\n";
  for (const std::string& name : history.metricNames(id)) {
    for (const auto& [step, value] : history.metricSeries(id, name))
      csv += fmt::format("{},{},{},{},{},,\n", id, run.kind, step, csvField(name), value);
  }
  for (const EvalResult& r : history.evalResults(id)) {
    csv += fmt::format("{},{},,{},{},{},{}\n", id, run.kind, csvField(r.metric), r.value,
                       csvField(r.model), csvField(r.dataset));
  }
  return csv;
}

ImportResult importRunFolder(History& history, const std::filesystem::path& folder) {
  const std::filesystem::path optionsFile = folder / "training_options.json";
  const std::filesystem::path metricsFile = folder / "metrics.jsonl";
  std::ifstream in(optionsFile);
  if (!in) {
    throw InputError(optionsFile.string(),
                     "cannot be read; a run folder written by `embedlab-cli train` holds it");
  }
  nlohmann::json options;
  try {
    options = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& error) {
    throw InputError(optionsFile.string(), std::string("invalid JSON: ") + error.what());
  }
  const std::string outputPath = std::filesystem::absolute(folder).lexically_normal().string();
  for (const Run& existing : history.listRuns({std::string("train"), {}, {}, {}, 0})) {
    if (existing.outputPath == outputPath && existing.options == options)
      return {existing.id, 0, true};
  }

  // Read everything before writing anything: a bad line imports nothing.
  std::vector<MetricPoint> points;
  std::vector<HistogramRecord> histograms;
  std::size_t records = 0;
  if (std::filesystem::exists(metricsFile)) {
    LineReader reader(metricsFile);
    TextLine line;
    while (reader.next(line)) {
      if (line.text.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      const nlohmann::json record = nlohmann::json::parse(line.text, nullptr, false);
      if (record.is_discarded() || !record.is_object() || !record.contains("step")) {
        throw InputError(metricsFile.string(), line.number,
                         "expected a JSON object with a \"step\" (a training log record)");
      }
      splitTrainingRecord(record, points, histograms);
      ++records;
    }
  }

  NewRun run;
  run.kind = "train";
  run.name = folder.lexically_normal().filename().string();
  if (run.name.empty()) run.name = folder.lexically_normal().parent_path().filename().string();
  run.options = options;
  run.outputPath = outputPath;
  run.parentModel = options.value("model_name_or_path", std::string());
  for (const auto& file : options.value("train_data", nlohmann::json::array())) {
    if (file.is_string()) run.inputs.push_back({file.get<std::string>(), ""});
  }
  run.tags = {"imported"};
  run.startedAt = modifiedSeconds(optionsFile);
  const std::int64_t id = history.startRun(run);
  history.addMetrics(id, points);
  history.addHistograms(id, histograms);
  const bool finished = std::filesystem::exists(folder / "model.safetensors");
  const double ended =
      std::filesystem::exists(metricsFile) ? modifiedSeconds(metricsFile) : *run.startedAt;
  history.finishRun(id, finished ? RunStatus::Finished : RunStatus::Interrupted,
                    finished ? "" : "imported without a final model (the run did not finish)",
                    std::max(ended, *run.startedAt));
  return {id, records, false};
}

}  // namespace embedlab::store
