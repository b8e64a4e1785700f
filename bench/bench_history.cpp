// The experiment history's speed where users feel it: metric points written per second by a
// training-like writer (a logging record of 14 numbers and 3 histograms of 40 bins per step,
// through RunRecorder's buffered transactions), the time to list 1 000 runs (the History table),
// and the time to load 10 metric series of 10 000 points each (the compare view's curves).
//
// usage: bench_history [--steps N]
#include <unistd.h>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "bench/bench_support.h"
#include "core/store/history.h"
#include "core/store/run_recorder.h"

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

nlohmann::json loggingRecord(std::int64_t step) {
  nlohmann::json record{{"step", step}, {"total_steps", 100000}, {"epoch", step / 1000.0}};
  for (const char* name :
       {"loss", "contrastive_loss", "distillation_loss", "learning_rate", "grad_norm",
        "samples_per_second", "tokens_per_second", "elapsed_seconds", "eta_seconds"}) {
    record[name] = 1.0 / static_cast<double>(step + 1);
  }
  nlohmann::json similarities{{"bin_range", {-1.0, 1.0}}};
  for (const char* kind : {"positives", "hard_negatives", "in_batch_negatives"}) {
    std::vector<int> bins(40);
    for (std::size_t i = 0; i < bins.size(); ++i)
      bins[i] = static_cast<int>((step + static_cast<std::int64_t>(i)) % 97);
    similarities[kind] = {{"bins", bins}, {"mean", 0.5}, {"count", 1600}};
  }
  record["similarities"] = similarities;
  return record;
}

}  // namespace

int main(int argc, char** argv) {
  std::int64_t steps = 10000;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--steps") == 0) steps = std::stoll(argv[i + 1]);
  }
  const std::filesystem::path folder = std::filesystem::temp_directory_path() /
                                       ("embedlab-bench-history-" + std::to_string(getpid()));
  std::filesystem::create_directories(folder);
  const std::filesystem::path database = folder / "history.sqlite";
  namespace store = embedlab::store;

  // A training-like writer.
  std::size_t points = 0;
  auto start = std::chrono::steady_clock::now();
  {
    store::NewRun run;
    run.kind = "train";
    run.name = "bench";
    store::RunRecorder recorder(database, run);
    std::vector<store::MetricPoint> counted;
    std::vector<store::HistogramRecord> histograms;
    store::splitTrainingRecord(loggingRecord(0), counted, histograms);
    for (std::int64_t step = 1; step <= steps; ++step)
      recorder.addTrainingRecord(loggingRecord(step));
    recorder.finish(store::RunStatus::Finished);
    points = counted.size() * static_cast<std::size_t>(steps);
  }
  const double writeSeconds = secondsSince(start);

  // 1 000 runs, 10 series of 10 000 points on one of them.
  store::History history(database);
  std::int64_t seriesRun = 0;
  for (int i = 0; i < 1000; ++i) {
    store::NewRun run;
    run.kind = i % 3 == 0 ? "eval" : "train";
    run.name = "run " + std::to_string(i);
    run.options = {{"temperature", 0.01 * (i % 5)}, {"learning_rate", 1e-5}, {"seed", i}};
    run.tags = {i % 2 == 0 ? "even" : "odd"};
    const std::int64_t id = history.startRun(run);
    history.finishRun(id, store::RunStatus::Finished);
    if (i == 0) seriesRun = id;
  }
  for (int s = 0; s < 10; ++s) {
    std::vector<store::MetricPoint> series;
    for (std::int64_t step = 0; step < 10000; ++step)
      series.push_back({step, "series_" + std::to_string(s), static_cast<double>(step)});
    history.addMetrics(seriesRun, series);
  }
  std::size_t listed = 0;
  const double listSeconds =
      embedlab::bench::bestSeconds(3, [&] { listed = history.listRuns().size(); });
  std::size_t loaded = 0;
  const double seriesSeconds = embedlab::bench::bestSeconds(3, [&] {
    loaded = 0;
    for (int s = 0; s < 10; ++s)
      loaded += history.metricSeries(seriesRun, "series_" + std::to_string(s)).size();
  });
  std::printf(
      "{\"bench\":\"history_write\",\"steps\":%lld,\"points\":%zu,\"seconds\":%.3f,"
      "\"points_per_second\":%.0f,\"records_per_second\":%.0f}\n",
      static_cast<long long>(steps), points, writeSeconds,
      static_cast<double>(points) / writeSeconds, static_cast<double>(steps) / writeSeconds);
  std::printf(
      "{\"bench\":\"history_read\",\"runs_listed\":%zu,\"list_seconds\":%.4f,\"series_points\":%zu,"
      "\"series_seconds\":%.4f}\n",
      listed, listSeconds, loaded, seriesSeconds);
  std::filesystem::remove_all(folder);
  return 0;
}
