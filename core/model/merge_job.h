// A whole merge job: check the models can be merged, choose the weights (given, from a few
// examples' losses, or the best of a sweep evaluated on a target set, optionally watching a
// general set), and write the merged model (with merge_sweep.json after a sweep). The CLI's
// `merge` is a flag table over MergeOptions and this runner.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/common/progress.h"
#include "core/model/merge_options.h"

namespace embedlab::model {

/// One mix of a sweep: the first model's weight and the metric it reached.
struct SweepPoint {
  double weight = 0;
  double target = 0;
  std::optional<double> general;
};

/// Where a merge job reports to; every member may be left empty.
struct MergeContext {
  ProgressObserver* progress = nullptr;
  const CancellationToken* cancel = nullptr;
  std::function<void(const std::string&)> onNote;       ///< what it chose and why, a line each
  std::function<void(const SweepPoint&)> onSweepPoint;  ///< each mix as soon as it is scored
};

struct MergeJobResult {
  std::vector<double> weights;  ///< the weights the model was merged with
  MergeResult merge;
  std::vector<double> exampleLosses;  ///< with weights_from_examples, per model
  std::vector<SweepPoint> sweep;      ///< with a sweep, in grid order
  /// What the history keeps: the weights, the example losses, the sweep table.
  nlohmann::json summary;
};

/// Runs the job `options` describe (validated first). Errors: UsageError, InputError,
/// CancelledError; the output folder is written only at the end (a sweep's mixes go to a
/// scratch folder beside it, removed afterwards).
MergeJobResult runMergeJob(const MergeOptions& options, const MergeContext& context = {});

}  // namespace embedlab::model
