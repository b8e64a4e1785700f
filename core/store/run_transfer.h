// Runs in and out of the history. Export: one run with everything recorded for it, as JSON (the
// run, its metric series, histograms, evaluation results and summaries) or as CSV (one row per
// metric point and evaluation result, for spreadsheets). Import: a run folder written by
// `train` elsewhere (a server, a cluster) becomes a run here, from its training_options.json and
// metrics.jsonl.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "core/store/history.h"

namespace embedlab::store {

/// The run's own fields (no series).
nlohmann::json toJson(const Run& run);

nlohmann::json exportRunJson(History& history, std::int64_t run);

/// "run_id,kind,step,name,value,model,dataset" rows: metric points (no model or dataset), then
/// evaluation results (no step). Text fields are quoted as RFC 4180 says.
std::string exportRunCsv(History& history, std::int64_t run);

struct ImportResult {
  std::int64_t run = 0;
  std::size_t records = 0;    ///< metrics.jsonl lines read
  bool alreadyThere = false;  ///< the folder was imported before; `run` is that run
};

/// Imports a training run folder. Status: finished when the final model is at the folder's
/// root, else interrupted. Throws InputError naming the file and line of anything unreadable.
ImportResult importRunFolder(History& history, const std::filesystem::path& folder);

}  // namespace embedlab::store
